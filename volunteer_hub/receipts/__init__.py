"""Receipts: immutable, gapless-numbered PDF acknowledgments that donors verify."""
