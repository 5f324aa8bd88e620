"""Opening a database: create, recognise, refuse, or migrate (after copying it aside).

Opening a database already at the head revision never imports alembic: it costs about half a
second at start-up, and the CLI and the tray must start fast.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.engine.url import URL
from sqlalchemy.exc import ArgumentError

from app.storage.schema import SCHEMA_REVISION, metadata

BUSY_TIMEOUT_MS = 5000
# PostgreSQL: writers take turns on this transaction-scoped advisory lock, as SQLite's BEGIN
# IMMEDIATE makes them, and cue listeners (a NOTIFY is delivered on commit only, without data).
WRITE_LOCK = 0x50524F4D  # "PROM"
CHANGES_CHANNEL = "promptly_changes"


class DatabaseError(Exception):
    """A database cannot be used. The message names it and says what to do."""


@dataclass(frozen=True)
class Database:
    engine: Engine
    url: URL
    path: Path | None  # the SQLite file, if it is one
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

    def dispose(self) -> None:
        for connection in list(self._kept):
            self.release(connection)
        self.engine.dispose()


def to_url(location: str) -> URL:
    if "://" in location:
        try:
            url = make_url(location)
        except ArgumentError as exc:
            raise DatabaseError(f"{location!r} is not a database URL: {exc}") from None
        # psycopg (3) is the PostgreSQL driver Promptly installs; SQLAlchemy's default is psycopg2
        return url.set(drivername="postgresql+psycopg") if url.drivername == "postgresql" else url
    return URL.create("sqlite", database=str(Path(location).expanduser().resolve()))


def open_database(location: str) -> Database:
    url = to_url(location)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return _open_sqlite_file(url, Path(url.database))
    engine = _engine(url)
    revision = _revision(engine)
    db = Database(engine, url, None)
    if revision is None:
        _create(db)
    elif revision != SCHEMA_REVISION:
        _upgrade(db, revision)
    return db


def _open_sqlite_file(url: URL, path: Path) -> Database:
    if path.is_dir():
        raise DatabaseError(f"{path} is a folder, not a database file; give the path of a file")
    new = not path.exists() or path.stat().st_size == 0
    if new:
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        except OSError as exc:
            raise DatabaseError(f"cannot create the database {path}: {exc.strerror}") from None
        revision = None
    else:
        revision = _inspect_sqlite_file(path)
    db = Database(_engine(url), url, path)
    if new:
        _create(db)
    elif revision != SCHEMA_REVISION:
        _upgrade(db, revision)
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
        raise DatabaseError(f"{path} is not a Promptly database or is damaged ({exc}). {hint}") from None
    finally:
        conn.close()
    if row is None:
        raise DatabaseError(f"{path} has no schema version; it is damaged. {hint}")
    return row[0]


def _engine(url: URL) -> Engine:
    if url.get_backend_name() == "postgresql":
        return _postgresql_engine(url)
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record) -> None:
        # Let SQLAlchemy's "begin" below decide how transactions start.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:
        # Writers take the lock up front, so a read-then-write never fails half-way.
        immediate = conn.get_execution_options().get("promptly_write")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

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
