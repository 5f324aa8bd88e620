"""The prompt ladder, driven through a simulated week with an injected clock."""

from datetime import date, datetime, timedelta, timezone

import pytest

from app.domain.model import Direction, Priority, PromptKind
from app.domain.commands import NewRequest
from app.settings import Settings

UTC = timezone.utc


def at(*args):
    return datetime(*args, tzinfo=UTC)


def run_until(core, clock, end):
    """What the tray app does: sleep until the next wake, show what is due, record it."""
    shown = []
    while True:
        schedule = core.schedule()
        fresh = [p for p in schedule.due if not p.shown]
        if fresh or schedule.superseded:
            core.fire(schedule.due, superseded=schedule.superseded)
            shown += [(p.kind, p.request.title, clock.now(), p.missed) for p in fresh]
            continue
        if schedule.next_wake is None or schedule.next_wake > end:
            clock.set(end)
            return shown
        clock.set(schedule.next_wake)


@pytest.fixture
def core(core):
    core.save_settings(core.settings.with_changes(end_of_day_digest=False, weekly_summary_prompt=False))
    return core


def received(core, title="repair invoice", **kw):
    return core.add(NewRequest(Direction.RECEIVED, "Dana", title, **kw))


def made(core, title="badge form", **kw):
    return core.add(NewRequest(Direction.MADE, "Kim", title, **kw))


def test_received_respond_prompt_fires_fifteen_minutes_before_respond_by(core, clock):
    clock.set(at(2026, 11, 23, 10, 0))
    received(core)
    shown = run_until(core, clock, at(2026, 11, 23, 18))
    assert shown == [(PromptKind.RESPOND, "repair invoice", at(2026, 11, 23, 10, 45), False)]


def test_an_answer_silences_the_respond_prompt(core, clock):
    clock.set(at(2026, 11, 23, 10, 0))
    request = received(core)
    clock.set(at(2026, 11, 23, 10, 20))
    core.acknowledge(request.id)
    assert run_until(core, clock, at(2026, 11, 23, 18)) == []


def test_promise_i_gave_prompts_due_soon_then_overdue(core, clock):
    clock.set(at(2026, 11, 23, 10, 0))
    request = received(core)
    core.acknowledge(request.id, eta=at(2026, 11, 24, 15, 0))
    shown = run_until(core, clock, at(2026, 11, 25))
    assert [(k, t) for k, _, t, _ in shown] == [
        (PromptKind.DUE_SOON, at(2026, 11, 24, 14, 45)),
        (PromptKind.OVERDUE, at(2026, 11, 24, 15, 0)),
    ]


def test_asked_friday_at_half_past_four_the_ladder_continues_on_monday(core, clock):
    clock.set(at(2026, 11, 27, 16, 30))  # Friday
    made(core)
    shown = run_until(core, clock, at(2026, 12, 1))
    assert [(k, t) for k, _, t, _ in shown] == [
        (PromptKind.NUDGE, at(2026, 11, 30, 9, 30)),  # 30 min Friday + 30 min Monday
        (PromptKind.ESCALATE, at(2026, 11, 30, 10, 30)),
    ]


def test_a_holiday_monday_moves_everything_to_tuesday(core, clock):
    core.save_settings(core.settings.with_changes(holidays=("2026-11-30",)))
    clock.set(at(2026, 11, 27, 16, 30))
    made(core)
    shown = run_until(core, clock, at(2026, 12, 2))
    assert [t for _, _, t, _ in shown] == [at(2026, 12, 1, 9, 30), at(2026, 12, 1, 10, 30)]


def test_their_promise_gets_a_check_in_then_an_escalation_an_hour_later(core, clock):
    clock.set(at(2026, 11, 23, 10, 0))
    request = made(core)
    clock.set(at(2026, 11, 23, 10, 30))
    core.acknowledge(request.id, eta=at(2026, 11, 24, 16, 30))  # Kim replied with an ETA
    shown = run_until(core, clock, at(2026, 11, 26))
    assert [(k, t) for k, _, t, _ in shown] == [
        (PromptKind.CHECK_IN, at(2026, 11, 24, 16, 30)),
        (PromptKind.ESCALATE, at(2026, 11, 25, 9, 30)),  # 30 working min Tue + 30 Wed
    ]


def test_a_prompt_due_outside_hours_waits_for_the_next_working_minute(core, clock):
    clock.set(at(2026, 11, 23, 10, 0))
    request = received(core)
    core.acknowledge(request.id, eta=at(2026, 11, 28, 12, 0))  # a Saturday promise
    shown = run_until(core, clock, at(2026, 12, 1))
    # due-soon would be Saturday 11:45: pushed past the promise, the overdue prompt says it all
    assert [(k, t) for k, _, t, _ in shown] == [(PromptKind.OVERDUE, at(2026, 11, 30, 9, 0))]


