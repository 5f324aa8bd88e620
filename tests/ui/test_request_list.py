"""The request list: filters, search, urgency order, SLA colours, live countdowns, each action,
history in plain words, and remembered geometry and filters."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from app.domain.model import Direction, EventKind, Person, Priority, Status
from app.domain.commands import NewRequest
from ui.dialogs import DraftDialog, EditDialog, WhenDialog
from ui.request_list import RequestListWindow
from ui.wording import event_text
from ui.request_model import (
    DUE,
    OVERDUE_BRUSH,
    SOON_BRUSH,
    STATE_ALL,
    STATE_DONE,
    STATE_OVERDUE,
    STATUS,
    WHAT,
    WHO,
)
from tests.ui.windows_support import controller, mail_app, no_mail_app, settings_dir  # noqa: F401  (fixtures)

UTC = timezone.utc
MON_9 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def add(core, title, who="Dana", direction=Direction.RECEIVED, promised=None, tags=(), asked=None):
    return core.add(NewRequest(direction, who, title, promised_at=promised, tags=tags, asked_at=asked))


@pytest.fixture
def window(qtbot, controller):
    win = RequestListWindow(controller)
    qtbot.addWidget(win)
    return win


def shown(win, column=WHAT):
    return [win.proxy.index(r, column).data() for r in range(win.proxy.rowCount())]


def choose(box, value):
    box.setCurrentIndex(box.findData(value))


def select(win, title):
    row = shown(win).index(title)
    win.table.selectRow(row)
    assert win.selected_request().title == title


def test_rows_are_in_urgency_order_overdue_first(qtbot, window, core, clock):
    add(core, "no promise yet")  # respond-by 10:00
    add(core, "friday report", promised=MON_9 + timedelta(days=4))
    add(core, "needed at 9:30", promised=MON_9 + timedelta(minutes=30))
    add(core, "was due at 8", promised=MON_9 + timedelta(hours=1), who="Sam")
    clock.advance(hours=1, minutes=30)  # 10:30: "was due at 10" and "needed at 9:30" passed
    window.show()
    assert shown(window) == ["needed at 9:30", "no promise yet", "was due at 8", "friday report"]
    assert shown(window, DUE) == ["overdue 1 h", "reply overdue 30 min", "overdue 30 min", "in 3 d 22 h"]


def test_sla_colours(qtbot, window, core, clock):
    add(core, "late", promised=MON_9 + timedelta(minutes=10))
    add(core, "soon", promised=MON_9 + timedelta(minutes=50))
    add(core, "later", promised=MON_9 + timedelta(hours=3))
    clock.advance(minutes=20)
    window.show()
    colours = {t: window.proxy.index(r, DUE).data(Qt.ItemDataRole.ForegroundRole)
               for r, t in enumerate(shown(window))}
    assert colours == {"late": OVERDUE_BRUSH, "soon": SOON_BRUSH, "later": None}


def test_filters_by_direction_state_and_search(qtbot, window, core, clock):
    add(core, "repair invoice", who="Dana", tags=["billing"])
    add(core, "review contract", who="Sam", direction=Direction.MADE, promised=MON_9 + timedelta(hours=1))
    closed = add(core, "old thing", who="Lee")
    core.done(closed.id)
    window.show()
    assert sorted(shown(window)) == ["repair invoice", "review contract"]
    choose(window.direction_box, Direction.MADE.value)
    assert shown(window) == ["review contract"]
    choose(window.direction_box, "all")
    choose(window.state_box, STATE_DONE)
    assert shown(window) == ["old thing"]
    choose(window.state_box, STATE_ALL)
    qtbot.keyClicks(window.search, "#BILL")
    assert shown(window) == ["repair invoice"]
    window.search.setText("sam")
    assert shown(window) == ["review contract"]
    window.search.clear()
    choose(window.state_box, STATE_OVERDUE)
    assert shown(window) == []
    clock.advance(hours=2)
    window.tick()
    # overdue is a promise (or a time wanted) that passed; a late reply still "needs reply"
    assert shown(window) == ["review contract"]
    assert window.count_label.text() == "1 of 3"
    choose(window.state_box, STATE_ALL)
    assert dict(zip(shown(window), zip(shown(window, WHO), shown(window, STATUS)))) == {
        "review contract": ("Sam owes me", "overdue"), "repair invoice": ("I owe Dana", "needs reply"),
        "old thing": ("I owe Lee", "done")}


def test_header_sorts_and_urgency_order_returns(qtbot, window, core):
    add(core, "b second", promised=MON_9 + timedelta(hours=1))
    add(core, "a first", promised=MON_9 + timedelta(hours=5))
    window.show()
    assert shown(window) == ["b second", "a first"]
    window._header_clicked(WHAT)
    assert shown(window) == ["a first", "b second"]
    window.urgency_action.trigger()
    assert shown(window) == ["b second", "a first"]


def test_done_then_undo_from_the_status_bar(qtbot, window, core):
    request = add(core, "repair invoice")
    window.show()
    select(window, "repair invoice")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert core.get(request.id).status is Status.DONE
    assert shown(window) == []  # the Open filter hides it now
    assert window.undo_button.isVisible() and "repair invoice" in window.undo_label.text()
    qtbot.mouseClick(window.undo_button, Qt.MouseButton.LeftButton)
    assert core.get(request.id).status is Status.ACKNOWLEDGED  # "done" had answered it
    assert core.get(request.id).history[-1].kind is EventKind.REOPENED
    assert shown(window) == ["repair invoice"]


def test_acknowledge_with_eta(qtbot, window, core):
    request = add(core, "repair invoice")
    window.show()
    select(window, "repair invoice")
    window.ack_action.trigger()
    dialog: WhenDialog = window.dialog
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()
    qtbot.keyClicks(dialog.when_edit, "fri 3pm")
    assert dialog.preview.text() == "Fri 15:00 (in 4 d 6 h)"
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    saved = core.get(request.id)
    assert saved.status is Status.PROMISED
    assert saved.promised_at == datetime(2026, 11, 27, 15, 0, tzinfo=UTC)
    assert not window.ack_action.isEnabled()  # selection kept, already answered


def test_accept_their_time_from_the_list(qtbot, window, core):
    wanted = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
    request = core.add(NewRequest(Direction.RECEIVED, "Dana", "repair invoice", needed_by=wanted))
    add(core, "no wish")
    window.show()
    assert shown(window, DUE)[shown(window).index("repair invoice")] == "reply in 1 h"
    select(window, "no wish")
    assert not window.accept_action.isEnabled()
    select(window, "repair invoice")
    assert window.accept_action.isEnabled()
    assert "Wanted by Thu 26 Nov 12:00" in window.detail_facts.text()
    window.accept_action.trigger()
    saved = core.get(request.id)
    assert (saved.status, saved.promised_at) == (Status.PROMISED, wanted)
    assert not window.accept_action.isEnabled()
    assert shown(window, STATUS)[shown(window).index("repair invoice")] == "promised"


def test_a_bad_time_says_why_and_cannot_be_accepted(qtbot, window, core):
    add(core, "repair invoice")
    window.show()
    select(window, "repair invoice")
    window.ack_action.trigger()
    qtbot.keyClicks(window.dialog.when_edit, "blursday")
    assert "not a date I understand" in window.dialog.preview.text()
    window.dialog.accept()
    assert core.requests()[0].status is Status.OPEN


def test_renegotiate_needs_a_reason_and_records_it(qtbot, window, core):
    request = add(core, "repair invoice", promised=MON_9 + timedelta(days=4, hours=6))
    window.show()
    select(window, "repair invoice")
    window.renegotiate_action.trigger()
    dialog = window.dialog
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    qtbot.keyClicks(dialog.when_edit, "2026-11-30 12:00")
    assert not ok.isEnabled()
    qtbot.keyClicks(dialog.reason_edit, "waiting for supplier")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    saved = core.get(request.id)
    assert saved.promised_at == datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
    assert saved.history[-1].kind is EventKind.RENEGOTIATED
    assert "Renegotiated Fri 15:00 → Mon 30 Nov 12:00: waiting for supplier" in \
        window.history.toPlainText()


def test_snooze_preset_cancel_and_reopen(qtbot, window, core, clock):
    request = add(core, "repair invoice")
    window.show()
    select(window, "repair invoice")
    [one_hour] = [a for a in window.snooze_menu.actions() if a.text() == "1 hour"]
    one_hour.trigger()
    assert core.get(request.id).history[-1].kind is EventKind.SNOOZED
    assert core.get(request.id).history[-1].data["until"] == (MON_9 + timedelta(hours=1)).isoformat()

    window.cancel_action.trigger()
    qtbot.keyClicks(window.dialog.reason_edit, "no longer needed")
    window.dialog.accept()
    assert core.get(request.id).status is Status.CANCELLED
    choose(window.state_box, STATE_DONE)
    select(window, "repair invoice")
    assert window.reopen_action.isEnabled() and not window.done_action.isEnabled()
    window.reopen_action.trigger()
    assert core.get(request.id).status is Status.OPEN


def test_edit(qtbot, window, core):
    request = add(core, "repair invoice")
    window.show()
    select(window, "repair invoice")
    window.edit_action.trigger()
    dialog: EditDialog = window.dialog
    dialog.title_edit.setText("repair invoice 4711")
    dialog.tags_edit.setText("#billing urgent-ish")
    dialog.priority_box.setCurrentIndex(2)
    dialog.accept()
    saved = core.get(request.id)
    assert (saved.title, saved.tags, saved.priority) == ("repair invoice 4711", ["billing", "urgent-ish"],
                                                         Priority.HIGHEST)
    assert shown(window) == ["repair invoice 4711"]
    assert window.selected_id() == request.id  # selection kept across the reload


def open_edit(qtbot, window, title):
    window.show()
    select(window, title)
    assert window.edit_action.shortcut().toString() == "F2"
    window.edit_action.trigger()
    dialog: EditDialog = window.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_f2_changes_person_direction_wish_and_promise_each_in_the_history(qtbot, window, core):
    core.save_person(Person("Dana Smith"))
    request = add(core, "repair invoice", promised=MON_9 + timedelta(days=1))
    dialog = open_edit(qtbot, window, "repair invoice")
    assert dialog.who_edit.text() == "Dana" and dialog.promise_edit.text() == "2026-11-24 09:00"
    assert not dialog.reason_edit.isEnabled()  # nothing to renegotiate yet
    dialog.who_edit.setText("Dana Smith")
    dialog.direction_box.setCurrentIndex(dialog.direction_box.findData(Direction.MADE.value))
    dialog.needed_edit.setText("tomorrow 3pm")
    assert dialog.needed_preview.text().startswith("Tue 15:00")
    dialog.promise_edit.setText("wed 10am")
    assert dialog.reason_edit.isEnabled()
    dialog.reason_edit.setText("supplier late")
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    saved = core.get(request.id)
    assert (saved.counterpart.name, saved.direction) == ("Dana Smith", Direction.MADE)
    assert saved.needed_by == MON_9 + timedelta(days=1, hours=6)
    assert saved.promised_at == MON_9 + timedelta(days=2, hours=1)
    edited, renegotiated = saved.history[-2:]
    assert set(edited.data["changes"]) == {"counterpart", "direction", "needed_by"}
    assert event_text(edited, saved, UTC) == \
        "Edited person Dana → Dana Smith, direction → they owe me, wanted by → Tue 15:00"
    # the first line still says who asked whom at the start, not who it is now
    assert event_text(saved.history[0], saved, UTC) == "Dana asked me"
    assert renegotiated.kind is EventKind.RENEGOTIATED and renegotiated.data["reason"] == "supplier late"
    assert shown(window, WHO) == ["Dana Smith owes me"]


def test_the_first_history_line_trusts_only_this_machine_s_first_edit_of_who_and_which_way():
    from app.domain import lifecycle
    from app.domain.model import TEAM, Event

    def first_line(*edits: Event) -> str:
        request = lifecycle.create(direction=Direction.RECEIVED, counterpart=Person("Bob"),
                                   title="repair invoice", now=MON_9)
        request.counterpart = Person("Dana")  # who it is with now, after the edits
        request.history.extend(edits)
        return event_text(request.history[0], request, UTC)

    at = MON_9 + timedelta(hours=1)
    mine = Event(EventKind.EDITED, at, {"changes": {"counterpart": "Dana"},
                                        "was": {"counterpart": "Bob", "direction": "received"}})
    assert first_line(mine) == "Bob asked me"
    # a colleague's edit is told from their side: never taken for who asked whom here
    theirs = Event(EventKind.EDITED, at, {"changes": {"counterpart": "Dana"}, TEAM: {"uid": "u"},
                                          "was": {"counterpart": "Eve", "direction": "made"}})
    assert first_line(theirs) == "Dana asked me"
    # an older Promptly's edit kept nothing: a later edit's "was" is not the original either
    older = Event(EventKind.EDITED, at, {"changes": {"counterpart": "Kim"}})
    later = Event(EventKind.EDITED, at, {"changes": {"counterpart": "Dana"}, "was": {"counterpart": "Kim"}})
    assert first_line(older, later) == "Dana asked me"
    for broken in ("x", ["Bob"], {"counterpart": 7, "direction": "sideways"}):  # hand-written data
        edit = Event(EventKind.EDITED, at, {"changes": {"counterpart": "Dana", "direction": "made"}, "was": broken})
        assert first_line(edit) == "Dana asked me"


def test_an_unreadable_time_is_shown_in_the_dialog_and_nothing_is_lost(qtbot, window, core):
    request = add(core, "repair invoice")
    dialog = open_edit(qtbot, window, "repair invoice")
    dialog.title_edit.setText("repair invoice 4711")
    dialog.needed_edit.setText("fridya")
    assert "'fridya' is not a date I understand" in dialog.needed_preview.text()
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.error_label.isVisible() and "'fridya' is not a date" in dialog.error_label.text()
    assert dialog.title_edit.text() == "repair invoice 4711" and dialog.needed_edit.text() == "fridya"
    assert core.get(request.id).title == "repair invoice"  # nothing saved
    dialog.needed_edit.setText("by 3")  # read as 15:00 within working hours
    dialog.accept()
    assert not dialog.isVisible()
    assert core.get(request.id).needed_by == MON_9 + timedelta(hours=6)


def test_a_refused_promise_keeps_the_dialog_and_saves_nothing(qtbot, window, core):
    request = add(core, "repair invoice", promised=MON_9 + timedelta(days=1))
    dialog = open_edit(qtbot, window, "repair invoice")
    dialog.promise_edit.setText("")
    dialog.who_edit.setText("Sam")
    dialog.accept()
    assert dialog.isVisible() and "only moved" in dialog.error_label.text()
    assert core.get(request.id).counterpart.name == "Dana"


def test_an_overdue_wish_left_alone_does_not_stop_other_edits(qtbot, window, core, clock):
    request = core.add(NewRequest(Direction.RECEIVED, "Dana", "repair invoice",
                                  needed_by=MON_9 + timedelta(hours=1)))
    clock.advance(hours=3)  # the wish has passed
    dialog = open_edit(qtbot, window, "repair invoice")
    dialog.direction_box.setCurrentIndex(dialog.direction_box.findData(Direction.MADE.value))
    dialog.accept()
    assert not dialog.isVisible()
    saved = core.get(request.id)
    assert saved.direction is Direction.MADE and saved.needed_by == MON_9 + timedelta(hours=1)


def test_refused_action_is_reported_and_changes_nothing(qtbot, window, core, controller):
    request = add(core, "repair invoice")
    window.show()
    select(window, "repair invoice")
    window.edit_action.trigger()
    window.dialog.title_edit.setText("   ")
    window.dialog.accept()
    # shown in the dialog, which stays open with what was typed
    assert window.dialog.isVisible() and window.dialog.title_edit.text() == "   "
    assert window.dialog.error_label.text() == "a request needs a title: say what was asked"
    assert core.get(request.id).title == "repair invoice"


def test_draft_message_opens_the_mail_app_and_is_recorded(qtbot, window, core, mail_app):
    core.save_person(Person("Sam", "sam@example.com"))
    request = add(core, "contract & Café", who="Sam", direction=Direction.MADE)
    window.show()
    select(window, "contract & Café")
    window.draft_action.trigger()
    dialog: DraftDialog = window.dialog
    assert dialog.kind == "nudge"
    qtbot.mouseClick(dialog.mail_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: core.get(request.id).history[-1].kind is EventKind.FOLLOWED_UP)
    [url] = mail_app.urls
    assert url.scheme() == "mailto" and url.path() == "sam@example.com"
    event = core.get(request.id).history[-1]
    assert (event.kind, event.data["how"], event.data["to"]) == (EventKind.FOLLOWED_UP, "mailto", "Sam")


def test_without_a_mail_program_nothing_is_recorded_and_the_draft_says_why(
        qtbot, window, core, no_mail_app):
    core.save_person(Person("Sam", "sam@example.com"))
    request = add(core, "contract", who="Sam", direction=Direction.MADE)
    window.show()
    select(window, "contract")
    window.draft_action.trigger()
    dialog: DraftDialog = window.dialog
    qtbot.mouseClick(dialog.mail_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error_label.text() != "")
    assert dialog.error_label.text().startswith("No mail app opened. Use Copy")
    assert "no method available" in dialog.error_label.text()
    assert [e.kind for e in core.get(request.id).history] == [EventKind.CREATED]
    assert dialog.isVisible() and no_mail_app.urls


def test_history_is_in_plain_words(qtbot, window, core, clock):
    request = add(core, "repair invoice", who="Dana")
    clock.advance(minutes=10)
    core.acknowledge(request.id, MON_9 + timedelta(days=4, hours=6))
    window.show()
    select(window, "repair invoice")
    assert window.history.toPlainText().splitlines() == [
        "Mon 23 Nov 09:00  ·  Dana asked me",
        "Mon 23 Nov 09:10  ·  I answered",
        "Mon 23 Nov 09:10  ·  Promised for Fri 15:00",
    ]


def test_countdowns_refresh_only_while_visible_at_the_resolution_shown(qtbot, window, core, clock):
    add(core, "far", promised=MON_9 + timedelta(hours=3, seconds=30))
    assert not window.timer.isActive()
    window.show()
    assert window.timer.isActive()
    assert window.timer.interval() == 30_000  # "in 3 h" changes in 30 s
    clock.set(MON_9 + timedelta(hours=3))
    changed = []
    window.model.dataChanged.connect(lambda tl, br, roles: changed.append((tl.column(), br.column())))
    window.tick()
    assert changed == [(DUE, DUE)]
    assert shown(window, DUE) == ["in 30 s"]
    assert window.timer.interval() <= 1000  # the last minute counts in seconds
    window.hide()
    assert not window.timer.isActive()


def test_open_request_widens_filters_to_show_it(qtbot, window, core):
    request = add(core, "old thing")
    core.done(request.id)
    window.open_request(request.id)
    assert window.isVisible()
    assert window.selected_id() == request.id
    assert window.detail_title.text() == "old thing"


def test_changes_elsewhere_reload_and_keep_the_selection(qtbot, window, core, controller):
    first = add(core, "first", promised=MON_9 + timedelta(hours=1))
    window.show()
    select(window, "first")
    controller.attempt(core.add, NewRequest(Direction.RECEIVED, "Kim", "more urgent",
                                            promised_at=MON_9 + timedelta(minutes=30)))
    assert shown(window) == ["more urgent", "first"]
    assert window.selected_id() == first.id


def test_geometry_splitter_and_filters_are_restored(qtbot, controller):
    first = RequestListWindow(controller)
    qtbot.addWidget(first)
    first.show()
    first.resize(700, 450)
    first.splitter.setSizes([600, 300])
    choose(first.direction_box, Direction.MADE.value)
    choose(first.state_box, STATE_ALL)
    sizes = first.splitter.sizes()
    first.close()
    second = RequestListWindow(controller)
    qtbot.addWidget(second)
    second.show()
    assert second.size().width() == 700 and second.size().height() == 450
    assert second.splitter.sizes() == sizes
    assert second.direction_box.currentData() == Direction.MADE.value
    assert second.state_box.currentData() == STATE_ALL
    assert second.proxy.direction == Direction.MADE.value


def test_markup_in_titles_is_plain_text(qtbot, window, core):
    add(core, "<b>x</b> & <img src=x>", who="<i>Dana</i>")
    window.show()
    assert shown(window) == ["<b>x</b> & <img src=x>"]
    select(window, "<b>x</b> & <img src=x>")
    assert window.detail_title.text() == "<b>x</b> & <img src=x>"
    assert window.detail_title.textFormat() == Qt.TextFormat.PlainText
    assert window.detail_facts.textFormat() == Qt.TextFormat.PlainText
