"""The quick-add key on Wayland: the XDG GlobalShortcuts portal, over the session bus.

Spoken with jeepney (keyring already depends on it) on a thread of its own, since the desktop may
first ask the person to confirm the key. `done(status)` reports how the binding went;
`activated()` is called, on that thread, each time the key is pressed.
"""

from __future__ import annotations

import itertools
import logging
import os
import socket
import threading
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

log = logging.getLogger(__name__)

SHORTCUT_ID = "quick-add"
PORTAL_PATH = "/org/freedesktop/portal/desktop"
PORTAL_NAME = "org.freedesktop.portal.Desktop"
INTERFACE = "org.freedesktop.portal.GlobalShortcuts"
_tokens = itertools.count(1)


def trigger(sequence: str) -> str:
    """A Qt key sequence in the XDG shortcuts notation: "Ctrl+Alt+P" -> "CTRL+ALT+p"."""
    chord = QKeySequence(sequence)[0]
    names = [name for flag, name in ((Qt.KeyboardModifier.ControlModifier, "CTRL"),
                                     (Qt.KeyboardModifier.AltModifier, "ALT"),
                                     (Qt.KeyboardModifier.ShiftModifier, "SHIFT"),
                                     (Qt.KeyboardModifier.MetaModifier, "LOGO"))
             if chord.keyboardModifiers() & flag]
    key = QKeySequence(chord.key()).toString(QKeySequence.SequenceFormat.PortableText)
    return "+".join(names + [key.lower() if len(key) == 1 else key])


class PortalShortcut:
    def __init__(self, sequence: str, description: str, activated: Callable[[], None],
                 done: Callable[[str], None]) -> None:
        self.sequence, self.description = sequence, description
        self.activated, self.done = activated, done
        self._connection = None
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="shortcut-portal", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopped.set()
        connection = self._connection
        if connection is not None:
            try:
                connection.sock.shutdown(socket.SHUT_RDWR)  # wakes the waiting thread
            except OSError:
                pass
        self._thread.join(timeout=2)

    def _run(self) -> None:
        from ui import global_shortcut

        try:
            from jeepney.io.blocking import open_dbus_connection

            self._connection = connection = open_dbus_connection(bus="SESSION")
        except Exception as exc:  # noqa: BLE001 - no session bus: the desktop binds the key instead
            log.info("no session bus for the shortcut portal: %s", exc)
            self.done(global_shortcut.UNSUPPORTED)
            return
        try:
            with connection:
                self._bind_and_listen(connection)
        except Exception as exc:  # noqa: BLE001 - the portal went away or we were stopped
            if not self._stopped.is_set():
                log.warning("the shortcut portal stopped: %s", exc)

    def _bind_and_listen(self, connection) -> None:
        from jeepney import DBusAddress, MatchRule, Properties, message_bus, new_method_call
        from jeepney.io.blocking import Proxy
        from jeepney.wrappers import DBusErrorResponse, unwrap_msg

        from ui import global_shortcut

        portal = DBusAddress(PORTAL_PATH, bus_name=PORTAL_NAME, interface=INTERFACE)
        bus = Proxy(message_bus, connection)
        try:  # is there a portal with this interface at all?
            unwrap_msg(connection.send_and_get_reply(Properties(portal).get("version"), timeout=5))
        except (DBusErrorResponse, TimeoutError) as exc:
            log.info("no GlobalShortcuts portal: %s", exc)
            self.done(global_shortcut.UNSUPPORTED)
            return
        sender = connection.unique_name.lstrip(":").replace(".", "_")

        def ask(method: str, signature: str, args: tuple, options: dict) -> tuple[int, dict]:
            """A portal request: the answer comes as a Response signal on the request's path."""
            token = f"promptly{os.getpid()}_{next(_tokens)}"
            rule = MatchRule(type="signal", interface="org.freedesktop.portal.Request", member="Response",
                             path=f"{PORTAL_PATH}/request/{sender}/{token}")
            bus.AddMatch(rule)
            with connection.filter(rule) as answers:
                call = new_method_call(portal, method, signature,
                                       args + ({**options, "handle_token": ("s", token)},))
                unwrap_msg(connection.send_and_get_reply(call, timeout=10))
                return connection.recv_until_filtered(answers).body

        code, results = ask("CreateSession", "a{sv}", (), {"session_handle_token": ("s", "promptly")})
        if code != 0:
            self.done(global_shortcut.TAKEN)
            return
        session = results["session_handle"][1]
        shortcuts = [(SHORTCUT_ID, {"description": ("s", self.description),
                                    "preferred_trigger": ("s", trigger(self.sequence))})]
        # listening before binding: a press right after the binding is not lost
        rule = MatchRule(type="signal", interface=INTERFACE, member="Activated", path=PORTAL_PATH)
        bus.AddMatch(rule)
        with connection.filter(rule, bufsize=16) as pressed:
            code, results = ask("BindShortcuts", "oa(sa{sv})sa{sv}", (session, shortcuts, ""), {})
            if code != 0 or not any(s[0] == SHORTCUT_ID for s in results.get("shortcuts", ("", []))[1]):
                self.done(global_shortcut.TAKEN)  # refused, or bound to nothing
                return
            self.done(global_shortcut.GRABBED)
            while not self._stopped.is_set():
                signal = connection.recv_until_filtered(pressed)
                if signal.body[0] == session and signal.body[1] == SHORTCUT_ID:
                    self.activated()
