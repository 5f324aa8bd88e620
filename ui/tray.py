"""The tray icon and its menu.

The icon shows before the database layer is imported (Tray needs nothing but Qt), then fills in
once `TrayData` is attached. The menu is rebuilt each time it opens, from a snapshot taken at that
moment, so its countdowns are never stale. User text is plain everywhere: `&` doubled in menu
entries (Qt reads it as a mnemonic), HTML escaped in the tooltip (Qt renders rich text there).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from ui.icons import Urgency, dot_icon, tray_icon

if TYPE_CHECKING:
    from app.service import Promptly

SOON = timedelta(hours=1)
MENU_COUNTDOWNS = 5
TOOLTIP_COUNTDOWNS = 3
TITLE_CHARS = 48
MAX_REFRESH = timedelta(minutes=10)  # a safety net; state changes are computed exactly


# Named tuples, not dataclasses: importing dataclasses would delay the icon by ~2 ms.
class Countdown(NamedTuple):
    request_id: int
    who: str  # "I owe Dana" / "Dana owes me"
    title: str
    deadline: datetime  # what it counts down to (app.policy.ladder.deadline)
    priority: str = ""  # "high", "urgent"…; empty for normal
    kind: str = "promise"  # app.policy.ladder.Deadline.kind: "promise", "reply" or "wanted"


class Snapshot(NamedTuple):
    """What the tray shows at one instant."""

    now: datetime
    urgency: Urgency
    overdue: int
    countdowns: list[Countdown]  # soonest deadline first
    paused_until: datetime | None
    zone: object

    @property
    def paused(self) -> bool:
        return self.paused_until is not None and self.paused_until > self.now


class TrayData:
    """The open requests and their deadlines, loaded once per change, read at every refresh."""

    def __init__(self, core: Promptly) -> None:
        self.core = core
        self.entries: list[Countdown] = []
        self.due: list[datetime] = []  # promises, else wishes, of open requests: overdue is derived from these
        self.paused_until: datetime | None = None
        self.escalations: list = []  # team mode: open requests between others escalated to me

    def reload(self, open_requests: list | None = None) -> None:
        """`open_requests`: already loaded by the caller (the scheduler needs them too)."""
        from ui.wording import priority_text, who_text

        if open_requests is None:
            from app.domain.model import OPEN_STATUSES

            open_requests = self.core.requests(statuses=OPEN_STATUSES, with_history=False)
        entries = []
        for request in open_requests:
            deadline = self.core.deadline(request)
            if deadline is not None:
                entries.append(Countdown(request.id, who_text(request), request.title, deadline.at,
                                         priority_text(request.priority) if request.priority else "",
                                         deadline.kind))
        entries.sort(key=lambda c: c.deadline)
        self.entries = entries
        self.due = [r.promised_at or r.needed_by for r in open_requests
                    if r.promised_at or r.needed_by]
        self.paused_until = self.core.paused_until
        self.escalations = self.core.escalated_to_me()

    def snapshot(self) -> Snapshot:
        now = self.core.now()
        overdue = sum(1 for due in self.due if due <= now)
        if overdue:
            urgency = Urgency.OVERDUE
        elif any(c.deadline <= now + SOON for c in self.entries[:1]):
            urgency = Urgency.SOON
        else:
            urgency = Urgency.CALM
        return Snapshot(now, urgency, overdue, self.entries, self.paused_until, self.core.settings.zone)

    def next_change(self, now: datetime) -> timedelta:
        """How long until the icon or the tooltip would look different."""
        from app.countdown import refresh_after

        waits = [MAX_REFRESH]
        for entry in self.entries[:TOOLTIP_COUNTDOWNS]:
            waits.append(refresh_after(entry.deadline, now))
        for moment in self.due:
            if moment > now:
                waits.append(moment - now)
        upcoming = [c.deadline - SOON for c in self.entries if c.deadline - SOON > now]
        if upcoming:
            waits.append(min(upcoming) - now)
        if self.paused_until is not None and self.paused_until > now:
            waits.append(self.paused_until - now)
        return min(waits)


def entry_urgency(entry: Countdown, now: datetime) -> Urgency:
    if entry.deadline <= now:
        return Urgency.OVERDUE
    return Urgency.SOON if entry.deadline <= now + SOON else Urgency.CALM


def menu_text(text: str) -> str:
    """Plain text for a QAction: a lone `&` would become a mnemonic and vanish."""
    return text.replace("&", "&&")


def short(text: str, limit: int = TITLE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def countdown_line(entry: Countdown, now: datetime) -> str:
    """`I owe Dana · repair invoice · in 42 min` (`reply in …`, `wanted in …` when that is what
    it counts down to), with the priority when it is not normal."""
    from ui.wording import countdown, deadline_countdown

    priority = f" · {entry.priority}" if entry.priority else ""
    return (f"{entry.who} · {short(entry.title)}{priority} · "
            f"{deadline_countdown(entry.kind, entry.deadline, now)}")


class Tray(QObject):
    quick_add_requested = Signal()
    list_requested = Signal()
    request_requested = Signal(int)
    summary_requested = Signal()
    settings_requested = Signal()
    escalations_requested = Signal()
    team_requested = Signal()  # the team line was chosen: give the password, or sync now
    pause_requested = Signal(object)  # a datetime, or None to resume
    quit_requested = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data: TrayData | None = None
        self.snapshot: Snapshot | None = None
        self.problem: str | None = None  # shown first in the tooltip while it lasts
        self.team: str | None = None  # the team state in words, when in a team
        self._painted: tuple | None = None
        self.icon = QSystemTrayIcon(self)
        self.menu = QMenu()
        self.icon.setContextMenu(self.menu)
        self.menu.aboutToShow.connect(self.rebuild_menu)
        self.icon.activated.connect(self._activated)
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setSingleShot(True)
        self.refresh_timer.timeout.connect(self.refresh)
        self._paint(Urgency.CALM, 0, False)
        self.icon.setToolTip(self.tr("Promptly is starting…"))
        self.rebuild_menu()
        # The menu, like every widget, hears of a new application palette. An application-wide
        # filter would take every event through Python: ~5 MiB and ~25 ms more before the icon shows.
        self.menu.installEventFilter(self)

    # -- state --------------------------------------------------------------------------

    def attach(self, data: TrayData) -> None:
        self.data = data
        self.refresh()

    def set_problem(self, text: str | None) -> None:
        """A state the user must know of (the database busy or lost), or None once it is over."""
        self.problem = text
        self.refresh()

    def set_team(self, text: str | None) -> None:
        """`Team: up to date`…; None when not in a team."""
        self.team = text
        self.refresh()

    def refresh(self) -> None:
        """Repaint the icon and the tooltip for now, then wait until they would change."""
        if self.data is None:
            return
        snap = self.snapshot = self.data.snapshot()
        self._paint(snap.urgency, snap.overdue, snap.paused)
        self.icon.setToolTip(self.tooltip(snap))
        wait = self.data.next_change(snap.now)
        self.refresh_timer.start(max(1000, int(wait.total_seconds() * 1000) + 50))

    def _paint(self, urgency: Urgency, overdue: int, paused: bool, force: bool = False) -> None:
        key = (urgency, overdue, paused)
        if key == self._painted and not force:
            return
        self._painted = key
        self.icon.setIcon(tray_icon(urgency, overdue, QGuiApplication.palette(), paused))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.menu and event.type() == QEvent.Type.ApplicationPaletteChange:
            self.repaint()
        return False

    def repaint(self) -> None:
        """The panel's palette changed (light/dark): the calm colour follows it."""
        if self._painted is not None:
            self._paint(*self._painted, force=True)

    def tooltip(self, snap: Snapshot) -> str:
        import html  # here: not needed before the data is loaded

        lines = [self.tr("Promptly")]
        if self.problem:
            lines.append(self.problem)
        if self.team:
            lines.append(self.team)
        if snap.overdue:
            lines.append(self.tr("%n overdue", "", snap.overdue))
        if snap.paused:
            lines.append(self.tr("Prompts paused until {time}").format(time=self._time(snap.paused_until, snap)))
        shown = snap.countdowns[:TOOLTIP_COUNTDOWNS]
        lines.extend(countdown_line(entry, snap.now) for entry in shown)
        if not shown:
            lines.append(self.tr("Nothing is waiting"))
        # Rich text on purpose, every line escaped: Qt would guess markup in a title anyway.
        return "<qt>" + "<br>".join(html.escape(line, quote=False) for line in lines) + "</qt>"

    @staticmethod
    def _time(moment: datetime, snap: Snapshot) -> str:
        from ui.wording import moment_text

        return moment_text(moment, snap.zone, snap.now)

    # -- the menu -----------------------------------------------------------------------

    def rebuild_menu(self) -> None:
        """Called as the menu opens: countdowns as of this moment."""
        menu = self.menu
        menu.clear()
        ready = self.data is not None
        snap = None
        if ready:
            snap = self.snapshot = self.data.snapshot()
            entries = snap.countdowns[:MENU_COUNTDOWNS]
            palette = QGuiApplication.palette()
            for entry in entries:
                action = menu.addAction(menu_text(countdown_line(entry, snap.now)))
                action.setIcon(dot_icon(entry_urgency(entry, snap.now), palette))
                action.triggered.connect(lambda _=False, rid=entry.request_id: self.request_requested.emit(rid))
            if not entries:
                menu.addAction(self.tr("Nothing is waiting")).setEnabled(False)
            self._add_escalations(menu)
        else:
            menu.addAction(self.tr("Loading…")).setEnabled(False)
        menu.addSeparator()
        if self.team:
            self._add(menu_text(self.team), self.team_requested, ready).setObjectName("teamState")
        self._add(self.tr("Quick add…"), self.quick_add_requested, ready)
        self._add(self.tr("Requests"), self.list_requested, ready)
        self._add(self.tr("Weekly summary"), self.summary_requested, ready)
        menu.addSeparator()
        pause = menu.addMenu(self.tr("Pause prompts"))
        pause.setEnabled(ready)
        if snap is not None:
            self._fill_pause_menu(pause, snap)
        self._add(self.tr("Settings"), self.settings_requested, ready)
        menu.addSeparator()
        self._add(self.tr("Quit"), self.quit_requested, True)

    def _add_escalations(self, menu: QMenu) -> None:
        """Team mode: requests between others escalated to me, the new ones marked."""
        found = self.data.escalations
        if not found:
            return
        menu.addSeparator()
        menu.addAction(self.tr("Escalated to me")).setEnabled(False)
        for e in found[:MENU_COUNTDOWNS]:
            line = self.tr("{requester} asked {asked} · {title}").format(
                requester=e.requester, asked=e.asked, title=short(e.title))
            if not e.seen:
                line += " · " + self.tr("new")
            action = menu.addAction(menu_text(line))
            action.triggered.connect(lambda _=False: self.escalations_requested.emit())

    def _add(self, text: str, signal, enabled: bool) -> QAction:
        action = self.menu.addAction(text)
        action.setEnabled(enabled)
        action.triggered.connect(lambda _=False: signal.emit())
        return action

    def _fill_pause_menu(self, pause: QMenu, snap: Snapshot) -> None:
        if snap.paused:
            pause.setTitle(self.tr("Prompts paused until {time}").format(time=self._time(snap.paused_until, snap)))
        hour = pause.addAction(self.tr("For 1 hour"))
        hour.triggered.connect(lambda _=False: self.pause_requested.emit(self.data.core.now() + timedelta(hours=1)))
        tomorrow = pause.addAction(self.tr("Until tomorrow"))
        tomorrow.triggered.connect(lambda _=False: self.pause_requested.emit(self._tomorrow()))
        resume = pause.addAction(self.tr("Resume prompts"))
        resume.setEnabled(snap.paused)
        resume.triggered.connect(lambda _=False: self.pause_requested.emit(None))

    def _tomorrow(self) -> datetime:
        core = self.data.core
        return core.settings.calendar().next_working_day_start(core.now())

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger and self.data is not None:
            self.quick_add_requested.emit()

    # -- for tests and the start-up path ------------------------------------------------

    def show(self) -> None:
        self.icon.show()

    def actions(self) -> list[QAction]:
        return self.menu.actions()

    def find_action(self, text: str) -> QAction | None:
        for action in self.menu.actions():
            if action.text() == text or (action.menu() and action.menu().title() == text):
                return action
        return None
