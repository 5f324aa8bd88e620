"""`make bench`: every benchmark prints its figures next to the budget it is held to.

Each module `tests/bench/bench_*.py` has `run() -> list[Figure]`. Budgets are reported, not
asserted: speed is measured here, never in the test suite.
"""

from __future__ import annotations

import compileall
import importlib
import os
import pkgutil
import sys
import traceback
from pathlib import Path

from tests.bench.figures import Figure


def _as_installed() -> None:
    """Whole-process figures should reflect a normal install, where bytecode is cached."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    root = Path(__file__).resolve().parents[2]
    for package in ("app", "ui"):
        compileall.compile_dir(root / package, quiet=1)


def main(selected: list[str]) -> int:
    _as_installed()
    package = importlib.import_module("tests.bench")
    names = sorted(m.name for m in pkgutil.iter_modules(package.__path__) if m.name.startswith("bench_"))
    if selected:
        names = [n for n in names if any(s in n for s in selected)]
    over = 0
    for name in names:
        print(f"\n== {name.removeprefix('bench_')}")
        try:
            figures: list[Figure] = importlib.import_module(f"tests.bench.{name}").run()
        except Exception:
            traceback.print_exc()
            over += 1
            continue
        for figure in figures:
            print(figure.line())
            over += not figure.within
    print(f"\n{over} figure(s) over budget" if over else "\nall figures within budget")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
