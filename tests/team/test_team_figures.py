"""A department's weekly totals and measured turnaround come from narrow server functions:
a member sees their department's totals, never one member's figures. The windows are the
team's (its time zone, whole ended weeks), frozen at their end, and without the caller's own
requests."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import psycopg
import pytest

from app.team import server

pytestmark = pytest.mark.postgresql
UTC = timezone.utc
MON = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # a Monday
WEEK = (MON.date(),)  # the ISO week 2026-W48 in the team's zone (UTC), ended


def _recent_monday(conn) -> datetime:
    """09:00 on the Monday two weeks before the server's clock: inside the window the server
    measures turnaround over (its last MEASURED_WEEKS ended weeks), whatever day tests run."""
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
               for base in ("dana", "ola", "pia", "noa")}
    members["sam"] = team.add("sam", "Sam")
    members["kim"] = team.add("kim", "Kim", supervisor=lee[0], department="IT")
    members["lee"] = lee
    return team, members


def test_a_department_sees_its_totals_and_nothing_per_member(billing):
    team, m = billing
    sam, dana, ola, pia, noa = m["sam"], m["dana"], m["ola"], m["pia"], m["noa"]
    with team.connect(*sam) as conn:
        _ask(conn, "a", sam[0], dana[0], MON)
        _ask(conn, "b", sam[0], ola[0], MON)
        _ask(conn, "g", sam[0], pia[0], MON)
        _ask(conn, "u", sam[0], dana[0], MON)  # nobody ever answers it: not on time
    with team.connect(*dana) as conn:  # answered within the working hour, promise kept
        _event(conn, "c", "a", dana[0], "promised", MON + timedelta(minutes=30),
               to=(MON + timedelta(hours=5)).isoformat())
        _event(conn, "d", "a", dana[0], "done", MON + timedelta(hours=4))
    with team.connect(*ola) as conn:  # answered late, promise broken
        _event(conn, "e", "b", ola[0], "promised", MON + timedelta(hours=3),
               to=(MON + timedelta(hours=4)).isoformat())
        _event(conn, "f", "b", ola[0], "done", MON + timedelta(hours=6))
    with team.connect(*pia) as conn:  # done late, nothing promised
        _event(conn, "h", "g", pia[0], "done", MON + timedelta(hours=5))
    team.recorded_when_they_happened()
    with team.connect(*noa) as conn:  # party to nothing
        assert conn.execute("SELECT count(*) FROM promptly_team.requests").fetchone()[0] == 0
        totals = server.department_totals(conn, *WEEK)
    assert totals == {"department": "Billing", "members": 4, "requests": 4, "answered": 3,
                      "answered_on_time": 1, "promised": 2, "promises_kept": 1,
                      "median_hours": 5.0, "published_hours": None}
    with team.connect(*m["kim"]) as conn:  # another department (of one): nothing at all
        assert server.department_totals(conn, *WEEK) is None
    with team.connect(*sam) as conn:  # no department
        assert server.department_totals(conn, *WEEK) is None


def test_a_departments_week_shows_only_when_three_of_its_members_were_asked(billing):
    team, m = billing
    sam, dana, ola, pia, noa = m["sam"], m["dana"], m["ola"], m["pia"], m["noa"]
    with team.connect(*sam) as conn:
        _ask(conn, "a", sam[0], dana[0], MON)
        _ask(conn, "b", sam[0], ola[0], MON + timedelta(days=2))
    with team.connect(*dana) as conn:
        _event(conn, "d", "a", dana[0], "done", MON + timedelta(hours=4))
    with team.connect(*ola) as conn:
        _event(conn, "e", "b", ola[0], "done", MON + timedelta(days=2, hours=3))
    team.recorded_when_they_happened()
    with team.connect(*noa) as conn:  # two of Billing asked: the totals would be theirs
        assert server.department_totals(conn, *WEEK) is None
        # nor can a window be narrowed around one request: the server takes whole weeks only
        with pytest.raises(psycopg.errors.UndefinedFunction):
            conn.execute("SELECT * FROM promptly_team.department_totals(%s::timestamptz,"
                         " %s::timestamptz)", (MON + timedelta(days=2), MON + timedelta(days=3)))
    with team.connect(*sam) as conn:  # a third is asked: the week's totals show
        _ask(conn, "c", sam[0], pia[0], MON + timedelta(days=3))
    team.recorded_when_they_happened()
    with team.connect(*noa) as conn:
        totals = server.department_totals(conn, *WEEK)
        # but not the median of the two settled: Dana's and Ola's would be read from it
        assert (totals["requests"], totals["median_hours"]) == (3, None)
        # a week starts on a Monday: any other day is no week at all
        assert server.department_totals(conn, WEEK[0] + timedelta(days=2)) is None


def test_the_caller_cannot_choose_the_window(billing):
    """Two windows a minute apart would give one request's outcome by subtraction: the week is
    the team's, in the one zone the administrator set, and no caller shifts it."""
    team, m = billing
    sam, dana, ola, pia, noa = m["sam"], m["dana"], m["ola"], m["pia"], m["noa"]
    with team.connect(*sam) as conn:
        for uid, who in (("a", dana), ("b", ola), ("c", pia)):
            _ask(conn, uid, sam[0], who[0], MON)
        # Sunday 11:30 UTC: still the week before in UTC, Monday already in Auckland
        _ask(conn, "z", sam[0], dana[0], datetime(2026, 11, 22, 11, 30, tzinfo=UTC))
    team.recorded_when_they_happened()
    with team.connect(*noa) as conn:
        assert server.team_zone(conn) == "UTC"
        assert server.department_totals(conn, *WEEK)["requests"] == 3
        for zone in ("Pacific/Auckland", "XXX+34:01"):  # the zone of schema 5's callers: gone
            with pytest.raises(psycopg.errors.UndefinedFunction):
                conn.execute("SELECT * FROM promptly_team.department_totals(%s, %s)",
                             (WEEK[0], zone))
        conn.execute("SET TimeZone = 'Pacific/Auckland'")  # nor does the session's zone count
        assert server.department_totals(conn, *WEEK)["requests"] == 3
    assert server.init(team.admin_url(), zone="Pacific/Auckland") is True  # the team's choice
    assert server.init(team.admin_url()) is False  # it stays
    with team.connect(*noa) as conn:
        assert server.team_zone(conn) == "Pacific/Auckland"
        assert server.department_totals(conn, *WEEK)["requests"] == 4


