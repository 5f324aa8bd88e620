"""Native notifications behind a Qt-free interface: a chain of ways to announce a prompt.

Each step may fail on some desktop (no D-Bus, no notify-send, no tray); the chain logs the
failure and tries the next, and the prompt window is always there behind them. Bodies are plain
text with markup escaped, because notification daemons render a subset of HTML.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Protocol

log = logging.getLogger(__name__)


class Notifier(Protocol):
    name: str

    def notify(self, title: str, body: str) -> None:
        """Show one notification; raise on failure so that the chain can try the next way."""


def escape_markup(text: str) -> str:
    """`<b>x</b> & y` shows literally on a daemon that renders markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class NotifierChain:
    def __init__(self, steps: Sequence[Notifier]) -> None:
        self.steps = list(steps)

    def notify(self, title: str, body: str) -> str | None:
        """The name of the step that showed it, or None: then only the prompt window shows it."""
        for step in self.steps:
            try:
                step.notify(title, body)
            except Exception as exc:  # noqa: BLE001 - any failure here means: try the next way
                log.warning("notification via %s failed: %s", step.name, exc)
                continue
            return step.name
        return None
