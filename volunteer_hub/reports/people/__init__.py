"""The volunteer report: who served, how many hours, in what, and the approved
hours rule (``hours.py``) the annual summary uses too."""
