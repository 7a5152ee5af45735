"""Run every ``bench/bench_*.py`` and write the figures to docs/benchmarks.md.

``bench/run.py matching startup`` (or ``make bench BENCH="matching startup"``)
runs only those; the other rows of docs/benchmarks.md are kept.
"""

from __future__ import annotations

import importlib.util
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import ROOT, Result  # noqa: E402


def load_modules(selected: list[str]):
    for path in sorted(HERE.glob("bench_*.py")):
        if selected and path.stem.removeprefix("bench_") not in selected:
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


def main(selected: list[str]) -> int:
    results: list[Result] = []
    for name, module in load_modules(selected):
        print(f"running {name} …", flush=True)
        for result in module.run():
            print(f"  {result.name}: {result.ratio:.1f}× ({result.subject})")
            results.append(result)
    print(f"wrote {write_report(results, partial=bool(selected))}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
