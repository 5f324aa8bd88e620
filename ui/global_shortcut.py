"""The quick-add key from anywhere on the desktop: an X11 key grab (python-xlib), or on Wayland
the XDG GlobalShortcuts portal (ui.shortcut_portal), each on a thread of its own.

The grab uses a second X connection, so Qt's own connection is left alone; the thread only waits
for the key and wakes the GUI thread through a queued signal. Where neither works (a Wayland
desktop without the portal, Windows, macOS) `status` says so and Settings shows how to bind
`promptly quick-add` instead.
"""

from __future__ import annotations

import logging
import os
import select
import threading

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence

log = logging.getLogger(__name__)

GRABBED, TAKEN, UNSUPPORTED, NONE = "grabbed", "taken", "unsupported", "none"
ASKING = "asking"  # the portal was asked; the desktop may be asking the person to confirm

_status = NONE  # what the running app's key grab achieved, for the Settings page


def status() -> str:
    return _status


def _x_key(sequence: str) -> tuple[int, int] | None:
    """(keysym, X modifier mask) of a one-chord key sequence such as "Ctrl+Alt+P"; None if not one."""
    from Xlib import XK, X

    keys = QKeySequence(sequence)
    if keys.isEmpty():
        return None
    chord = keys[0]
    key, mods = int(chord.key().value), chord.keyboardModifiers()
    if key < 0x100:
        keysym = ord(chr(key).lower())
    else:
        keysym = XK.string_to_keysym(QKeySequence(chord.key()).toString())
    if not keysym:
        return None
    mask = 0
    for qt, x in ((Qt.KeyboardModifier.ControlModifier, X.ControlMask),
                  (Qt.KeyboardModifier.AltModifier, X.Mod1Mask),
                  (Qt.KeyboardModifier.ShiftModifier, X.ShiftMask),
                  (Qt.KeyboardModifier.MetaModifier, X.Mod4Mask)):
        if mods & qt:
            mask |= x
    return keysym, mask


class GlobalShortcut(QObject):
    """`register(sequence)` grabs the key (replacing the last one); `activated` fires when pressed,
    from the listening thread: connect it to a QObject's method, so that Qt queues the call."""

    activated = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sequence = ""
        self._thread: threading.Thread | None = None
        self._wake: tuple[int, int] | None = None
        self._portal = None

    def register(self, sequence: str) -> str:
        global _status
        self.stop()
        self.sequence = sequence
        _status = self._grab(sequence)
        log.info("global shortcut %r: %s", sequence, _status)
        return _status

    def _grab(self, sequence: str) -> str:
        if not sequence:
            return NONE
        if QGuiApplication.platformName() == "wayland":
            return self._ask_portal(sequence)
        if QGuiApplication.platformName() != "xcb" or not os.environ.get("DISPLAY"):
            return UNSUPPORTED
        try:
            from Xlib import X, error
            from Xlib.display import Display
        except ImportError:
            return UNSUPPORTED
        key = _x_key(sequence)
        if key is None:
            return UNSUPPORTED
        try:
            display = Display()
        except Exception as exc:  # noqa: BLE001 - no X connection for us: the desktop binds it instead
            log.warning("cannot open the X display for the key grab: %s", exc)
            return UNSUPPORTED
        keycode = display.keysym_to_keycode(key[0])
        if not keycode:
            display.close()
            return UNSUPPORTED
        refused: list[error.XError] = []
        root = display.screen().root
        # the same chord with Caps Lock and Num Lock (Mod2) on or off
        masks = [key[1] | extra for extra in (0, X.LockMask, X.Mod2Mask, X.LockMask | X.Mod2Mask)]
        for mask in masks:
            root.grab_key(keycode, mask, True, X.GrabModeAsync, X.GrabModeAsync,
                          onerror=lambda err, _request: refused.append(err))
        display.sync()
        if refused:  # another program holds the key
            display.close()
            return TAKEN
        self._wake = os.pipe()
        self._thread = threading.Thread(target=self._listen, args=(display, keycode, masks, self._wake[0]),
                                        name="global-shortcut", daemon=True)
        self._thread.start()
        return GRABBED

    def _ask_portal(self, sequence: str) -> str:
        from ui.shortcut_portal import PortalShortcut

        def done(result: str) -> None:
            global _status
            _status = result
            log.info("global shortcut %r through the portal: %s", sequence, result)

        self._portal = PortalShortcut(sequence, self.tr("Open Promptly's quick add"), self.activated.emit, done)
        self._portal.start()
        return ASKING

    def _listen(self, display, keycode: int, masks: list[int], wake: int) -> None:
        from Xlib import X

        try:
            while True:
                while display.pending_events():
                    event = display.next_event()
                    if event.type == X.KeyPress and event.detail == keycode:
                        self.activated.emit()
                readable, _, _ = select.select([display.fileno(), wake], [], [])
                if wake in readable:
                    break
        except Exception:  # noqa: BLE001 - the X connection went away: the key simply stops working
            log.exception("the global shortcut stopped")
        finally:
            try:
                for mask in masks:
                    display.screen().root.ungrab_key(keycode, mask)
                display.close()
            except Exception:  # noqa: BLE001 - the connection is already gone
                pass

    def stop(self) -> None:
        if self._portal is not None:
            self._portal.stop()
            self._portal = None
        if self._thread is not None and self._wake is not None:
            os.write(self._wake[1], b"x")
            self._thread.join(timeout=2)
            for fd in self._wake:
                os.close(fd)
        self._thread, self._wake = None, None
