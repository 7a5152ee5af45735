"""Invitations, the volunteer's replies, reminders and the chat text."""