def test_urgent_requests_ignore_working_hours(core, clock):
    clock.set(at(2026, 11, 28, 20, 0))  # Saturday evening
    made(core, priority=Priority.URGENT)
    shown = run_until(core, clock, at(2026, 11, 29))
    assert [(k, t) for k, _, t, _ in shown] == [
        (PromptKind.NUDGE, at(2026, 11, 28, 21, 0)),
        (PromptKind.ESCALATE, at(2026, 11, 28, 22, 0)),
    ]


def test_each_prompt_fires_once(core, clock):
    clock.set(at(2026, 11, 23, 10, 0))
    received(core)
    clock.set(at(2026, 11, 23, 11, 0))
    first = core.schedule()
    core.fire(first.due)
    assert len(first.due) == 1
    assert core.schedule().fresh == []


def test_a_fired_prompt_stays_pending_until_acted_on_or_dismissed(core, clock):
    """Quitting and starting again reads the same history: the prompt waits, shown, not notified."""
    clock.set(at(2026, 11, 23, 10, 0))
    request = received(core)
    clock.set(at(2026, 11, 23, 11, 0))
    core.fire(core.schedule().due)
    clock.set(at(2026, 11, 23, 14, 0))  # the app was closed in between
    again = core.schedule()
    assert [(p.kind, p.shown, p.missed) for p in again.due] == [(PromptKind.RESPOND, True, False)]
    core.fire(again.due)  # showing it again records nothing
    assert [e.kind.value for e in core.get(request.id).history].count("prompted") == 1
    core.dismiss(request.id, again.due[0].key)
    assert core.schedule().due == []


def test_acting_on_a_prompt_settles_it(core, clock):
    clock.set(at(2026, 11, 23, 10, 0))
    request = made(core)
    clock.set(at(2026, 11, 23, 11, 0))
    core.fire(core.schedule().due)
    core.record_follow_up(request.id, PromptKind.NUDGE, "copied")
    assert core.schedule().due == []


def test_prompts_of_one_request_due_together_show_only_the_most_important(core, clock):
    clock.set(at(2026, 11, 23, 10, 0))
    request = received(core)
    core.acknowledge(request.id, at(2026, 11, 23, 10, 30))  # a promise for 10:30
    clock.set(at(2026, 11, 23, 12, 0))  # due soon and overdue both passed while away
    plan = core.schedule()
    assert [p.kind for p in plan.due] == [PromptKind.OVERDUE]
    assert [p.kind for p in plan.superseded] == [PromptKind.DUE_SOON]
    core.fire(plan.due, superseded=plan.superseded)
    assert [(p.kind, p.shown) for p in core.schedule().due] == [(PromptKind.OVERDUE, True)]


def test_snooze_moves_a_fired_prompt_and_it_fires_once_more(core, clock):
    clock.set(at(2026, 11, 23, 10, 0))
    request = made(core)
    shown = run_until(core, clock, at(2026, 11, 23, 11, 0))
    assert [k for k, *_ in shown] == [PromptKind.NUDGE]
    core.snooze(request.id, at(2026, 11, 23, 11, 15))
    shown = run_until(core, clock, at(2026, 11, 23, 11, 59))
    assert [(k, t) for k, _, t, _ in shown] == [(PromptKind.NUDGE, at(2026, 11, 23, 11, 15))]


def test_snoozing_before_a_prompt_fires_delays_it(core, clock):
    clock.set(at(2026, 11, 23, 10, 0))
    request = received(core)
    core.snooze(request.id, at(2026, 11, 23, 14, 0))  # the respond prompt, due at 10:45
    shown = run_until(core, clock, at(2026, 11, 23, 18))
    assert [(k, t) for k, _, t, _ in shown] == [(PromptKind.RESPOND, at(2026, 11, 23, 14, 0))]


def test_done_or_cancel_silences_the_whole_request(core, clock):
    clock.set(at(2026, 11, 23, 10, 0))
    a, b = made(core, "a"), received(core, "b", promised_at=at(2026, 11, 23, 15))
    core.done(a.id)
    core.cancel(b.id)
    assert run_until(core, clock, at(2026, 11, 30)) == []


