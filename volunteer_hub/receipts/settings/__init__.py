"""The receipt settings (admins): automatic issue, language, paper, numbers."""
