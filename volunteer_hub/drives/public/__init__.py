"""The public drive page and its pledge form."""
