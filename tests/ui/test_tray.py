"""The tray: menu rebuilt as it opens, plain user text, icon colours by urgency, pause entries."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QSystemTrayIcon

from app.domain.commands import NewRequest
from app.domain.model import Direction, Priority
from ui.icons import AMBER, CALM_ON_DARK, CALM_ON_LIGHT, RED, Urgency, paint
from ui.tray import Tray, TrayData

UTC = timezone.utc
MARKUP = "<b>x</b> & <img src=x>"


@pytest.fixture
def tray(qapp, core):
    tray = Tray()
    tray.attach(TrayData(core))
    yield tray
    tray.icon.hide()
    tray.deleteLater()


def add(core, title, who="Dana", minutes=None, direction=Direction.RECEIVED):
    promised = core.now() + timedelta(minutes=minutes) if minutes is not None else None
    return core.add(NewRequest(direction, who, title, promised_at=promised))


def reload(tray):
    tray.data.reload()
    tray.refresh()


def open_menu(tray):
    tray.menu.aboutToShow.emit()
    return [a.text() for a in tray.menu.actions()]


def centre_colour(pixmap) -> QColor:
    image = pixmap.toImage()
    # left of centre, inside the disc but clear of a painted count or clock hands
    return image.pixelColor(image.width() // 5 + 1, image.height() // 2)


def test_menu_lists_next_five_countdowns_and_rebuilds_when_opened(tray, core, clock):
    for n, minutes in enumerate((42, 90, 10, 300, 600, 20)):
        add(core, f"task {n}", minutes=minutes)
    reload(tray)
    texts = open_menu(tray)
    assert texts[:5] == [
        "I owe Dana · task 2 · in 10 min",
        "I owe Dana · task 5 · in 20 min",
        "I owe Dana · task 0 · in 42 min",
        "I owe Dana · task 1 · in 1 h 30 min",
        "I owe Dana · task 3 · in 5 h",
    ]
    assert texts[6:9] == ["Quick add…", "Requests", "Weekly summary"]
    assert "Pause prompts" in texts and texts[-1] == "Quit"

    clock.advance(minutes=12)  # the same data, opened later: countdowns move on
    assert open_menu(tray)[0] == "I owe Dana · task 2 · overdue 2 min"


def test_countdown_entry_opens_that_request(tray, core, qtbot):
    request = add(core, "repair invoice", minutes=42)
    reload(tray)
    open_menu(tray)
    with qtbot.waitSignal(tray.request_requested) as opened:
        tray.menu.actions()[0].trigger()
    assert opened.args == [request.id]


def test_user_markup_is_plain_in_menu_and_tooltip(tray, core):
    add(core, MARKUP, who="Kim & Lee", minutes=42)
    reload(tray)
    assert open_menu(tray)[0] == "I owe Kim && Lee · <b>x</b> && <img src=x> · in 42 min"
    tooltip = tray.icon.toolTip()
    assert "I owe Kim &amp; Lee · &lt;b&gt;x&lt;/b&gt; &amp; &lt;img src=x&gt; · in 42 min" in tooltip
    assert "<b>" not in tooltip and "<img" not in tooltip


def test_tooltip_shows_the_next_three_countdowns(tray, core):
    for n, minutes in enumerate((30, 60, 120, 240)):
        add(core, f"task {n}", minutes=minutes)
    reload(tray)
    tooltip = tray.icon.toolTip()
    assert "I owe Dana · task 2 · in 2 h" in tooltip
    assert "task 3" not in tooltip


def test_icon_colour_follows_the_most_urgent_state(tray, core, clock):
    palette = QGuiApplication.palette()
    calm = CALM_ON_DARK if palette.color(QPalette.ColorRole.Window).lightness() < 128 else CALM_ON_LIGHT
    add(core, "far away", minutes=180, direction=Direction.MADE)
    reload(tray)
    assert tray.snapshot.urgency is Urgency.CALM
    assert centre_colour(tray.icon.icon().pixmap(32)) == calm

    add(core, "soon", minutes=50)
    reload(tray)
    assert tray.snapshot.urgency is Urgency.SOON
    assert centre_colour(tray.icon.icon().pixmap(32)) == AMBER

    clock.advance(minutes=51)
    tray.refresh()  # the refresh timer's job: time alone turns it red
    assert (tray.snapshot.urgency, tray.snapshot.overdue) == (Urgency.OVERDUE, 1)
    assert centre_colour(tray.icon.icon().pixmap(32)) == RED


def test_overdue_count_is_painted(qapp):
    palette = QGuiApplication.palette()
    one = paint(32, Urgency.OVERDUE, 1, palette).toImage()
    two = paint(32, Urgency.OVERDUE, 2, palette).toImage()
    assert one != two
    white = sum(1 for x in range(8, 24) for y in range(8, 24) if one.pixelColor(x, y).lightness() > 200)
    assert white > 10  # the digit, in white on red


def test_calm_colour_follows_a_dark_panel(tray, core, qapp, qtbot):
    add(core, "far away", minutes=600, direction=Direction.MADE)
    reload(tray)
    original = qapp.palette()
    try:
        dark = QPalette(original)
        dark.setColor(QPalette.ColorRole.Window, QColor("#202020"))
        qapp.setPalette(dark)  # ApplicationPaletteChange, posted to the menu: the icon repaints
        qtbot.waitUntil(lambda: centre_colour(tray.icon.icon().pixmap(32)) == CALM_ON_DARK, timeout=2000)
        light = QPalette(original)
        light.setColor(QPalette.ColorRole.Window, QColor("#f0f0f0"))
        qapp.setPalette(light)
        qtbot.waitUntil(lambda: centre_colour(tray.icon.icon().pixmap(32)) == CALM_ON_LIGHT, timeout=2000)
    finally:
        qapp.setPalette(original)


def pause_menu(tray):
    open_menu(tray)
    action = next(a for a in tray.menu.actions() if a.menu() is not None)
    return action.menu()


def test_pause_entries_and_paused_state(tray, core, clock, qtbot):
    menu = pause_menu(tray)
    texts = [a.text() for a in menu.actions()]
    assert texts == ["For 1 hour", "Until tomorrow", "Resume prompts"]
    assert not menu.actions()[2].isEnabled()
    with qtbot.waitSignal(tray.pause_requested) as hour:
        menu.actions()[0].trigger()
    assert hour.args == [clock.now() + timedelta(hours=1)]
    with qtbot.waitSignal(tray.pause_requested) as tomorrow:
        menu.actions()[1].trigger()
    assert tomorrow.args == [datetime(2026, 11, 24, 9, 0, tzinfo=UTC)]  # next working day, 09:00

    core.pause(clock.now() + timedelta(hours=1))
    reload(tray)
    menu = pause_menu(tray)
    assert menu.title() == "Prompts paused until 10:00"
    assert menu.actions()[2].isEnabled()
    assert "Prompts paused until 10:00" in tray.icon.toolTip()
    with qtbot.waitSignal(tray.pause_requested) as resume:
        menu.actions()[2].trigger()
    assert resume.args == [None]


def test_left_click_opens_quick_add(tray, qtbot):
    with qtbot.waitSignal(tray.quick_add_requested):
        tray.icon.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)


def test_before_loading_only_quit_works(qapp):
    tray = Tray()
    try:
        actions = {a.text(): a.isEnabled() for a in tray.menu.actions() if a.text()}
        assert actions["Loading…"] is False
        assert actions["Quick add…"] is False
        assert actions["Quit"] is True
    finally:
        tray.deleteLater()


def test_each_countdown_is_marked_with_its_urgency_colour(tray, core, clock):
    add(core, "late", minutes=5)
    add(core, "soon", minutes=40)
    add(core, "later", minutes=300, direction=Direction.MADE)
    clock.advance(minutes=10)
    reload(tray)
    open_menu(tray)
    colours = []
    for action in tray.menu.actions()[:3]:
        image = action.icon().pixmap(16).toImage()
        colours.append(image.pixelColor(image.width() // 2, image.height() // 2))
    palette = QGuiApplication.palette()
    calm = CALM_ON_DARK if palette.color(QPalette.ColorRole.Window).lightness() < 128 else CALM_ON_LIGHT
    assert colours == [RED, AMBER, calm]


def test_the_menu_says_what_each_countdown_is_to(tray, core):
    core.add(NewRequest(Direction.RECEIVED, "Dana", "sign-off", needed_by=core.now() + timedelta(days=3),
                        priority=Priority.URGENT))  # nobody answered: a reply is what is owed first
    request = core.add(NewRequest(Direction.MADE, "Sam", "quote", needed_by=core.now() + timedelta(hours=5)))
    core.acknowledge(request.id)  # Sam answered without a time: I wait for the time I wanted
    reload(tray)
    assert open_menu(tray)[:2] == ["I owe Dana · sign-off · urgent · reply in 1 h",
                                   "Sam owes me · quote · wanted in 5 h"]
