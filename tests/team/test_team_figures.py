"""A department's weekly totals and measured turnaround come from narrow server functions:
a member sees their department's totals, never one member's figures."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import psycopg
import pytest

from app.team import server

pytestmark = pytest.mark.postgresql
UTC = timezone.utc
MON = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # a Monday
WEEK = (MON - timedelta(hours=9), MON + timedelta(days=7))


def _ask(conn, uid: str, requester: str, asked: str, at: datetime, tags=()) -> None:
    server.push(conn, [server.SharedRequest(uid * 32, requester, asked, "x", list(tags), 0, at,
                                            None)], [])


def _event(conn, uid: str, request: str, author: str, kind: str, at: datetime, **data) -> None:
    server.push(conn, [], [server.ServerEvent(0, uid * 32, request * 32, author, kind, at, data)])


@pytest.fixture
def billing(team):
    lee = team.add("lee", "Lee")  # supervises Billing and Kim in IT: publishes their times
    members = {base: team.add(base, base.title(), supervisor=lee[0], department="Billing")
               for base in ("dana", "ola", "pia")}
    members["sam"] = team.add("sam", "Sam")
    members["kim"] = team.add("kim", "Kim", supervisor=lee[0], department="IT")
    members["lee"] = lee
    return team, members


def test_a_department_sees_its_totals_and_nothing_per_member(billing):
    team, m = billing
    sam, dana, ola = m["sam"], m["dana"], m["ola"]
    with team.connect(*sam) as conn:
        _ask(conn, "a", sam[0], dana[0], MON)
        _ask(conn, "b", sam[0], ola[0], MON)
    with team.connect(*dana) as conn:  # answered within the working hour, promise kept
        _event(conn, "c", "a", dana[0], "promised", MON + timedelta(minutes=30),
               to=(MON + timedelta(hours=5)).isoformat())
        _event(conn, "d", "a", dana[0], "done", MON + timedelta(hours=4))
    with team.connect(*ola) as conn:  # answered late, promise broken
        _event(conn, "e", "b", ola[0], "promised", MON + timedelta(hours=3),
               to=(MON + timedelta(hours=4)).isoformat())
        _event(conn, "f", "b", ola[0], "done", MON + timedelta(hours=6))
    with team.connect(*m["pia"]) as conn:  # Pia is party to neither: totals, nothing more
        assert conn.execute("SELECT * FROM promptly_team.requests").fetchall() == []
        totals = server.department_totals(conn, *WEEK)
    assert totals == {"department": "Billing", "members": 3, "requests": 2, "answered": 2,
                      "answered_on_time": 1, "promised": 2, "promises_kept": 1,
                      "median_hours": 5.0, "published_hours": None}
    with team.connect(*m["kim"]) as conn:  # another department (of one): nothing at all
        assert server.department_totals(conn, *WEEK) is None
    with team.connect(*sam) as conn:  # no department
        assert server.department_totals(conn, *WEEK) is None


def test_measured_turnaround_only_where_published(billing):
    team, m = billing
    sam, dana = m["sam"], m["dana"]
    with team.connect(*sam) as conn:
        _ask(conn, "a", sam[0], dana[0], MON, tags=["billing"])
        _ask(conn, "b", sam[0], m["ola"][0], MON)
    with team.connect(*dana) as conn:
        server.publish_turnaround(conn, {"billing": 48})
        _event(conn, "d", "a", dana[0], "done", MON + timedelta(days=1))  # Tue 09:00: 8 h
    with team.connect(*m["ola"]) as conn:
        _event(conn, "e", "b", m["ola"][0], "done", MON + timedelta(hours=2))
        rows = server.turnarounds(conn, MON - timedelta(weeks=8))
    assert [(t.login, t.tag, t.hours, t.median_hours, t.settled) for t in rows] == [
        (dana[0], "billing", 48, 8.0, 1)]  # Ola published nothing: her time is not shown
    with team.connect(*sam) as conn:  # the functions' owner is not a role a member can become
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SET ROLE promptly_owner")


def test_a_departments_time_is_measured_over_its_members_requests(billing):
    team, m = billing
    sam, dana, ola, kim = m["sam"], m["dana"], m["ola"], m["kim"]
    with team.connect(*sam) as conn:
        _ask(conn, "a", sam[0], dana[0], MON, tags=["billing"])
        _ask(conn, "b", sam[0], ola[0], MON, tags=["billing"])
        _ask(conn, "c", sam[0], kim[0], MON, tags=["billing"])  # IT's, not Billing's
    for who, uid, request, done in ((dana, "d", "a", MON + timedelta(hours=2)),
                                    (ola, "e", "b", MON + timedelta(days=1)),  # 8 working h
                                    (kim, "f", "c", MON + timedelta(hours=1))):
        with team.connect(*who) as conn:
            _event(conn, uid, request, who[0], "done", done)
    with team.connect(*m["lee"]) as conn:
        server.publish_turnaround(conn, {"": 16, "billing": 24}, department="Billing")
        server.publish_turnaround(conn, {"": 4}, department="IT")
    with team.connect(*sam) as conn:
        rows = server.turnarounds(conn, MON - timedelta(weeks=8))
    assert [(t.department, t.tag, t.hours, t.median_hours, t.settled) for t in rows] == [
        ("Billing", "", 16, 5.0, 2), ("Billing", "billing", 24, 5.0, 2),
        ("IT", "", 4, None, 0)]  # a department of one: its median would be Kim's
    with team.connect(*m["pia"]) as conn:  # the totals set against the department's own default
        assert server.department_totals(conn, *WEEK)["published_hours"] == 16


def test_the_weekly_summary_shows_the_department_after_a_sync(billing, tmp_path, monkeypatch):
    from app.clock import FixedClock
    from app.settings import Settings
    from app.storage.database import open_database
    from app.storage.store import Store
    from app.summary import weekly_summary
    from app.service import Promptly
    from app.team import sync

    team, m = billing
    with team.connect(*m["sam"]) as conn:
        _ask(conn, "a", m["sam"][0], m["dana"][0], MON)
    team.password_file(m.values(), tmp_path, monkeypatch)
    figures = {}
    for who in ("pia", "sam"):
        store = Store(open_database(str(tmp_path / f"{who}.db")))
        store.save_settings(Settings(timezone="UTC"))
        core = Promptly(store, FixedClock(MON + timedelta(hours=3)))
        assert core.department_totals("2026-W48") is None  # before a sync: nothing known
        sync.join(core, team.url(m[who][0]))
        sync.sync(core)
        figures[who] = weekly_summary(core).as_json()["team"]
        core.close()
    assert figures["pia"]["department"] == "Billing" and figures["pia"]["requests"] == 1
    assert figures["sam"] is None  # no department: no team section
