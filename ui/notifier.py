"""Native notifications for prompts: plyer, then the tray's own balloon, then nothing but the
prompt window. The texts are plain, with markup escaped for daemons that render it."""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import sys
import warnings
from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QSystemTrayIcon

from app.notifier import NotifierChain, escape_markup
from app.scheduler import Digest, Prompt

log = logging.getLogger(__name__)
APP_NAME = "Promptly"


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("Notifier", text, None, n)


class PlyerNotifier:
    name = "plyer"

    def notify(self, title: str, body: str) -> None:
        with warnings.catch_warnings():  # plyer warns when python-dbus is missing, then uses notify-send
            warnings.simplefilter("ignore")
            from plyer import notification

            # The summary is plain text by the notification spec; the body may be markup.
            notification.notify(title=title, message=escape_markup(body),
                                app_name=APP_NAME, timeout=10)


def _gvariant_text(text: str) -> str:
    """A string as GVariant text, so that gdbus never reads quotes or brackets in it as syntax."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


class FreedesktopNotifier:
    """The desktop's notification server, spoken to directly so that a notification can be
    withdrawn (CloseNotification) once its prompt is settled. Through gdbus: PySide6's QtDBus
    cannot send the uint32 ids the interface requires."""

    name = "freedesktop"
    SERVICE = ("--dest", "org.freedesktop.Notifications", "--object-path",
               "/org/freedesktop/Notifications")

    def __init__(self) -> None:
        self.gdbus = shutil.which("gdbus") if sys.platform.startswith("linux") else None
        self.last_id: int | None = None

    def _call(self, method: str, *args: str) -> str:
        if self.gdbus is None:
            raise RuntimeError("gdbus is not installed")
        done = subprocess.run([self.gdbus, "call", "--session", *self.SERVICE, "--method",
                               f"org.freedesktop.Notifications.{method}", "--", *args],
                              capture_output=True, text=True, timeout=5)
        if done.returncode != 0:
            raise RuntimeError(done.stderr.strip() or f"gdbus exited with {done.returncode}")
        return done.stdout

    def notify(self, title: str, body: str) -> None:
        # the summary is plain text by the spec; the body may be markup
        answer = self._call("Notify", _gvariant_text(APP_NAME), "0", "''", _gvariant_text(title),
                            _gvariant_text(escape_markup(body)), "@as []", "@a{sv} {}", "10000")
        found = re.search(r"uint32 (\d+)", answer)
        self.last_id = int(found.group(1)) if found else None

    def close(self, notification_id: int) -> None:
        self._call("CloseNotification", str(notification_id))


class TrayNotifier:
    name = "tray"

    def __init__(self, icon: QSystemTrayIcon) -> None:
        self.icon = icon
        self._markup: bool | None = None

    def notify(self, title: str, body: str) -> None:
        if not (self.icon.isVisible() and QSystemTrayIcon.supportsMessages()):
            raise RuntimeError("no tray icon to show a message from")
        if self._markup is None:
            self._markup = tray_messages_render_markup()
        self.icon.showMessage(title, escape_markup(body) if self._markup else body,
                              QSystemTrayIcon.MessageIcon.Information, 10_000)


def tray_messages_render_markup() -> bool:
    """Qt hands tray messages to the notification daemon (whose body is markup) when a
    StatusNotifier host runs; its own XEmbed balloon, and other systems, show plain text."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        from PySide6.QtDBus import QDBusConnection
    except ImportError:
        return False
    bus = QDBusConnection.sessionBus()
    if not bus.isConnected():
        return False
    return bool(bus.interface().isServiceRegistered("org.kde.StatusNotifierWatcher").value())


def announcement(prompts: Sequence[Prompt], digests: Sequence[Digest], now: datetime,
                 zone: ZoneInfo) -> tuple[str, str] | None:
    """The (title, body) of the one notification announcing what just fell due."""
    from ui.wording import digest_title, prompt_reason

    prompts = [p for p in prompts if not p.shown]  # each prompt notifies once, not after a restart
    fresh = [p for p in prompts if not p.missed]
    missed = [p for p in prompts if p.missed]
    if missed or len(fresh) > 1:
        lines = [f"{p.request.counterpart.name} · {p.request.title}" for p in prompts]
        title = _tr("While you were away") if missed else _tr("%n prompts due", len(prompts))
        return title, "\n".join(lines)
    if fresh:
        prompt = fresh[0]
        return prompt.request.title, prompt_reason(prompt, now, zone)
    if digests:
        return digest_title(digests[-1]), _tr("Open Promptly to see it")
    return None


class Announcer:
    """Announces due prompts natively unless the settings ask for the prompt window only."""

    def __init__(self, chain: NotifierChain) -> None:
        self.chain = chain
        self.last: tuple[str, str] | None = None
        self.open: dict[int, set[tuple[int | None, str]]] = {}  # notification id → unsettled prompts

    def announce(self, prompts: Sequence[Prompt], digests: Sequence[Digest], *, now: datetime,
                 zone: ZoneInfo, style: str) -> str | None:
        if style == "window":
            return None
        message = announcement(prompts, digests, now, zone)
        if message is None:
            return None
        self.last = message
        used = self.chain.notify(*message)
        if used is None:
            log.info("no native notification worked; the prompt window shows it")
        step = next((s for s in self.chain.steps if s.name == used), None)
        if getattr(step, "last_id", None) is not None:
            self.open[step.last_id] = {(p.request.id, p.key) for p in prompts if not p.shown}
        return used

    def withdraw(self, prompts: Sequence[Prompt]) -> None:
        """These prompts are settled: close each notification none of whose prompts still waits."""
        settled = {(p.request.id, p.key) for p in prompts}
        closer = next((s for s in self.chain.steps if hasattr(s, "close")), None)
        for notification_id, waiting in list(self.open.items()):
            waiting -= settled
            if waiting:
                continue
            del self.open[notification_id]
            try:
                closer.close(notification_id)
            except Exception as exc:  # noqa: BLE001 - it may be gone already; nothing is lost
                log.info("cannot withdraw notification %s: %s", notification_id, exc)
