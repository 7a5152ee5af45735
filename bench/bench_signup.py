"""Volunteer sign-ups under the production server, against a bare Flask handler.

The subject is ``make run``'s server: ``tools/serve.py`` starts gunicorn with
``deploy/gunicorn.conf.py`` (2 workers) on a fresh, migrated SQLite database in
a temporary instance folder, trusting one proxy (``TRUSTED_PROXIES=1``) so that
rate limits key on each client's ``X-Forwarded-For``. The baseline, in the
same run, is ``bench/bare_signup.py`` under the same gunicorn settings and
worker count: Flask and sqlite3 (WAL) inserting the same volunteer row.

32 clients (``bench/signup_load.py``) post distinct sign-ups for a fixed time
against each in turn. Afterwards the databases must hold exactly the accepted
sign-ups. Throughput is shown as time per request (1 / requests a second), so
the ratio is how many times fewer sign-ups a second the application takes.

The sign-up limit (10 a minute per address) is for a person; a bench client
posts hundreds a minute, so the bench's ``instance/config.py`` raises it: the
limiter still counts every POST, it only never refuses one.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from common import ROOT, Result, load_note
from signup_load import Tally, clients, run_load

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
CLIENTS = 32
WORKERS = 2
# Measured seconds per server, in ROUNDS turns, each after WARMUP seconds.
SECONDS = float(os.environ.get("BENCH_SIGNUP_SECONDS", "18"))
ROUNDS = 3
WARMUP = 2.0
SIGNUP_LIMIT = "1000000 per minute"
SET_UP = """
from wsgi import app
from volunteer_hub.extensions import db
from volunteer_hub.organisation.services import create_organisation
from volunteer_hub.volunteers.admin import services

with app.app_context():
    create_organisation(
        name_zh="测试志愿者协会", name_en="Bench Association", country="CN",
        default_locale="zh_Hans", currency="CNY", timezone="Asia/Shanghai",
        jurisdiction="cn",
    )
    services.ensure_specialties()
    services.current_notice()
    services.current_settings()
    db.session.commit()
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _environment(folder: Path, port: int) -> dict[str, str]:
    env = dict(os.environ, VH_INSTANCE_PATH=str(folder), HOST="127.0.0.1")
    for name in ("DATABASE_URL", "REDIS_URL", "FLASK_DEBUG", "VH_ENV"):
        env.pop(name, None)
    env.update(PORT=str(port), WEB_CONCURRENCY=str(WORKERS), TRUSTED_PROXIES="1")
    return env


def _prepare_instance(folder: Path, env: dict[str, str]) -> None:
    """A migrated database with an organisation, the taxonomy and the notice."""
    (folder / "config.py").write_text(f"SIGNUP_RATE_LIMIT = {SIGNUP_LIMIT!r}\n")
    for command in (
        [str(BIN / "flask"), "--app", "wsgi", "db", "upgrade"],
        [sys.executable, "-c", SET_UP],
    ):
        subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)


def _wait_until_ready(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped (exit {process.returncode})")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/signup")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError("the server did not answer within 90 s")


TICKS = os.sysconf("SC_CLK_TCK")


@contextlib.contextmanager
def _serving(command: list[str], env: dict[str, str], log: Path):
    """A server process until the block ends; its stderr goes to ``log``."""
    with open(log, "wb") as errors:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=errors
        )
    try:
        _wait_until_ready(int(env["PORT"]), process)
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)


