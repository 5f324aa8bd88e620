"""The prompt window: the queue, each action, snooze presets, drafts, digests, plain text."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qs, unquote

import pytest
from PySide6.QtCore import QPoint, QRect, Qt, QUrl
from PySide6.QtWidgets import QApplication, QLabel

from app.domain.model import Direction, EventKind, Person, PromptKind, Status
from app.scheduler import Digest
from app.domain.commands import NewRequest
from ui.prompt_window import PromptWindow
from tests.ui.windows_support import controller, mail_app, settings_dir  # noqa: F401  (fixtures)

UTC = timezone.utc
MON_9 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def add(core, title, who="Dana", direction=Direction.RECEIVED, promised=None):
    return core.add(NewRequest(direction, who, title, promised_at=promised))


def due(core):
    schedule = core.schedule()
    core.fire(schedule.due, schedule.digests)
    return schedule.due, schedule.digests


@pytest.fixture
def window(qtbot, controller):
    win = PromptWindow(controller)
    qtbot.addWidget(win)
    return win


def snooze_action(row, text):
    return next(a for a in row.snooze_menu.actions() if a.text() == text)


def test_reason_in_plain_words_and_shown_without_taking_focus(qtbot, window, core, clock):
    add(core, "repair invoice")
    clock.advance(minutes=45)
    prompts, digests = due(core)
    assert [p.kind for p in prompts] == [PromptKind.RESPOND]
    window.show_prompts(prompts, digests)
    assert window.isVisible()
    assert window.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert not window.isActiveWindow()
    row = window.prompt_row
    assert row.title_label.text() == "repair invoice"
    assert row.reason_label.text() == "Dana asked 45 min ago — reply with done or an ETA"
    assert window.caption.text() == "Reply needed"
    assert not window.position_label.isVisible()


def test_several_prompts_queue_with_next_and_previous(qtbot, window, core, clock):
    add(core, "review contract", who="Sam", direction=Direction.MADE)  # nudge at 10:00
    clock.advance(minutes=15)
    add(core, "repair invoice")  # reply by 10:15: prompted at 10:00
    clock.advance(minutes=45)
    window.show_prompts(*due(core))
    assert window.position_label.text() == "1 of 2"
    assert window.prompt_row.reason_label.text() == \
        "You asked Sam 1 h ago and heard nothing — send a courteous reminder"
    assert window.prompt_row.replied_button.isVisibleTo(window)
    qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
    assert window.position_label.text() == "2 of 2"
    assert window.prompt_row.title_label.text() == "repair invoice"
    assert not window.prompt_row.replied_button.isVisibleTo(window)
    assert not window.next_button.isEnabled()
    window.previous()
    assert window.prompt_row.title_label.text() == "review contract"
    window.show_prompts(window.entries[0].prompts, [])  # the same prompt again: queued once
    assert len(window.entries) == 2


def test_done_settles_the_prompt_and_shows_the_next(qtbot, window, core, clock):
    first = add(core, "first")
    add(core, "second")
    clock.advance(minutes=45)
    window.show_prompts(*due(core))
    qtbot.mouseClick(window.prompt_row.done_button, Qt.MouseButton.LeftButton)
    assert core.get(first.id).status is Status.DONE
    assert window.prompt_row.title_label.text() == "second"
    assert not window.position_label.isVisible()
    qtbot.mouseClick(window.prompt_row.done_button, Qt.MouseButton.LeftButton)
    assert not window.isVisible() and window.entries == []


@pytest.mark.parametrize("preset, until", [
    ("15 minutes", MON_9 + timedelta(minutes=60)),
    ("1 hour", MON_9 + timedelta(minutes=105)),
    ("Next working morning", datetime(2026, 11, 24, 9, 0, tzinfo=UTC)),
])
def test_snooze_presets_move_this_prompt(qtbot, window, core, clock, preset, until):
    request = add(core, "repair invoice")
    clock.advance(minutes=45)
    prompts, digests = due(core)
    window.show_prompts(prompts, digests)
    snooze_action(window.prompt_row, preset).trigger()
    event = core.get(request.id).history[-1]
    assert (event.kind, event.data["prompt"], event.data["until"]) == \
        (EventKind.SNOOZED, prompts[0].key, until.isoformat())
    assert not window.isVisible()
    clock.set(until)
    assert [p.key for p in core.schedule().due] == [prompts[0].key]  # it comes back then, once


def test_custom_snooze(qtbot, window, core, clock):
    request = add(core, "repair invoice")
    clock.advance(minutes=45)
    window.show_prompts(*due(core))
    snooze_action(window.prompt_row, "Custom…").trigger()
    dialog = window.prompt_row.snooze_menu.dialog
    qtbot.keyClicks(dialog.when_edit, "2h")
    dialog.accept()
    assert core.get(request.id).history[-1].data["until"] == (MON_9 + timedelta(minutes=165)).isoformat()


def test_send_eta_acknowledges_with_a_promise(qtbot, window, core, clock):
    request = add(core, "repair invoice")
    clock.advance(minutes=45)
    window.show_prompts(*due(core))
    assert window.prompt_row.eta_button.text() == "Send &ETA…"
    window.prompt_row.eta_button.click()
    qtbot.keyClicks(window.dialog.when_edit, "fri 3pm")
    window.dialog.accept()
    saved = core.get(request.id)
    assert saved.status is Status.PROMISED
    assert saved.promised_at == saved.original_promise == datetime(2026, 11, 27, 15, 0, tzinfo=UTC)
    assert not window.isVisible()


def test_accept_their_time_promises_what_they_asked_for(qtbot, window, core, clock):
    wanted = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    request = core.add(NewRequest(Direction.RECEIVED, "Dana", "repair invoice", needed_by=wanted))
    clock.advance(minutes=45)
    window.show_prompts(*due(core))
    row = window.prompt_row
    assert "wants it by Wed 12:00" in row.reason_label.text()
    assert row.accept_button.isVisibleTo(window) and row.accept_button.text() == "&Accept their time"
    row.accept_button.click()
    saved = core.get(request.id)
    assert (saved.status, saved.promised_at, saved.acknowledged_at) == (Status.PROMISED, wanted, clock.now())
    assert not window.isVisible()


def test_a_request_without_a_wish_offers_no_time_to_accept(qtbot, window, core, clock):
    add(core, "repair invoice")
    clock.advance(minutes=45)
    window.show_prompts(*due(core))
    assert not window.prompt_row.accept_button.isVisibleTo(window)


def test_renegotiate_an_overdue_promise_with_a_reason(qtbot, window, core, clock):
    request = add(core, "repair invoice", promised=MON_9 + timedelta(hours=2))  # I promised at once
    clock.advance(hours=2)
    prompts, digests = due(core)
    assert [p.kind for p in prompts if not p.missed] == [PromptKind.OVERDUE]
    window.show_prompts([p for p in prompts if not p.missed], [])
    assert window.caption.text() == "Promise passed"
    window.prompt_row.eta_button.click()
    qtbot.keyClicks(window.dialog.when_edit, "tomorrow 12pm")
    window.dialog.accept()
    assert core.get(request.id).promised_at == MON_9 + timedelta(hours=2)  # no reason: refused
    qtbot.keyClicks(window.dialog.reason_edit, "supplier is late")
    window.dialog.accept()
    saved = core.get(request.id)
    assert saved.promised_at == datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
    assert saved.history[-1].data["reason"] == "supplier is late"


def test_they_replied_acknowledges_a_made_request(qtbot, window, core, clock):
    request = add(core, "review contract", who="Sam", direction=Direction.MADE)
    clock.advance(hours=1)
    window.show_prompts(*due(core))
    qtbot.mouseClick(window.prompt_row.replied_button, Qt.MouseButton.LeftButton)
    assert core.get(request.id).status is Status.ACKNOWLEDGED


def test_open_asks_for_the_list(qtbot, window, core, clock):
    request = add(core, "repair invoice")
    clock.advance(minutes=45)
    window.show_prompts(*due(core))
    opened = []
    window.open_request.connect(lambda rid: opened.append(("open_request", rid)))
    window.request_requested.connect(lambda rid: opened.append(("request_requested", rid)))
    window.prompt_row.open_button.click()
    assert sorted(opened) == [("open_request", request.id), ("request_requested", request.id)]


def test_escalation_draft_goes_to_the_contact_with_cc_and_survives_encoding(
        qtbot, window, core, clock, mail_app):
    kim = core.save_person(Person("Kim", "kim@example.com"))
    core.save_person(Person("Dana", "dana@example.com", escalation_contact_id=kim.id))
    request = add(core, "Rechnung & Lieferschein für Café", direction=Direction.MADE)
    clock.advance(hours=2)
    prompts, _ = due(core)
    escalate = [p for p in prompts if p.kind is PromptKind.ESCALATE]
    window.show_prompts(escalate, [])
    row = window.prompt_row
    assert row.reason_label.text() == "Still no answer from Dana, asked 2 h ago — involve Kim"
    row.draft_button.click()
    dialog = window.dialog
    assert dialog.to_label.text() == "Kim <kim@example.com>"
    assert dialog.cc_label.text() == "Dana <dana@example.com>"
    qtbot.mouseClick(dialog.mail_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.isVisible())  # drafting settled the prompt
    [url] = mail_app.urls
    encoded = bytes(url.toEncoded()).decode("ascii")
    path, query = encoded.split("?", 1)
    fields = parse_qs(query)
    assert unquote(path) == "mailto:kim@example.com"
    assert fields["cc"] == ["dana@example.com"]
    assert fields["subject"] == ["Rechnung & Lieferschein für Café — could you help?"]
    assert "Rechnung & Lieferschein für Café" in fields["body"][0]
    event = core.get(request.id).history[-1]
    assert (event.kind, event.data["how"], event.data["to"]) == (EventKind.ESCALATED, "mailto", "Kim")
    assert not window.isVisible()  # drafting settled the prompt


def test_copying_a_draft_puts_the_body_on_the_clipboard(qtbot, window, core, clock):
    request = add(core, "review contract", who="Sam", direction=Direction.MADE)
    clock.advance(hours=1)
    window.show_prompts(*due(core))
    window.prompt_row.draft_button.click()
    window.dialog.body_edit.setPlainText("Hello Sam, any news? Thanks!")
    qtbot.mouseClick(window.dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == "Hello Sam, any news? Thanks!"
    event = core.get(request.id).history[-1]
    assert (event.kind, event.data["prompt_kind"], event.data["how"]) == \
        (EventKind.FOLLOWED_UP, "nudge", "copied")


def test_missed_prompts_come_as_one_away_entry_each_actionable(qtbot, window, core, clock):
    first = add(core, "first")
    second = add(core, "second", who="Sam", direction=Direction.MADE)
    clock.advance(hours=5)  # the computer slept
    prompts, _ = due(core)
    # the second request's nudge is outranked by its escalation: one row per request
    assert all(p.missed for p in prompts) and len(prompts) == 2
    window.show_prompts(prompts, [])
    assert len(window.entries) == 1
    assert window.caption.text() == "While you were away"
    assert [r.title_label.text() for r in window.away_rows] == ["first", "second"]
    qtbot.mouseClick(window.away_rows[0].done_button, Qt.MouseButton.LeftButton)
    assert core.get(first.id).status is Status.DONE
    assert [r.title_label.text() for r in window.away_rows] == ["second"]
    window.away_rows[0].replied_button.click()
    assert core.get(second.id).status is Status.ACKNOWLEDGED
    assert not window.isVisible()


def test_a_prompt_left_alone_waits_again_after_a_restart_without_a_notification(
        qtbot, core, clock, controller):
    from ui.notifier import announcement
    from ui.prompt_window import PromptWindow

    request = add(core, "repair invoice")
    clock.advance(minutes=45)
    prompts, _ = due(core)
    assert announcement(prompts, [], clock.now(), core.settings.zone) is not None
    clock.advance(hours=2)  # quit without acting, started again
    again = core.schedule().due
    assert [(p.key, p.shown) for p in again] == [(prompts[0].key, True)]
    assert announcement(again, [], clock.now(), core.settings.zone) is None  # notified once only
    window = PromptWindow(controller)
    qtbot.addWidget(window)
    window.show_prompts(again, [])
    assert window.isVisible()
    window.prompt_row.dismiss_button.click()
    assert core.get(request.id).history[-1].kind is EventKind.DISMISSED
    assert core.schedule().due == [] and not window.isVisible()


def test_a_long_absence_builds_a_page_of_rows_and_can_be_dismissed_at_once(qtbot, window, core, clock):
    from ui.prompt_window import AWAY_ROWS

    for n in range(AWAY_ROWS + 5):
        add(core, f"request {n}")
    clock.advance(days=3)
    prompts, _ = due(core)
    assert len(prompts) > AWAY_ROWS
    window.show_prompts(prompts, [])
    assert len(window.away_rows) == AWAY_ROWS
    later = len(prompts) - AWAY_ROWS
    assert any(label.text() == f"{later} more come up as you deal with these."
               for label in window.findChildren(QLabel))
    qtbot.mouseClick(window.away_rows[0].done_button, Qt.MouseButton.LeftButton)
    assert len(window.away_rows) == AWAY_ROWS  # the next one moved up
    with qtbot.waitSignal(window.list_requested):
        qtbot.mouseClick(window.open_list_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.dismiss_button, Qt.MouseButton.LeftButton)
    assert not window.isVisible() and window.entries == []


def test_end_of_day_digest_lists_what_i_owe(qtbot, window, core, clock):
    add(core, "repair invoice", who="Dana")
    add(core, "not mine", who="Sam", direction=Direction.MADE)
    clock.set(MON_9 + timedelta(hours=8))
    window.show_prompts([], [Digest("end_of_day", "end_of_day:2026-11-23", clock.now())])
    assert window.caption.text() == "End of the day: what I still owe"
    items = [window.digest_list.item(i).text() for i in range(window.digest_list.count())]
    assert items == ["Dana waits for “repair invoice” since 09:00 (8 h ago)"]
    with qtbot.waitSignal(window.open_request):
        window.open_list_button.click()
    window.dismiss_button.click()
    assert not window.isVisible()


def test_end_of_week_offers_the_summary(qtbot, window, core):
    window.show_prompts([], [Digest("end_of_week", "end_of_week:2026-W48", MON_9)])
    with qtbot.waitSignals([window.open_summary, window.summary_requested]):
        window.summary_button.click()
    assert window.entries == []


def test_user_text_is_plain(qtbot, window, core, clock):
    add(core, "<b>x</b> & <img src=x>", who="<i>Dana</i>")
    clock.advance(minutes=45)
    window.show_prompts(*due(core))
    row = window.prompt_row
    assert row.title_label.text() == "<b>x</b> & <img src=x>"
    assert row.reason_label.text().startswith("<i>Dana</i> asked")
    for label in (row.title_label, row.who_label, row.reason_label, window.caption):
        assert label.textFormat() == Qt.TextFormat.PlainText


def on_screen(window) -> bool:
    """The whole frame (title bar included) inside the screen's available area."""
    return window.screen().availableGeometry().contains(window.frameGeometry())


