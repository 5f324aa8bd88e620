"""Schema 0003 on a database written by the release before it (tests/data/release-0002.db).

That file was written through the 0002 release's own core, on Monday 2026-11-23 (UTC), with
these requests (times are UTC):

 #  who   direction  what happened                                           expected now
 1  Ari   received   "by" Mon 30 09:00 typed with the ask, never answered    wish, open
 2  Bo    received   "by" Wed 25 09:00 with the ask, answered without an ETA  wish, acknowledged
 3  Cy    received   "by" Fri 27 15:00 with the ask, answered with ETA Wed    wish Fri; promise Wed
                     25 15:00 (logged as a renegotiation then)                (the original one)
 4  Dana  received   answered with ETA 15:00, done 14:00                     promise, kept
 5  Eli   received   "by" 12:00 with the ask, done 17:00                     wish, not a broken
                                                                              promise
 6  Sam   made       "by" 17:00 with the ask, no answer                      wish, open
 7  Kim   made       answered with ETA Tue 09:00, moved to 13:00 at 12:00    promise, renegotiated
 8  Lou   received   answered, then `promise` Thu 26 09:00                   promise
 9  Mo    received   "by" Tue 09:00 with the ask, cancelled                  wish, cancelled
10  Noa   made       "by" 11:00 with the ask, moved to 15:00 at 13:00        wish 11:00; promise
                                                                              15:00 given at 13:00
11  Pat   received   no time at all                                          nothing
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import pytest

from app.service import Promptly
from app.storage import database
from app.storage.store import Store
from app.summary import weekly_summary
from tests.conftest import FakeClock

UTC = timezone.utc
FIXTURE = Path(__file__).parent.parent / "data" / "release-0002.db"


def nov(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


# id: (needed_by, promised_at, original_promise, acknowledged_at, status)
EXPECTED = {
    1: (nov(30, 9), None, None, None, "open"),
    2: (nov(25, 9), None, None, nov(23, 9, 30), "acknowledged"),
    3: (nov(27, 15), nov(25, 15), nov(25, 15), nov(23, 9, 42), "promised"),
    4: (None, nov(23, 15), nov(23, 15), nov(23, 9, 54), "done"),
    5: (nov(23, 12), None, None, nov(23, 17), "done"),
    6: (nov(23, 17), None, None, None, "open"),
    7: (None, nov(24, 13), nov(24, 9), nov(23, 10, 30), "promised"),
    8: (None, nov(26, 9), nov(26, 9), nov(23, 10, 24), "promised"),
    9: (nov(24, 9), None, None, None, "cancelled"),
    10: (nov(23, 11), nov(23, 15), nov(23, 15), nov(23, 13), "promised"),
    11: (None, None, None, None, "open"),
}


@pytest.fixture
def old_file(tmp_path) -> Path:
    copy = tmp_path / "promptly.db"
    shutil.copyfile(FIXTURE, copy)
    return copy


def _open(path: Path, now: datetime = nov(23, 18)) -> Promptly:
    return Promptly(Store(database.open_database(str(path))), FakeClock(now))


def _state(core: Promptly) -> dict:
    return {r.id: (r.needed_by, r.promised_at, r.original_promise, r.acknowledged_at, r.status.value)
            for r in core.store.requests()}


def test_the_fixture_was_written_by_the_release_before():
    with sqlite3.connect(f"{FIXTURE.as_uri()}?immutable=1", uri=True) as conn:  # writes nothing beside it
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0002_promise_record",)
        columns = {row[1] for row in conn.execute("PRAGMA table_info(requests)")}
    assert "needed_by" not in columns


def test_upgrading_tells_wishes_from_promises_by_the_rule(old_file):
    core = _open(old_file)
    assert _state(core) == EXPECTED
    backups = list(old_file.parent.glob("promptly.db.0002_promise_record.*.bak"))
    assert len(backups) == 1 and backups[0].read_bytes()[:16] == b"SQLite format 3\x00"
    cy = core.get(3)
    assert [e.kind.value for e in cy.history][:3] == ["created", "acknowledged", "promised"]
    assert cy.history[0].data["needed_by"] == nov(27, 15).isoformat()
    assert not any(e.kind.value == "renegotiated" for e in cy.history)
    noa = core.get(10)
    assert [e.kind.value for e in noa.history][:2] == ["created", "promised"]
    kim = core.get(7)  # a real promise moved before it passed: untouched
    assert [e.kind.value for e in kim.history][:4] == ["created", "acknowledged", "promised", "renegotiated"]


def test_after_the_upgrade_only_promises_given_are_judged(old_file):
    core = _open(old_file, now=nov(27, 18))
    week = weekly_summary(core, "2026-W48")
    # mine: Dana kept (#4); Cy's Wednesday and Lou's Thursday promises passed undone: broken.
    # Eli's 12:00 was only wanted (#5): not a broken promise, but not delivered when wanted.
    assert (week.mine.kept, week.mine.renegotiated, week.mine.broken) == (1, 0, 2)
    # theirs: Kim's moved promise and Noa's 15:00 passed undone: broken
    assert (week.theirs.kept, week.theirs.broken) == (0, 2)
    # wishes of mine that came this week: Eli's (late), Bo's (passed), Cy's (passed); Ari's is
    # next Monday and Mo's was cancelled before it came
    assert (week.delivered_when_wanted.delivered, week.delivered_when_wanted.late) == (0, 3)
    assert (week.theirs_delivered_when_wanted.delivered, week.theirs_delivered_when_wanted.late) == (0, 2)


def test_downgrading_keeps_every_time_and_upgrading_again_restores_the_same_state(old_file):
    from alembic.command import downgrade

    core = _open(old_file)
    upgraded = _state(core)
    core.store.db.dispose()
    downgrade(database._alembic_config(core.store.db), "0002_promise_record")
    with sqlite3.connect(old_file) as conn:
        rows = dict(conn.execute("SELECT id, promised_at FROM requests WHERE id IN (1, 6, 9)").fetchall())
        statuses = {row[0] for row in conn.execute("SELECT DISTINCT status FROM requests")}
    # the release before stored a wish as a promise: it gets it back, and knows no `promised`
    assert rows == {1: "2026-11-30 09:00:00.000000", 6: "2026-11-23 17:00:00.000000",
                    9: "2026-11-24 09:00:00.000000"}
    assert statuses <= {"open", "acknowledged", "done", "cancelled"}
    assert _state(_open(old_file)) == upgraded
