"""The SQLite file under a running Promptly (findings 2, 6 and 7): deleted or replaced, it is
noticed, nothing more is written and a recovery copy keeps what it held; a missing file with its
log left beside it is never opened anew; another program's lock makes a thread that must not
wait fail fast."""

from __future__ import annotations

import os
import sqlite3
import time
from datetime import datetime

import pytest

from app.domain.model import Direction
from app.service import NewRequest, Promptly
from app.settings import Settings
from app.storage.database import DatabaseBusy, DatabaseError, DatabaseLost, open_database, wait_at_most
from app.storage.store import Store


def fill(core: Promptly, count: int) -> None:
    for n in range(count):
        core.add(NewRequest(Direction.RECEIVED, "Dana", f"request {n}"))


def titles(path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [row[0] for row in conn.execute("SELECT title FROM requests ORDER BY id")]


def recovery_copies(folder) -> list:
    return sorted(folder.glob("*.recovered-*.db"))


@pytest.mark.parametrize("how", ["deleted", "replaced"])
def test_a_lost_file_is_noticed_written_no_more_and_saved_beside_it(core, db_path, how):
    fill(core, 40)
    assert core.store.db.check_file() is None
    if how == "deleted":
        db_path.unlink()
    else:
        other = db_path.with_name("other.db")
        open_database(str(other)).dispose()
        os.replace(other, db_path)
    message = core.store.db.check_file()
    assert f"was {how}" in message and "writes nothing more" in message
    [copy] = recovery_copies(db_path.parent)
    assert str(copy) in message
    assert titles(copy) == [f"request {n}" for n in range(40)]
    assert oct(copy.stat().st_mode & 0o777) == "0o600"
    with pytest.raises(DatabaseLost, match=f"was {how}"):
        core.add(NewRequest(Direction.RECEIVED, "Eve", "one too many"))
    assert core.store.count() == 40  # what it held can still be read and exported
    assert core.store.db.check_file() == message and len(recovery_copies(db_path.parent)) == 1
    # its log is moved aside, kept: nothing will read it as part of the file at the path now
    assert not db_path.with_name(db_path.name + "-wal").exists()
    assert [p.name.split(".lost-")[0] for p in sorted(db_path.parent.glob("*.lost-*"))] == [
        "promptly.db-shm", "promptly.db-wal"]
    if how == "replaced":
        assert titles(db_path) == []  # the other file is left as it was


def test_a_missing_file_with_its_log_beside_it_is_not_opened_anew(core, db_path):
    fill(core, 5)
    wal = db_path.with_name(db_path.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0
    db_path.unlink()
    size = wal.stat().st_size
    for create in (True, False):
        with pytest.raises(DatabaseError, match="-wal.*still there.*would discard"):
            open_database(str(db_path), create=create)
    assert not db_path.exists() and wal.stat().st_size == size


def test_reading_a_path_with_no_database_says_so_and_creates_nothing(tmp_path):
    with pytest.raises(DatabaseError, match="there is no Promptly database at"):
        open_database(str(tmp_path / "typo.db"), create=False)
    assert list(tmp_path.iterdir()) == []


def test_a_thread_that_must_not_wait_fails_fast_on_another_programs_lock(db_path, clock):
    core = Promptly(Store(open_database(str(db_path))), clock)
    core.save_settings(Settings(timezone="UTC"))
    request = core.add(NewRequest(Direction.RECEIVED, "Dana", "repair invoice"))
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another program writes
    try:
        wait_at_most(200)
        started = time.monotonic()
        with pytest.raises(DatabaseBusy, match="locked by another program.*try again"):
            core.done(request.id)
        assert time.monotonic() - started < 2  # not the five seconds other threads wait
        assert [r.id for r in core.store.open_requests()] == [request.id]  # reading goes on
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert core.done(request.id).status.value == "done"
    core.store.db.dispose()


def test_a_copy_that_cannot_be_written_still_moves_the_log_aside_and_a_half_copy_is_replaced(core, db_path):
    fill(core, 3)
    db_path.unlink()
    guard = core.store.db.guard
    blocker = db_path.with_name(".promptly.recovered-20261123-100000.db.partial")
    blocker.mkdir()  # where the copy is written first: a folder is in the way
    with pytest.raises(OSError):
        guard.save_recovery_copy(datetime(2026, 11, 23, 10, 0))
    assert recovery_copies(db_path.parent) == [] and blocker.is_dir()  # no half copy shown as whole
    assert not db_path.with_name(db_path.name + "-wal").exists()
    blocker.rmdir()
    blocker.write_bytes(b"half a copy")  # as a crash while copying would leave it
    guard.save_recovery_copy(datetime(2026, 11, 23, 10, 0))
    message = core.store.db.check_file()
    [copy] = recovery_copies(db_path.parent)
    assert str(copy) in message and len(titles(copy)) == 3
    assert [p.name for p in db_path.parent.iterdir() if p.name.startswith(".")] == []
