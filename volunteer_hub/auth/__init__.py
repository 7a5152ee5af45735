"""Staff accounts, roles, login, first-run set-up and invitations."""