def test_renegotiating_arms_the_prompts_of_the_new_promise(core, clock):
    clock.set(at(2026, 11, 23, 10, 0))
    request = received(core)
    core.acknowledge(request.id, eta=at(2026, 11, 23, 12, 0))
    shown = run_until(core, clock, at(2026, 11, 23, 11, 50))
    assert [k for k, *_ in shown] == [PromptKind.DUE_SOON]
    core.promise(request.id, at(2026, 11, 24, 12, 0), reason="waiting for the supplier")
    shown = run_until(core, clock, at(2026, 11, 25))
    assert [(k, t) for k, _, t, _ in shown] == [
        (PromptKind.DUE_SOON, at(2026, 11, 24, 11, 45)),
        (PromptKind.OVERDUE, at(2026, 11, 24, 12, 0)),
    ]


def test_prompts_missed_while_asleep_come_back_once_marked_missed(core, clock):
    clock.set(at(2026, 11, 23, 10, 0))
    made(core)
    received(core)
    clock.set(at(2026, 11, 24, 9, 30))  # the laptop slept through Monday
    schedule = core.schedule()
    # the made request's nudge is outranked by its escalation: one prompt per request
    assert sorted(p.kind.value for p in schedule.due) == ["escalate", "respond"]
    assert [p.kind.value for p in schedule.superseded] == ["nudge"]
    assert all(p.missed for p in schedule.due)
    core.fire(schedule.due, superseded=schedule.superseded)
    assert core.schedule().fresh == []


def test_a_prompt_fired_on_time_is_not_missed(core, clock):
    clock.set(at(2026, 11, 23, 10, 0))
    received(core)
    clock.set(at(2026, 11, 23, 10, 46))
    assert [p.missed for p in core.schedule().due] == [False]


def test_pause_holds_prompts_until_it_ends_and_loses_none(core, clock):
    clock.set(at(2026, 11, 23, 10, 0))
    received(core)
    core.pause(at(2026, 11, 23, 12, 0))
    schedule = core.schedule(at(2026, 11, 23, 11, 0))
    assert schedule.due == [] and schedule.next_wake == at(2026, 11, 23, 12, 0)
    clock.set(at(2026, 11, 23, 12, 0))
    assert [p.kind for p in core.schedule().due] == [PromptKind.RESPOND]


def test_the_next_wake_is_the_earliest_pending_prompt(core, clock):
    clock.set(at(2026, 11, 23, 10, 0))
    made(core)  # nudge 11:00
    received(core)  # respond 10:45
    assert core.schedule().next_wake == at(2026, 11, 23, 10, 45)


def test_nothing_pending_means_no_wake(core, clock):
    assert core.schedule().next_wake is None


def test_end_of_day_and_end_of_week_digests_fire_once(core, clock):
    core.save_settings(core.settings.with_changes(end_of_day_digest=True, weekly_summary_prompt=True))
    clock.set(at(2026, 11, 27, 10, 0))  # Friday
    request = received(core)
    core.acknowledge(request.id)  # nothing else to prompt: only the digests remain
    assert core.schedule().next_wake == at(2026, 11, 27, 17, 0)
    clock.set(at(2026, 11, 27, 17, 0))
    schedule = core.schedule()
    assert [d.kind for d in schedule.digests] == ["end_of_day", "end_of_week"]
    core.fire([], schedule.digests)
    assert core.schedule().digests == []
    assert core.schedule().next_wake == at(2026, 11, 30, 17, 0)


def test_an_empty_end_of_day_digest_is_never_shown(core, clock):
    core.save_settings(core.settings.with_changes(end_of_day_digest=True))
    clock.set(at(2026, 11, 24, 17, 0))  # Tuesday, and I owe nobody anything
    assert core.schedule().digests == []


def test_yesterdays_digest_found_before_work_waits_for_working_hours(core, clock):
    core.save_settings(core.settings.with_changes(end_of_day_digest=True))
    clock.set(at(2026, 11, 23, 10, 0))
    request = received(core)
    core.acknowledge(request.id)
    clock.set(at(2026, 11, 24, 7, 44))  # the first start of Tuesday, before work
    early = core.schedule()
    assert early.digests == [] and early.next_wake == at(2026, 11, 24, 9, 0)
    clock.set(at(2026, 11, 24, 9, 0))
    assert [d.key for d in core.schedule().digests] == ["end_of_day:2026-11-23"]