def test_a_team_zone_is_checked_on_the_client_and_on_the_server(team, monkeypatch):
    from app.i18n import Text

    with pytest.raises(server.TeamError, match="unknown time zone 'Nowhere/Atlantis'") as refused:
        server.init(team.admin_url(), zone="Nowhere/Atlantis")
    assert isinstance(refused.value.args[0], Text)
    monkeypatch.setattr(server, "check_zone", lambda zone: zone)  # a client that lets it pass
    with pytest.raises(server.TeamError, match="server does not know the time zone"):
        server.init(team.admin_url(), zone="Nowhere/Atlantis")
    with psycopg.connect(team.admin_url(), autocommit=True) as conn:
        assert conn.execute("SELECT zone FROM promptly_team.meta").fetchall() == [("UTC",)]


def test_a_weeks_figures_come_once_it_ended_and_never_change(billing):
    team, m = billing
    sam, dana, ola, pia, noa = m["sam"], m["dana"], m["ola"], m["pia"], m["noa"]
    with team.connect(*sam) as conn:
        now = conn.execute("SELECT now()").fetchone()[0].astimezone(UTC)
        this = (now - timedelta(days=now.weekday())).replace(hour=0, minute=0, second=0,
                                                             microsecond=0)
        for uid, who in (("a", dana), ("b", ola), ("c", pia)):  # this week: not ended
            _ask(conn, uid, sam[0], who[0], this)
        for uid, who in (("d", dana), ("e", ola), ("g", pia)):  # the ended week
            _ask(conn, uid, sam[0], who[0], MON)
    with team.connect(*noa) as conn:
        assert server.department_totals(conn, this.date()) is None
        # sent after the week's end (recorded now): they never enter its figures
        assert server.department_totals(conn, *WEEK) is None
    team.recorded_when_they_happened()
    with team.connect(*noa) as conn:
        assert server.department_totals(conn, this.date()) is None  # still not ended
        before = server.department_totals(conn, *WEEK)
        assert (before["requests"], before["answered"]) == (3, 0)
    with team.connect(*sam) as conn:  # later, backdated into the ended week: not counted
        _ask(conn, "h", sam[0], dana[0], MON + timedelta(hours=1))
    with team.connect(*dana) as conn:
        _event(conn, "i", "d", dana[0], "done", MON + timedelta(minutes=20))
    with team.connect(*noa) as conn:
        assert server.department_totals(conn, *WEEK) == before


