"""One running app per user: a second launch hands over its arguments, and the CLI is served.

The server listens on app.ipc.server_name() with QLocalServer. Each connection sends one JSON
line (app.ipc's protocol) and gets one line back:

    {"gui": "quick-add" | "show"}   from a second `promptly [quick-add]` launch
    {"argv": [...], "db": ..., ...} from `promptly COMMAND` (answered by app.cli.server.answer)

Requests that arrive while the app is still loading wait until it is ready.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from shiboken6 import getCppPointer

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalSocket

log = logging.getLogger(__name__)

GUI_KEY = "gui"
HANDOVER_TIMEOUT = 5.0  # seconds; a busy app (a large import) answers late
MAX_REQUEST = 64 * 1024 * 1024


def server_name() -> str:
    from app.ipc import server_name as name

    name = name()
    if sys.platform != "win32":
        Path(name).parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    return name


def _key(socket: QLocalSocket) -> int:
    """The C++ object's address: stable while Python wrappers come and go."""
    return getCppPointer(socket)[0]


def gui_line(command: str) -> bytes:
    return json.dumps({GUI_KEY: command}).encode() + b"\n"


def hand_over(command: str) -> bool:
    """Ask a running instance to show itself (or open quick add). False when none answers.

    Plain sockets through app.ipc's client, not Qt: a second launch needs no QApplication.
    """
    from app.ipc import _connect, _read_line

    connection = _connect()
    if connection is None:
        return False
    with connection:
        try:
            connection.settimeout(HANDOVER_TIMEOUT)
            connection.sendall(gui_line(command))
            return bool(_read_line(connection))
        except OSError:
            return False  # it stopped answering: this launch takes over


class InstanceServer(QObject):
    gui_requested = Signal(str)
    served = Signal()  # a CLI command ran on the app's core: reload and re-arm

    def __init__(self, name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtNetwork import QLocalServer  # here: a second launch never needs QtNetwork

        self.name = name or server_name()
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)
        self.answer: Callable[[bytes], bytes] | None = None  # set once the core is loaded
        self._waiting: list[tuple[QLocalSocket, bytes]] = []
        self._buffers: dict[int, bytearray] = {}  # by socket, until its line is complete

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

    def ready(self, answer: Callable[[bytes], bytes]) -> None:
        """The core is loaded: serve CLI requests with `answer` (app.cli.server.answer bound to it)."""
        self.answer = answer
        waiting, self._waiting = self._waiting, []
        for socket, line in waiting:
            self._serve(socket, line)

    def _accept(self) -> None:
        # Slots take the socket from sender(): a lambda holding its wrapper would outlive it.
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            self._buffers[_key(socket)] = bytearray()
            socket.readyRead.connect(self._ready_read)
            socket.disconnected.connect(self._disconnected)
            socket.disconnected.connect(socket.deleteLater)
            self._read(socket)

    def _ready_read(self) -> None:
        self._read(self.sender())

    def _disconnected(self) -> None:
        self._buffers.pop(_key(self.sender()), None)

    def _read(self, socket: QLocalSocket) -> None:
        buffer = self._buffers.get(_key(socket))
        if buffer is None:
            return
        buffer += bytes(socket.readAll().data())
        newline = buffer.find(b"\n")
        if newline < 0:
            if len(buffer) > MAX_REQUEST:
                del self._buffers[_key(socket)]
                self._reply(socket, {"exit": 2, "stdout": "", "stderr": "promptly: error: request too long\n"})
            return
        line = bytes(buffer[:newline])
        del self._buffers[_key(socket)]
        self._serve(socket, line)

    def _serve(self, socket: QLocalSocket, line: bytes) -> None:
        try:
            message = json.loads(line)
        except ValueError:
            message = None
        if isinstance(message, dict) and GUI_KEY in message:
            self._reply(socket, {"exit": 0, "stdout": "", "stderr": ""})
            self.gui_requested.emit(str(message[GUI_KEY]))
            return
        if self.answer is None:
            self._waiting.append((socket, line))
            return
        self._write(socket, self.answer(line))
        self.served.emit()

    def _reply(self, socket: QLocalSocket, message: dict) -> None:
        self._write(socket, json.dumps(message).encode() + b"\n")

    @staticmethod
    def _write(socket: QLocalSocket, data: bytes) -> None:
        if socket.state() != type(socket).LocalSocketState.ConnectedState:
            return  # the client gave up; the command ran and the app shows its effect
        socket.write(data)
        socket.flush()
        socket.disconnectFromServer()
