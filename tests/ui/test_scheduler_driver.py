"""The scheduler driver: one timer armed for the next wake, re-armed after changes, clock jumps
and resume; prompts recorded as fired; pause holds them. The clock is injected (FakeClock and a
fake monotonic clock), so nothing waits for real time."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.domain.model import Direction, PromptKind
from app.domain.commands import NewRequest
from ui.scheduler_driver import SchedulerDriver


class Monotonic:
    def __init__(self) -> None:
        self.value = 1000.0

    def __call__(self) -> float:
        return self.value


@pytest.fixture
def core(core):
    # prompts only: the end-of-day digest would be the next wake of an empty day
    core.save_settings(core.settings.with_changes(end_of_day_digest=False, weekly_summary_prompt=False))
    return core


@pytest.fixture
def monotonic():
    return Monotonic()


@pytest.fixture
def driver(qapp, core, monotonic):
    driver = SchedulerDriver(core, monotonic=monotonic)
    driver.shown = []
    driver.due.connect(lambda prompts, digests: driver.shown.append((prompts, digests)))
    driver.jumps = []
    driver.clock_jumped.connect(lambda: driver.jumps.append(True))
    yield driver
    driver.stop()


def add(core, title, **kwargs):
    return core.add(NewRequest(Direction.RECEIVED, "Dana", title, **kwargs))


def armed_for(driver) -> timedelta:
    assert driver.timer.isActive() and driver.timer.isSingleShot()
    return timedelta(milliseconds=driver.timer.interval())


def advance(clock, monotonic, **delta):
    clock.advance(**delta)
    monotonic.value += timedelta(**delta).total_seconds()


def test_arms_one_timer_for_the_next_wake(driver, core, clock):
    add(core, "repair invoice")  # asked 09:00: the reply prompt at 09:45
    driver.start()
    assert driver.next_wake == clock.now() + timedelta(minutes=45)
    assert armed_for(driver) == timedelta(minutes=45)
    assert driver.heartbeat.isActive()
    assert driver.shown == []


def test_rearms_after_a_change(driver, core, clock):
    add(core, "repair invoice")
    driver.start()
    clock.advance(minutes=10)
    add(core, "urgent thing", promised_at=clock.now() + timedelta(minutes=20))  # due soon at 09:15
    driver.check()  # what controller.changed triggers
    assert armed_for(driver) == timedelta(minutes=5)


def test_fires_what_is_due_once_and_rearms(driver, core, clock, monotonic):
    request = add(core, "repair invoice", needed_by=clock.now() + timedelta(hours=2))
    add(core, "given", promised_at=clock.now() + timedelta(hours=2))  # promised at once: no reply prompt
    driver.start()
    advance(clock, monotonic, minutes=45)
    driver.timer.timeout.emit()
    [(prompts, digests)] = driver.shown
    assert [(p.kind, p.request.id, p.missed) for p in prompts] == [(PromptKind.RESPOND, request.id, False)]
    assert core.schedule().fresh == []  # recorded as fired: it never fires twice
    driver.check()
    assert len(driver.shown) == 1
    assert armed_for(driver) == timedelta(hours=1)  # due soon: 15 min before the 11:00 promise


def test_nothing_left_to_prompt_still_rechecks_later(driver, core):
    driver.start()
    assert driver.next_wake is None
    assert armed_for(driver) == timedelta(hours=6)


def test_resume_is_detected_by_a_wall_clock_gap(driver, core, clock, monotonic):
    add(core, "repair invoice")
    driver.start()
    # Asleep for three hours: the wall clock moved, the monotonic one only by a heartbeat.
    clock.advance(hours=3)
    monotonic.value += 60
    driver.beat()
    assert driver.jumps == [True]
    [(prompts, _)] = driver.shown
    assert all(p.missed for p in prompts) and prompts  # they come as "while you were away"


def test_no_jump_when_both_clocks_agree(driver, core, clock, monotonic):
    add(core, "repair invoice")
    driver.start()
    for _ in range(3):
        advance(clock, monotonic, seconds=60)
        driver.beat()
    assert driver.jumps == [] and driver.shown == []


def test_a_clock_set_back_rearms_too(driver, core, clock, monotonic):
    add(core, "repair invoice")
    driver.start()
    clock.advance(minutes=-30)
    monotonic.value += 60
    driver.beat()
    assert driver.jumps == [True]
    assert armed_for(driver) == timedelta(minutes=75)


def test_pause_holds_prompts_until_it_ends(driver, core, clock, monotonic):
    add(core, "repair invoice")
    driver.start()
    core.pause(clock.now() + timedelta(hours=2))
    driver.check()
    assert driver.next_wake == clock.now() + timedelta(hours=2)
    advance(clock, monotonic, hours=1)
    driver.timer.timeout.emit()
    assert driver.shown == []
    advance(clock, monotonic, hours=1)
    driver.timer.timeout.emit()
    [(prompts, _)] = driver.shown
    assert [p.kind for p in prompts] == [PromptKind.RESPOND]


def test_a_failing_database_retries_instead_of_stopping(driver, core, monkeypatch):
    errors = []
    driver.failed.connect(errors.append)

    def broken(*_a, **_k):
        raise RuntimeError("database is locked")

    monkeypatch.setattr(core, "schedule", broken)
    driver.check()
    assert errors == ["database is locked"]
    assert armed_for(driver) == timedelta(seconds=60)


def test_a_row_with_a_date_out_of_range_does_not_stop_the_other_prompts(driver, core, clock,
                                                                         monotonic, db_path):
    import sqlite3

    far = add(core, "far wish", needed_by=clock.now() + timedelta(days=3))
    core.acknowledge(far.id)  # answered without a promise: the scheduler counts down to the wish
    request = add(core, "repair invoice")
    # as an older version stored it: its next working minute would be in year 10000
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE requests SET needed_by = '9999-12-31 23:59:00.000000' WHERE id = ?",
                     (far.id,))
    conn.close()
    warnings = []
    core.warn = warnings.append
    failed = []
    driver.failed.connect(failed.append)
    driver.start()
    advance(clock, monotonic, minutes=45)
    driver.timer.timeout.emit()
    driver.check()
    assert failed == []
    [(prompts, _)] = driver.shown
    assert [(p.kind, p.request.id) for p in prompts] == [(PromptKind.RESPOND, request.id)]
    assert len(warnings) == 1 and f"request #{far.id} has a date Promptly cannot use" in warnings[0]
