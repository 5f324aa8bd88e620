"""The fold rule: the same set of shared events gives the same state in any arrival order."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import given, settings, strategies as st

from app.domain.model import EventKind, Priority, Status
from app.team.fold import FoldState, SharedEvent, fold

UTC = timezone.utc
T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
BASE = FoldState("invoice", ["billing"], Priority.NORMAL, None)


def ev(uid: str, author: str, kind: EventKind, minutes: int, **data) -> SharedEvent:
    return SharedEvent(uid, author, kind, T0 + timedelta(minutes=minutes), data)


def promise(minutes_after: int) -> str:
    return (T0 + timedelta(days=1, minutes=minutes_after)).isoformat()


KINDS = [EventKind.ACKNOWLEDGED, EventKind.PROMISED, EventKind.RENEGOTIATED, EventKind.DONE,
         EventKind.CANCELLED, EventKind.REOPENED, EventKind.EDITED]

events = st.lists(st.builds(
    lambda i, author, kind, minute, to, title: ev(
        f"{i:032x}", author, kind, minute, to=promise(to),
        changes={"title": title}),
    st.integers(0, 10**6), st.sampled_from(["dana", "sam"]), st.sampled_from(KINDS),
    st.integers(0, 30), st.integers(0, 600), st.sampled_from(["a", "b"])),
    max_size=12, unique_by=lambda e: e.uid)


@settings(max_examples=200, deadline=None)
@given(events, st.randoms())
def test_any_arrival_order_converges(evs, rnd):
    shuffled = list(evs)
    rnd.shuffle(shuffled)
    assert fold(BASE, evs) == fold(BASE, shuffled) == fold(BASE, shuffled + evs[:3])


def test_done_against_cancel_the_earlier_wins_on_both_sides():
    done = ev("1" * 32, "dana", EventKind.DONE, 10)
    cancel = ev("2" * 32, "sam", EventKind.CANCELLED, 11)
    for order in ([done, cancel], [cancel, done]):
        state = fold(BASE, order)
        assert state.status is Status.DONE and state.cancelled_at is None
    same_time = ev("3" * 32, "sam", EventKind.CANCELLED, 10)
    assert fold(BASE, [same_time, done]).status is Status.DONE  # ties: by author, then uid


def test_promise_then_renegotiation_then_done():
    state = fold(BASE, [
        ev("1" * 32, "dana", EventKind.PROMISED, 5, to=promise(0)),
        ev("2" * 32, "dana", EventKind.RENEGOTIATED, 20, to=promise(120)),
        ev("3" * 32, "dana", EventKind.DONE, 30)])
    assert state.status is Status.DONE
    assert state.original_promise.isoformat() == promise(0)
    assert state.promised_at.isoformat() == promise(120)
    assert state.acknowledged_at == T0 + timedelta(minutes=5)


def test_a_promise_after_closing_changes_nothing_until_reopened():
    state = fold(BASE, [ev("1" * 32, "sam", EventKind.CANCELLED, 1),
                        ev("2" * 32, "dana", EventKind.PROMISED, 2, to=promise(0))])
    assert state.status is Status.CANCELLED and state.promised_at is None
