"""Keep the translation catalogues complete.

    python tools/i18n.py update    extract strings, update both catalogues,
                                   copy msgid to msgstr in the English one
    python tools/i18n.py check     exit 1 listing every untranslated or fuzzy entry
    python tools/i18n.py fill F.json  set zh_Hans entries from {msgid: msgstr}
    python tools/i18n.py compile   build the .mo files

Run ``update``, fill the empty ``msgstr`` entries in the zh_Hans catalogue, then
``check``. Locations are left out of the catalogues so that parallel work merges.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "volunteer_hub" / "translations"
POT = ROOT / "volunteer_hub" / "translations" / "messages.pot"
LOCALES = ("zh_Hans", "en")


def po_path(locale: str) -> Path:
    return TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"


def pybabel(*args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "-q", *args],
        check=True,
        cwd=ROOT,
    )


def load(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


def save(catalog, path: Path) -> None:
    with path.open("wb") as handle:
        write_po(
            handle,
            catalog,
            no_location=True,
            sort_output=True,
            width=0,
            omit_header=False,
            include_previous=False,
        )


def update() -> None:
    pybabel(
        "extract",
        "-F",
        "babel.cfg",
        "-k",
        "_l",
        "--no-location",
        "--sort-output",
        "--omit-header",
        # pybabel skips folders whose name starts with "_" unless told: the
        # shared macros (templates/_macros/) hold strings too.
        "--ignore-dirs",
        ".* .venv node_modules",
        "-o",
        str(POT),
        ".",
    )
    for locale in LOCALES:
        if not po_path(locale).exists():
            pybabel("init", "-i", str(POT), "-d", str(TRANSLATIONS), "-l", locale)
    pybabel(
        "update",
        "-i",
        str(POT),
        "-d",
        str(TRANSLATIONS),
        "--no-fuzzy-matching",
        "--ignore-obsolete",
        "--ignore-pot-creation-date",
    )
    english = load(po_path("en"))
    for message in english:
        if message.id and not _complete(message):
            message.string = message.id
            message.flags.discard("fuzzy")
    save(english, po_path("en"))
    save(load(po_path("zh_Hans")), po_path("zh_Hans"))


def _complete(message) -> bool:
    if "fuzzy" in message.flags:
        return False
    if isinstance(message.string, tuple | list):
        return all(message.string)
    return bool(message.string)


def missing(locale: str) -> list[str]:
    return [str(m.id) for m in load(po_path(locale)) if m.id and not _complete(m)]


def check() -> int:
    """Exit code 1 when an entry is untranslated or would not compile (a
    placeholder of the translation that the original lacks, for instance)."""
    problems = 0
    for locale in LOCALES:
        for message_id in missing(locale):
            problems += 1
            print(f"{locale}: untranslated: {message_id!r}")
        for message, errors in load(po_path(locale)).check():
            for error in errors:
                problems += 1
                print(f"{locale}: {message.id!r}: {error}")
    return 1 if problems else 0


def fill(mapping_file: str) -> None:
    """Set zh_Hans translations from a JSON object {msgid: msgstr}."""
    import json

    mapping = json.loads(Path(mapping_file).read_text(encoding="utf-8"))
    catalog = load(po_path("zh_Hans"))
    unknown = [key for key in mapping if key not in catalog]
    for key, value in mapping.items():
        if key in catalog:
            catalog[key].string = value
            catalog[key].flags.discard("fuzzy")
    save(catalog, po_path("zh_Hans"))
    for key in unknown:
        print(f"not in the catalogue (run update first?): {key!r}")


def compile_catalogues() -> None:
    pybabel("compile", "-d", str(TRANSLATIONS), "--use-fuzzy", "--statistics")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command == "update":
        update()
        sys.exit(check())
    if command == "fill":
        fill(sys.argv[2])
        sys.exit(check())
    if command == "compile":
        compile_catalogues()
        sys.exit(0)
    sys.exit(check())
