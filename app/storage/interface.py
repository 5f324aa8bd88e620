"""The storage interface: what the core (app.service.Promptly) asks of a store.

app.storage.store.Store implements it on SQLite and on PostgreSQL, and every backend passes the
same contract tests (tests/core/test_storage_contract.py). Each operation is one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    from app.domain.model import Direction, Person, Request, Status
    from app.domain.outcomes import PromiseRecord
    from app.settings import Settings

T = TypeVar("T")


@dataclass(frozen=True)
class ChangeCursor:
    """Where the data stood when last looked at: the newest event of the append-only history,
    and a digest of the settings and people, which have no sequence of their own. Compare only
    cursors of one database."""

    event: int
    digest: str


class Storage(Protocol):
    # -- people: matched by name whatever its case --------------------------------------

    def people(self) -> list[Person]: ...

    def person(self, person_id: int) -> Person: ...

    def person_named(self, name: str) -> Person | None: ...

    def save_person(self, person: Person) -> Person: ...

    # -- requests with their history ----------------------------------------------------

    def add(self, request: Request) -> Request: ...

    def add_many(self, requests: Iterable[Request]) -> int: ...

    def get(self, request_id: int) -> Request: ...

    def update(self, request_id: int, change: Callable[[Request], T]) -> tuple[Request, T]:
        """Load, change through a domain operation, save: a refused change writes nothing."""
        ...

    def update_many(self, changes: Iterable[tuple[int, Callable[[Request], Any]]]) -> list[Request]:
        ...

    def requests(self, *, direction: Direction | None = None,
                 statuses: Iterable[Status] | None = None,
                 asked_between: tuple[datetime, datetime] | None = None,
                 overdue_at: datetime | None = None,
                 with_history: bool = True) -> list[Request]: ...

    def open_requests(self) -> list[Request]: ...

    def requests_for_summary(self, since: datetime, until: datetime
                             ) -> tuple[list[Request], dict[int, PromiseRecord]]: ...

    def known_uids(self, uids: Iterable[str]) -> set[str]: ...

    def request_with_uid(self, uid: str) -> Request | None: ...

    def count(self) -> int: ...

    # -- settings and small state -------------------------------------------------------

    def settings(self) -> Settings: ...

    def save_settings(self, settings: Settings) -> None: ...

    def state(self, key: str, default: Any = None) -> Any: ...

    def set_state(self, key: str, value: Any) -> None: ...

    # -- the data file --------------------------------------------------------------------

    @property
    def data_file(self) -> Path | None:
        """The file everything is in; None on a database server."""
        ...

    def backup(self, target: Path) -> Path:
        """A consistent copy of the data file at `target` (DatabaseError on a server)."""
        ...

    def close(self) -> None:
        """Let go of every connection."""
        ...

    def check_file(self) -> str | None:
        """None while the data file is the one opened (or there is none); else what happened to
        it. Once it is lost, a recovery copy is kept beside it and every write is refused."""
        ...

    # -- the change feed ----------------------------------------------------------------

    def changes_since(self, cursor: ChangeCursor | None) -> tuple[bool, ChangeCursor]:
        """Whether anything was written (by anyone) since `cursor`, and the cursor to ask with
        next time. None starts watching: (False, where the data stands now)."""
        ...
