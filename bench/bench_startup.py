"""One web worker at start: its memory and how long ``import wsgi`` takes.

The baseline is a bare Flask + Flask-SQLAlchemy + Flask-WTF (WTForms) process
that defines one model and one form and creates its app on a SQLite file, the
least a worker of this kind can be. Each figure is the median of fresh
processes started one after the other; the "ratio" of the memory row is RSS
over RSS, given in the table's millisecond columns as megabytes.

Both start from bytecode, as installed code does: the baseline's libraries
were compiled by pip, the project by ``make install`` (``compileall``, done
here too). Without it, each fresh process compiled every module of the
project (this machine sets PYTHONDONTWRITEBYTECODE, so none was ever cached).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile

from common import ROOT, Result, load_note

RUNS = int(os.environ.get("BENCH_STARTUP_RUNS", "5"))
MEASURE = """
import json, sys, time
start = time.perf_counter()
{body}
seconds = time.perf_counter() - start
with open("/proc/self/status") as status:
    rss = next(int(line.split()[1]) for line in status if line.startswith("VmRSS"))
heavy = [m for m in ("numpy", "scipy", "weasyprint", "pyhanko") if m in sys.modules]
print(json.dumps({{"seconds": seconds, "rss_kb": rss, "heavy": heavy}}))
"""
BARE = """
from flask import Flask
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import FlaskForm
from sqlalchemy.orm import Mapped, mapped_column
from wtforms import StringField

db = SQLAlchemy()

class Note(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str]

class NoteForm(FlaskForm):
    text = StringField("text")

app = Flask(__name__)
app.config.update(SECRET_KEY="bare", SQLALCHEMY_DATABASE_URI="sqlite:///{path}")
db.init_app(app)
"""


def compile_project() -> None:
    """What ``make install`` does: the project's bytecode, where it is stale."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", "volunteer_hub", "wsgi.py"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def _start(body: str, folder: str) -> dict:
    env = dict(os.environ, VH_INSTANCE_PATH=folder, PYTHONDONTWRITEBYTECODE="1")
    env.pop("DATABASE_URL", None)
    output = subprocess.run(
        [sys.executable, "-c", MEASURE.format(body=body)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def _median(runs: list[dict], key: str) -> float:
    return statistics.median(run[key] for run in runs)


def run() -> list[Result]:
    compile_project()
    folder = tempfile.mkdtemp(prefix="vh-bench-startup-")
    bare_body = BARE.format(path=os.path.join(folder, "bare.sqlite3"))
    _start("import wsgi", folder)  # creates the instance folder's files once
    bare, subject = [], []
    for _ in range(RUNS):  # interleaved, so both see the same machine load
        bare.append(_start(bare_body, folder))
        subject.append(_start("import wsgi", folder))
    heavy = sorted({name for run in subject for name in run["heavy"]})
    loaded = ", ".join(heavy) if heavy else "none of numpy, scipy, weasyprint, pyhanko"
    return [
        Result(
            "startup",
            "web worker RSS after `import wsgi` (figures in MB)",
            "bare Flask + SQLAlchemy + WTForms process",
            _median(subject, "rss_kb") / 1024 / 1000,
            _median(bare, "rss_kb") / 1024 / 1000,
            note=f"loaded at start: {loaded}; {load_note()}",
        ),
        Result(
            "startup",
            "`import wsgi` (create_app included)",
            "bare Flask + SQLAlchemy + WTForms process",
            _median(subject, "seconds"),
            _median(bare, "seconds"),
            note=f"median of {RUNS} fresh processes; {load_note()}",
        ),
    ]
