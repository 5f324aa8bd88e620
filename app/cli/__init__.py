"""`promptly COMMAND …`: the command line on the Qt-free core.

`main(argv)` is the process entry: it hands the command to the running tray app over the local
socket (app.ipc) when one answers, else opens the database itself. `run(argv, …)` runs one
command in-process on whatever core `core_factory` gives; the tray app calls it (through
app.cli.server.answer) with its own core.

Start-up matters: importing this package pulls in neither SQLAlchemy nor Qt; a command's module
is imported only when it runs, and the date language only when a command reads a date.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from app.cli.parser import COMMANDS, Command, arg, build_parser, _Exit
from app.clock import Clock, FixedClock, SystemClock
from app.errors import is_user_error

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from app.service import Promptly

__all__ = ["COMMANDS", "Command", "CommandError", "Context", "arg", "main", "run"]

NOW_ENV = "PROMPTLY_NOW"
CoreFactory = Callable[[str, Clock, bool], "Promptly"]  # location, clock, may create


class CommandError(Exception):
    """A user error found by a command itself (a bad file, a missing option): exit 1."""


def clock_from(env: Mapping[str, str]) -> Clock:
    """PROMPTLY_NOW: scripts and tests run a command at a chosen instant; else the system's."""
    text = env.get(NOW_ENV)
    if not text:
        return SystemClock()
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(f"{NOW_ENV}={text!r} is not an ISO 8601 time like "
                           "2026-11-23T09:00:00+01:00") from None
    if moment.tzinfo is None:
        raise CommandError(f"{NOW_ENV}={text!r} has no UTC offset; add one, e.g. +01:00 or Z")
    return FixedClock(moment.astimezone(timezone.utc))


class Context:
    """What a command works with: the core (opened on first use), the streams and the options.

    A plain class, not a dataclass: dataclasses imports inspect, ~10 ms before a command starts.
    """

    def __init__(self, location: str, clock: Clock, core_factory: CoreFactory, stdout: TextIO,
                 stderr: TextIO, cwd: Path, json: bool = False,
                 env: Mapping[str, str] | None = None, creates: bool = False) -> None:
        self.location = location
        self.clock = clock
        self.core_factory = core_factory
        self.stdout = stdout
        self.stderr = stderr
        self.cwd = cwd
        self.json = json
        self.env = env  # the caller's environment (forwarded with the command)
        self.creates = creates  # the command may create a database where there is none

    @cached_property
    def core(self) -> Promptly:
        core = self.core_factory(self.location, self.clock, self.creates)
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

    try:
        return Promptly.open(location, clock, create=create)
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
                      cwd=Path(cwd or os.getcwd()), json=args.json, env=env,
                      creates=args.creates)
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
    if is_user_error(exc):
        return str(exc)
    if "sqlalchemy" in sys.modules:
        from sqlalchemy.exc import OperationalError

        if isinstance(exc, OperationalError):
            reason = str(exc.orig) if exc.orig is not None else str(exc)
            if "locked" in reason or "busy" in reason:
                return ("the database is locked by another program (is a Promptly import or "
                        "another tool writing to it?); try again in a moment")
            return f"cannot use the database: {reason}"
    return None


def main(argv: list[str] | None = None) -> int:
    """The `promptly COMMAND` process: the running app serves it if it answers, else we do."""
    try:
        return _main(sys.argv[1:] if argv is None else list(argv))
    except BrokenPipeError:  # `promptly list | head`: the reader left; nothing to say
        # Python would complain again when it flushes stdout at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _plain(argv: list[str]) -> bool:
    """A command name first (so no --db) and nothing like -h: the running app may parse it."""
    return (bool(argv) and argv[0] in {c.name for c in COMMANDS}
            and not any(a.startswith("-") and "h" in a for a in argv))


STDIN_FLAGS = ("--password-stdin",)  # the socket carries no standard input


def reads_stdin(argv: list[str]) -> bool:
    """A command that reads the standard input runs here, never in the running app."""
    return any(a in STDIN_FLAGS for a in argv)


def _main(argv: list[str]) -> int:
    stdout, stderr = sys.stdout, sys.stderr
    if reads_stdin(argv):
        return _in_process(argv, stdout, stderr)
    # Building the parser costs more than the app takes to answer; a plain command goes straight
    # to the app, which parses it. Help, and anything that may name a database, is parsed here.
    plain, db = _plain(argv), None
    if not plain:
        try:
            db = build_parser(stdout, stderr).parse_args(argv).db
        except _Exit as exc:  # help, or a usage error: nothing to forward
            return exc.status
    from app import ipc
    from app.paths import database_location

    try:
        reply = ipc.forward(argv, database_location(db), os.getcwd(), dict(os.environ))
    except ipc.IpcError as exc:
        stderr.write(f"promptly: error: {exc}\n")
        return 1
    if reply is not None and plain and reply.get("exit") == 2:
        # a usage error, so nothing ran: say it from here, wrapped for this terminal
        try:
            build_parser(stdout, stderr).parse_args(argv)
        except _Exit as exc:
            return exc.status
    if reply is not None:
        stdout.write(str(reply.get("stdout", "")))
        stderr.write(str(reply.get("stderr", "")))
        return int(reply.get("exit", 1))
    return _in_process(argv, stdout, stderr)


def _in_process(argv: list[str], stdout: TextIO, stderr: TextIO) -> int:
    """Open the database in this process (SQLite lets the running app keep it open too)."""
    opened: list[Promptly] = []

    def factory(location: str, clock: Clock, create: bool) -> Promptly:
        core = open_core(location, clock, create=create)
        opened.append(core)
        return core

    try:
        return run(argv, core_factory=factory, stdout=stdout, stderr=stderr)
    finally:
        for core in opened:
            core.close()
