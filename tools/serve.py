"""``make run``: gunicorn (deploy/gunicorn.conf.py) plus one job worker.

With ``REDIS_URL`` the worker is ``flask --app wsgi jobs worker`` (RQ); without
it, the application starts a local worker process for each batch by itself.
Ctrl-C (or SIGTERM) stops everything; if one process dies, the others are
stopped too, so nothing half-works unnoticed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def commands(environ: dict[str, str]) -> list[list[str]]:
    found = [[str(BIN / "gunicorn"), "-c", str(ROOT / "deploy" / "gunicorn.conf.py")]]
    if environ.get("REDIS_URL"):
        found.append([str(BIN / "flask"), "--app", "wsgi", "jobs", "worker"])
    return found


def environment() -> dict[str, str]:
    environ = dict(os.environ)
    environ.pop("FLASK_DEBUG", None)
    environ["VH_ENV"] = "production"
    # Plain http on this computer only: the browser would refuse secure cookies.
    if environ.get("HOST", "127.0.0.1") in LOOPBACK:
        environ.setdefault("SESSION_COOKIE_SECURE", "false")
    return environ


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + 35
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main() -> int:
    environ = environment()
    processes = [subprocess.Popen(c, cwd=ROOT, env=environ) for c in commands(environ)]
    stopping = []
    signal.signal(signal.SIGINT, lambda *_: stopping.append(True))
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    code = 0
    while not stopping:
        ended = [p for p in processes if p.poll() is not None]
        if ended:
            code = ended[0].returncode or 1
            print(f"{ended[0].args[0]} stopped (exit {code}); stopping the rest.")
            break
        time.sleep(0.5)
    stop(processes)
    return code


if __name__ == "__main__":
    sys.exit(main())
