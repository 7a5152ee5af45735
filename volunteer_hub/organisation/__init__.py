"""The organisation that runs this installation: its profile, seal and logo."""
