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
WEEK = (MON.date(), "UTC")  # the ISO week 2026-W48 in UTC


def _recent_monday(conn) -> datetime:
    """09:00 on the Monday two weeks before the server's clock: inside the window the server
    measures turnaround over (its last MEASURED_WEEKS), whatever day the tests run."""
    now = conn.execute("SELECT now()").fetchone()[0].astimezone(UTC)
    day = (now - timedelta(weeks=2)).replace(hour=9, minute=0, second=0, microsecond=0)
    return day - timedelta(days=day.weekday())


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
    sam, dana, ola, pia = m["sam"], m["dana"], m["ola"], m["pia"]
    with team.connect(*sam) as conn:
        _ask(conn, "a", sam[0], dana[0], MON)
        _ask(conn, "b", sam[0], ola[0], MON)
        _ask(conn, "g", sam[0], pia[0], MON)
    with team.connect(*dana) as conn:  # answered within the working hour, promise kept
        _event(conn, "c", "a", dana[0], "promised", MON + timedelta(minutes=30),
               to=(MON + timedelta(hours=5)).isoformat())
        _event(conn, "d", "a", dana[0], "done", MON + timedelta(hours=4))
    with team.connect(*ola) as conn:  # answered late, promise broken
        _event(conn, "e", "b", ola[0], "promised", MON + timedelta(hours=3),
               to=(MON + timedelta(hours=4)).isoformat())
        _event(conn, "f", "b", ola[0], "done", MON + timedelta(hours=6))
    with team.connect(*pia) as conn:  # done late, nothing promised; party to nothing else
        _event(conn, "h", "g", pia[0], "done", MON + timedelta(hours=5))
        assert [r[0] for r in conn.execute("SELECT uid FROM promptly_team.requests")] == ["g" * 32]
        totals = server.department_totals(conn, *WEEK)
    assert totals == {"department": "Billing", "members": 3, "requests": 3, "answered": 3,
                      "answered_on_time": 1, "promised": 2, "promises_kept": 1,
                      "median_hours": 5.0, "published_hours": None}
    with team.connect(*m["kim"]) as conn:  # another department (of one): nothing at all
        assert server.department_totals(conn, *WEEK) is None
    with team.connect(*sam) as conn:  # no department
        assert server.department_totals(conn, *WEEK) is None


def test_a_departments_week_shows_only_when_three_of_its_members_were_asked(billing):
    team, m = billing
    sam, dana, ola, pia = m["sam"], m["dana"], m["ola"], m["pia"]
    with team.connect(*sam) as conn:
        _ask(conn, "a", sam[0], dana[0], MON)
        _ask(conn, "b", sam[0], ola[0], MON + timedelta(days=2))
    with team.connect(*dana) as conn:
        _event(conn, "d", "a", dana[0], "done", MON + timedelta(hours=4))
    with team.connect(*ola) as conn:
        _event(conn, "e", "b", ola[0], "done", MON + timedelta(days=2, hours=3))
    with team.connect(*pia) as conn:  # two of Billing asked: the totals would be theirs
        assert server.department_totals(conn, *WEEK) is None
        # nor can a window be narrowed around one request: the server takes whole weeks only
        with pytest.raises(psycopg.errors.UndefinedFunction):
            conn.execute("SELECT * FROM promptly_team.department_totals(%s::timestamptz,"
                         " %s::timestamptz)", (MON + timedelta(days=2), MON + timedelta(days=3)))
    with team.connect(*sam) as conn:  # a third is asked: the week's totals show
        _ask(conn, "c", sam[0], pia[0], MON + timedelta(days=3))
    with team.connect(*pia) as conn:
        totals = server.department_totals(conn, *WEEK)
        # but not the median of the two settled: Dana's and Ola's would be read from it
        assert (totals["requests"], totals["median_hours"]) == (3, None)
        # a week starts on a Monday: any other day is no week at all
        assert server.department_totals(conn, WEEK[0] + timedelta(days=2), "UTC") is None
        # a zone the server does not know: no totals, and the sync goes on
        assert server.department_totals(conn, WEEK[0], "Nowhere/Atlantis") is None
        # the week in the caller's zone: Auckland's Monday began on Sunday, 11:00 UTC
        _ask(conn, "z", pia[0], dana[0], datetime(2026, 11, 22, 11, 30, tzinfo=UTC))
        assert server.department_totals(conn, *WEEK)["requests"] == 3
        assert server.department_totals(conn, WEEK[0], "Pacific/Auckland")["requests"] == 4