def test_a_members_own_requests_are_not_in_the_figures_she_sees(billing):
    """Pia makes up requests she is party to (backdated, done when she likes): they neither
    meet the three-member threshold nor move the figures she is shown."""
    team, m = billing
    sam, dana, ola, pia, noa = m["sam"], m["dana"], m["ola"], m["pia"], m["noa"]
    with team.connect(*sam) as conn:
        mon = _recent_monday(conn)
    for i, at in enumerate((MON, mon)):  # an ended week, and one in the measured window
        with team.connect(*sam) as conn:  # real: Dana asked, and Pia
            _ask(conn, f"a{i}", sam[0], dana[0], at, tags=["payroll"])
            _ask(conn, f"b{i}", sam[0], pia[0], at, tags=["payroll"])
        with team.connect(*pia) as conn:  # invented: asked of Ola by Pia, done by Pia
            _ask(conn, f"c{i}", pia[0], ola[0], at, tags=["payroll"])
            for uid, request in (("p", "b"), ("q", "c")):
                _event(conn, f"{uid}{i}", f"{request}{i}", pia[0], "done", at + timedelta(hours=1))
        with team.connect(*dana) as conn:
            _event(conn, f"e{i}", f"a{i}", dana[0], "done", at + timedelta(hours=7))
    with team.connect(*m["lee"]) as conn:
        server.publish_turnaround(conn, {"payroll": 8}, department="Billing")
    team.recorded_when_they_happened()
    with team.connect(*pia) as conn:  # without her own: Dana alone, whose figures would show
        assert server.department_totals(conn, *WEEK) is None
        assert server.department_totals(conn, mon.date()) is None
        assert [(t.tag, t.median_hours) for t in server.turnarounds(conn, measured=True)] == [
            ("payroll", None)]
    with team.connect(*noa) as conn:  # party to none of them: three members were asked
        assert server.department_totals(conn, *WEEK)["requests"] == 3
        assert [(t.tag, t.settled) for t in server.turnarounds(conn, measured=True)] == [
            ("payroll", 6)]  # both weeks are in the measured window


def test_working_hours_are_the_teams_whatever_the_session(billing):
    team, m = billing
    a, b = datetime(2025, 3, 3, 9, tzinfo=UTC), datetime(2025, 3, 3, 10, tzinfo=UTC)
    with team.connect(*m["dana"]) as conn:
        seen = set()
        for zone in ("UTC", "America/Los_Angeles", "Asia/Tokyo", "XXX+3"):
            conn.execute(f"SET TimeZone = '{zone}'")
            seen.add(conn.execute("SELECT promptly_team.working_hours(%s, %s, 'UTC')",
                                  (a, b)).fetchone()[0])
        assert seen == {1.0}
        # Monday 09:00 UTC is 01:00 in Los Angeles: no working hour there until 17:00 UTC
        assert conn.execute("SELECT promptly_team.working_hours(%s, %s, 'America/Los_Angeles')",
                            (a, b)).fetchone()[0] == 0.0
        assert conn.execute("SELECT promptly_team.working_hours(%s, NULL, 'UTC')",
                            (a,)).fetchone()[0] == 0.0


def test_a_far_future_time_costs_no_more_than_the_cap(billing):
    team, m = billing
    sam, dana = m["sam"], m["dana"]
    with team.connect(*dana) as conn:
        hours = "SELECT promptly_team.working_hours(now(), now() + %s::interval, 'UTC')"
        capped = conn.execute(hours, (f"{server.MAX_SPAN_DAYS} days",)).fetchone()[0]
        assert capped > 2000
        assert conn.execute(hours, ("288000 years",)).fetchone()[0] == capped
        assert conn.execute("SELECT promptly_team.working_hours('infinity', 'infinity', 'UTC')"
                            ).fetchone()[0] == 0.0
    with team.connect(*sam) as conn:
        now = conn.execute("SELECT now()").fetchone()[0]
        _ask(conn, "a", sam[0], dana[0], now)
        _event(conn, "b", "a", sam[0], "reminded", now + timedelta(hours=20))  # a clock ahead
        with pytest.raises(psycopg.errors.CheckViolation):  # the year 9999: refused
            _event(conn, "c", "a", sam[0], "done", datetime(9999, 1, 1, tzinfo=UTC))


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
    team.recorded_when_they_happened()
    with team.connect(*m["ola"]) as conn:
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
    team.recorded_when_they_happened()
    with team.connect(*m["lee"]) as conn:  # party to none of them (Sam asked them all)
        rows = server.turnarounds(conn, measured=True)
    assert [(t.department, t.tag, t.hours, t.median_hours, t.settled) for t in rows] == [
        ("Billing", "", 16, 5.0, 3), ("Billing", "billing", 24, 5.0, 3),
        ("IT", "", 4, None, 0)]  # a department of one: its median would be Kim's
    with team.connect(*m["noa"]) as conn:  # the totals set against the department's own default
        assert server.department_totals(conn, mon.date())["published_hours"] == 16


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
    team.recorded_when_they_happened()
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
    team.recorded_when_they_happened()
    team.password_file(m.values(), tmp_path, monkeypatch)
    figures = {}
    for who in ("noa", "sam"):
        store = Store(open_database(str(tmp_path / f"{who}.db")))
        store.save_settings(Settings(timezone="UTC"))
        core = Promptly(store, FixedClock(MON + timedelta(days=7, hours=3)))  # the week after
        assert core.department_totals("2026-W48") is None  # before a sync: nothing known
        sync.join(core, team.url(m[who][0]))
        sync.sync(core)
        figures[who] = weekly_summary(core, "2026-W48").as_json()["team"]
        # the week under way has no figures yet: no team section
        assert weekly_summary(core).as_json()["team"] is None
        core.close()
    assert figures["noa"]["department"] == "Billing" and figures["noa"]["requests"] == 3
    assert figures["sam"] is None  # no department: no team section
