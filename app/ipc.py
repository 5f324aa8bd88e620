"""The local socket between `promptly …` and the running tray app.

When the tray app runs, it serves CLI commands itself, so a command and the app never fight
over the database and the tray reacts at once. The client side here is pure `socket`: no Qt, no
SQLAlchemy, so a forwarded command starts in a few milliseconds.

Protocol: one JSON line each way, UTF-8.

    client → app   {"argv": [...], "cwd": "/home/…", "db": "<resolved location>",
                    "env": {"PROMPTLY_NOW": "…"}}
    app → client   {"exit": 0, "stdout": "…", "stderr": "…"}
                or {"decline": true}   (the app uses another database; the CLI opens its own)

If nothing listens (no socket, or connecting fails), the CLI opens the database itself. Once
connected, the CLI never falls back: the app may already have run the command.

Server side (the GUI): listen with Qt's QLocalServer on `server_name()` (a full socket path on
Linux and macOS, a pipe name on Windows; remove a stale socket file first). For each connection,
read one line and answer it with `app.cli.server.answer`, which runs the command on the app's
own core with `read_request` and `message_line` from here.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.paths import APP_NAME

SOCKET_NAME = "promptly.sock"
FORWARDED_ENV = ("PROMPTLY_NOW",)
CONNECT_TIMEOUT = 1.0  # seconds; a live app accepts at once
ANSWER_TIMEOUT = 120.0  # a large import may take a while inside the app
MAX_LINE = 64 * 1024 * 1024


class IpcError(Exception):
    """The running app was reached but gave no usable answer; the message says what to check."""


def socket_path() -> Path:
    """Where the running app listens: promptly.sock in the user's runtime directory."""
    import platformdirs

    with warnings.catch_warnings():  # no XDG_RUNTIME_DIR: platformdirs warns and picks a fallback
        warnings.simplefilter("ignore")
        runtime = platformdirs.user_runtime_dir(APP_NAME, appauthor=False)
    return Path(runtime) / SOCKET_NAME


def server_name() -> str:
    """What the GUI passes to QLocalServer.listen(): the socket path, or a pipe name on Windows."""
    if sys.platform == "win32":
        return f"promptly-{os.environ.get('USERNAME', 'user')}"
    return str(socket_path())


def resolve_location(location: str) -> str:
    """A database location both sides can compare: URLs as given, files as absolute paths."""
    if "://" in location:
        return location
    return str(Path(location).expanduser().resolve())


@dataclass(frozen=True)
class Forwarded:
    """A command as the client sent it: its arguments, database, working directory and clock."""

    argv: list[str]
    db: str
    cwd: str
    env: dict[str, str]


def request_line(argv: list[str], db: str, cwd: str, env: dict[str, str]) -> bytes:
    return message_line({"argv": list(argv), "cwd": cwd, "db": resolve_location(db),
                         "env": {k: env[k] for k in FORWARDED_ENV if k in env}})


def forward(argv: list[str], db: str, cwd: str, env: dict[str, str]) -> dict[str, Any] | None:
    """Run the command in the running app: its reply, or None when no app (or another db) answers.

    Raises IpcError when the app was reached but the answer was lost: the command may have run.
    """
    connection = _connect()
    if connection is None:
        return None
    with connection:
        try:
            connection.settimeout(ANSWER_TIMEOUT)
            connection.sendall(request_line(argv, db, cwd, env))
            reply = _read_line(connection)
        except OSError as exc:
            raise IpcError(f"the running Promptly app did not answer on {socket_path()} ({exc}); "
                           "check with `promptly list` before repeating the command") from None
    try:
        answer = json.loads(reply)
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        raise IpcError("the running Promptly app sent an answer this version cannot read; "
                       "restart the app")
    if answer.get("decline"):
        return None
    return answer


def _connect():
    if sys.platform == "win32":
        return _connect_pipe()
    path = socket_path()
    if not path.exists():
        return None
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    connection.settimeout(CONNECT_TIMEOUT)
    try:
        connection.connect(str(path))
    except OSError:  # a stale socket file left by an app that crashed
        connection.close()
        return None
    return connection


class _Pipe:
    """A Windows named pipe with the few socket methods `forward` uses."""

    def __init__(self, handle) -> None:
        self.handle = handle

    def settimeout(self, _seconds: float) -> None:
        pass

    def sendall(self, data: bytes) -> None:
        self.handle.write(data)
        self.handle.flush()

    def recv(self, size: int) -> bytes:
        return self.handle.read1(size)

    def __enter__(self):
        return self

    def __exit__(self, *_exc) -> None:
        self.handle.close()


def _connect_pipe():
    try:
        return _Pipe(open(rf"\\.\pipe\{server_name()}", "r+b", buffering=0))
    except OSError:
        return None


def _read_line(connection) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = connection.recv(65536)
        if not chunk:
            break
        newline = chunk.find(b"\n")
        if newline >= 0:
            chunks.append(chunk[:newline])
            break
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_LINE:
            raise OSError("answer too long")
    return b"".join(chunks)


def read_request(line: bytes) -> Forwarded:
    """The server's reading of a client's request line; IpcError when it is not one."""
    try:
        message = json.loads(line)
        argv = [str(a) for a in message["argv"]]
        db = resolve_location(str(message["db"]))
        env = {k: str(v) for k, v in dict(message.get("env") or {}).items() if k in FORWARDED_ENV}
        cwd = str(message.get("cwd") or os.getcwd())
    except (ValueError, KeyError, TypeError):
        raise IpcError("malformed request") from None
    return Forwarded(argv, db, cwd, env)


def message_line(message: dict[str, Any]) -> bytes:
    """One message on the wire, either way: JSON and a newline."""
    return json.dumps(message).encode() + b"\n"
