"""Service certificates (志愿服务记录证明): issue, store, verify.

``volunteer_hub.volunteers.certificates`` was a module before; its public
functions stay importable from here for other features' callers.
"""

from volunteer_hub.volunteers.certificates.services import (
    certificates_of,
    find_certificate,
    issue_certificate,
    render_certificate,
)

__all__ = [
    "certificates_of",
    "find_certificate",
    "issue_certificate",
    "render_certificate",
]
