"""A realistic large history for benchmarks: built once per machine and reused.

`large_database(total, open_)` returns the path of a SQLite file with `total` requests of which
`open_` are still open, spread over the past year, each with a believable history.
"""

from __future__ import annotations

import random
import shutil
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

from app.clock import FixedClock
from app.domain import lifecycle
from app.domain.model import Direction, Person, Priority
from app.service import Promptly
from app.settings import Settings

UTC = timezone.utc
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)  # a Monday morning
PEOPLE = ["Dana", "Sam", "Lee", "Kim", "Ari", "Jo", "Noor", "Mika", "Ravi", "Tess", "Uma", "Zoë"]
TITLES = ["repair invoice", "review contract", "Q3 numbers", "badge form", "sign-off on budget",
          "update the roadmap", "customer call notes", "access to the shared drive", "expense report",
          "slides for Friday", "supplier quote", "onboarding checklist"]
VERSION = 3  # bump when the generator or the schema changes, so stale copies are rebuilt


def large_database(total: int = 20_000, open_: int = 2_000) -> Path:
    cache = Path(tempfile.gettempdir()) / f"promptly-bench-v{VERSION}-{total}-{open_}.db"
    if not cache.exists():
        partial = cache.with_suffix(".partial")
        for leftover in cache.parent.glob(partial.name + "*"):
            leftover.unlink()
        _build(partial, total, open_)
        shutil.move(partial, cache)
    return cache


def copy_of_large_database(target: Path, total: int = 20_000, open_: int = 2_000) -> Path:
    shutil.copyfile(large_database(total, open_), target)
    return target


def _build(path: Path, total: int, open_: int) -> None:
    rng = random.Random(7)
    core = Promptly.open(str(path), FixedClock(NOW))
    core.save_settings(Settings(timezone="UTC"))
    people = {name: core.save_person(Person(name, f"{name.lower()}@example.com")) for name in PEOPLE}
    core.add_many(_request(rng, people, closed=i >= open_) for i in range(total))
    core.close()


def _request(rng: random.Random, people: dict, closed: bool):
    direction = rng.choice([Direction.MADE, Direction.RECEIVED])
    if closed:
        asked = NOW - timedelta(days=rng.uniform(2, 365))
    else:
        asked = NOW - timedelta(hours=rng.uniform(0, 72))
    request = lifecycle.create(
        direction=direction, counterpart=people[rng.choice(PEOPLE)], title=rng.choice(TITLES),
        now=asked, tags=rng.sample(["billing", "legal", "hr", "it", "sales"], rng.randint(0, 2)),
        priority=rng.choice([Priority.NORMAL] * 6 + [Priority.HIGH, Priority.URGENT]),
        needed_by=asked + timedelta(hours=rng.uniform(2, 120)) if rng.random() < 0.5 else None,
    )
    if rng.random() < 0.8:
        answered = asked + timedelta(minutes=rng.uniform(5, 180))
        if closed or answered < NOW:
            lifecycle.acknowledge(request, at=answered, eta=answered + timedelta(hours=rng.uniform(1, 96)))
            if rng.random() < 0.2:
                lifecycle.promise(request, request.promised_at + timedelta(days=1), at=answered
                                  + timedelta(hours=1), reason="waiting for a colleague")
    if closed:
        end = asked + timedelta(hours=rng.uniform(1, 120))
        if rng.random() < 0.9:
            lifecycle.complete(request, at=max(end, request.acknowledged_at or end))
        else:
            lifecycle.cancel(request, at=end)
    return request
