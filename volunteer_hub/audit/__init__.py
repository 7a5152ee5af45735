"""Append-only audit events written by services for every change."""
