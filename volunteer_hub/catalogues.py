"""Compiled translations, made from the catalogues when the application starts.

The repository holds only the ``.po`` catalogues. An installation that skipped
``make`` (a fresh checkout started by gunicorn or systemd) would otherwise answer
every request in English. Compiling takes a fraction of a second and happens only
when a ``.mo`` file is missing or older than its catalogue.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

logger = logging.getLogger(__name__)
SOURCE = Path(__file__).resolve().parent / "translations"


def _stale(po: Path, mo: Path) -> bool:
    return not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime


def compile_catalogue(po: Path, mo: Path) -> None:
    """Write ``mo`` from ``po`` atomically: several workers may start at once."""
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=po.parent.parent.name)
    mo.parent.mkdir(parents=True, exist_ok=True)
    partial = mo.with_name(f".{mo.name}.{os.getpid()}")
    with partial.open("wb") as handle:
        write_mo(handle, catalog, use_fuzzy=True)
    os.replace(partial, mo)


def compiled_translations(fallback: Path, source: Path | None = None) -> str:
    """The folder of up-to-date ``.mo`` files for Flask-Babel: the catalogues'
    own folder, or ``fallback`` (in the instance folder) when that one cannot be
    written, as on a read-only installation."""
    source = source or SOURCE
    catalogues = sorted(source.glob("*/LC_MESSAGES/*.po"))
    for target in (source, fallback):
        try:
            for po in catalogues:
                mo = target / po.relative_to(source).with_suffix(".mo")
                if _stale(po, mo):
                    compile_catalogue(po, mo)
        except OSError as error:
            logger.warning("cannot compile translations into %s: %s", target, error)
            continue
        return str(target)
    return str(source)
