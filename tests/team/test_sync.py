"""Sync in-process: two local stores, one team server. Pushing is idempotent by uid, a request
noted by the asked side is shared the right way round, and personal events stay home."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.domain.commands import NewRequest
from app.domain.model import Direction, Status
from app.service import Promptly
from app.settings import Settings
from app.storage.database import open_database
from app.storage.store import Store
from app.team import server, sync

pytestmark = pytest.mark.postgresql


def _core(path, clock) -> Promptly:
    store = Store(open_database(str(path)))
    store.save_settings(Settings(timezone="UTC"))
    return Promptly(store, clock)


@pytest.fixture
def pair(team, tmp_path, clock, monkeypatch):
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    dana, sam = team.add("dana", "Dana"), team.add("sam", "Sam")
    cores = {}
    for login, password in (dana, sam):
        core = _core(tmp_path / f"{login}.db", clock)
        monkeypatch.setenv("PGPASSWORD", password)
        sync.join(core, team.url(login))
        cores[login] = (core, password)

    def run(login):
        core, password = cores[login]
        monkeypatch.setenv("PGPASSWORD", password)
        return sync.sync(core)

    yield team, cores[dana[0]][0], cores[sam[0]][0], dana[0], sam[0], run
    for core, _ in cores.values():
        core.close()


def test_noted_by_the_asked_side_and_pushed_twice(pair, clock):
    team, dana, sam, dana_login, sam_login, run = pair
    noted = dana.add(NewRequest(Direction.RECEIVED, "Sam", "the figures",
                                needed_by=clock.now() + timedelta(days=1)))
    dana.snooze(noted.id, clock.now() + timedelta(hours=1), prompt="respond@x")  # personal
    assert run(dana_login).pushed == 1
    state = dana.team_state()
    state["pushed_upto"] = 0  # as if the answer to the push was lost: the same uids again
    dana.save_team_state(state)
    run(dana_login)
    with team.connect(dana_login, f"pw-{dana_login}-secret") as conn:
        rows = conn.execute("SELECT requester, asked FROM promptly_team.requests").fetchall()
        kinds = [r[0] for r in conn.execute("SELECT kind FROM promptly_team.events")]
    assert rows == [(sam_login, dana_login)] and kinds == ["created"]

    assert run(sam_login).new_requests == 1
    [mine] = sam.requests()
    assert mine.direction is Direction.MADE and mine.uid == noted.uid
    assert mine.counterpart.name == "Dana"
    sam.cancel(mine.id)
    run(sam_login)
    run(dana_login)
    assert dana.get(noted.id).status is Status.CANCELLED
