"""The weekly summary, from whole weeks built through the core's own operations at injected times.

Every expected figure is worked out by hand in the comments next to it. Defaults: respond-by is
1 working hour after the ask, working hours Mon–Fri 09:00–17:00 in the settings' time zone.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from app.domain.model import Direction
from app.domain.commands import NewRequest
from app.settings import Settings
from app.summary import IsoWeek, SummaryError, weekly_summary

UTC = timezone.utc
BERLIN = ZoneInfo("Europe/Berlin")


def nov(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


class Week:
    """Drives the core at given instants: each call moves the FakeClock first."""

    def __init__(self, core, clock) -> None:
        self.core, self.clock = core, clock

    def ask(self, at, direction, who, title, asked_at=None):
        self.clock.set(at)
        return self.core.add(NewRequest(direction, who, title, asked_at=asked_at)).id

    def ack(self, at, rid, eta=None):
        self.clock.set(at)
        self.core.acknowledge(rid, eta)

    def promise(self, at, rid, when):
        self.clock.set(at)
        self.core.promise(rid, when, reason="waiting for a colleague")

    def done(self, at, rid):
        self.clock.set(at)
        self.core.done(rid)

    def cancel(self, at, rid):
        self.clock.set(at)
        self.core.cancel(rid, reason="no longer needed")


RECEIVED, MADE = Direction.RECEIVED, Direction.MADE


@pytest.fixture
def w48(core, clock):
    """2026-W48 (Mon 23 – Sun 29 Nov), UTC, plus a little of W47. Times are UTC."""
    w = Week(core, clock)
    # W47: a promise to Dana kept, and Kim's request answered on time but still open.
    p = w.ask(nov(20, 10), RECEIVED, "Dana", "old invoice")
    w.ack(nov(20, 10, 10), p, eta=nov(20, 15))
    w.done(nov(20, 14), p)
    k0 = w.ask(nov(19, 10), RECEIVED, "Kim", "badge photo")
    w.ack(nov(19, 10, 30), k0)

    # R1 Dana, Mon: answered in 20 min with an ETA, delivered early: kept.
    r1 = w.ask(nov(23, 9), RECEIVED, "Dana", "repair invoice")
    w.ack(nov(23, 9, 20), r1, eta=nov(24, 12))
    w.done(nov(24, 11), r1)
    # R2 Sam, Mon 10:00: answered 11:30 (respond-by 11:00: late, 90 working min);
    # moved Wed 10:00 before its Wed 12:00 promise, new one kept: renegotiated.
    r2 = w.ask(nov(23, 10), RECEIVED, "Sam", "review contract")
    w.ack(nov(23, 11, 30), r2, eta=nov(25, 12))
    w.promise(nov(25, 10), r2, nov(26, 12))
    w.done(nov(26, 11), r2)
    # M1 Lee (made), Mon: Lee promised Tue 17:00 and delivered Tue 16:00: theirs kept.
    m1 = w.ask(nov(23, 14), MADE, "Lee", "supplier quote")
    w.ack(nov(23, 14, 30), m1, eta=nov(24, 17))
    w.done(nov(24, 16), m1)
    # R3 Lee, Tue: promised Wed 15:00, delivered Fri 10:00: broken (late delivery),
    # settled Wed 15:00, 43 h = 2580 min late.
    r3 = w.ask(nov(24, 9), RECEIVED, "Lee", "Q3 numbers")
    w.ack(nov(24, 9, 30), r3, eta=nov(25, 15))
    w.done(nov(27, 10), r3)
    # M3 Sam (made), Tue: promised Wed 10:00, moved at Wed 11:00 after it passed: theirs broken,
    # 60 min late, even though the new promise was kept.
    m3 = w.ask(nov(24, 10), MADE, "Sam", "sign-off on budget")
    w.ack(nov(24, 10, 10), m3, eta=nov(25, 10))
    w.promise(nov(25, 11), m3, nov(26, 10))
    w.done(nov(26, 9), m3)
    # R5 Kim, Wed: cancelled at 09:30, before respond-by 10:00: asked, but no response judged.
    r5 = w.ask(nov(25, 9), RECEIVED, "Kim", "slides for Friday")
    w.cancel(nov(25, 9, 30), r5)
    # R7 Dana, Wed: promised 12:00, delivered 13:00: broken, 60 min.
    r7 = w.ask(nov(25, 9), RECEIVED, "Dana", "customer call notes")
    w.ack(nov(25, 9, 1), r7, eta=nov(25, 12))
    w.done(nov(25, 13), r7)
    # R6 Sam, Thu: promised Fri 12:00, never delivered: broken (breach), still open.
    r6 = w.ask(nov(26, 9), RECEIVED, "Sam", "expense report")
    w.ack(nov(26, 9, 5), r6, eta=nov(27, 12))
    # M2 Kim (made), Thu: no answer at all; still open.
    w.ask(nov(26, 15), MADE, "Kim", "access to the shared drive")
    # R4 Dana, asked late on Friday 16:30: respond-by is Mon 09:30 (30 working min on Friday,
    # 30 on Monday). Answered Mon 09:10: on time, 30 + 10 = 40 working minutes.
    r4 = w.ask(nov(27, 16, 30), RECEIVED, "Dana", "onboarding checklist")
    w.ack(nov(30, 9, 10), r4, eta=nov(30, 12))
    clock.set(nov(30, 10))  # Monday of W49, 10:00
    return {"k0": k0, "r1": r1, "r4": r4, "r6": r6}


def test_a_whole_week_figure_by_figure(core, w48):
    s = weekly_summary(core, "2026-W48").as_json()
    assert (s["week"], s["start"], s["end"]) == ("2026-W48", "2026-11-23", "2026-11-29")
    assert s["as_of"] == "2026-11-30T00:00:00+00:00"  # the week is over: its end
    # asked in W48: received R1 R2 R3 R5 R7 R6 R4 = 7; made M1 M3 M2 = 3
    assert (s["received"], s["made"]) == (7, 3)
    # on time: R1 R3 R7 R6 R4 = 5; late: R2 = 1; R5 was cancelled before respond-by
    assert (s["responded_on_time"], s["responded_late"]) == (5, 1)
    # working minutes to answer: R7 1, R6 5, R1 20, R3 30, R4 40, R2 90 -> median (20+30)/2
    assert s["median_response_minutes"] == 25.0
    # mine settled in W48: R1 kept, R2 renegotiated, R3 R7 R6 broken -> 2 of 5 held;
    # lateness R7 60, R3 2580, R6 Fri 12:00 -> now Mon 10:00 = 70 h = 4200 -> median 2580
    assert s["mine"] == {"kept": 1, "renegotiated": 1, "broken": 3, "kept_rate": 0.4,
                         "median_lateness_minutes": 2580.0}
    # theirs: M1 kept, M3 broken (60 min)
    assert s["theirs"] == {"kept": 1, "renegotiated": 0, "broken": 1, "kept_rate": 0.5,
                           "median_lateness_minutes": 60.0}
    # open at Mon 30 Nov 00:00: received K0 (W47), R6, R4 (answered Monday, still open); made M2
    assert (s["open_received"], s["open_made"]) == (3, 1)
    assert s["waiting_on_me"] == [
        {"person": "Kim", "count": 1, "oldest_asked_at": "2026-11-19T10:00:00+00:00",
         "request_id": w48["k0"]},
        {"person": "Sam", "count": 1, "oldest_asked_at": "2026-11-26T09:00:00+00:00",
         "request_id": w48["r6"]},
        {"person": "Dana", "count": 1, "oldest_asked_at": "2026-11-27T16:30:00+00:00",
         "request_id": w48["r4"]},
    ]
    assert [(w["person"], w["count"]) for w in s["i_wait_on"]] == [("Kim", 1)]
    # done: Tue R1 M1, Wed R7, Thu R2 M3, Fri R3 (R5 was cancelled, not done)
    assert [(d["date"][-2:], d["received"], d["made"], d["done"]) for d in s["by_day"]] == [
        ("23", 2, 1, 0), ("24", 1, 1, 2), ("25", 2, 0, 1), ("26", 1, 1, 2),
        ("27", 1, 0, 1), ("28", 0, 0, 0), ("29", 0, 0, 0)]
    # W41..W46 had nothing; W47: Dana's promise kept (1.0), both answers on time (1.0)
    assert [t["week"] for t in s["trend"]] == [f"2026-W{n}" for n in range(41, 49)]
    assert all(t["kept_rate"] is None and t["on_time_rate"] is None for t in s["trend"][:6])
    assert s["trend"][6] == {"week": "2026-W47", "kept_rate": 1.0, "on_time_rate": 1.0,
                             "received": 2, "made": 0}
    # W48: 2 of 5 held; 5 on time of 6 judged = 0.8333
    assert s["trend"][7] == {"week": "2026-W48", "kept_rate": 0.4, "on_time_rate": 0.8333,
                             "received": 7, "made": 3}
    # in the 8 weeks, Dana holds 3 settled promises of mine: 0 (W47), 0 (R1), 60 (R7) -> 0;
    # Sam has only 2 (R2, R6), Lee 1 (R3)
    assert s["calibration"] == [{"person": "Dana", "promises": 3, "median_lateness_minutes": 0.0}]


def test_a_database_from_before_promise_records_is_upgraded_to_the_same_figures(core, w48, db_path):
    """The migration folds every history into its record as the store does at each write: a
    downgraded copy of the week, upgraded again, sums up exactly as before."""
    from alembic.command import downgrade

    from app.service import Promptly
    from app.storage import database
    from app.storage.store import Store

    before = weekly_summary(core, "2026-W48").as_json()
    core.store.db.dispose()
    downgrade(database._alembic_config(core.store.db), "0001_initial")
    with sqlite3.connect(db_path) as conn:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(requests)")}
    assert "promise_breached" not in columns
    upgraded = Promptly(Store(database.open_database(str(db_path))), core.clock)
    assert weekly_summary(upgraded, "2026-W48").as_json() == before
    with upgraded.store.db.engine.connect() as conn:  # switched off for the migration only
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_the_current_week_counts_up_to_now_and_a_friday_ask_waits_for_monday(core, clock):
    w = Week(core, clock)
    late = w.ask(nov(27, 9), RECEIVED, "Noor", "slides")
    w.ack(nov(27, 9, 10), late, eta=nov(27, 12))
    rid = w.ask(nov(27, 16, 30), RECEIVED, "Noor", "access badge")
    clock.set(nov(27, 18))
    s = weekly_summary(core)
    assert s.week == "2026-W48" and s.as_of == nov(27, 18)
    # respond-by of the 16:30 ask is Mon 09:30, still ahead: only the 09:00 one is judged
    assert (s.responded_on_time, s.responded_late, s.median_response_minutes) == (1, 0, 10.0)
    # the 12:00 promise passed 6 h ago: broken, 360 min late so far
    assert (s.mine.broken, s.mine.median_lateness_minutes) == (1, 360.0)
    assert [d.received for d in s.by_day] == [0, 0, 0, 0, 2, 0, 0]
    clock.set(nov(30, 9, 31))  # past respond-by, no answer: late, in the week it was asked
    s = weekly_summary(core, "2026-W48")
    assert (s.responded_on_time, s.responded_late) == (1, 1)
    w.ack(nov(30, 9, 45), rid)
    s = weekly_summary(core, "2026-W48")
    # answered after respond-by: still late; 30 working min Fri + 45 Mon = 75; median of 10, 75
    assert (s.responded_on_time, s.responded_late, s.median_response_minutes) == (1, 1, 42.5)


def test_a_reopened_request_was_closed_at_the_end_of_its_week(core, clock):
    w = Week(core, clock)
    rid = w.ask(nov(24, 9), MADE, "Tess", "supplier quote")
    w.done(nov(25, 9), rid)
    clock.set(nov(30, 11))
    core.reopen(rid)  # reopened in W49: it was closed at the end of W48
    clock.advance(minutes=1)
    s = weekly_summary(core, "2026-W48")
    assert (s.open_made, s.i_wait_on) == (0, [])
    assert weekly_summary(core, "2026-W49").open_made == 1


def test_a_dst_week_in_berlin(core, clock):
    """2026-W43 runs Mon 19 Oct 00:00 CEST (18 Oct 22:00 UTC) to Mon 26 Oct 00:00 CET
    (25 Oct 23:00 UTC): 169 hours, because clocks go back on Sunday 25 Oct."""
    core.save_settings(Settings(timezone="Europe/Berlin"))
    w = Week(core, clock)

    def berlin(day, hour, minute=0):
        return datetime(2026, 10, day, hour, minute, tzinfo=BERLIN).astimezone(UTC)

    clock.set(berlin(27, 12))
    week42 = w.ask(berlin(18, 23, 30), RECEIVED, "Ari", "Sunday night, week 42")
    w.ask(berlin(19, 0, 30), RECEIVED, "Ari", "first minutes of week 43")
    friday = w.ask(berlin(23, 16, 30), RECEIVED, "Uma", "Friday afternoon")
    sunday = w.ask(berlin(25, 23, 30), RECEIVED, "Uma", "last hour after the change")
    w.ask(berlin(26, 0, 30), RECEIVED, "Uma", "first minutes of week 44")
    # Friday 16:30 CEST + 60 working min = Mon 26 Oct 09:30 CET, across the change: 30 + 30 min
    w.ack(berlin(26, 9, 30), friday)
    clock.set(berlin(26, 12))  # Monday 12:00 CET
    s = weekly_summary(core, "2026-W43").as_json()
    assert (s["start"], s["end"], s["as_of"]) == ("2026-10-19", "2026-10-25", "2026-10-25T23:00:00+00:00")
    # W43 holds Monday 00:30, Friday 16:30 and Sunday 23:30 (after the change), not the others
    assert s["received"] == 3
    assert [d["received"] for d in s["by_day"]] == [1, 0, 0, 0, 1, 0, 1]
    # Friday's answer is exactly at respond-by (on time, 60 working min, though 66 wall hours);
    # Monday 00:30's respond-by was Mon 10:00 and Sunday's Mon 26 10:00 CET: both passed unanswered
    assert (s["responded_on_time"], s["responded_late"]) == (1, 2)
    assert s["median_response_minutes"] == 60.0
    # open at the week's end: Ari's two (week 42's is the oldest), Uma's Friday and Sunday ones;
    # Sunday 23:30 CET is 22:30 UTC, inside W43 by local time
    assert [(x["person"], x["count"], x["request_id"]) for x in s["waiting_on_me"]] == [
        ("Ari", 2, week42), ("Uma", 2, friday)]
    assert weekly_summary(core, "2026-W44").received == 1
    assert sunday not in [x["request_id"] for x in s["waiting_on_me"]]  # Friday's is older


def test_weeks_are_parsed_and_refused_clearly(core):
    assert IsoWeek.parse("2026-W47") == IsoWeek(2026, 47)
    assert IsoWeek.parse("2026w5") == IsoWeek(2026, 5)
    assert str(IsoWeek(2026, 5)) == "2026-W05"
    assert IsoWeek(2026, 1).shifted(-1) == IsoWeek(2025, 1 + 51)  # 2025 has 52 weeks
    with pytest.raises(SummaryError, match="like 2026-W47"):
        IsoWeek.parse("last week")
    with pytest.raises(SummaryError, match="no week 54"):
        IsoWeek.parse("2026-W54")
    with pytest.raises(SummaryError, match="not started yet"):
        weekly_summary(core, "2027-W01")


def test_an_empty_week_has_no_rates(core):
    s = weekly_summary(core)
    assert s.week == "2026-W48" and s.received == s.made == 0
    assert s.mine.kept_rate is None and s.median_response_minutes is None
    assert len(s.by_day) == 7 and len(s.trend) == 8 and s.calibration == []


def test_the_summary_command_prints_json_and_text_and_refuses_a_bad_week(core, w48, db_path, tmp_path):
    """The real `promptly` process on the same SQLite file, at the fixture's Monday."""
    from tests.cli.proc import isolated_env, run_promptly

    env = isolated_env(tmp_path / "run", PROMPTLY_DB=str(db_path), PROMPTLY_NOW="2026-11-30T10:00:00Z")
    (tmp_path / "run").mkdir()
    done = run_promptly(["summary", "--week", "2026-W48", "--json"], env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == weekly_summary(core, "2026-W48").as_json()
    text = run_promptly(["summary", "--week", "2026-W48"], env)
    assert text.returncode == 0 and text.stderr == ""
    assert "Received 7 · made 3" in text.stdout
    assert "My promises: kept 1, renegotiated 1, broken 3 · 40 % held · broken ones a median 1 d 19 h late" \
        in text.stdout  # 2580 min = 1 d 19 h
    assert "  Dana                       3 promises  0 min" in text.stdout
    bad = run_promptly(["summary", "--week", "next week"], env)
    assert (bad.returncode, bad.stdout) == (1, "")
    assert bad.stderr == "promptly: error: 'next week' is not an ISO week; write it like 2026-W47\n"


def test_a_week_of_unanswered_wishes_breaks_no_promise(core, clock):
    """Five requests each with a time the asker wanted, none answered, all past by Friday."""
    for day in range(23, 28):
        clock.set(nov(day, 9))
        core.add(NewRequest(RECEIVED, "Ari", f"sign-off {day}", needed_by=nov(day, 12)))
        if day == 23:
            clock.set(nov(23, 11))
            core.done(1)  # Monday's, before it was wanted
        if day == 25:
            clock.set(nov(25, 10))
            core.done(2)  # Tuesday's, the next morning: late
    clock.set(nov(27, 18))
    week = weekly_summary(core, "2026-W48")
    assert (week.mine.kept, week.mine.renegotiated, week.mine.broken) == (0, 0, 0)
    assert week.mine.kept_rate is None
    assert (week.delivered_when_wanted.delivered, week.delivered_when_wanted.late) == (1, 4)
    assert week.delivered_when_wanted.rate == 0.2
    assert week.as_json()["delivered_when_wanted"] == {"delivered": 1, "late": 4, "rate": 0.2}
