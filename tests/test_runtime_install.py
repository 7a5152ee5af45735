"""A production install has only requirements.txt: everything the application
imports must come from it.

The test builds a virtual environment from requirements.txt alone (cached under
``.venv/`` by the file's hash, so only a change of requirements pays for the
install) and imports there every module that ``volunteer_hub/`` and ``wsgi.py``
import, including the imports inside functions, which a start-up check never
reaches.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REQUIREMENTS = ROOT / "requirements.txt"
OURS = "volunteer_hub"


def application_sources() -> list[Path]:
    return sorted((ROOT / OURS).rglob("*.py")) + [ROOT / "wsgi.py"]


def _third_party(module: str) -> bool:
    top = module.partition(".")[0]
    return top not in sys.stdlib_module_names and top not in {OURS, "__future__"}


def imported_names(paths: list[Path]) -> dict[str, set[str]]:
    """Each third-party module imported anywhere in ``paths`` (at any depth of
    the syntax tree), with the names taken from it by ``from … import``."""
    found: dict[str, set[str]] = {}
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    found.setdefault(alias.name, set())
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = {alias.name for alias in node.names} - {"*"}
                found.setdefault(node.module, set()).update(names)
    return {m: names for m, names in found.items() if _third_party(m)}


# Run inside the runtime-only environment: a ``from X import y`` is satisfied by
# an attribute of X or by a submodule X.y.
IMPORT_ALL = """
import importlib, json, sys
failures = []
for module, names in json.loads(sys.argv[1]).items():
    try:
        loaded = importlib.import_module(module)
        for name in names:
            if not hasattr(loaded, name):
                importlib.import_module(f"{module}.{name}")
    except Exception as error:
        failures.append(f"{module}: {type(error).__name__}: {error}")
print("\\n".join(failures))
sys.exit(1 if failures else 0)
"""


def runtime_venv() -> Path:
    """A virtual environment with requirements.txt only, built once per version
    of the file (and of Python) and kept under .venv/."""
    digest = hashlib.sha256(REQUIREMENTS.read_bytes() + sys.version.encode())
    target = ROOT / ".venv" / f"runtime-only-{digest.hexdigest()[:16]}"
    if (target / "ok").exists():
        return target
    building = target.with_name(f"{target.name}.building-{os.getpid()}")
    shutil.rmtree(building, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(building)], check=True)
    install = subprocess.run(
        [str(building / "bin" / "python"), "-m", "pip", "install", "-q"]
        + ["--disable-pip-version-check", "-r", str(REQUIREMENTS)],
        capture_output=True,
        text=True,
    )
    if install.returncode != 0:
        shutil.rmtree(building, ignore_errors=True)
        pytest.fail(f"pip install -r requirements.txt failed:\n{install.stderr}")
    (building / "ok").touch()
    try:
        building.rename(target)
    except OSError:  # another run finished first
        shutil.rmtree(building, ignore_errors=True)
    for old in target.parent.glob("runtime-only-*"):
        if old != target and "." not in old.name:  # older requirements
            shutil.rmtree(old, ignore_errors=True)
    return target


def test_the_scan_sees_imports_inside_functions(tmp_path):
    source = tmp_path / "sample.py"
    source.write_text(
        "import os\nfrom . import here\nfrom flask import Flask\n"
        "def later():\n    from pypdf.errors import PyPdfError\n    import qrcode\n"
    )
    assert imported_names([source]) == {
        "flask": {"Flask"},
        "pypdf.errors": {"PyPdfError"},
        "qrcode": set(),
    }


@pytest.mark.slow
def test_every_import_works_with_runtime_requirements_only(tmp_path):
    modules = imported_names(application_sources())
    assert "flask" in modules and "weasyprint" in modules  # the scan works
    python = runtime_venv() / "bin" / "python"
    # Outside the checkout, so nothing resolves to the repository's own files;
    # -I ignores PYTHONPATH and the user's site-packages.
    payload = json.dumps({m: sorted(n) for m, n in sorted(modules.items())})
    result = subprocess.run(
        [str(python), "-I", "-c", IMPORT_ALL, payload],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, (
        "missing from requirements.txt (only the tests' requirements have them?):\n"
        + result.stdout
        + result.stderr[-2000:]
    )
