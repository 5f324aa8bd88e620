"""The shape of the code: no import cycles in app/, and only the core reaches the store."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The store's own package and its one door (app/service.py) may use it; nothing else may.
STORE_SIDE = ("app/storage/", "app/service.py")


def modules(root: Path, package: str) -> dict[str, Path]:
    """Dotted module name -> file, for every .py below root/package (migrations are scripts)."""
    found = {}
    for path in sorted((root / package).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        name = ".".join(path.relative_to(root).with_suffix("").parts)
        found[name.removesuffix(".__init__")] = path
    return found


def imported(name: str, path: Path, known: set[str]) -> set[str]:
    """The known modules `name` imports, by any import statement in it.

    Imports inside functions and under TYPE_CHECKING count: a lazy import hides a cycle from
    the interpreter at start-up, not from whoever has to understand the two modules.
    """
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            # `from app.cli import server` imports the submodule app.cli.server, not the package
            names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                     for alias in node.names]
        else:
            continue
        for target in names:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                targets.add(target)
    return targets


def import_graph(root: Path, package: str) -> dict[str, set[str]]:
    found = modules(root, package)
    return {name: imported(name, path, set(found)) for name, path in found.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle per group of modules that import each other, as a path back to its start."""
    found = []
    for group in _strongly_connected(graph):
        if len(group) < 2:
            continue
        start = min(group)
        paths = {start: [start]}  # breadth first: the shortest way round
        queue = [start]
        while queue:
            here = queue.pop(0)
            for there in sorted(graph[here] & group):
                if there == start:
                    found.append(paths[here])
                    queue = []
                    break
                if there not in paths:
                    paths[there] = paths[here] + [there]
                    queue.append(there)
    return found


def _strongly_connected(graph: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's algorithm, iterative: module graphs can be deep."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                groups.append(group)
    return groups


def store_reaches(source: str) -> list[int]:
    """Lines that reach for a `.store` attribute (core.store.people(), self.core.store, …)."""
    return sorted({node.lineno for node in ast.walk(ast.parse(source))
                   if isinstance(node, ast.Attribute) and node.attr == "store"})


# -- the rules ----------------------------------------------------------------------------


def test_app_has_no_import_cycles():
    found = cycles(import_graph(ROOT, "app"))
    assert not found, "import cycles: " + "; ".join(" -> ".join(c + [c[0]]) for c in found)


def test_nothing_but_the_core_reaches_the_store():
    offenders = []
    for package in ("app", "ui"):
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if relative.startswith(STORE_SIDE):
                continue
            offenders += [f"{relative}:{line}" for line in store_reaches(path.read_text(encoding="utf-8"))]
    assert not offenders, "ask the core (app/service.py), not its store: " + ", ".join(offenders)


# -- the checks themselves ----------------------------------------------------------------


def test_a_cycle_is_found_and_named(tmp_path):
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from pkg.sub import b\n")
    (package / "sub" / "__init__.py").write_text("")
    (package / "sub" / "b.py").write_text("from .. import c\n")  # a relative import of a submodule
    (package / "c.py").write_text("def late():\n    import pkg.a  # inside a function\n")
    (package / "d.py").write_text("import pkg.a\n")  # imports into the cycle, is not in it

    assert cycles(import_graph(tmp_path, "pkg")) == [["pkg.a", "pkg.sub.b", "pkg.c"]]


def test_modules_that_import_one_way_have_no_cycle(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("from pkg.a import x\n")
    (package / "a.py").write_text("from pkg import b\nx = 1\n")
    (package / "b.py").write_text("import os\n")

    assert cycles(import_graph(tmp_path, "pkg")) == []


def test_a_reach_for_the_store_is_found_by_line():
    source = "people = core.store.people()\nstore = core.store\nname = core.people()[0].name\n"
    assert store_reaches(source) == [1, 2]
