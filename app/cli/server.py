"""The tray app's half of the local socket (app.ipc is the transport): run a command that
`promptly …` forwarded, on the app's own core, and return the reply line."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from app import ipc
from app.cli import reads_stdin, run

if TYPE_CHECKING:
    from app.service import Promptly


def answer(line: bytes, *, core: Promptly, location: str) -> bytes:
    """Run one request line on `core` with the client's clock override; never raises.

    After it returns, refresh views and re-arm the scheduler: the command may have changed requests.
    """
    try:
        request = ipc.read_request(line)
    except ipc.IpcError as exc:
        return ipc.message_line({"exit": 2, "stdout": "", "stderr": f"promptly: error: {exc}\n"})
    # another database, or a command that reads a standard input this socket does not carry
    if request.db != ipc.resolve_location(location) or reads_stdin(request.argv):
        return ipc.message_line({"decline": True})
    stdout, stderr = io.StringIO(), io.StringIO()
    try:
        code = run(request.argv, core_factory=lambda _location, clock, _create: core.with_clock(clock),
                   stdout=stdout, stderr=stderr, env=request.env, cwd=request.cwd)
    except BaseException as exc:  # noqa: BLE001 - the app must survive anything a command does
        code = 1
        stderr.write(f"promptly: error: {exc.__class__.__name__}: {exc}\n")
    return ipc.message_line({"exit": code, "stdout": stdout.getvalue(), "stderr": stderr.getvalue()})
