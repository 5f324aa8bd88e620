"""The change feed: has anyone (another process, another machine) written since a cursor?

The cursor follows the append-only event sequence, which every change of a request extends,
plus a digest of the settings and people. Both backends read it on a connection of their own,
kept open and in autocommit, so that looking holds no snapshot and takes no pool slot:
- SQLite first asks PRAGMA data_version, which moves only when another connection commits; when
  it has not moved, nothing is read at all.
- PostgreSQL reads max(events.id) (the primary key's index) at every look. Writers also send a
  NOTIFY on commit (app.storage.database), a cue that something changed and never the change
  itself; a listener may wake on it, but the poll stays, because behind a transaction pooler
  LISTEN hears nothing.
"""

from __future__ import annotations

from hashlib import blake2b

from app.storage.database import Database
from app.storage.interface import ChangeCursor

_QUERIES = (
    "SELECT key, value FROM settings ORDER BY key",
    "SELECT id, name, email, escalation_contact_id FROM people ORDER BY id",
)


class ChangeFeed:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._conn = None  # the DBAPI connection, opened at the first look
        self._seen: tuple[int, ChangeCursor] | None = None  # (data_version, cursor) on SQLite

    def changes_since(self, cursor: ChangeCursor | None) -> tuple[bool, ChangeCursor]:
        try:
            current = self._current()
        except Exception:  # noqa: BLE001 - most likely a dropped connection: once more, anew
            self.close()
            current = self._current()
        return cursor is not None and current != cursor, current

    def _current(self) -> ChangeCursor:
        if self._conn is None:
            self._conn = self.db.kept_connection()
        if not self.db.is_sqlite:
            return self._read()
        # read first: a commit made while the cursor is read moves it for the next look
        version = self._scalar("PRAGMA data_version")
        if self._seen is None or self._seen[0] != version:
            self._seen = (version, self._read())
        return self._seen[1]

    def _read(self) -> ChangeCursor:
        event = self._scalar("SELECT max(id) FROM events") or 0
        digest = blake2b(digest_size=12)
        for query in _QUERIES:
            digest.update(repr(self._rows(query)).encode())
        return ChangeCursor(event, digest.hexdigest())

    def _rows(self, query: str) -> list[tuple]:
        cursor = self._conn.cursor()
        try:
            cursor.execute(query)
            return [tuple(row) for row in cursor.fetchall()]
        finally:
            cursor.close()  # an open SQLite cursor would keep its read transaction

    def _scalar(self, query: str):
        return self._rows(query)[0][0]

    def close(self) -> None:
        if self._conn is not None:
            self.db.release(self._conn)
            self._conn = None
            self._seen = None
