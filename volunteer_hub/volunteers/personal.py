"""Personal data helpers: names, phone numbers, ID numbers, masking, encryption.

ID numbers are encrypted with a key derived from the application's SECRET_KEY
(HKDF-SHA256 → Fernet, i.e. AES-128-CBC with HMAC). Changing SECRET_KEY makes
stored ID numbers unreadable (they are then shown as "cannot be read"), which is
why the masked form is stored beside the token.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import re
import unicodedata

from flask import current_app, g, has_app_context
from flask_babel import lazy_gettext as _l

from volunteer_hub.errors import DomainError
from volunteer_hub.lazy import LazyModule

# Loaded on first use: phone numbers and ID numbers are not needed at start.
phonenumbers = LazyModule("phonenumbers")
fernet = LazyModule("cryptography.fernet")
hashes = LazyModule("cryptography.hazmat.primitives.hashes")
hkdf = LazyModule("cryptography.hazmat.primitives.kdf.hkdf")

NAME_MAX = 50
# Characters allowed in a name besides letters and combining marks: spaces,
# hyphens, apostrophes, full stops and the middle dots used between the parts
# of transliterated names (阿依古丽·买买提).
_NAME_PUNCTUATION = set(" -'’.·•・")
_ID_PRC = re.compile(r"^\d{17}[\dX]$")
_ID_OTHER = re.compile(r"^[A-Z0-9()\-]{5,30}$")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def clean_name(raw: str | None) -> str:
    """A person's name in any script, tidied; raises DomainError on ``name``.

    Letters of every script (including rare CJK characters outside the BMP),
    combining marks, spaces, hyphens, apostrophes and middle dots are accepted.
    """
    name = unicodedata.normalize("NFC", " ".join((raw or "").split()))
    if not name:
        raise DomainError(_l("Please enter your name."), "name")
    if len(name) > NAME_MAX:
        raise DomainError(
            _l("A name can have at most %(n)d characters.", n=NAME_MAX), "name"
        )
    for char in name:
        if char in _NAME_PUNCTUATION or unicodedata.category(char)[0] in "LM":
            continue
        raise DomainError(
            _l("A name can contain letters, spaces, hyphens and dots only."), "name"
        )
    if not any(unicodedata.category(c)[0] == "L" for c in name):
        raise DomainError(_l("Please enter your name."), "name")
    return name


@functools.cache
def _mobile_types() -> frozenset:
    kinds = phonenumbers.PhoneNumberType
    return frozenset({kinds.MOBILE, kinds.FIXED_LINE_OR_MOBILE, kinds.PERSONAL_NUMBER})


def normalise_phone(raw: str | None, region: str = "CN") -> str:
    """The mobile number ``raw`` in E.164; raises DomainError on ``phone``."""
    text = (raw or "").strip()
    if not text:
        raise DomainError(_l("Please enter your mobile number."), "phone")
    if len(text) > 30:
        raise DomainError(_l("This is not a valid mobile number."), "phone")
    # A sign-up checks the number in the form and again in the service;
    # parsing costs ~0.1 ms, so a request parses each number once (kept in
    # ``g`` only: no phone number outlives its request).
    memo = g.setdefault("parsed_phones", {}) if has_app_context() else {}
    key = (text, region or "CN")
    if key not in memo:
        memo[key] = _mobile_e164(*key)
        # The service gets the form's answer (E.164), which is its own answer.
        if memo[key].startswith("+"):
            memo[(memo[key], key[1])] = memo[key]
    found = memo[key]
    if found == LANDLINE:
        raise DomainError(_l("Please enter a mobile number, not a landline."), "phone")
    if not found:
        raise DomainError(_l("This is not a valid mobile number."), "phone")
    return found


LANDLINE = "landline"


def _mobile_e164(text: str, region: str) -> str:
    """E.164 of a mobile number, ``LANDLINE``, or "" for no valid number."""
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_valid_number(number):
        return ""
    if phonenumbers.number_type(number) not in _mobile_types():
        return LANDLINE
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(e164: str | None) -> str:
    """A stored number for people to read: national form for +86, else international."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(
        number, phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )


