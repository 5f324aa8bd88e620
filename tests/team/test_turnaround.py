"""Which published time a requester sees: a tag before the default, and at each the member's own
before their department's; and whose department times a member may edit on their page."""

from __future__ import annotations

from datetime import datetime, timezone

from app.domain.model import Direction
from app.policy.calendar import WorkingCalendar
from app.team import turnaround

MON = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


def state(*rows: tuple[str | None, str | None, str, float]) -> dict:
    """As a sync leaves it: Kim supervises Dana (Billing); Sam is in Billing too."""
    return {"member": "sam", "members": [
        {"login": "kim", "name": "Kim", "active": True, "supervisor": None, "department": None},
        {"login": "dana", "name": "Dana", "active": True, "supervisor": "kim",
         "department": "Billing"},
        {"login": "sam", "name": "Sam", "active": True, "supervisor": None,
         "department": "Billing"}],
        "turnarounds": [{"login": login, "department": department, "tag": tag or None,
                         "hours": hours} for login, department, tag, hours in rows]}


def seen(st: dict, *tags: str) -> tuple[str, float, str | None] | None:
    found = turnaround.hint(st, WorkingCalendar(), direction=Direction.MADE, counterpart="Dana",
                            tags=tags, asked_at=MON)
    return found and (found.tag, found.hours, found.department)


def test_a_tag_before_the_default_and_the_member_before_the_department():
    st = state(("dana", None, "", 4), (None, "Billing", "billing", 48), (None, "Billing", "", 16),
               ("dana", None, "it", 2), (None, "Billing", "it", 8))
    assert seen(st, "it") == ("it", 2, None)  # her own for the tag
    assert seen(st, "Billing") == ("billing", 48, "Billing")  # her department's for the tag
    assert seen(st, "travel", "billing") == ("billing", 48, "Billing")  # the first tag published
    assert seen(st) == ("", 4, None)  # her own default before her department's
    st = state((None, "Billing", "", 16))
    assert seen(st, "travel") == ("", 16, "Billing")
    assert seen(state()) is None
    # old team state (before departments published): rows without a department key
    legacy = state()
    legacy["turnarounds"] = [{"login": "dana", "tag": None, "hours": 4}]
    assert seen(legacy) == ("", 4, None)


def test_the_needed_by_follows_the_figure_shown():
    found = turnaround.hint(state((None, "Billing", "", 16)), WorkingCalendar(),
                            direction=Direction.MADE, counterpart="@dana", tags=(), asked_at=MON)
    # 16 working hours from Monday 09:00: the end of Tuesday
    assert found.needed_by == datetime(2026, 11, 24, 17, 0, tzinfo=timezone.utc)


def test_only_a_supervisor_of_its_members_edits_a_departments_times():
    st = state()
    assert turnaround.departments(st) == [("Billing", False)]  # Sam's own: read-only
    st["member"] = "kim"
    assert turnaround.departments(st) == [("Billing", True)]  # Kim supervises Dana
    st["members"][1]["active"] = False
    assert turnaround.departments(st) == []
    st["member"] = "dana"  # supervised, not supervising
    assert turnaround.departments(st) == [("Billing", False)]
