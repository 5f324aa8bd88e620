"""The quick-add key from another program: the running app grabs it on the X display, xdotool presses it."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timezone

import pytest

from app.service import Promptly
from app.settings import Settings
from tests.conftest import FakeClock
from tests.desktop.conftest import Desktop, wait_for

pytestmark = pytest.mark.desktop

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)


def start(desktop: Desktop, root, shortcut: str) -> tuple[subprocess.Popen, dict]:
    db, report = root / "promptly.db", root / "report.json"
    core = Promptly.open(str(db), FakeClock(NOW))
    core.save_settings(Settings(timezone="UTC", end_of_day_digest=False, weekly_summary_prompt=False,
                                global_shortcut=shortcut))
    core.close()
    process = desktop.spawn(sys.executable, "-m", "ui", env={
        "PROMPTLY_DB": str(db), "PROMPTLY_NOW": NOW.isoformat(), "PROMPTLY_STARTUP_REPORT": str(report)},
        stdout=(root / "app.log").open("w"), stderr=subprocess.STDOUT, start_new_session=True, cwd=root)
    wait_for(lambda: report.exists() or process.poll() is not None, what="the app's start-up report")
    assert process.poll() is None, (root / "app.log").read_text()
    return process, json.loads(report.read_text())


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=10)


def test_the_quick_add_key_opens_quick_add_from_anywhere(desktop, tmp_path):
    process, report = start(desktop, tmp_path, "Ctrl+Alt+P")
    try:
        assert report["global_shortcut"] == "grabbed"
        assert desktop.window_ids("Quick add") == []
        # pressed on the root window, as in any other program: only the grab delivers it to Promptly
        desktop.run("xdotool", "key", "--clearmodifiers", "ctrl+alt+p")
        wait_for(lambda: desktop.window_ids("Quick add"), what="the quick-add dialog")
    finally:
        stop(process)


def test_a_key_another_program_holds_is_reported(desktop, tmp_path):
    from Xlib import X, XK
    from Xlib.display import Display

    # another program (this test) holds Ctrl+Alt+K first
    display = Display(desktop.env["DISPLAY"])
    keycode = display.keysym_to_keycode(XK.string_to_keysym("k"))
    display.screen().root.grab_key(keycode, X.ControlMask | X.Mod1Mask, True, X.GrabModeAsync, X.GrabModeAsync)
    display.sync()
    try:
        process, report = start(desktop, tmp_path, "Ctrl+Alt+K")
        stop(process)
        assert report["global_shortcut"] == "taken"
    finally:
        display.close()


# A GlobalShortcuts portal as a desktop that grants every key offers it (xdg-desktop-portal with
# a backend that has the interface is not packaged here): it notes what it was asked to bind
# and presses the key once, right after binding it.
PORTAL = r'''
import json, sys
from jeepney import DBusAddress, MessageType, HeaderFields, new_error, new_method_return, new_signal
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import Proxy, open_dbus_connection

conn = open_dbus_connection(bus="SESSION")
Proxy(message_bus, conn).RequestName("org.freedesktop.portal.Desktop")
print("ready", flush=True)
desktop = "/org/freedesktop/portal/desktop"
while True:
    msg = conn.receive()
    if msg.header.message_type != MessageType.method_call:
        continue
    member, sender = msg.header.fields[HeaderFields.member], msg.header.fields[HeaderFields.sender]
    if member == "Get":
        conn.send(new_method_return(msg, "v", (("u", 1),)))
    elif member in ("CreateSession", "BindShortcuts"):
        token = msg.body[-1]["handle_token"][1]
        request = f"{desktop}/request/{sender[1:].replace('.', '_')}/{token}"
        conn.send(new_method_return(msg, "o", (request,)))
        if member == "CreateSession":
            results = {"session_handle": ("o", desktop + "/session/1/promptly")}
        else:
            session, shortcuts = msg.body[0], msg.body[1]
            with open(sys.argv[1], "w") as out:
                json.dump([[name, {k: v[1] for k, v in options.items()}] for name, options in shortcuts], out)
            results = {"shortcuts": ("a(sa{sv})", [(name, {"trigger_description": ("s", "Ctrl+Alt+P")})
                                                   for name, _ in shortcuts])}
        conn.send(new_signal(DBusAddress(request, interface="org.freedesktop.portal.Request"),
                             "Response", "ua{sv}", (0, results)))
        if member == "BindShortcuts":
            conn.send(new_signal(DBusAddress(desktop, interface="org.freedesktop.portal.GlobalShortcuts"),
                                 "Activated", "osta{sv}", (session, "quick-add", 0, {})))
    else:
        conn.send(new_error(msg, "org.freedesktop.DBus.Error.UnknownMethod"))
'''


def bind_through_portal(monkeypatch, desktop):
    import threading

    from ui.shortcut_portal import PortalShortcut

    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", desktop.env["DBUS_SESSION_BUS_ADDRESS"])
    statuses, pressed = [], threading.Event()
    portal = PortalShortcut("Ctrl+Alt+P", "Open Promptly's quick add", pressed.set, statuses.append)
    portal.start()
    return portal, statuses, pressed


def test_without_a_portal_the_key_is_unsupported(desktop, monkeypatch):
    portal, statuses, _ = bind_through_portal(monkeypatch, desktop)
    wait_for(lambda: statuses, what="the portal's answer")
    portal.stop()
    assert statuses == ["unsupported"]


def test_on_wayland_the_portal_binds_the_key_and_reports_presses(desktop, tmp_path, monkeypatch):
    asked = tmp_path / "asked.json"
    server = desktop.spawn(sys.executable, "-c", PORTAL, str(asked), stdout=subprocess.PIPE, text=True,
                           start_new_session=True)
    try:
        assert server.stdout.readline().strip() == "ready"
        portal, statuses, pressed = bind_through_portal(monkeypatch, desktop)
        wait_for(pressed.is_set, what="the key pressed through the portal")
        portal.stop()
        assert statuses == ["grabbed"]
        assert json.loads(asked.read_text()) == [
            ["quick-add", {"description": "Open Promptly's quick add", "preferred_trigger": "CTRL+ALT+p"}]]
    finally:
        server.terminate()
        server.wait(timeout=5)
