"""Putting volunteers on shifts: locks, proposals, auto-fill, ranking, weights."""
