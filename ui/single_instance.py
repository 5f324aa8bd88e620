"""One running app per user: a second launch hands over its arguments, and the CLI is served.

The server listens on app.ipc.server_name() with QLocalServer. Each connection sends one JSON
line (app.ipc's protocol) and gets one line back:

    {"gui": "quick-add" | "show", "db": ...}   from a second `promptly [quick-add]` launch
    {"argv": [...], "db": ..., ...}            from `promptly COMMAND` (app.cli.server.answer)

A launch for another database is declined ({"decline": true, "db": the app's}). Requests that
arrive while the app is still loading wait until it is ready. Commands run one at a time on a
worker thread, so one that reads a file or waits on a lock never freezes the GUI.

The socket is the user's own, but a stuck or buggy client must not hurt the app: a request is
one short line (MAX_REQUEST), all connections together hold at most MAX_BUFFERED bytes, and a
client that sends no full line within REQUEST_TIMEOUT, or does not take its answer within
ANSWER_TIMEOUT, is dropped.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from shiboken6 import getCppPointer

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalSocket

log = logging.getLogger(__name__)

GUI_KEY = "gui"
HANDOVER_TIMEOUT = 5.0  # seconds; a busy app (a large import) answers late
MAX_REQUEST = 1024 * 1024  # a command line and its working folder: far less than this
MAX_BUFFERED = 8 * 1024 * 1024  # across every connection at once
REQUEST_TIMEOUT = 10.0  # seconds to send the request line
ANSWER_TIMEOUT = 120.0  # seconds to take the answer (a large export) once it is written


def server_name() -> str:
    from app.ipc import server_name as name

    name = name()
    if sys.platform != "win32":
        Path(name).parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    return name


def _key(socket: QLocalSocket) -> int:
    """The C++ object's address: stable while Python wrappers come and go."""
    return getCppPointer(socket)[0]


def gui_line(command: str, db: str | None = None) -> bytes:
    message: dict = {GUI_KEY: command}
    if db is not None:
        from app.ipc import resolve_location

        message["db"] = resolve_location(db)
    return json.dumps(message).encode() + b"\n"


class OtherDatabase(Exception):
    """The running instance works on another database; `args[0]` names it."""


def hand_over(command: str, db: str | None = None) -> bool:
    """Ask a running instance to show itself (or open quick add). False when none answers;
    OtherDatabase when it runs on another database than `db`.

    Plain sockets through app.ipc's client, not Qt: a second launch needs no QApplication.
    """
    from app.ipc import _connect, _read_line

    connection = _connect()
    if connection is None:
        return False
    with connection:
        try:
            connection.settimeout(HANDOVER_TIMEOUT)
            connection.sendall(gui_line(command, db))
            reply = _read_line(connection)
        except OSError:
            return False  # it stopped answering: this launch takes over
    try:
        answer = json.loads(reply)
    except ValueError:
        answer = None
    if isinstance(answer, dict) and answer.get("decline"):
        raise OtherDatabase(str(answer.get("db") or "another database"))
    return bool(reply)


@dataclass(eq=False)  # each one is itself: a new socket may reuse a closed one's address
class _Connection:
    socket: QLocalSocket
    key: int  # _key(socket), kept: the socket may be deleted before its answer is ready
    deadline: float  # monotonic seconds: dropped when passed
    buffer: bytearray = field(default_factory=bytearray)
    answered: bool = False


