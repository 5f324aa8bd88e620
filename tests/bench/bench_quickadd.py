"""Quick add re-parses on every keystroke: median cost of one line over the test corpus."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

from tests.bench.figures import Figure
from tests.test_quickadd_corpus import CORPUS, KNOWN_PEOPLE

from app.quickadd import ParseError, parse


def _parse(section, line) -> None:
    try:
        parse(line, now=section.now_utc, calendar=section.calendar, known_people=KNOWN_PEOPLE)
    except ParseError:
        pass


def _import_ms() -> tuple[float, float]:
    """`import app.quickadd` in a fresh interpreter, on top of the core the CLI has already loaded:
    the best of five (-X importtime; bytecode cached), and whether parsedatetime came along."""
    code = ("import sys, app.domain.model, app.policy.calendar, app.clock; import app.quickadd; "
            "print(int('parsedatetime' in sys.modules))")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    best, loaded = float("inf"), 0.0
    for _ in range(5):
        done = subprocess.run([sys.executable, "-X", "importtime", "-c", code], capture_output=True,
                              text=True, check=True, env=env)
        loaded = max(loaded, float(done.stdout))
        for row in done.stderr.splitlines():
            if row.rstrip().endswith("| app.quickadd"):
                best = min(best, int(row.split("|")[1]) / 1000)
    return best, loaded


def run() -> list[Figure]:
    for section, line, _ in CORPUS:  # the first parse pays for imports and caches
        _parse(section, line)
    per_line = []
    for section, line, _ in CORPUS:
        samples = []
        for _ in range(5):
            start = time.perf_counter()
            _parse(section, line)
            samples.append((time.perf_counter() - start) * 1000)
        per_line.append(statistics.median(samples))
    worst = max(per_line)
    long_line = "from @dana: " + " ".join(["review the contract by fri 3pm #legal"] * 12)
    start = time.perf_counter()
    for _ in range(20):
        _parse(CORPUS[0][0], long_line[:500])
    long_ms = (time.perf_counter() - start) * 1000 / 20
    import_ms, parsedatetime_loaded = _import_ms()
    return [
        Figure(f"parse one line, median over {len(per_line)} corpus lines", statistics.median(per_line), 5),
        Figure("parse one line, slowest corpus line", worst, 5),
        Figure("parse a 500-character line", long_ms, 5),
        Figure("import app.quickadd, best of 5", import_ms, 20),
        Figure("parsedatetime loaded by that import (0 = no)", parsedatetime_loaded, 0, "")
    ]
