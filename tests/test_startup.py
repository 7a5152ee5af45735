"""A web worker starts without the heavy libraries only some requests need.

SciPy (auto-fill), WeasyPrint (PDFs), pyHanko (signed receipts), NumPy
(ranking) and Alembic (``flask db``) are imported when first used; a worker
that starts with them pays their memory for its whole life. So are the
lighter ones that only some pages need: phonenumbers, Argon2 (logins),
cryptography (ID numbers), qrcode with lxml, Pillow (uploaded images).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("scipy", "numpy", "weasyprint", "pyhanko", "alembic", "flask_migrate")
HEAVY += ("phonenumbers", "argon2", "cryptography", "qrcode", "lxml", "PIL")
PROBE = (
    "import json, sys, wsgi; "
    f"print(json.dumps([name for name in {HEAVY!r} if name in sys.modules]))"
)


def test_importing_wsgi_loads_no_heavy_library(tmp_path):
    env = dict(os.environ, VH_INSTANCE_PATH=str(tmp_path))
    for name in ("DATABASE_URL", "REDIS_URL", "RECEIPT_SIGNING_KEY"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []


def test_the_lazy_libraries_load_when_used():
    from volunteer_hub.lazy import LazyModule

    module = LazyModule("colorsys")
    assert module.rgb_to_hsv(1.0, 0.0, 0.0) == (0.0, 1.0, 1.0)
    assert module.load() is sys.modules["colorsys"]