def test_the_window_is_entirely_on_screen_at_first_start(qtbot, window, core, clock):
    add(core, "repair invoice")
    clock.advance(minutes=45)
    window.show_prompts(*due(core))
    assert on_screen(window)
    assert window.frameGeometry().right() < window.screen().availableGeometry().right()


def test_a_long_title_without_spaces_wraps_instead_of_widening_the_window(qtbot, window, core, clock):
    url = "https://intranet.example.org/tickets/" + "a1b2c3d4" * 55  # near the 500-character limit
    add(core, url)
    clock.advance(minutes=45)
    window.show_prompts(*due(core))
    area = window.screen().availableGeometry()
    assert on_screen(window) and window.frameGeometry().left() >= area.left()
    assert window.prompt_row.title_label.accessibleName() == url
    assert window.prompt_row.title_label.text().replace("\u200b", "") == url


def test_the_end_of_week_digest_wraps_and_stays_on_screen(qtbot, window, core, clock):
    from app.scheduler import Digest

    window.show_prompts([], [Digest("end_of_week", "end_of_week:2026-W48", clock.now())])
    assert on_screen(window)
    button = window.summary_button
    assert button.isVisible()
    assert window.screen().availableGeometry().contains(
        QRect(button.mapToGlobal(QPoint(0, 0)), button.size()))


