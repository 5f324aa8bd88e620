"""A request's lifecycle: each change is validated, and every change is an appended event."""

from datetime import datetime, timedelta, timezone

import pytest

from app.domain import lifecycle
from app.domain.model import Direction, DomainError, EventKind, Person, Priority, Status
from app.domain.outcomes import Outcome, responded_on_time, settle

UTC = timezone.utc
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def new(direction=Direction.RECEIVED, promised=None, asked=None):
    return lifecycle.create(direction=direction, counterpart=Person("Dana"), title="repair invoice",
                            now=NOW, asked_at=asked, promised_at=promised)


def kinds(request):
    return [e.kind for e in request.history]


def test_a_new_request_is_open_and_starts_its_history():
    request = new()
    assert request.status is Status.OPEN
    assert request.asked_at == NOW
    assert kinds(request) == [EventKind.CREATED]


def test_the_ask_may_be_set_in_the_past_but_not_the_future():
    assert new(asked=NOW - timedelta(minutes=50)).asked_at == NOW - timedelta(minutes=50)
    with pytest.raises(DomainError, match="in the future"):
        new(asked=NOW + timedelta(hours=1))


def test_a_title_and_a_counterpart_are_required():
    with pytest.raises(DomainError, match="title"):
        lifecycle.create(direction=Direction.MADE, counterpart=Person("Sam"), title="  ", now=NOW)
    with pytest.raises(DomainError, match="counterpart"):
        lifecycle.create(direction=Direction.MADE, counterpart=Person(" "), title="x", now=NOW)


def test_acknowledging_with_an_eta_answers_and_promises():
    request = new()
    eta = NOW + timedelta(days=1)
    lifecycle.acknowledge(request, at=NOW + timedelta(minutes=20), eta=eta)
    assert request.status is Status.PROMISED
    assert request.acknowledged_at == NOW + timedelta(minutes=20)
    assert request.promised_at == request.original_promise == eta
    assert kinds(request)[-2:] == [EventKind.ACKNOWLEDGED, EventKind.PROMISED]


def test_an_eta_before_the_ask_is_refused_and_nothing_changes():
    request = new()
    with pytest.raises(DomainError, match="must be after the ask"):
        lifecycle.acknowledge(request, at=NOW, eta=NOW - timedelta(hours=1))
    assert request.status is Status.OPEN and kinds(request) == [EventKind.CREATED]


def test_renegotiating_keeps_the_original_and_records_old_new_and_reason():
    request = new(promised=NOW + timedelta(days=1))
    lifecycle.promise(request, NOW + timedelta(days=2), at=NOW + timedelta(hours=1), reason="supplier late")
    event = request.history[-1]
    assert event.kind is EventKind.RENEGOTIATED
    assert event.data == {"from": (NOW + timedelta(days=1)).isoformat(),
                          "to": (NOW + timedelta(days=2)).isoformat(),
                          "reason": "supplier late", "breached": False}
    assert request.original_promise == NOW + timedelta(days=1)


def test_done_counts_as_the_answer_and_closes_the_request():
    request = new()
    lifecycle.complete(request, at=NOW + timedelta(minutes=5))
    assert request.status is Status.DONE
    assert request.acknowledged_at == request.completed_at == NOW + timedelta(minutes=5)


@pytest.mark.parametrize("operation", [
    lambda r: lifecycle.complete(r, at=NOW),
    lambda r: lifecycle.acknowledge(r, at=NOW),
    lambda r: lifecycle.promise(r, NOW + timedelta(days=1), at=NOW),
    lambda r: lifecycle.snooze(r, at=NOW, until=NOW + timedelta(hours=1), prompt="respond"),
])
def test_a_cancelled_request_must_be_reopened_before_anything_else(operation):
    request = new()
    lifecycle.cancel(request, at=NOW)
    before = list(request.history)
    with pytest.raises(DomainError, match="reopen it first"):
        operation(request)
    assert request.history == before


def test_reopen_returns_to_the_state_before_closing():
    request = new()
    lifecycle.acknowledge(request, at=NOW)
    lifecycle.complete(request, at=NOW + timedelta(hours=1))
    lifecycle.reopen(request, at=NOW + timedelta(hours=2))
    assert request.status is Status.ACKNOWLEDGED and request.completed_at is None
    with pytest.raises(DomainError, match="not closed"):
        lifecycle.reopen(request, at=NOW)


def test_snooze_must_end_in_the_future():
    with pytest.raises(DomainError, match="not in the future"):
        lifecycle.snooze(new(), at=NOW, until=NOW, prompt="respond")