def test_measured_turnaround_only_where_published(billing):
    team, m = billing
    sam, dana = m["sam"], m["dana"]
    with team.connect(*sam) as conn:
        mon = _recent_monday(conn)
        _ask(conn, "a", sam[0], dana[0], mon, tags=["billing"])
        _ask(conn, "b", sam[0], m["ola"][0], mon)
        _ask(conn, "c", sam[0], dana[0], mon - timedelta(weeks=9), tags=["billing"])  # too old
    with team.connect(*dana) as conn:
        server.publish_turnaround(conn, {"billing": 48})
        _event(conn, "d", "a", dana[0], "done", mon + timedelta(days=1))  # Tue 09:00: 8 h
        _event(conn, "g", "c", dana[0], "done", mon - timedelta(weeks=7))
    with team.connect(*m["ola"]) as conn:
        _event(conn, "e", "b", m["ola"][0], "done", mon + timedelta(hours=2))
        rows = server.turnarounds(conn, measured=True)
    assert [(t.login, t.tag, t.hours, t.median_hours, t.settled) for t in rows] == [
        (dana[0], "billing", 48, 8.0, 1)]  # Ola published nothing: her time is not shown
    with team.connect(*sam) as conn:  # the functions' owner is not a role a member can become
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SET ROLE promptly_owner")
        # and the window is the server's: no member narrows it down to a single request
        with pytest.raises(psycopg.errors.UndefinedFunction):
            conn.execute("SELECT * FROM promptly_team.measured_turnaround(%s::timestamptz)",
                         (mon + timedelta(hours=1),))


def test_a_departments_time_is_measured_over_its_members_requests(billing):
    team, m = billing
    sam, dana, ola, pia, kim = m["sam"], m["dana"], m["ola"], m["pia"], m["kim"]
    with team.connect(*sam) as conn:
        mon = _recent_monday(conn)
        for uid, who in (("a", dana), ("b", ola), ("g", pia), ("c", kim)):  # Kim's is IT's
            _ask(conn, uid, sam[0], who[0], mon, tags=["billing"])
    for who, uid, request, done in ((dana, "d", "a", mon + timedelta(hours=2)),
                                    (ola, "e", "b", mon + timedelta(days=1)),  # 8 working h
                                    (pia, "h", "g", mon + timedelta(hours=5)),
                                    (kim, "f", "c", mon + timedelta(hours=1))):
        with team.connect(*who) as conn:
            _event(conn, uid, request, who[0], "done", done)
    with team.connect(*m["lee"]) as conn:
        server.publish_turnaround(conn, {"": 16, "billing": 24}, department="Billing")
        server.publish_turnaround(conn, {"": 4}, department="IT")
    with team.connect(*sam) as conn:
        rows = server.turnarounds(conn, measured=True)
    assert [(t.department, t.tag, t.hours, t.median_hours, t.settled) for t in rows] == [
        ("Billing", "", 16, 5.0, 3), ("Billing", "billing", 24, 5.0, 3),
        ("IT", "", 4, None, 0)]  # a department of one: its median would be Kim's
    with team.connect(*pia) as conn:  # the totals set against the department's own default
        assert server.department_totals(conn, mon.date(), "UTC")["published_hours"] == 16


def test_a_departments_time_never_shows_one_members_figure(billing):
    team, m = billing
    sam, dana, ola, pia, kim = m["sam"], m["dana"], m["ola"], m["pia"], m["kim"]
    with team.connect(*sam) as conn:
        mon = _recent_monday(conn)
        _ask(conn, "a", sam[0], dana[0], mon, tags=["payroll"])  # only Dana is asked for it
        _ask(conn, "b", sam[0], ola[0], mon + timedelta(days=2))
        _ask(conn, "c", sam[0], pia[0], mon + timedelta(days=3))
    for who, uid, request, done in ((dana, "d", "a", mon + timedelta(hours=7)),
                                    (ola, "e", "b", mon + timedelta(days=2, hours=3)),
                                    (pia, "f", "c", mon + timedelta(days=3, hours=1))):
        with team.connect(*who) as conn:
            _event(conn, uid, request, who[0], "done", done)
    with team.connect(*m["lee"]) as conn:
        server.publish_turnaround(conn, {"": 16, "payroll": 8}, department="Billing")
    with team.connect(*kim) as conn:  # another department asks what Billing needs
        rows = server.turnarounds(conn, measured=True)
        assert [(t.tag, t.hours, t.median_hours, t.settled) for t in rows] == [
            ("", 16, 3.0, 3), ("payroll", 8, None, 0)]  # payroll's would be Dana's 7 h
        with pytest.raises(psycopg.errors.UndefinedFunction):  # nor one request of Ola's
            conn.execute("SELECT * FROM promptly_team.measured_department_turnaround("
                         "%s::timestamptz)", (mon + timedelta(days=1),))


def test_the_weekly_summary_shows_the_department_after_a_sync(billing, tmp_path, monkeypatch):
    from app.clock import FixedClock
    from app.settings import Settings
    from app.storage.database import open_database
    from app.storage.store import Store
    from app.summary import weekly_summary
    from app.service import Promptly
    from app.team import sync

    team, m = billing
    with team.connect(*m["sam"]) as conn:  # three of Billing asked: the week has totals
        for uid, who in (("a", "dana"), ("b", "ola"), ("c", "pia")):
            _ask(conn, uid, m["sam"][0], m[who][0], MON)
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
    assert figures["pia"]["department"] == "Billing" and figures["pia"]["requests"] == 3
    assert figures["sam"] is None  # no department: no team section
