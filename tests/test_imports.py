"""The import graph of ``volunteer_hub``: features depend on each other one way.

Read from the source (no module is imported): every ``import`` and
``from … import …`` of a ``volunteer_hub`` module is an edge. For the packages
in ``CHECKED`` (see docs/ARCHITECTURE.md):

- no module is part of an import cycle;
- no module imports a private name (``_name``) from another module;
- no ``volunteer_hub`` import sits inside a function (the usual way to dodge a
  cycle).

``REMAINING`` lists the packages still in the old layout; a package moves to
``CHECKED`` when it has been restructured (or already passes). The last test
keeps the two lists honest: every package is in exactly one of them.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "volunteer_hub"

CHECKED = (
    "volunteer_hub.reports",
    "volunteer_hub.resources",
    "volunteer_hub.drives",
    "volunteer_hub.pdf",
    "volunteer_hub.audit",
    "volunteer_hub.matching",
    "volunteer_hub.organisation",
    "volunteer_hub.outbox",
    "volunteer_hub.clock",
    "volunteer_hub.config",
    "volunteer_hub.main",
    "volunteer_hub.extensions",
    "volunteer_hub.forms",
    "volunteer_hub.lazy",
    "volunteer_hub.links",
    "volunteer_hub.lists",
    "volunteer_hub.navigation",
    "volunteer_hub.numbering",
    "volunteer_hub.numerals",
    "volunteer_hub.pagination",
    "volunteer_hub.qr",
    "volunteer_hub.qr_masks",
    "volunteer_hub.security",
    "volunteer_hub.urls",
    "volunteer_hub.backup",
    "volunteer_hub.panels",
    "volunteer_hub.throttle",
    "volunteer_hub.web",
    "volunteer_hub.write_queue",
    "volunteer_hub.catalogues",
    "volunteer_hub.ids",
    "volunteer_hub.routing",
    "volunteer_hub.numbers",
    "volunteer_hub.spreadsheet",
    "volunteer_hub.sharing",
    "volunteer_hub",  # the app factory
    "volunteer_hub.auth",
    "volunteer_hub.db",
    "volunteer_hub.demo",
    "volunteer_hub.errors",
    "volunteer_hub.i18n",
    "volunteer_hub.shell",
    "volunteer_hub.jobs",
    "volunteer_hub.receipts",
    "volunteer_hub.volunteers",
    "volunteer_hub.projects",
)
# Packages still in the old layout (cycles between view modules, private
# helpers shared between siblings, imports inside functions). Issue 15 moved
# the last of them to CHECKED; a package that cannot follow the rules yet is
# listed here, with the reason, until it is restructured.
REMAINING: tuple[str, ...] = ()


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, ast.Module]:
    return {
        module_name(path): ast.parse(path.read_text(), str(path))
        for path in sorted(ROOT.rglob("*.py"))
    }


@cache
def packages() -> frozenset[str]:
    return frozenset(module_name(path) for path in ROOT.rglob("__init__.py"))


def imports(name: str):
    """(target module, imported names, inside a function) for each import."""
    tree = modules()[name]
    nested = {
        id(node)
        for function in ast.walk(tree)
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
        for node in ast.walk(function)
    }
    package = name if name in packages() else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, [], id(node) in nested
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0]
                base = f"{anchor}.{base}".rstrip(".")
            names = [alias.name for alias in node.names]
            yield base, names, id(node) in nested


def edges(name: str) -> set[str]:
    """The volunteer_hub modules ``name`` imports (a submodule, when
    ``from package import module`` names one)."""
    found = set()
    for base, names, _nested in imports(name):
        for imported in names or [None]:
            target = f"{base}.{imported}" if imported else base
            target = target if target in modules() else base
            if target in modules() and target != name:
                found.add(target)
    return found


def cycles() -> list[set[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in edges(node):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(modules()):
        if node not in index:
            visit(node)
    return groups


def in_package(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def owner(name: str) -> str:
    """The entry of CHECKED or REMAINING that ``name`` belongs to."""
    entries = [p for p in CHECKED + REMAINING if in_package(name, p)]
    return max(entries, key=len)


def checked(name: str) -> bool:
    return owner(name) in CHECKED


@pytest.mark.parametrize("package", CHECKED)
def test_no_import_cycle(package):
    for group in cycles():
        mine = sorted(m for m in group if in_package(m, package) and checked(m))
        assert not mine, f"import cycle through {mine}: {sorted(group)}"


@pytest.mark.parametrize("package", CHECKED)
def test_no_private_names_from_other_modules(package):
    for name in modules():
        if not (in_package(name, package) and checked(name)):
            continue
        for base, names, _nested in imports(name):
            private = [n for n in names if n.startswith("_") and n != "__future__"]
            if base.startswith("volunteer_hub") and base != name:
                assert not private, f"{name} imports {private} from {base}"


@pytest.mark.parametrize("package", CHECKED)
def test_no_imports_inside_functions(package):
    for name in modules():
        if not (in_package(name, package) and checked(name)):
            continue
        for base, _names, nested in imports(name):
            inside = nested and base.startswith("volunteer_hub")
            assert not inside, f"{name} imports {base} inside a function"


def test_every_package_is_listed_once():
    listed = CHECKED + REMAINING
    assert len(set(listed)) == len(listed)
    tops = {".".join(name.split(".")[:2]) for name in modules()}
    assert tops <= set(listed), sorted(tops - set(listed))