def mask_phone(e164: str | None) -> str:
    """``+86 138****8000``: country code, first three and last four digits."""
    if not e164:
        return ""
    if (
        e164[:3] == "+86"
        and e164[3:4] != "0"
        and e164[3:].isdecimal()
        and e164.isascii()
    ):
        # Stored numbers are E.164 and no other country code begins with 86:
        # the roster masks 50 a page, and parsing each costs more than its row.
        country, national = 86, e164[3:]
    else:
        try:
            number = phonenumbers.parse(e164, None)
        except phonenumbers.NumberParseException:
            return "****"
        country, national = number.country_code, str(number.national_number)
    if len(national) <= 7:
        shown = national[:2] + "*" * (len(national) - 2)
    else:
        shown = national[:3] + "*" * (len(national) - 7) + national[-4:]
    return f"+{country} {shown}"


def mask_name(name: str) -> str:
    """张*, 张*燚, J*** S****: enough to recognise, not enough to identify."""
    if not name:
        return ""
    if " " in name:
        return " ".join(part[:1] + "*" * (len(part) - 1) for part in name.split())
    if len(name) <= 2:
        return name[:1] + "*" * (len(name) - 1)
    return name[0] + "*" * (len(name) - 2) + name[-1]


def mask_email(email: str | None) -> str:
    if not email or "@" not in email:
        return ""
    local, _, domain = email.partition("@")
    return f"{local[:1]}***@{domain}"


def clean_id_number(raw: str | None) -> str | None:
    """An ID number in upper case without spaces, or None when empty.

    An 18-character mainland resident ID must pass its check digit; other
    documents (passport, HK/Macao/Taiwan permits) need 5–30 letters and digits.
    Raises DomainError on ``id_number``.
    """
    text = re.sub(r"\s+", "", raw or "").upper()
    if not text:
        return None
    if _ID_PRC.match(text):
        total = sum(int(d) * w for d, w in zip(text[:17], _ID_WEIGHTS, strict=True))
        if _ID_CHECK[total % 11] != text[17]:
            raise DomainError(
                _l("This ID number is not valid; please check it."), "id_number"
            )
        return text
    if not _ID_OTHER.match(text):
        raise DomainError(
            _l("This ID number is not valid; please check it."), "id_number"
        )
    return text


def mask_id_number(id_number: str) -> str:
    """First three and last four characters: ``110***********123X``."""
    if len(id_number) <= 7:
        return id_number[:1] + "*" * (len(id_number) - 1)
    return id_number[:3] + "*" * (len(id_number) - 7) + id_number[-4:]


def _fernet():
    secret = current_app.config["SECRET_KEY"]
    key = hkdf.HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=None,
        info=b"volunteer-hub id numbers",
    ).derive(secret.encode() if isinstance(secret, str) else secret)
    return fernet.Fernet(base64.urlsafe_b64encode(key))


def protect(value: str) -> bytes:
    """Encrypt a value for storage."""
    return _fernet().encrypt(value.encode("utf-8"))


def unprotect(token: bytes | None) -> str | None:
    """Decrypt a stored value; None if absent or no longer readable."""
    if not token:
        return None
    try:
        return _fernet().decrypt(bytes(token)).decode("utf-8")
    except (fernet.InvalidToken, ValueError):
        return None


def derived_secret(purpose: str, token: str) -> str:
    """A 43-character secret only this server can compute from ``token``.

    Used for the personal link of a sign-up, so that a repeated submit of the
    same form can show the same link again (see ``services.sign_up``).
    """
    key = current_app.config["SECRET_KEY"]
    key = key.encode() if isinstance(key, str) else key
    digest = hmac.new(key, f"{purpose}:{token}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