def test_edit_records_only_what_changed():
    request = new()
    lifecycle.edit(request, at=NOW, title="repair invoice", priority=Priority.HIGH, tags=["billing"])
    assert request.history[-1].data == {"changes": {"priority": 1, "tags": ["billing"]}}
    with pytest.raises(DomainError, match="cannot edit"):
        lifecycle.edit(request, at=NOW, status=Status.DONE)


def test_edit_changes_the_person_and_the_direction_and_records_both():
    request = new()
    lifecycle.edit(request, at=NOW, counterpart=Person("Dana Smith"), direction=Direction.MADE)
    assert (request.counterpart.name, request.direction) == ("Dana Smith", Direction.MADE)
    assert request.history[-1].kind is EventKind.EDITED
    assert request.history[-1].data == {"changes": {"counterpart": "Dana Smith", "direction": "made"},
                                        "was": {"counterpart": "Dana", "direction": "received"}}
    lifecycle.edit(request, at=NOW, counterpart=Person("Dana Smith"))  # the same person: nothing
    assert len(request.history) == 2


def test_edit_refuses_nobody_and_an_unknown_direction_and_changes_nothing():
    request = new()
    with pytest.raises(DomainError, match="counterpart"):
        lifecycle.edit(request, at=NOW, counterpart=Person("  "))
    with pytest.raises(DomainError, match="direction"):
        lifecycle.edit(request, at=NOW, direction="sideways")
    assert request.counterpart.name == "Dana" and kinds(request) == [EventKind.CREATED]


# -- outcomes -------------------------------------------------------------------------------

PROMISE = NOW + timedelta(days=1)


def test_done_before_the_promise_is_kept():
    request = new(promised=PROMISE)
    lifecycle.complete(request, at=PROMISE - timedelta(minutes=1))
    assert settle(request, PROMISE + timedelta(days=1)).outcome is Outcome.KEPT


def test_done_exactly_at_the_promise_is_kept():
    request = new(promised=PROMISE)
    lifecycle.complete(request, at=PROMISE)
    assert settle(request, PROMISE).outcome is Outcome.KEPT


def test_moved_before_breach_and_then_kept_is_renegotiated():
    request = new(promised=PROMISE)
    lifecycle.promise(request, PROMISE + timedelta(days=1), at=PROMISE - timedelta(hours=2))
    lifecycle.complete(request, at=PROMISE + timedelta(hours=20))
    assert settle(request, PROMISE + timedelta(days=3)).outcome is Outcome.RENEGOTIATED


def test_done_late_is_broken_and_settled_when_the_promise_passed():
    request = new(promised=PROMISE)
    lifecycle.complete(request, at=PROMISE + timedelta(minutes=90))
    settlement = settle(request, PROMISE + timedelta(days=2))
    assert settlement.outcome is Outcome.BROKEN
    assert settlement.settled_at == PROMISE
    assert settlement.lateness_minutes == 90


def test_renegotiating_after_the_breach_does_not_rescue_the_promise():
    request = new(promised=PROMISE)
    lifecycle.promise(request, PROMISE + timedelta(days=1), at=PROMISE + timedelta(minutes=30))
    lifecycle.complete(request, at=PROMISE + timedelta(hours=5))
    assert settle(request, PROMISE + timedelta(days=2)).outcome is Outcome.BROKEN


def test_a_promise_that_passes_without_completion_is_broken_while_still_open():
    request = new(promised=PROMISE)
    assert settle(request, PROMISE - timedelta(minutes=1)) is None  # still open to every outcome
    assert settle(request, PROMISE + timedelta(minutes=1)).outcome is Outcome.BROKEN


def test_cancelled_before_the_promise_has_no_outcome():
    request = new(promised=PROMISE)
    lifecycle.cancel(request, at=PROMISE - timedelta(hours=1))
    assert settle(request, PROMISE + timedelta(days=5)) is None


def test_no_promise_no_outcome():
    assert settle(new(), NOW + timedelta(days=30)) is None


def test_response_on_time_is_acknowledgement_by_respond_by():
    request = new()
    respond_by = NOW + timedelta(hours=1)
    assert responded_on_time(request, respond_by) is None
    lifecycle.acknowledge(request, at=respond_by)
    assert responded_on_time(request, respond_by) is True
    late = new()
    lifecycle.acknowledge(late, at=respond_by + timedelta(minutes=1))
    assert responded_on_time(late, respond_by) is False
