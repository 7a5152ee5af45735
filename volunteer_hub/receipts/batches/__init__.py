"""Batch issue of receipts and statements as background jobs."""
