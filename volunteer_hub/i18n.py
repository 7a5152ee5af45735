"""Language choice: ``?lang=`` kept in the session, then Accept-Language, then the
organisation's default."""

from __future__ import annotations

from flask import current_app, has_request_context, request, session

from volunteer_hub.organisation.services import organisation_profile

# What people may type after ?lang= and the locale each one means.
LANG_ALIASES = {
    "zh": "zh_Hans",
    "zh_hans": "zh_Hans",
    "zh-hans": "zh_Hans",
    "zh-cn": "zh_Hans",
    "zh_cn": "zh_Hans",
    "en": "en",
}


def remember_requested_language() -> None:
    """Store a valid ``?lang=`` in the session; ignore anything else."""
    wanted = request.args.get("lang", "")
    locale = LANG_ALIASES.get(wanted.strip().lower()[:10])
    if locale:
        session["lang"] = locale


def select_locale() -> str:
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = session.get("lang")
    if chosen in current_app.config["LANGUAGES"]:
        return chosen
    best = request.accept_languages.best_match(
        ["zh", "zh-CN", "zh-Hans", "zh-SG", "en"]
    )
    if best:
        return "en" if best.startswith("en") else "zh_Hans"
    org = organisation_profile()
    if org and org.default_locale in current_app.config["LANGUAGES"]:
        return org.default_locale
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def select_timezone() -> str:
    org = organisation_profile()
    return org.timezone if org else current_app.config["BABEL_DEFAULT_TIMEZONE"]


def html_lang(locale) -> str:
    """The BCP 47 tag for ``<html lang>``."""
    return "en" if str(locale).startswith("en") else "zh-Hans"
