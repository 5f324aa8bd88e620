"""Settings shared by the GUI and the CLI. They live in the database's settings table, so one
file holds everything and every change is one transaction."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date, time
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.domain.model import Direction
from app.policy.calendar import WEEKDAYS, CalendarError, WorkingCalendar
from app.policy.ladder import Ladder


class SettingsError(ValueError):
    """A setting has a value Promptly cannot use; the message says why.

    `field` names the setting (a field of Settings such as "working_hours"), as ParseError names
    its word, so the settings dialog shows the message beside it; None when no one field is at fault.
    """

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


@contextmanager
def _about(name: str | None, prefix: str = "") -> Iterator[None]:
    """A bad value of setting `name` becomes a SettingsError that names it."""
    try:
        yield
    except SettingsError:
        raise
    except (TypeError, ValueError) as exc:
        raise SettingsError(prefix + str(exc), name) from None


def _default_hours() -> dict[str, list[list[str]]]:
    return {day: [["09:00", "17:00"]] for day in WEEKDAYS[:5]}


def local_timezone_name() -> str:
    import tzlocal

    try:
        return tzlocal.get_localzone_name() or "UTC"
    except Exception:  # an unusual system set-up must not stop the app
        return "UTC"


NOTIFICATION_STYLES = ("native", "window")


@dataclass(frozen=True)
class Settings:
    timezone: str = ""  # empty: the system's local time zone
    working_hours: dict[str, list[list[str]]] = field(default_factory=_default_hours)
    holidays: tuple[str, ...] = ()
    ladder: Ladder = field(default_factory=Ladder)
    default_direction: Direction = Direction.RECEIVED
    notification_style: str = "native"  # native notification + prompt window, or window only
    end_of_day_digest: bool = True
    weekly_summary_prompt: bool = True
    global_shortcut: str = "Ctrl+Alt+P"
    your_name: str = ""  # signs drafts; empty: the mail sender name, else no signature
    autostart: bool = False
    mail: dict[str, Any] = field(default_factory=dict)  # never a password: that is in the keyring
    # the IMAP mailbox that mail capture watches (app/capture/account.py); no password either
    mail_capture: dict[str, Any] = field(default_factory=dict)
    templates: dict[str, str] = field(default_factory=dict)  # overrides of resources/templates

    def __post_init__(self) -> None:
        self.calendar()  # validates hours, holidays and time zone
        if self.notification_style not in NOTIFICATION_STYLES:
            raise SettingsError(f"notification style must be one of {', '.join(NOTIFICATION_STYLES)}",
                                "notification_style")
        if self.mail:  # validates the mail account and refuses a stored password
            self.mail_settings()
        if self.mail_capture:
            self.capture_settings()

    def mail_settings(self):
        from app.mail import MailSettings, MailSettingsError  # lazy: smtplib is not needed to start

        try:
            return MailSettings.from_dict(self.mail)
        except MailSettingsError as exc:
            raise SettingsError(str(exc), "mail") from None

    def capture_settings(self):
        from app.capture.account import CaptureSettings, CaptureSettingsError

        try:
            return CaptureSettings.from_dict(self.mail_capture)
        except CaptureSettingsError as exc:
            raise SettingsError(str(exc), "mail_capture") from None

    @property
    def zone(self) -> ZoneInfo:
        name = self.timezone or local_timezone_name()
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise SettingsError(f"unknown time zone {name!r}; use a name like Europe/Berlin",
                                "timezone") from None

    def calendar(self) -> WorkingCalendar:
        with _about("working_hours", "working hours: "):
            hours = {
                WEEKDAYS.index(day): [(_time(start), _time(end)) for start, end in spans]
                for day, spans in self.working_hours.items()
            }
        with _about("holidays"):
            holidays = [_date(d) for d in self.holidays]
        zone = self.zone
        try:
            return WorkingCalendar(hours, holidays, zone)
        except CalendarError as exc:
            raise SettingsError(str(exc), "working_hours") from None

    @property
    def signature(self) -> str:
        """The name drafts are signed with: mine, else the mail account's sender name."""
        return (self.your_name or str(self.mail.get("from_name") or "")).strip()

    @property
    def digests(self) -> frozenset[str]:
        kinds = set()
        if self.end_of_day_digest:
            kinds.add("end_of_day")
        if self.weekly_summary_prompt:
            kinds.add("end_of_week")
        return frozenset(kinds)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["default_direction"] = self.default_direction.value
        data["holidays"] = list(self.holidays)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Settings:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        if "ladder" in values:
            with _about("ladder"):
                values["ladder"] = Ladder(**values["ladder"])
        if "default_direction" in values:
            with _about("default_direction"):
                values["default_direction"] = Direction(values["default_direction"])
        if "holidays" in values:
            with _about("holidays"):
                values["holidays"] = tuple(values["holidays"])
        with _about(None):
            return cls(**values)

    def with_changes(self, **changes: Any) -> Settings:
        with _about(None):
            return replace(self, **changes)


def _time(text: str) -> time:
    try:
        return time.fromisoformat(text)
    except (TypeError, ValueError):
        raise ValueError(f"{text!r} is not a time of day like 09:00") from None


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError):
        raise ValueError(f"holiday {text!r} is not a date like 2026-12-25") from None
