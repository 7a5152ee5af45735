"""Read-only reports: a drive, volunteers over a period, the organisation's year.

Every figure comes from SQL aggregates (``GROUP BY`` in the database); the same
report object renders on screen, as a PDF (``volunteer_hub.pdf``) and as CSV.
"""
