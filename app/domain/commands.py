"""Commands: what a person asks the core to do, before any rule has been applied."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from app.domain.model import Direction, Priority


@dataclass(frozen=True)
class NewRequest:
    """What a user asked to save: from the quick-add language, a dialog or an import."""

    direction: Direction
    counterpart: str
    title: str
    promised_at: datetime | None = None  # a promise already given
    needed_by: datetime | None = None  # the asker's wish
    asked_at: datetime | None = None
    tags: Sequence[str] = ()
    priority: Priority = Priority.NORMAL
    recurrence: str | None = None
    details: str = ""
    link: str = ""
    channel: str = ""
    counterpart_email: str = ""  # matches a known person by address before by name
    uid: str | None = None  # a source's own stable id (mail: from the Message-ID); else random
