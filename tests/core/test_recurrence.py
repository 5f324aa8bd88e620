"""A recurring request comes back: completing one creates the next occurrence."""

from datetime import datetime, timezone

from app.domain.model import Direction, Status
from app.domain.commands import NewRequest

UTC = timezone.utc


def test_done_on_a_recurring_request_creates_the_next_one(core, clock):
    clock.set(datetime(2026, 11, 23, 8, 0, tzinfo=UTC))  # Monday
    weekly = core.add(NewRequest(Direction.MADE, "Jo", "weekly report", recurrence="every mon 09:00",
                                 needed_by=datetime(2026, 11, 23, 9, 0, tzinfo=UTC), tags=["team"]))
    clock.set(datetime(2026, 11, 23, 8, 55, tzinfo=UTC))
    core.done(weekly.id)
    following = [r for r in core.requests() if r.id != weekly.id]
    assert len(following) == 1
    nxt = following[0]
    assert (nxt.title, nxt.counterpart.name, nxt.tags, nxt.recurrence) == \
        ("weekly report", "Jo", ["team"], "every mon 09:00")
    assert nxt.status is Status.OPEN
    assert (nxt.needed_by, nxt.promised_at) == (datetime(2026, 11, 30, 9, 0, tzinfo=UTC), None)


def test_a_one_off_request_does_not_come_back(core):
    once = core.add(NewRequest(Direction.MADE, "Jo", "badge form"))
    core.done(once.id)
    assert core.request_count() == 1
