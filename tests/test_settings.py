"""A refused setting names the field it is about, so a dialog can show the reason beside it."""

from __future__ import annotations

import pytest

from app.settings import Settings, SettingsError


@pytest.mark.parametrize("build, field, reason", [
    (lambda: Settings(timezone="UTC", working_hours={"mon": [["17:00", "09:00"]]}), "working_hours",
     "end .* before they start"),
    (lambda: Settings(timezone="UTC", working_hours={"mon": [["9am", "17:00"]]}), "working_hours",
     "'9am' is not a time of day"),
    (lambda: Settings(timezone="UTC", holidays=("2026-13-01",)), "holidays", "not a date"),
    (lambda: Settings(timezone="Mars/Olympus"), "timezone", "unknown time zone"),
    (lambda: Settings(timezone="UTC", notification_style="smoke"), "notification_style", "one of"),
    (lambda: Settings(timezone="UTC", mail={"host": "smtp.example.org"}), "mail", "from-address"),
    (lambda: Settings.from_json({"timezone": "UTC", "ladder": {"nudge_after": 120, "escalate_after": 60}}),
     "ladder", "after the nudge"),
    (lambda: Settings.from_json({"timezone": "UTC", "default_direction": "sideways"}), "default_direction",
     "sideways"),
    (lambda: Settings(timezone="UTC").with_changes(timezone="Atlantis/Capital"), "timezone", "unknown time zone"),
])
def test_a_refused_setting_names_its_field(build, field, reason):
    with pytest.raises(SettingsError, match=reason) as refused:
        build()
    assert refused.value.field == field


def test_a_value_no_one_field_is_at_fault_for_names_none():
    with pytest.raises(SettingsError) as refused:
        Settings.from_json({"timezone": "UTC", "end_of_day_digest": True}).with_changes(colour="red")
    assert refused.value.field is None
