"""After the shift: who came, and the hours waiting for approval."""
