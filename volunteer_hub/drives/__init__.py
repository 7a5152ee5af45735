"""In-kind donation drives: goals, pledges, intake, stock ledger, distributions."""
