"""Helpers for benchmarks: an app on a scratch database and a median timer.

A benchmark module ``bench/bench_<topic>.py`` defines ``run() -> list[Result]``; each
Result compares a subject (a page, a report) with a baseline measured in the same run
(the bare SQL query it needs, or a trivial page), because only ratios are stable on a
shared machine.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


@dataclass
class Result:
    name: str
    subject: str
    baseline: str
    subject_seconds: float
    baseline_seconds: float
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.subject_seconds / self.baseline_seconds


def load_note() -> str:
    """The machine's load averages now, for the note beside a figure."""
    one, five, _ = os.getloadavg()
    return f"load {one:.1f}/{five:.1f} on {os.cpu_count()} cores"


def median_seconds(action: Callable[[], object], repeat: int = 7, warmup: int = 1):
    """The median wall time of ``action`` over ``repeat`` runs after a warm-up."""
    for _ in range(warmup):
        action()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def median_cpu_seconds(action: Callable[[], object], repeat: int = 15, warmup: int = 1):
    """The median CPU time of ``action`` in this process (``time.process_time``):
    steadier than wall time beside other work on a shared machine."""
    for _ in range(warmup):
        action()
    times = []
    for _ in range(repeat):
        start = time.process_time()
        action()
        times.append(time.process_time() - start)
    return statistics.median(times)


@dataclass
class Pair:
    """Medians of a subject and its baseline measured in turn (see ``paired``)."""

    subject: float
    baseline: float
    subject_cpu: float
    baseline_cpu: float

    @property
    def cpu_note(self) -> str:
        return (
            f"CPU {self.subject_cpu * 1000:.1f} ms against "
            f"{self.baseline_cpu * 1000:.1f} ms "
            f"({self.subject_cpu / self.baseline_cpu:.2f}×)"
        )


def paired(
    subject: Callable[[], object],
    baseline: Callable[[], object],
    repeat: int = 15,
    warmup: int = 2,
) -> Pair:
    """Run ``subject`` and ``baseline`` in turn, ``repeat`` times each, and give
    the medians of their wall and CPU times. Taking turns makes both meet the
    same machine: measured one after the other, whichever runs first (while the
    CPU clocks up, or beside a burst of other work) is measured differently."""
    for _ in range(warmup):
        baseline()
        subject()
    times: dict[str, list[tuple[float, float]]] = {"subject": [], "baseline": []}
    for turn in range(repeat):
        # Alternate which of the two goes first in each turn.
        order = (("subject", subject), ("baseline", baseline))
        for name, action in order if turn % 2 else order[::-1]:
            wall, cpu = time.perf_counter(), time.process_time()
            action()
            times[name].append((time.perf_counter() - wall, time.process_time() - cpu))

    def median(name: str, index: int) -> float:
        return statistics.median(t[index] for t in times[name])

    return Pair(
        median("subject", 0),
        median("baseline", 0),
        median("subject", 1),
        median("baseline", 1),
    )


def bench_app(name: str):
    """A fresh application on a scratch SQLite database, with the schema created."""
    from volunteer_hub import create_app
    from volunteer_hub.extensions import db

    folder = Path(tempfile.mkdtemp(prefix=f"vh-bench-{name}-"))
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "bench",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'bench.sqlite3'}",
            "INSTANCE_PATH": str(folder),
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
            "SESSION_COOKIE_SECURE": False,
        }
    )
    with app.app_context():
        db.create_all()
    return app


def logged_in_client(app, role: str = "coordinator"):
    """A test client logged in as a new staff member of ``role``."""
    from volunteer_hub.auth.services import create_user
    from volunteer_hub.extensions import db

    with app.app_context():
        user = create_user(
            email=f"{role}@bench.example", name=role, role=role, password="x" * 12
        )
        db.session.commit()
        ident = user.get_id()
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = ident
        session["_fresh"] = True
    return client
