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
    """Dana and Sam, each with a store; passwords from a libpq password file (PGPASSFILE)."""
    dana, sam = team.add("dana", "Dana"), team.add("sam", "Sam")
    team.password_file((dana, sam), tmp_path, monkeypatch)
    cores = {}
    for login, _ in (dana, sam):
        cores[login] = _core(tmp_path / f"{login}.db", clock)
        sync.join(cores[login], team.url(login))

    def run(login):
        return sync.sync(cores[login])

    yield team, cores[dana[0]], cores[sam[0]], dana[0], sam[0], run
    for core in cores.values():
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


@pytest.mark.parametrize("listen", [True, False], ids=["cue", "poll"])
def test_a_watching_member_receives_by_cue_or_by_poll(pair, clock, listen):
    import threading
    import time

    team, dana, sam, dana_login, sam_login, run = pair
    sam.add(NewRequest(Direction.MADE, "Dana", "the keys"))
    result = {}

    def watcher():
        # its own store handle: the watch runs beside this thread's writes
        core = _core(dana.data_file, clock)
        try:
            start = time.monotonic()
            result["rounds"] = []
            result["received"] = sync.watch(
                core, 30 if listen else 0.5, listen=listen,
                stop=lambda received, rounds: result["rounds"].append(rounds) or received or rounds > 100)
            result["seconds"] = time.monotonic() - start
        finally:
            core.close()

    thread = threading.Thread(target=watcher)
    thread.start()
    time.sleep(2)  # the watcher has done its first sync and waits
    run(sam_login)
    thread.join(60)
    assert result["received"] == 1
    assert result["seconds"] < 20  # a cue, not the 30 s wait
    if listen:
        assert result["rounds"][-1] == 2  # no polling: woken once, by Sam's push


def test_a_change_made_while_a_sync_runs_goes_with_the_next_one(pair, monkeypatch):
    """The tray app writes on one thread while its sync runs on another."""
    team, dana, sam, dana_login, sam_login, run = pair
    made = sam.add(NewRequest(Direction.MADE, "Dana", "the keys"))
    meanwhile = []
    real_pull = server.pull

    def pull(conn, after, limit=server.PULL_BATCH):
        if not meanwhile:
            meanwhile.append(sam.cancel(made.id))  # after the push, before the sync ends
        return real_pull(conn, after, limit)

    monkeypatch.setattr(server, "pull", pull)
    assert run(sam_login).pushed == 1
    assert sync.pending_push(sam) == 1
    run(sam_login)
    run(dana_login)
    assert sync.pending_push(sam) == 0
    assert dana.requests()[0].status is Status.CANCELLED


def test_text_written_past_the_client_is_kept_by_the_local_rules(pair, clock):
    """A member with plain SQL may write any text on the server; the other side keeps a title
    and tags its own rules allow, and every command still works on them."""
    team, dana, sam, dana_login, sam_login, run = pair
    with team.connect(sam_login, f"pw-{sam_login}-secret") as conn:
        server.push(conn, [server.SharedRequest(
            "f" * 32, sam_login, dana_login, "Invoice \u202efdp.exe\n" + "x" * 5000,
            ["billing team", "\x07"], 0, clock.now(), None)],
            [server.ServerEvent(0, "e" * 32, "f" * 32, sam_login, "created", clock.now(), {})])
    run(dana_login)
    (request,) = dana.requests()
    assert request.title.startswith("Invoice fdp.exe x") and len(request.title) <= 500
    assert request.tags == ["billing-team"]
    assert dana.acknowledge(request.id).status is Status.ACKNOWLEDGED  # usable like any other


def test_who_a_request_was_with_before_an_edit_never_leaves_the_machine(pair, clock):
    """Noted with someone outside the team, then turned into a request to a member: the member
    gets the request, never the outsider's name nor which way it went before."""
    team, dana, sam, dana_login, sam_login, run = pair
    noted = sam.add(NewRequest(Direction.RECEIVED, "Bob Outsider", "salary review notes"))
    sam.edit(noted.id, counterpart="Dana", direction=Direction.MADE, title="salary review")
    assert sam.get(noted.id).history[-1].data["was"] == {"counterpart": "Bob Outsider",
                                                         "direction": "received"}
    run(sam_login)
    with team.connect(sam_login, f"pw-{sam_login}-secret") as conn:
        data = [r[0] for r in conn.execute("SELECT data::text FROM promptly_team.events")]
    assert data and not any("Bob" in d or "was" in d for d in data), data
    sam.edit(noted.id, details="ask Bob first")  # a personal field alone: not even announced
    assert run(sam_login).pushed == 0
    run(dana_login)
    [theirs] = dana.requests()
    assert (theirs.counterpart.name, theirs.direction, theirs.title) == ("Sam", Direction.RECEIVED,
                                                                        "salary review")
    assert not any("was" in e.data for e in theirs.history)
