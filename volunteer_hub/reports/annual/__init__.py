"""The annual summary: what the organisation received, gave out and did in a year."""
