"""Single instance: a second launch is handed over, CLI commands are served by the running app
(and wait while it loads), a stale socket from a crashed app is replaced."""

from __future__ import annotations

import json
import socket
import threading

import pytest

from app import ipc
from app.cli.server import answer
from ui.single_instance import InstanceServer, gui_line, hand_over


@pytest.fixture
def runtime(tmp_path, monkeypatch):
    (tmp_path / "run").mkdir(mode=0o700)  # platformdirs ignores a runtime dir others can read
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "run"))
    return tmp_path


@pytest.fixture
def server(qapp, runtime):
    server = InstanceServer()
    assert server.listen()
    yield server
    server.close()


class Client(threading.Thread):
    """A second process's side, run off the GUI thread so the server's event loop can answer."""

    def __init__(self, action) -> None:
        super().__init__(daemon=True)
        self.action = action
        self.result = None

    def run(self) -> None:
        self.result = self.action()


def in_background(qtbot, action):
    client = Client(action)
    client.start()
    qtbot.waitUntil(lambda: not client.is_alive(), timeout=10_000)
    return client.result


def raw_request(line: bytes) -> dict:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.connect(str(ipc.socket_path()))
        conn.sendall(line)
        return json.loads(conn.makefile("rb").readline())


def test_server_listens_where_the_cli_looks(server):
    assert server.server.fullServerName() == str(ipc.socket_path())


def test_second_launch_hands_over_quick_add(server, qtbot):
    with qtbot.waitSignal(server.gui_requested) as asked:
        reply = in_background(qtbot, lambda: raw_request(gui_line("quick-add")))
    assert asked.args == ["quick-add"]
    assert reply["exit"] == 0


def test_hand_over_reaches_a_running_instance(server, qtbot):
    with qtbot.waitSignal(server.gui_requested) as asked:
        assert in_background(qtbot, lambda: hand_over("show")) is True
    assert asked.args == ["show"]


def test_hand_over_without_a_running_instance(runtime):
    assert hand_over("show") is False


def test_cli_commands_are_served_by_the_running_app(server, core, db_path, qtbot):
    server.ready(lambda line: answer(line, core=core, location=str(db_path)))
    with qtbot.waitSignal(server.served):
        reply = in_background(qtbot, lambda: ipc.forward(
            ["add", "from @dana: repair invoice by 15:00", "--json"], str(db_path), "/",
            {"PROMPTLY_NOW": "2026-11-23T09:00:00+00:00"}))
    assert reply["exit"] == 0, reply
    assert [r.title for r in core.requests()] == ["repair invoice"]


def test_requests_wait_while_the_app_loads(server, core, db_path, qtbot):
    client = Client(lambda: ipc.forward(["list", "--json"], str(db_path), "/", {}))
    client.start()
    qtbot.waitUntil(lambda: len(server._waiting) == 1, timeout=10_000)
    server.ready(lambda line: answer(line, core=core, location=str(db_path)))
    qtbot.waitUntil(lambda: not client.is_alive(), timeout=10_000)
    assert client.result["exit"] == 0


def test_another_database_is_declined(server, core, db_path, tmp_path, qtbot):
    server.ready(lambda line: answer(line, core=core, location=str(db_path)))
    reply = in_background(qtbot, lambda: ipc.forward(["list"], str(tmp_path / "other.db"), "/", {}))
    assert reply is None  # the CLI then opens that database itself


def test_a_stale_socket_is_replaced(qapp, runtime):
    path = ipc.socket_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    dead = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    dead.bind(str(path))
    dead.close()  # the file stays, nobody listens: a crashed app
    server = InstanceServer()
    try:
        assert server.listen()
        assert server.server.isListening()
    finally:
        server.close()


# -- finding 5: a stuck or buggy client must not freeze or swell the app ----------------------


def connected() -> socket.socket:
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    conn.connect(str(ipc.socket_path()))
    return conn


def test_a_command_runs_off_the_gui_thread(server, qtbot):
    import time

    from PySide6.QtCore import QTimer

    def slow(_line: bytes) -> bytes:  # a file to read, a lock to wait for
        time.sleep(1.5)
        return b'{"exit": 0, "stdout": "done", "stderr": ""}\n'

    server.ready(slow)
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(50)
    reply = in_background(qtbot, lambda: raw_request(b'{"argv": ["list"], "db": "x"}\n'))
    timer.stop()
    assert reply["stdout"] == "done"
    assert len(ticks) > 10 and max(b - a for a, b in zip(ticks, ticks[1:])) < 0.5


def test_importing_a_pipe_through_the_app_is_refused_at_once(server, core, db_path, tmp_path, qtbot):
    import os

    os.mkfifo(tmp_path / "in.fifo")
    server.ready(lambda line: answer(line, core=core, location=str(db_path)))
    reply = in_background(qtbot, lambda: ipc.forward(["import", "in.fifo"], str(db_path),
                                                     str(tmp_path), {}))
    assert reply["exit"] == 1 and "is not a regular file" in reply["stderr"]


def test_partial_requests_are_capped_across_every_connection(server, qtbot):
    from ui.single_instance import MAX_BUFFERED, MAX_REQUEST

    server.ready(lambda line: b'{"exit": 0, "stdout": "", "stderr": ""}\n')
    chunk = b"x" * (MAX_REQUEST * 3 // 4)  # each under the limit of one request, no newline
    count = MAX_BUFFERED // len(chunk) + 8
    conns = [connected() for _ in range(count)]
    peak = [0]

    def send_all():
        for conn in conns:
            conn.settimeout(5)
            try:
                conn.sendall(chunk)
            except OSError:
                pass  # dropped already

    sender = Client(send_all)
    sender.start()
    qtbot.waitUntil(lambda: (peak.__setitem__(0, max(peak[0], server.buffered())),
                             not sender.is_alive())[1], timeout=20_000)
    qtbot.wait(300)
    peak[0] = max(peak[0], server.buffered())
    assert peak[0] <= MAX_BUFFERED + 1
    refused = 0
    for conn in conns:
        conn.settimeout(0.5)
        try:
            refused += b"too many are arriving at once" in conn.recv(4096)
        except OSError:
            pass
        conn.close()
    assert refused >= count - MAX_BUFFERED // len(chunk)


def test_a_client_that_sends_nothing_is_dropped(server, qtbot):
    server.ready(lambda line: b'{"exit": 0, "stdout": "", "stderr": ""}\n')
    server.request_timeout = 0.2
    conn = connected()
    qtbot.waitUntil(lambda: server._connections != {}, timeout=5_000)
    qtbot.waitUntil(lambda: server._connections == {}, timeout=5_000)
    conn.settimeout(2)
    assert conn.recv(1) == b""  # the app closed it
    conn.close()