def test_paging_keeps_the_header_buttons_under_the_pointer(qtbot, window, core, clock):
    add(core, "short")
    add(core, "a much longer title that takes a second line in the window " * 3, who="Kim")
    clock.advance(minutes=45)
    window.show_prompts(*due(core))
    assert len(window.entries) == 2
    before = {b: b.mapToGlobal(b.rect().center()) for b in (window.next_button, window.close_button)}
    qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
    window.previous()
    window.next()
    assert {b: b.mapToGlobal(b.rect().center()) for b in before} == before
    assert on_screen(window)


def test_a_changed_screen_area_re_clamps_the_window(qtbot, window, core, clock):
    add(core, "repair invoice")
    clock.advance(minutes=45)
    window.show_prompts(*due(core))
    window.move(5000, 5000)  # as if the screen it was on had shrunk
    window.clamp()
    assert on_screen(window)


class ServerStep:
    """A notification server that hands out ids and can close them, as dunst does."""

    name = "freedesktop"

    def __init__(self) -> None:
        self.last_id, self.closed = 0, []

    def notify(self, title, body) -> None:
        self.last_id += 1

    def close(self, notification_id) -> None:
        self.closed.append(notification_id)


def test_a_notification_is_withdrawn_once_every_prompt_it_announced_is_settled(
        qtbot, window, core, clock):
    from app.notifier import NotifierChain
    from ui.notifier import Announcer

    server = ServerStep()
    announcer = Announcer(NotifierChain([server]))
    window.settled.connect(announcer.withdraw)
    add(core, "first")
    add(core, "second", who="Kim")
    clock.advance(minutes=45)
    prompts, _ = due(core)
    announcer.announce(prompts, [], now=clock.now(), zone=core.settings.zone, style="native")
    window.show_prompts(prompts, [])
    window.prompt_row.done_button.click()
    assert server.closed == []  # the other prompt it announced still waits
    window.prompt_row.dismiss_button.click()
    assert server.closed == [1]