class InstanceServer(QObject):
    gui_requested = Signal(str)
    served = Signal()  # a CLI command ran on the app's core: reload and re-arm

    _answered = Signal(object, bytes)  # from the worker: (its _Connection, reply line)

    def __init__(self, name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtNetwork import QLocalServer  # here: a second launch never needs QtNetwork

        self.name = name or server_name()
        self.location: str | None = None  # the app's database: launches for another declined
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)
        self.answer: Callable[[bytes], bytes] | None = None  # set once the core is loaded
        self.request_timeout = REQUEST_TIMEOUT
        self.answer_timeout = ANSWER_TIMEOUT
        self._waiting: list[tuple[_Connection, bytes]] = []
        self._connections: dict[int, _Connection] = {}  # by socket
        self._running: set[_Connection] = set()  # whose command the worker is running
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="promptly-serve")
        self._answered.connect(self._deliver)
        self._sweeper = QTimer(self)
        self._sweeper.setInterval(1000)
        self._sweeper.timeout.connect(self._drop_late)

    def listen(self) -> bool:
        """Take the name; a stale socket left by a crashed app is removed first."""
        if self.server.listen(self.name):
            return True
        self.server.removeServer(self.name)
        if self.server.listen(self.name):
            return True
        log.warning("cannot listen on %s: %s", self.name, self.server.errorString())
        return False

    def close(self) -> None:
        self.server.close()
        self._sweeper.stop()
        self._worker.shutdown(wait=False, cancel_futures=True)

    def ready(self, answer: Callable[[bytes], bytes]) -> None:
        """The core is loaded: serve CLI requests with `answer` (app.cli.server.answer bound to it)."""
        self.answer = answer
        waiting, self._waiting = self._waiting, []
        for connection, line in waiting:
            if self._connections.get(connection.key) is connection:  # still there
                self._serve(connection.socket, line)

    def _accept(self) -> None:
        # Slots take the socket from sender(): a lambda holding its wrapper would outlive it.
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.setReadBufferSize(MAX_REQUEST)  # Qt reads no further ahead than one request
            key = _key(socket)
            self._connections[key] = _Connection(socket, key, time.monotonic() + self.request_timeout)
            socket.readyRead.connect(self._ready_read)
            socket.disconnected.connect(self._disconnected)
            socket.disconnected.connect(socket.deleteLater)
            self._sweeper.start()
            self._read(socket)

    def _ready_read(self) -> None:
        self._read(self.sender())

    def _disconnected(self) -> None:
        self._connections.pop(_key(self.sender()), None)

    def buffered(self) -> int:
        """Bytes held for requests not yet complete, across every connection."""
        return sum(len(c.buffer) for c in self._connections.values())

    def _read(self, socket: QLocalSocket) -> None:
        connection = self._connections.get(_key(socket))
        if connection is None or connection.answered:
            socket.readAll()  # nothing more is expected from it
            return
        room = min(MAX_REQUEST - len(connection.buffer), MAX_BUFFERED - self.buffered()) + 1
        connection.buffer += bytes(socket.read(max(room, 1)).data())
        newline = connection.buffer.find(b"\n")
        if newline < 0:
            if len(connection.buffer) > MAX_REQUEST or self.buffered() > MAX_BUFFERED:
                self._reply(socket, {"exit": 2, "stdout": "", "stderr": (
                    "promptly: error: the request is too long, or too many are arriving at "
                    "once; a command line is far shorter\n")})
            return
        line = bytes(connection.buffer[:newline])
        connection.buffer = bytearray()
        connection.answered = True
        connection.deadline = time.monotonic() + self.answer_timeout
        self._serve(socket, line)

    def _drop_late(self) -> None:
        """A client that sends nothing, or takes nothing, is let go."""
        now = time.monotonic()
        for key, connection in list(self._connections.items()):
            if connection.deadline < now and connection not in self._running:
                log.info("dropping a local client that %s in time",
                         "took no answer" if connection.answered else "sent no request")
                self._connections.pop(key, None)
                connection.socket.abort()
        if not self._connections:
            self._sweeper.stop()

    def _serve(self, socket: QLocalSocket, line: bytes) -> None:
        try:
            message = json.loads(line)
        except ValueError:
            message = None
        if isinstance(message, dict) and GUI_KEY in message:
            wanted = message.get("db")
            if wanted is not None and self.location is not None and not self._same_db(wanted):
                self._reply(socket, {"decline": True, "db": self.location})
                return
            self._reply(socket, {"exit": 0, "stdout": "", "stderr": ""})
            self.gui_requested.emit(str(message[GUI_KEY]))
            return
        connection = self._connections.get(_key(socket))
        if connection is None:
            return  # gone meanwhile
        if self.answer is None:
            self._waiting.append((connection, line))
            return
        answer = self.answer
        self._running.add(connection)
        self._worker.submit(lambda: self._answered.emit(connection, _safely(answer, line)))

    def _same_db(self, wanted: str) -> bool:
        from app.ipc import resolve_location

        return resolve_location(str(wanted)) == resolve_location(self.location)

    def _deliver(self, connection: _Connection, reply: bytes) -> None:
        """Back on the GUI thread: the worker's answer goes to its client, if still there."""
        self._running.discard(connection)
        if self._connections.get(connection.key) is connection:
            connection.deadline = time.monotonic() + self.answer_timeout
            self._write(connection.socket, reply)
        self.served.emit()

    def _reply(self, socket: QLocalSocket, message: dict) -> None:
        connection = self._connections.get(_key(socket))
        if connection is not None:
            connection.answered = True
            connection.buffer = bytearray()
        self._write(socket, json.dumps(message).encode() + b"\n")

    @staticmethod
    def _write(socket: QLocalSocket, data: bytes) -> None:
        if socket.state() != type(socket).LocalSocketState.ConnectedState:
            return  # the client gave up; the command ran and the app shows its effect
        socket.write(data)
        socket.flush()
        socket.disconnectFromServer()


def _safely(answer: Callable[[bytes], bytes], line: bytes) -> bytes:
    """app.ipc.answer never raises; a replacement that did must not lose the client's reply."""
    try:
        return answer(line)
    except BaseException as exc:  # noqa: BLE001 - the worker must survive anything
        log.exception("a served command failed")
        return json.dumps({"exit": 1, "stdout": "", "stderr": f"promptly: error: {exc}\n"}).encode() + b"\n"
