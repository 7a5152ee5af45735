"""Public verification of a receipt: by its code or by its PDF."""
