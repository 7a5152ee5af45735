"""Run every ``bench/bench_*.py`` and write the figures to docs/benchmarks.md.

``bench/run.py matching startup`` (or ``make bench BENCH="matching startup"``)
runs only those; the other rows of docs/benchmarks.md are kept. Each module
runs in a process of its own.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import os
import platform
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import ROOT, Result  # noqa: E402

# How a child process hands back one result: this prefix, then its JSON.
RESULT = "@@result "


def load_modules(selected: list[str], load: bool = True):
    """``(name, module)`` of each selected ``bench_*.py`` (module None when
    not ``load``)."""
    for path in sorted(HERE.glob("bench_*.py")):
        if selected and path.stem.removeprefix("bench_") not in selected:
            continue
        if not load:
            yield path.stem, None
            continue
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[path.stem] = module  # as an import would (dataclasses ask)
        spec.loader.exec_module(module)
        yield path.stem, module


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    return (
        f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )


def _kept_rows(path: Path, rerun: set[str]) -> list[str]:
    """Rows of the last report for benchmarks not run this time."""
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    header = next((n for n, line in enumerate(lines) if line.startswith("| bench")), 0)
    rows = []
    for line in lines[header + 2 :] if header else ():
        if not line.startswith("| "):
            break  # the end of the table; NOTES.md follows
        rows.append(line)
    return [row for row in rows if row.split("|")[1].strip() not in rerun]


def write_report(results: list[Result], partial: bool = False) -> Path:
    """Write docs/benchmarks.md; a ``partial`` run keeps the other rows."""
    path = ROOT / "docs" / "benchmarks.md"
    kept = _kept_rows(path, {r.name for r in results}) if partial else []
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench`. Each subject is timed against a baseline measured",
        "in the same run on the same data (median of repeated runs); the ratio is",
        "the figure to watch, since absolute times drift on a shared machine.",
        "",
        f"- when: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- machine: {machine()}",
        "",
        "| benchmark | subject | baseline | subject ms | baseline ms | ratio | note |",
        "|---|---|---|---:|---:|---:|---|",
    ]
    if kept:
        lines.insert(-4, "- rows not re-run this time are kept from the last run")
    lines += kept
    for r in results:
        lines.append(
            f"| {r.name} | {r.subject} | {r.baseline} | {r.subject_seconds * 1000:.1f}"
            f" | {r.baseline_seconds * 1000:.1f} | {r.ratio:.1f}× | {r.note} |"
        )
    notes = HERE / "NOTES.md"  # hand-written: what the figures mean
    if notes.exists():
        lines += ["", notes.read_text(encoding="utf-8").rstrip()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run_alone(name: str) -> list[Result]:
    """Run ``bench_<name>`` in a fresh process: each benchmark meets the
    interpreter as a worker does, not with the heap an earlier benchmark left
    (after the drive page's 20,000 intake lines, the garbage collector's passes
    made the ranking 1.6 times slower)."""
    child = subprocess.run(
        [sys.executable, __file__, "--child", name],
        stdout=subprocess.PIPE,
        check=True,
        text=True,
    )
    results = []
    for line in child.stdout.splitlines():
        if line.startswith(RESULT):
            results.append(Result(**json.loads(line.removeprefix(RESULT))))
        else:
            print(line, flush=True)
    return results


def _child(name: str) -> int:
    for _name, module in load_modules([name]):
        for result in module.run():
            print(RESULT + json.dumps(dataclasses.asdict(result)), flush=True)
    return 0


def main(selected: list[str]) -> int:
    results: list[Result] = []
    for name, _module in load_modules(selected, load=False):
        print(f"running {name} …", flush=True)
        for result in _run_alone(name.removeprefix("bench_")):
            print(f"  {result.name}: {result.ratio:.1f}× ({result.subject})")
            results.append(result)
    print(f"wrote {write_report(results, partial=bool(selected))}")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        sys.exit(_child(sys.argv[2]))
    sys.exit(main(sys.argv[1:]))
