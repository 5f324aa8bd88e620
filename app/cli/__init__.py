"""`promptly COMMAND …`: the command line on the Qt-free core.

`main(argv)` is the process entry: it hands the command to the running tray app over the local
socket (app.ipc) when one answers, else opens the database itself. `run(argv, …)` runs one
command in-process on whatever core `core_factory` gives; the tray app calls it (through
app.ipc.answer) with its own core.

Start-up matters: importing this package pulls in neither SQLAlchemy nor Qt; a command's module
is imported only when it runs, and the date language only when a command reads a date.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from app.cli.parser import COMMANDS, Command, arg, build_parser, _Exit

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from app.clock import Clock
    from app.service import Promptly

__all__ = ["COMMANDS", "Command", "CommandError", "Context", "arg", "main", "run"]

NOW_ENV = "PROMPTLY_NOW"
CoreFactory = Callable[[str, "Clock"], "Promptly"]


class CommandError(Exception):
    """A user error found by a command itself (a bad file, a missing option): exit 1."""


class FixedClock:
    """PROMPTLY_NOW: scripts and tests run a command at a chosen instant."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def now(self) -> datetime:
        return self.moment


def clock_from(env: Mapping[str, str]) -> Clock:
    text = env.get(NOW_ENV)
    if not text:
        from app.clock import SystemClock

        return SystemClock()
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(f"{NOW_ENV}={text!r} is not an ISO 8601 time like "
                           "2026-11-23T09:00:00+01:00") from None
    if moment.tzinfo is None:
        raise CommandError(f"{NOW_ENV}={text!r} has no UTC offset; add one, e.g. +01:00 or Z")
    return FixedClock(moment.astimezone(timezone.utc))


@dataclass
class Context:
    """What a command works with: the core (opened on first use), the streams and the options."""

    location: str
    clock: Clock
    core_factory: CoreFactory
    stdout: TextIO
    stderr: TextIO
    cwd: Path
    json: bool = False

    @cached_property
    def core(self) -> Promptly:
        core = self.core_factory(self.location, self.clock)
        core.warn = self.warn  # a request left out (Promptly.usable) is said on stderr
        return core

    def warn(self, text: str) -> None:
        self.stderr.write(f"promptly: warning: {_one_line(text)}\n")

    @property
    def zone(self) -> ZoneInfo:
        return self.core.settings.zone

    def path(self, name: str) -> Path:
        """A file name as the user typed it, relative to their working directory."""
        return self.cwd / Path(name).expanduser()

    def out(self, text: str = "") -> None:
        self.stdout.write(text + "\n")

    def emit(self, data: Any) -> None:
        import json

        self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def open_core(location: str, clock: Clock, create: bool = True) -> Promptly:
    """The CLI's own core: the database opened in this process. `create`: only commands that
    add may create it; for the others a missing file is an error that says so."""
    from sqlalchemy.exc import ArgumentError

    from app.service import Promptly
    from app.storage.database import open_database
    from app.storage.store import Store

    try:
        return Promptly(Store(open_database(location, create=create)), clock)
    except ImportError as exc:  # a server URL whose driver is not installed
        raise CommandError(f"cannot open {location}: its database driver is missing ({exc}); "
                           "install it, or use a SQLite file") from None
    except ArgumentError as exc:
        raise CommandError(f"cannot open {location}: {exc}") from None


def run(argv: list[str], *, core_factory: CoreFactory, stdout: TextIO, stderr: TextIO,
        env: Mapping[str, str] | None = None, cwd: str | Path | None = None) -> int:
    """Run one command; the exit code: 0 ok, 1 error (one line on stderr), 2 usage error."""
    env = os.environ if env is None else env
    try:
        args = build_parser(stdout, stderr).parse_args(argv)
    except _Exit as exc:
        return exc.status
    try:
        from app.paths import database_location

        ctx = Context(location=database_location(args.db), clock=clock_from(env),
                      core_factory=core_factory, stdout=stdout, stderr=stderr,
                      cwd=Path(cwd or os.getcwd()), json=args.json)
        return _resolve(args.handler)(ctx, args)
    except _Exit as exc:
        return exc.status
    except BrokenPipeError:  # `promptly list | head`: the reader left; nothing to say
        raise
    except Exception as exc:  # noqa: BLE001 - sorted below into user errors and bugs
        message = user_message(exc)
        if message is None:
            if env.get("PROMPTLY_DEBUG"):
                raise
            message = (f"unexpected {exc.__class__.__name__}: {exc}. This is a bug in Promptly; "
                       "please report it (set PROMPTLY_DEBUG=1 for details)")
        stderr.write(f"promptly: error: {_one_line(message)}\n")
        return 1


def _resolve(handler: str) -> Callable[[Context, Any], int]:
    import importlib

    module, _, function = handler.partition(":")
    return getattr(importlib.import_module(module), function)


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def user_message(exc: BaseException) -> str | None:
    """What to tell the user about an error they can act on; None for a bug."""
    if isinstance(exc, CommandError | OSError):
        if isinstance(exc, OSError) and exc.filename:
            return f"{exc.filename}: {exc.strerror or exc}"
        return str(exc)
    modules = sys.modules
    if "app.ipc" in modules and isinstance(exc, modules["app.ipc"].IpcError):
        return str(exc)
    if "app.storage.database" in modules and isinstance(exc, modules["app.storage.database"].DatabaseError):
        return str(exc)
    if "sqlalchemy" in modules:
        from sqlalchemy.exc import OperationalError

        if isinstance(exc, OperationalError):
            reason = str(exc.orig) if exc.orig is not None else str(exc)
            if "locked" in reason or "busy" in reason:
                return ("the database is locked by another program (is a Promptly import or "
                        "another tool writing to it?); try again in a moment")
            return f"cannot use the database: {reason}"
    if isinstance(exc, ValueError):  # DomainError, SettingsError, ParseError and bad values
        return str(exc)
    return None


def main(argv: list[str] | None = None) -> int:
    """The `promptly COMMAND` process: the running app serves it if it answers, else we do."""
    try:
        return _main(sys.argv[1:] if argv is None else list(argv))
    except BrokenPipeError:  # `promptly list | head`: the reader left; nothing to say
        # Python would complain again when it flushes stdout at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _main(argv: list[str]) -> int:
    stdout, stderr = sys.stdout, sys.stderr
    try:
        args = build_parser(stdout, stderr).parse_args(argv)
    except _Exit as exc:  # help, or a usage error: nothing to forward
        return exc.status
    from app import ipc
    from app.paths import database_location

    try:
        reply = ipc.forward(argv, database_location(args.db), os.getcwd(), dict(os.environ))
    except ipc.IpcError as exc:
        stderr.write(f"promptly: error: {exc}\n")
        return 1
    if reply is not None:
        stdout.write(str(reply.get("stdout", "")))
        stderr.write(str(reply.get("stderr", "")))
        return int(reply.get("exit", 1))

    opened: list[Promptly] = []

    def factory(location: str, clock: Clock) -> Promptly:
        core = open_core(location, clock, create=args.creates)
        opened.append(core)
        return core

    try:
        return run(argv, core_factory=factory, stdout=stdout, stderr=stderr)
    finally:
        for core in opened:
            core.store.db.dispose()
