"""Opening a database: create, recognise, refuse, or migrate (after copying it aside).

Opening a database already at the head revision never imports alembic: it costs about half a
second at start-up, and the CLI and the tray must start fast.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.engine.url import URL
from sqlalchemy.exc import ArgumentError

from app.storage.schema import SCHEMA_REVISION, metadata
from app.storage.sqlitefile import FileError, FileGuard, check_can_open, side_files

BUSY_TIMEOUT_MS = 5000
_waits = threading.local()  # this thread's busy timeout, when it must not wait that long
# PostgreSQL: writers take turns on this transaction-scoped advisory lock, as SQLite's BEGIN
# IMMEDIATE makes them, and cue listeners (a NOTIFY is delivered on commit only, without data).
WRITE_LOCK = 0x50524F4D  # "PROM"
CHANGES_CHANNEL = "promptly_changes"


class DatabaseError(Exception):
    """A database cannot be used. The message names it and says what to do."""


class DatabaseBusy(DatabaseError):
    """Another program holds the lock longer than this thread may wait; try again later."""


class DatabaseLost(DatabaseError):
    """The database file was deleted or replaced while open: nothing more is written to it."""


def wait_at_most(milliseconds: int | None) -> None:
    """Database calls on this thread wait at most this long for another program's lock (the GUI
    thread must not freeze); other threads keep BUSY_TIMEOUT_MS. None: back to that."""
    _waits.ms = BUSY_TIMEOUT_MS if milliseconds is None else milliseconds


@dataclass(frozen=True)
class Database:
    engine: Engine
    url: URL
    path: Path | None  # the SQLite file, if it is one
    guard: FileGuard | None = None  # for a SQLite file: notices when it is deleted or replaced
    _kept: list = field(default_factory=list, repr=False, compare=False)

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    def kept_connection(self):
        """A DBAPI connection of its own, out of the pool and in autocommit (the change feed's).
        dispose() closes it."""
        connection = self.engine.raw_connection()
        driver = connection.driver_connection
        connection.detach()  # so closing it closes it, and its autocommit never reaches the pool
        if not self.is_sqlite:  # SQLite's connections are in autocommit already (_engine)
            driver.rollback()
            driver.autocommit = True
        self._kept.append(connection)
        return connection

    def release(self, connection) -> None:
        if connection in self._kept:
            self._kept.remove(connection)
        try:
            connection.close()
        except Exception:  # noqa: BLE001 - a broken connection is gone either way
            pass

    def check_file(self) -> str | None:
        """None while the file is the one opened; else what happened to it. Once it is lost,
        a recovery copy is saved beside it, and every write is refused with DatabaseLost."""
        if self.guard is None or self.guard.check() is None:
            return None
        if self.guard.recovery is None:
            try:
                self.guard.save_recovery_copy()
            except (OSError, sqlite3.Error) as exc:
                raise DatabaseLost(f"{self.guard.message()}; a recovery copy could not be saved "
                                   f"beside it ({exc}): keep Promptly running and copy your "
                                   "data out with `promptly export --format json -o FILE`") from None
        return self.guard.message()

    def dispose(self) -> None:
        for connection in list(self._kept):
            self.release(connection)
        self.engine.dispose()
        if self.guard is not None:
            self.guard.close()


def to_url(location: str) -> URL:
    if "://" in location:
        try:
            url = make_url(location)
        except ArgumentError as exc:
            raise DatabaseError(f"{location!r} is not a database URL: {exc}") from None
        # psycopg (3) is the PostgreSQL driver Promptly installs; SQLAlchemy's default is psycopg2
        return url.set(drivername="postgresql+psycopg") if url.drivername == "postgresql" else url
    return URL.create("sqlite", database=str(Path(location).expanduser().resolve()))


def open_database(location: str, *, create: bool = True) -> Database:
    """`create`: a missing SQLite file may be created (adding, importing, the app); else it is
    an error that says so, so a mistyped path does not leave an empty database behind."""
    url = to_url(location)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return _open_sqlite_file(url, Path(url.database), create)
    engine = _engine(url)
    revision = _revision(engine)
    db = Database(engine, url, None)
    if revision is None:
        _create(db)
    elif revision != SCHEMA_REVISION:
        _upgrade(db, revision)
    return db


def _open_sqlite_file(url: URL, path: Path, create: bool) -> Database:
    try:
        check_can_open(path, create=create)
    except FileError as exc:
        raise DatabaseError(str(exc)) from None
    # empty, with no log beside it: a file created and never written
    new = not path.exists() or (path.stat().st_size == 0 and not side_files(path))
    if new:
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        except OSError as exc:
            raise DatabaseError(f"cannot create the database {path}: {exc.strerror}") from None
        revision = None
    else:
        revision = _inspect_sqlite_file(path)
    guard = FileGuard(path)
    db = Database(_engine(url, guard), url, path, guard)
    if new:
        _create(db)
    elif revision != SCHEMA_REVISION:
        _upgrade(db, revision)
    guard.hold()
    return db


def _inspect_sqlite_file(path: Path) -> str:
    """The schema revision of an existing file, read without writing a byte to it."""
    hint = "Choose another file with --db, or move this one away to start afresh."
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise DatabaseError(f"cannot open {path}: {exc}. {hint}") from None
    try:
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in names or "requests" not in names:
            raise DatabaseError(f"{path} is not a Promptly database. {hint}")
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        if "locked" in str(exc):
            raise DatabaseError(f"{path} is locked by another program; try again in a moment") from None
        if isinstance(exc, sqlite3.OperationalError) and ("unable to open" in str(exc)
                                                          or "readonly" in str(exc)):
            # not the file's fault: say so, and never advise moving a healthy database away
            raise DatabaseError(f"cannot open {path} ({exc}); check that you may read and write "
                                "it and the folder it is in") from None
        raise DatabaseError(f"{path} is not a Promptly database or is damaged ({exc}). {hint}") from None
    finally:
        conn.close()
    if row is None:
        raise DatabaseError(f"{path} has no schema version; it is damaged. {hint}")
    return row[0]


def _engine(url: URL, guard: FileGuard | None = None) -> Engine:
    if url.get_backend_name() == "postgresql":
        return _postgresql_engine(url)
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    options: dict = {"connect_args": {"timeout": BUSY_TIMEOUT_MS / 1000}}
    if guard is not None:
        # mode=rw: a connection never creates the file anew where it has gone
        options["creator"] = lambda: sqlite3.connect(
            f"{guard.path.as_uri()}?mode=rw", uri=True, timeout=BUSY_TIMEOUT_MS / 1000,
            check_same_thread=False)
    engine = create_engine(url, **options)

    def _still_ours() -> None:
        try:
            guard.ensure_writable()
        except FileError as exc:
            raise DatabaseLost(str(exc)) from None

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record) -> None:
        if guard is not None:
            _still_ours()  # a new connection must open the file the others hold
        # Let SQLAlchemy's "begin" below decide how transactions start.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "checkout")
    def _busy_timeout(dbapi_connection, record, _proxy) -> None:
        wanted = getattr(_waits, "ms", BUSY_TIMEOUT_MS)
        if record.info.get("busy_ms") != wanted:
            dbapi_connection.execute(f"PRAGMA busy_timeout={int(wanted)}")
            record.info["busy_ms"] = wanted

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:
        # Writers take the lock up front, so a read-then-write never fails half-way.
        immediate = conn.get_execution_options().get("promptly_write")
        if immediate and guard is not None:
            _still_ours()
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    @event.listens_for(engine, "handle_error")
    def _busy(context) -> None:
        reason = str(context.original_exception)
        if isinstance(context.original_exception, sqlite3.OperationalError) and (
                "locked" in reason or "busy" in reason):
            raise DatabaseBusy("the database is locked by another program (is a Promptly import "
                               "or another tool writing to it?); try again in a moment") from None

    return engine


def _postgresql_engine(url: URL) -> Engine:
    engine = create_engine(url, pool_pre_ping=True)
    take_turn = f"SELECT pg_advisory_xact_lock({WRITE_LOCK}), pg_notify('{CHANGES_CHANNEL}', '')"

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:
        # Writers queue here until the one before commits, so a read-then-write never races.
        if conn.get_execution_options().get("promptly_write"):
            conn.exec_driver_sql(take_turn)

    return engine


def _revision(engine: Engine) -> str | None:
    from sqlalchemy import inspect

    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                if inspect(conn).get_table_names():
                    raise DatabaseError(f"{engine.url!r} holds other tables; it is not a Promptly database")
                return None
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DatabaseError:
        raise
    except Exception as exc:  # driver errors differ per backend
        raise DatabaseError(f"cannot open the database {engine.url!r}: {exc}") from None


def _alembic_config(db: Database):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).with_name("migrations")))
    config.attributes["engine"] = db.engine
    return config


def _create(db: Database) -> None:
    from alembic import command

    metadata.create_all(db.engine)
    command.stamp(_alembic_config(db), "head")


def _upgrade(db: Database, revision: str) -> None:
    from alembic import command
    from alembic.script import ScriptDirectory

    config = _alembic_config(db)
    known = {script.revision for script in ScriptDirectory.from_config(config).walk_revisions()}
    if revision not in known:
        raise DatabaseError(
            f"{db.path or db.url!r} was written by a newer Promptly (schema {revision}); "
            "update Promptly to open it"
        )
    if db.path is not None:
        backup = db.path.with_name(f"{db.path.name}.{revision}.{datetime.now():%Y%m%d-%H%M%S}.bak")
        with sqlite3.connect(db.path) as source, sqlite3.connect(backup) as target:
            source.backup(target)
        os.chmod(backup, 0o600)
    command.upgrade(config, "head")


def backup_to(db: Database, target: Path) -> Path:
    """A consistent copy of a SQLite database, taken with SQLite's backup API while in use."""
    if db.path is None:
        raise DatabaseError("back-ups are made by the database server, not by Promptly")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".partial")
    with sqlite3.connect(db.path) as source, sqlite3.connect(tmp) as copy:
        source.backup(copy)
    os.chmod(tmp, 0o600)
    shutil.move(tmp, target)
    return target
