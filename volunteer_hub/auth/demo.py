"""Demo data: one staff account per role, all with the same password."""

from __future__ import annotations

from volunteer_hub.auth.services import create_user

DEMO_PASSWORD = "demo-password-2026"
DEMO_STAFF = (
    ("admin@demo.example", "周敏 (Zhou Min)", "admin"),
    ("coordinator@demo.example", "李华 (Li Hua)", "coordinator"),
    ("viewer@demo.example", "王芳 (Wang Fang)", "viewer"),
)


def load(context: dict) -> None:
    """Add ``context["staff"]``, ``{role: User}``."""
    context["staff"] = {
        role: create_user(email=email, name=name, role=role, password=DEMO_PASSWORD)
        for email, name, role in DEMO_STAFF
    }