def test_a_simulated_week_fires_every_prompt_exactly_once(core, clock):
    """Monday to the next Monday, with a Friday-afternoon ask, a DST-free weekend and a holiday."""
    core.save_settings(core.settings.with_changes(holidays=(date(2026, 11, 30).isoformat(),)))
    clock.set(at(2026, 11, 23, 9, 5))
    a = received(core, "Q3 numbers")
    b = made(core, "contract review", needed_by=at(2026, 11, 25, 12, 0))
    clock.set(at(2026, 11, 23, 9, 30))
    core.acknowledge(a.id, eta=at(2026, 11, 26, 10, 0))
    shown = run_until(core, clock, at(2026, 11, 27, 16, 30))
    c = made(core, "badge form")
    shown += run_until(core, clock, at(2026, 12, 1, 18, 0))
    keys = [(k.value, title, t) for k, title, t, _ in shown]
    assert keys == [
        ("nudge", "contract review", at(2026, 11, 23, 10, 5)),
        ("escalate", "contract review", at(2026, 11, 23, 11, 5)),
        ("check_in", "contract review", at(2026, 11, 25, 12, 0)),  # at the wish: nobody promised
        ("due_soon", "Q3 numbers", at(2026, 11, 26, 9, 45)),
        ("overdue", "Q3 numbers", at(2026, 11, 26, 10, 0)),
        ("nudge", "badge form", at(2026, 12, 1, 9, 30)),  # Monday is a holiday
        ("escalate", "badge form", at(2026, 12, 1, 10, 30)),
    ]
    assert c.id is not None


# -- the ask and the promise (PRODUCT.md "The prompt ladder") ------------------------------


def test_a_wish_with_no_answer_asks_for_a_reply_not_for_delivery(core, clock):
    clock.set(at(2026, 11, 23, 10, 0))
    request = received(core, needed_by=at(2026, 11, 30, 9, 0), priority=Priority.URGENT)
    assert core.get(request.id).status_word(clock.now()) == "needs reply"
    due = core.deadline(core.get(request.id))
    assert (due.kind, due.at) == ("reply", at(2026, 11, 23, 11, 0))
    shown = run_until(core, clock, at(2026, 12, 1))
    assert [(k, t) for k, _, t, _ in shown] == [(PromptKind.RESPOND, at(2026, 11, 23, 10, 45))]


def test_accepting_their_time_makes_it_the_promise(core, clock):
    clock.set(at(2026, 11, 23, 10, 0))
    request = received(core, needed_by=at(2026, 11, 24, 12, 0))
    accepted = core.acknowledge(request.id, accept=True)
    assert (accepted.promised_at, accepted.original_promise) == (at(2026, 11, 24, 12, 0),) * 2
    assert accepted.status_word(clock.now()) == "promised"
    shown = run_until(core, clock, at(2026, 11, 25))
    assert [(k, t) for k, _, t, _ in shown] == [
        (PromptKind.DUE_SOON, at(2026, 11, 24, 11, 45)), (PromptKind.OVERDUE, at(2026, 11, 24, 12, 0))]


def test_an_eta_at_the_first_answer_is_the_original_promise(core, clock):
    clock.set(at(2026, 11, 23, 10, 0))
    request = received(core, needed_by=at(2026, 11, 27, 12, 0))
    answered = core.acknowledge(request.id, eta=at(2026, 11, 25, 12, 0))  # earlier than wanted
    kinds = [e.kind.value for e in answered.history]
    assert kinds == ["created", "acknowledged", "promised"]
    assert answered.original_promise == at(2026, 11, 25, 12, 0)


def test_answered_without_a_promise_the_wanted_prompt_comes_before_their_time(core, clock):
    clock.set(at(2026, 11, 23, 10, 0))
    request = received(core, needed_by=at(2026, 11, 24, 15, 0))
    core.acknowledge(request.id)
    assert core.deadline(core.get(request.id)).kind == "wanted"
    shown = run_until(core, clock, at(2026, 11, 26))
    assert [(k, t) for k, _, t, _ in shown] == [(PromptKind.WANTED, at(2026, 11, 24, 14, 45))]


def test_a_made_wish_nobody_promised_checks_in_at_the_wish_and_never_escalates_it(core, clock):
    clock.set(at(2026, 11, 23, 10, 0))
    request = made(core, needed_by=at(2026, 11, 24, 12, 0))
    clock.set(at(2026, 11, 23, 10, 30))
    core.acknowledge(request.id)  # they answered, without a time
    shown = run_until(core, clock, at(2026, 11, 27))
    assert [(k, t) for k, _, t, _ in shown] == [(PromptKind.CHECK_IN, at(2026, 11, 24, 12, 0))]


def test_their_promise_checks_in_then_escalates(core, clock):
    clock.set(at(2026, 11, 23, 10, 0))
    made(core, promised_at=at(2026, 11, 24, 12, 0))  # "Kim promised it for Tuesday noon"
    shown = run_until(core, clock, at(2026, 11, 27))
    assert [(k, t) for k, _, t, _ in shown] == [
        (PromptKind.CHECK_IN, at(2026, 11, 24, 12, 0)), (PromptKind.ESCALATE, at(2026, 11, 24, 13, 0))]
