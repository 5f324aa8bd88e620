"""Core budgets: open a 20,000-request database and schedule; the scheduler's cost per request."""

from __future__ import annotations

import time

from app.clock import FixedClock
from app.scheduler import schedule
from app.service import Promptly
from tests.bench.dataset import NOW, large_database
from tests.bench.figures import Figure, median_ms


def run() -> list[Figure]:
    path = large_database()

    def open_and_schedule():
        core = Promptly.open(str(path), FixedClock(NOW))
        core.schedule()
        core.close()

    open_and_schedule()  # warm imports and the OS file cache
    first = median_ms(open_and_schedule, repeat=5)

    core = Promptly.open(str(path), FixedClock(NOW))
    requests = core.open_requests()
    settings = core.settings
    calendar = settings.calendar()
    load = median_ms(lambda: core.open_requests(), repeat=5)
    cold = median_ms(lambda: schedule(requests, settings.ladder, settings.calendar(), NOW), repeat=5)
    warm = median_ms(lambda: schedule(requests, settings.ladder, calendar, NOW), repeat=7)
    core.close()
    return [
        Figure("open 20,000-request db + first schedule", first, 150),
        Figure(f"load {len(requests):,} open requests with history", load, 100),
        Figure(f"schedule {len(requests):,} open requests (fresh calendar)", cold, 20),
        Figure(f"schedule {len(requests):,} open requests (warm calendar)", warm, 20),
        Figure("scheduler cost per open request", warm * 1000 / len(requests), 10, "µs"),
    ]
