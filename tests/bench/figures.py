"""A measured figure and the budget it is held to."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from tests.desktop.conftest import missing_binaries


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    budget: float
    unit: str = "ms"

    @property
    def within(self) -> bool:
        return self.value <= self.budget

    def line(self) -> str:
        mark = "ok  " if self.within else "OVER"
        return f"  {mark} {self.name:<58} {self.value:9.2f} {self.unit:<4} (budget ≤ {self.budget:g} {self.unit})"


def median_ms(action: Callable[[], object], repeat: int = 7) -> float:
    """Median wall time of `action` in milliseconds."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def session_unavailable() -> bool:
    """For benchmarks in the real desktop session: says what is missing, when something is."""
    missing = missing_binaries()
    if missing:
        print(f"  skipped: the session needs {', '.join(missing)} (make desktop-deps)")
    return bool(missing)
