"""The drive report: goods against goals, intake over time, donors, value,
where the goods went, rejected goods, corrections and receipts."""
