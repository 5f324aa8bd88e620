"""The working-hours calendar: business time is exact across weekends, holidays and DST."""

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.policy.calendar import AlwaysOpen, CalendarError, WorkingCalendar

UTC = timezone.utc
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def at(tz, *args):
    return datetime(*args, tzinfo=tz)


def test_default_is_monday_to_friday_nine_to_five():
    cal = WorkingCalendar(tz="UTC")
    assert cal.is_working(at(UTC, 2026, 11, 23, 9, 0))  # Monday 09:00
    assert cal.is_working(at(UTC, 2026, 11, 27, 17, 0))  # Friday 17:00, the end is included
    assert not cal.is_working(at(UTC, 2026, 11, 23, 8, 59))
    assert not cal.is_working(at(UTC, 2026, 11, 28, 12, 0))  # Saturday


def test_an_hour_asked_late_on_friday_runs_into_monday():
    cal = WorkingCalendar(tz="UTC")
    assert cal.add_working_minutes(at(UTC, 2026, 11, 27, 16, 30), 60) == at(UTC, 2026, 11, 30, 9, 30)


def test_a_holiday_is_skipped():
    cal = WorkingCalendar(tz="UTC", holidays=[date(2026, 11, 30)])
    assert cal.add_working_minutes(at(UTC, 2026, 11, 27, 16, 30), 60) == at(UTC, 2026, 12, 1, 9, 30)


def test_asked_before_hours_counts_from_the_start_of_the_day():
    cal = WorkingCalendar(tz="UTC")
    assert cal.add_working_minutes(at(UTC, 2026, 11, 24, 7, 0), 60) == at(UTC, 2026, 11, 24, 10, 0)


def test_next_working_minute():
    cal = WorkingCalendar(tz="UTC")
    inside = at(UTC, 2026, 11, 24, 11, 17)
    assert cal.next_working_minute(inside) == inside
    assert cal.next_working_minute(at(UTC, 2026, 11, 27, 18, 0)) == at(UTC, 2026, 11, 30, 9, 0)


@pytest.mark.parametrize("tz, friday_before, monday_after", [
    # Europe/Berlin: summer time ends Sunday 2026-10-25, begins Sunday 2026-03-29
    (BERLIN, (2026, 10, 23), (2026, 10, 26)),
    (BERLIN, (2026, 3, 27), (2026, 3, 30)),
    # America/New_York: DST begins Sunday 2026-03-08, ends Sunday 2026-11-01
    (NEW_YORK, (2026, 3, 6), (2026, 3, 9)),
    (NEW_YORK, (2026, 10, 30), (2026, 11, 2)),
])
def test_local_working_hours_hold_across_both_dst_transitions(tz, friday_before, monday_after):
    cal = WorkingCalendar(tz=tz)
    asked = at(tz, *friday_before, 16, 30)
    due = cal.add_working_minutes(asked, 60)
    assert due.astimezone(tz).replace(tzinfo=None) == datetime(*monday_after, 9, 30)
    # 30 minutes on Friday and 30 on Monday, whatever the offset did over the weekend
    assert cal.working_minutes_between(asked, due) == pytest.approx(60)


def test_a_working_day_on_a_dst_sunday_is_still_eight_real_hours():
    cal = WorkingCalendar({6: [(time(0, 0), time(8, 0))]}, tz=BERLIN)  # Sunday 00:00-08:00
    start = at(BERLIN, 2026, 3, 29, 0, 0)
    # the clock jumps 02:00 → 03:00, so only 7 real hours pass between 00:00 and 08:00
    assert cal.working_minutes_between(start, at(BERLIN, 2026, 3, 29, 8, 0)) == pytest.approx(7 * 60)


def test_minutes_between_is_negative_backwards_and_skips_nights():
    cal = WorkingCalendar(tz="UTC")
    a, b = at(UTC, 2026, 11, 23, 16, 0), at(UTC, 2026, 11, 24, 10, 0)
    assert cal.working_minutes_between(a, b) == 120
    assert cal.working_minutes_between(b, a) == -120


def test_end_of_day_and_week():
    cal = WorkingCalendar(tz="UTC")
    assert cal.end_of_working_day(at(UTC, 2026, 11, 23, 10)) == at(UTC, 2026, 11, 23, 17)
    # after hours on Friday, "end of day" is Monday's
    assert cal.end_of_working_day(at(UTC, 2026, 11, 27, 17, 30)) == at(UTC, 2026, 11, 30, 17)
    assert cal.end_of_working_week(at(UTC, 2026, 11, 24, 10)) == at(UTC, 2026, 11, 27, 17)
    assert cal.next_working_day_start(at(UTC, 2026, 11, 27, 10)) == at(UTC, 2026, 11, 30, 9)
    assert cal.is_last_working_day_of_week(at(UTC, 2026, 11, 27, 12))
    assert not cal.is_last_working_day_of_week(at(UTC, 2026, 11, 26, 12))


def test_a_friday_holiday_makes_thursday_the_end_of_the_week():
    cal = WorkingCalendar(tz="UTC", holidays=[date(2026, 11, 27)])
    assert cal.end_of_working_week(at(UTC, 2026, 11, 24, 10)) == at(UTC, 2026, 11, 26, 17)
    assert cal.is_last_working_day_of_week(at(UTC, 2026, 11, 26, 12))


def test_unusable_calendars_are_refused_with_a_reason():
    with pytest.raises(CalendarError, match="end .* before they start"):
        WorkingCalendar({0: [(time(17), time(9))]})
    with pytest.raises(CalendarError, match="at least one day"):
        WorkingCalendar({})
    with pytest.raises(CalendarError, match="overlap"):
        WorkingCalendar({0: [(time(9), time(12)), (time(11), time(17))]})


def test_a_calendar_of_only_holidays_says_so_instead_of_looping():
    cal = WorkingCalendar({0: [(time(9), time(17))]}, tz="UTC",
                          holidays=[date(2026, 11, 23) + timedelta(weeks=w) for w in range(200)])
    with pytest.raises(CalendarError, match="no working"):
        cal.add_working_minutes(at(UTC, 2026, 11, 23, 8), 60)


def test_urgent_calendar_counts_every_minute():
    cal = AlwaysOpen("UTC")
    saturday_night = at(UTC, 2026, 11, 28, 23, 30)
    assert cal.add_working_minutes(saturday_night, 60) == saturday_night + timedelta(hours=1)
    assert cal.next_working_minute(saturday_night) == saturday_night


instants = st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31),
                        timezones=st.just(BERLIN))


@settings(max_examples=300, deadline=None)
@given(start=instants, minutes=st.integers(0, 5 * 8 * 60 * 3))
def test_adding_then_measuring_gives_back_the_minutes(start, minutes):
    cal = WorkingCalendar(tz=BERLIN, holidays=[date(2026, 12, 25), date(2027, 1, 1)])
    end = cal.add_working_minutes(start, minutes)
    assert end >= start
    assert cal.working_minutes_between(start, end) == pytest.approx(minutes, abs=1e-6)
    assert cal.is_working(end)


@settings(max_examples=300, deadline=None)
@given(start=instants, a=st.integers(0, 3000), b=st.integers(0, 3000))
def test_working_minutes_add_up(start, a, b):
    cal = WorkingCalendar(tz=BERLIN)
    step = cal.add_working_minutes(cal.add_working_minutes(start, a), b)
    assert step == cal.add_working_minutes(start, a + b) or \
        cal.working_minutes_between(step, cal.add_working_minutes(start, a + b)) == pytest.approx(0)