def _tree_cpu(root: int) -> float:
    """CPU seconds (user + system) used so far by ``root`` and its descendants."""
    parents, cpu = {}, {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
        cpu[int(entry.name)] = (int(fields[11]) + int(fields[12])) / TICKS
    tree, grown = {root}, True
    while grown:
        found = {pid for pid, parent in parents.items() if parent in tree}
        grown = not found <= tree
        tree |= found
    return sum(cpu.get(pid, 0.0) for pid in tree)


def _stored(database: Path, query: str) -> list[str]:
    connection = sqlite3.connect(database)
    try:
        return [row[0] for row in connection.execute(query)]
    finally:
        connection.close()


def _check(tally: Tally, stored: list[str], prefix: str = "") -> str:
    """Whether the database holds exactly the accepted sign-ups."""
    accepted = sorted(prefix + phone for phone in tally.accepted)
    if sorted(stored) == accepted:
        return f"{len(stored):,} rows = accepted"
    return f"ROWS DIFFER: {len(stored):,} stored, {len(accepted):,} accepted"


@dataclass
class Server:
    command: list[str]
    env: dict[str, str]
    database: Path
    query: str
    prefix: str = ""  # what the application puts before a stored phone number

    def check(self, tally: Tally) -> str:
        return _check(tally, _stored(self.database, self.query), self.prefix)


def _subject(folder: Path) -> Server:
    """The application as ``make run`` serves it."""
    env = _environment(folder, _free_port())
    _prepare_instance(folder, env)
    command = [sys.executable, str(ROOT / "tools" / "serve.py")]
    query = "SELECT phone FROM volunteers WHERE source = 'signup'"
    return Server(command, env, folder / "volunteer_hub.sqlite3", query, "+86")


def _baseline(folder: Path) -> Server:
    """The bare handler under the same gunicorn settings."""
    from bare_signup import create_schema

    database = folder / "bare.sqlite3"
    create_schema(str(database))
    env = dict(_environment(folder, _free_port()), BARE_SIGNUP_DB=str(database))
    config = str(ROOT / "deploy" / "gunicorn.conf.py")
    command = [str(BIN / "gunicorn"), "-c", config, "--chdir", str(HERE)]
    command.append("bare_signup:app")
    return Server(command, env, database, "SELECT phone FROM volunteers")


def _measure(servers: list[Server], log: Path) -> list[Tally]:
    """Both servers up; their loads take turns, so both meet the same machine."""
    tallies = [Tally() for _ in servers]
    with contextlib.ExitStack() as stack:
        crowds, processes = [], []
        for n, server in enumerate(servers):
            log_file = log / f"{n}.log"
            processes.append(
                stack.enter_context(_serving(server.command, server.env, log_file))
            )
            crowds.append(clients(int(server.env["PORT"]), CLIENTS))
        for _round in range(ROUNDS):
            for crowd, tally, process in zip(crowds, tallies, processes, strict=True):
                before = _tree_cpu(process.pid)
                run_load(crowd, tally, SECONDS / ROUNDS, WARMUP)
                tally.server_cpu += _tree_cpu(process.pid) - before
    return tallies


def _errors(tally: Tally) -> str:
    if not tally.errors:
        return "0 errors"
    return f"{len(tally.errors)} ERRORS (first: {tally.errors[0]})"


def _cpu(tally: Tally, seconds: float) -> str:
    """Milliseconds of CPU a request (``seconds`` in all, warm-ups included)."""
    return f"{seconds / max(1, len(tally.accepted) + len(tally.errors)) * 1000:.2f}"


def run() -> list[Result]:
    folder = Path(tempfile.mkdtemp(prefix="vh-bench-signup-"))
    (folder / "app").mkdir()
    servers = [_baseline(folder), _subject(folder / "app")]
    bare, subject = _measure(servers, folder)
    bare_rows, rows = servers[0].check(bare), servers[1].check(subject)
    load = load_note()
    shape = f"{WORKERS} workers, {CLIENTS} clients, {SECONDS:.0f} s"
    return [
        Result(
            "signup",
            f"sign-up POST under `make run`'s server ({shape}): 1 / throughput",
            "bare Flask + SQLite (WAL) handler inserting the same row, same server",
            1 / subject.per_second,
            1 / bare.per_second,
            note=(
                f"{subject.per_second:.0f} against {bare.per_second:.0f} req/s"
                f" ({subject.per_second / bare.per_second:.2f}× the bare throughput);"
                f" {_errors(subject)} (bare: {_errors(bare)}); {rows}"
                f" (bare: {bare_rows}); server CPU {_cpu(subject, subject.server_cpu)}"
                f" ms a request (bare: {_cpu(bare, bare.server_cpu)}), load generator"
                f" {_cpu(subject, subject.client_cpu)} (bare:"
                f" {_cpu(bare, bare.client_cpu)}); {load}"
            ),
        ),
        Result(
            "signup",
            f"sign-up POST p99 latency ({shape})",
            "bare Flask + SQLite (WAL) handler, same server",
            subject.percentile(99),
            bare.percentile(99),
            note=(
                f"p50 {subject.percentile(50) * 1000:.0f} ms against"
                f" {bare.percentile(50) * 1000:.0f} ms; {load}"
            ),
        ),
    ]
