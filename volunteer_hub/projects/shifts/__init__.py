"""Projects and their shifts: create, edit, copy into a weekly series, cancel."""
