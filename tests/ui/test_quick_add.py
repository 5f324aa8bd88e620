"""The quick-add dialog: live chips, dropping a chip, saving exactly once, inline errors, Esc."""

from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.domain.model import Direction, Person
from ui.quick_add import QuickAddDialog
from tests.ui.windows_support import controller, settings_dir  # noqa: F401  (fixtures)

UTC = timezone.utc


def make(qtbot, controller):
    dialog = QuickAddDialog(controller)
    qtbot.addWidget(dialog)
    dialog.present()
    qtbot.waitExposed(dialog)
    return dialog


def chip_texts(dialog):
    return [(c.kind, c.text) for c in dialog.chips()]


def test_present_shows_an_empty_focused_line(qtbot, controller):
    dialog = make(qtbot, controller)
    assert dialog.isVisible()
    assert dialog.line.text() == ""
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.line)


def test_esc_keeps_an_unsaved_line_and_esc_twice_clears_it(qtbot, controller):
    dialog = make(qtbot, controller)
    qtbot.keyClicks(dialog.line, "from @dana: repair invoice by fri 3pm")
    qtbot.keyClick(dialog.line, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    dialog.present()
    assert dialog.line.text() == "from @dana: repair invoice by fri 3pm"
    assert dialog.line.selectedText() == dialog.line.text()  # typing replaces it
    qtbot.keyClick(dialog.line, Qt.Key.Key_Escape)  # the second Esc, untouched: cleared
    dialog.present()
    assert dialog.line.text() == ""


def test_a_saved_line_is_not_offered_again(qtbot, controller):
    dialog = make(qtbot, controller)
    qtbot.keyClicks(dialog.line, "from @dana: repair invoice")
    qtbot.keyClick(dialog.line, Qt.Key.Key_Return)
    dialog.present()
    assert dialog.line.text() == ""


def test_typing_updates_the_chips(qtbot, controller):
    dialog = make(qtbot, controller)
    qtbot.keyClicks(dialog.line, "from @dana: repair invoice by fri 3pm #billing !")
    chips = dict(chip_texts(dialog))
    assert chips["direction"] == "I owe Dana"
    assert chips["who"] == "Dana (new person)"
    assert chips["wanted"].startswith("wanted by Fri 15:00 · in 4 d 6 h")
    assert "promise" not in chips
    assert chips["tag"] == "#billing"
    assert chips["priority"] == "high priority"
    assert dialog.title_label.text() == "What: repair invoice"


def test_a_promise_already_given_has_its_own_chip(qtbot, controller):
    dialog = make(qtbot, controller)
    qtbot.keyClicks(dialog.line, "to @sam: quote by mon eta fri 3pm")
    chips = dict(chip_texts(dialog))
    assert chips["wanted"].startswith("wanted by 17:00")
    assert chips["promise"].startswith("promised for Fri 15:00 · in 4 d 6 h")


def test_chips_wrap_and_never_cut_their_text(qtbot, controller):
    dialog = make(qtbot, controller)
    dialog.present()
    qtbot.keyClicks(dialog.line, "from @dana: fix credit note 4712 by mon eta fri 3pm #billing #finance !!!")
    chips = dialog.chips()
    assert len(chips) == 7
    for chip in chips:
        assert chip.width() >= chip.sizeHint().width(), chip.text
        inside = chip.mapTo(dialog, chip.rect().bottomRight())
        assert dialog.rect().contains(inside), chip.text
    assert len({chip.y() for chip in chips}) >= 2  # they wrapped onto a second line


def test_the_default_direction_shows_when_none_is_typed(qtbot, controller):
    dialog = make(qtbot, controller)
    qtbot.keyClicks(dialog.line, "@sam review contract")
    assert chip_texts(dialog)[0] == ("direction", "I owe Sam (default)")
    assert dialog.chips()[0].drop_button is None  # nothing typed, nothing to drop


def test_dropping_a_chip_keeps_its_words_in_the_title(qtbot, controller):
    dialog = make(qtbot, controller)
    qtbot.keyClicks(dialog.line, "to @sam review contract by friday")
    when = next(c for c in dialog.chips() if c.kind == "wanted")
    qtbot.mouseClick(when.drop_button, Qt.MouseButton.LeftButton)
    assert "wanted" not in dict(chip_texts(dialog))
    assert dialog.title_label.text() == "What: review contract by friday"
    qtbot.keyClick(dialog.line, Qt.Key.Key_Return)
    [saved] = controller.core.requests()
    assert saved.title == "review contract by friday" and saved.needed_by is None


def test_a_chip_can_be_dropped_with_the_keyboard_only(qtbot, controller):
    dialog = make(qtbot, controller)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.line)
    qtbot.keyClicks(dialog.line, "from @dana invoice #billing")
    qtbot.keyClick(dialog.line, Qt.Key.Key_Tab)
    focused = QApplication.focusWidget()
    assert focused is next(c for c in dialog.chips() if c.kind == "direction").drop_button
    qtbot.keyClick(focused, Qt.Key.Key_Space)
    assert QApplication.focusWidget() is dialog.line
    assert dialog.chips()[0].text == "I owe Dana (default)"
    assert dialog.title_label.text() == "What: from invoice"


def test_enter_saves_exactly_one_request(qtbot, controller):
    dialog = make(qtbot, controller)
    changed = []
    controller.changed.connect(lambda: changed.append(1))
    qtbot.keyClicks(dialog.line, "to @sam review contract by fri 3pm #legal")
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.keyClick(dialog.line, Qt.Key.Key_Return)
    [request] = controller.core.requests()
    assert saved.args == [request.id]
    assert (request.direction, request.counterpart.name, request.title, request.tags) == \
        (Direction.MADE, "Sam", "review contract", ["legal"])
    assert (request.needed_by, request.promised_at) == (datetime(2026, 11, 27, 15, 0, tzinfo=UTC), None)
    assert changed == [1]
    assert not dialog.isVisible()


def test_an_error_shows_inline_and_saves_nothing(qtbot, controller):
    dialog = make(qtbot, controller)
    qtbot.keyClicks(dialog.line, "repair the invoice by friday")
    qtbot.keyClick(dialog.line, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.error_label.objectName() == "quickAddError"
    assert "say who with @" in dialog.error_label.text()
    assert controller.core.request_count() == 0
    assert controller.errors == []  # inline, not a message box


def test_esc_hides_and_saves_nothing(qtbot, controller):
    dialog = make(qtbot, controller)
    qtbot.keyClicks(dialog.line, "from @dana: invoice")
    qtbot.keyClick(dialog.line, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert controller.core.request_count() == 0


def test_at_completes_known_people(qtbot, controller, core):
    core.save_person(Person("Dana"))
    core.save_person(Person("Dominik"))
    core.save_person(Person("Lee"))
    dialog = make(qtbot, controller)
    qtbot.keyClicks(dialog.line, "from @do")
    popup = dialog.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    assert [popup.model().index(i, 0).data() for i in range(popup.model().rowCount())] == ["Dominik"]
    dialog.completer.activated.emit("Dominik")
    assert dialog.line.text() == "from @Dominik "
    qtbot.keyClicks(dialog.line, "contract")
    assert dict(chip_texts(dialog))["who"] == "Dominik"  # known: no "(new person)"


def test_markup_in_user_text_is_shown_literally(qtbot, controller):
    dialog = make(qtbot, controller)
    qtbot.keyClicks(dialog.line, "from @dana <b>x</b> & <img src=x> #tag")
    assert dialog.title_label.text() == "What: <b>x</b> & <img src=x>"
    assert dialog.title_label.textFormat() == Qt.TextFormat.PlainText
    assert all(c.label.textFormat() == Qt.TextFormat.PlainText for c in dialog.chips())


def test_saving_confirms_who_what_and_by_when(qtbot, controller, clock):
    dialog = make(qtbot, controller)
    qtbot.keyClicks(dialog.line, "from @dana: repair invoice")
    with qtbot.waitSignal(dialog.confirmed) as confirmed:
        qtbot.keyClick(dialog.line, Qt.Key.Key_Return)
    title, text = confirmed.args
    assert title == "repair invoice"
    assert text.startswith("Saved: I owe Dana · needs reply · reply by ")


def test_a_loose_time_is_read_and_the_preview_says_how(qtbot, controller):
    dialog = make(qtbot, controller)
    qtbot.keyClicks(dialog.line, "from @dana: invoice by 3")
    assert dict(chip_texts(dialog))["wanted"].startswith("wanted by ")
    assert dialog.title_label.text() == "What: invoice"
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text() == ("Note: 'by 3' read as 15:00, within working hours; "
                                         "write 3am or 3pm to be exact")


def test_an_ambiguous_phrase_stays_in_the_title_with_a_hint_and_saves(qtbot, controller):
    dialog = make(qtbot, controller)
    qtbot.keyClicks(dialog.line, "from @dana: invoice by 12/5")
    assert "wanted" not in dict(chip_texts(dialog))
    assert dialog.title_label.text() == "What: invoice by 12/5"
    assert dialog.error_label.text() == ("Note: '12/5' — day/month or month/day? write 12 may or dec 5")
    qtbot.keyClick(dialog.line, Qt.Key.Key_Return)  # a hint never stops saving
    (saved,) = controller.core.requests()
    assert saved.title == "invoice by 12/5" and saved.needed_by is None


def test_a_hint_goes_once_the_phrase_is_clear(qtbot, controller):
    dialog = make(qtbot, controller)
    qtbot.keyClicks(dialog.line, "from @dana: invoice by 7")
    assert dialog.error_label.text().startswith("Note: 'by 7' — 7 am or 7 pm?")
    qtbot.keyClicks(dialog.line, "pm")
    assert not dialog.error_label.isVisible()
    assert dict(chip_texts(dialog))["wanted"].startswith("wanted by ")


def test_completion_quotes_a_name_of_several_words(qtbot, controller, core):
    core.save_person(Person("Dana Smith"))
    dialog = make(qtbot, controller)
    qtbot.keyClicks(dialog.line, "from @dan")
    popup = dialog.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    dialog.completer.activated.emit("Dana Smith")
    assert dialog.line.text() == 'from @"Dana Smith" '
    qtbot.keyClicks(dialog.line, ": invoice")
    chips = dict(chip_texts(dialog))
    assert chips["who"] == "Dana Smith"  # known
    assert dialog.title_label.text() == "What: invoice"


def test_a_known_name_of_several_words_needs_no_quotes(qtbot, controller, core):
    core.save_person(Person("Dana Smith"))
    dialog = make(qtbot, controller)
    qtbot.keyClicks(dialog.line, "from @Dana Smith: invoice")
    assert dict(chip_texts(dialog))["who"] == "Dana Smith"
    assert dialog.title_label.text() == "What: invoice"


def test_a_chip_wider_than_the_dialog_wraps_its_text_instead_of_being_cut(qtbot, controller):
    dialog = make(qtbot, controller)
    qtbot.keyClicks(dialog.line, "from @dana: invoice by 17:00 #" + "receivables" * 12)
    tag = next(c for c in dialog.chips() if c.kind == "tag")
    assert tag.sizeHint().width() > dialog.chip_row.width()  # one line would not fit
    # the layout places the chips at the next turn of the event loop
    qtbot.waitUntil(lambda: 0 < tag.width() <= dialog.chip_row.width())
    assert tag.label.height() >= 2 * tag.label.fontMetrics().lineSpacing()  # wrapped
    for chip in dialog.chips():
        inside = chip.mapTo(dialog, chip.rect().bottomRight())
        assert dialog.rect().contains(inside), chip.text
        # the label holds its text on the lines it has
        label = chip.label
        assert label.heightForWidth(label.width()) <= label.height(), chip.text
        if chip is not tag:
            assert label.width() >= label.fontMetrics().horizontalAdvance(chip.text), chip.text
def test_a_team_members_published_turnaround_is_shown_and_becomes_the_needed_by(qtbot, controller):
    core = controller.core
    # as a sync leaves it: the team directory and its published turnaround times
    core.save_team_state({
        "server": "db:5432/team", "url": "postgresql://sam@db/team", "member": "sam",
        "origin": "x", "last_seq": 0, "pushed_upto": 0, "shared": {}, "last_sync": None,
        "members": [{"login": "sam", "name": "Sam", "active": True, "supervisor": None},
                    {"login": "dana", "name": "Dana", "active": True, "supervisor": None,
                     "department": "Finance"}],
        "turnarounds": [{"login": "dana", "tag": None, "hours": 4},
                        {"login": "dana", "tag": "billing", "hours": 16},
                        {"login": None, "department": "Finance", "tag": "it", "hours": 8}]})
    dialog = make(qtbot, controller)
    qtbot.keyClicks(dialog.line, "ask @Dana for the invoice #billing")
    hint = dialog.turnaround_label.text()
    assert hint.startswith("Dana usually needs 16 working hours for #billing · wanted by ")
    dialog.line.clear()
    qtbot.keyClicks(dialog.line, "ask @Dana for a new laptop #it")  # her department's figure
    assert dialog.turnaround_label.text().startswith(
        "Dana usually needs 8 working hours for #it (published by Finance) · wanted by ")
    dialog.line.clear()
    qtbot.keyClicks(dialog.line, "ask @Dana for the keys by fri 3pm")
    assert dialog.turnaround_label.text() == "Dana usually needs 4 working hours"
    dialog.line.clear()
    qtbot.keyClicks(dialog.line, "ask @Pat for the keys")  # not in the team
    assert dialog.turnaround_label.isHidden()
    dialog.line.clear()
    qtbot.keyClicks(dialog.line, "ask @Dana for the invoice #billing")
    qtbot.keyClick(dialog.line, Qt.Key.Key_Return)
    [saved] = core.requests()
    assert saved.needed_by == core.calendar.add_working_minutes(core.now(), 16 * 60)
def test_at_lists_team_members_first_and_a_request_to_one_says_it_is_shared(qtbot, controller, core):
    core.save_person(Person("Dominik"))
    member = {"email": None, "supervisor": None, "active": True}
    core.save_team_state({"server": "db.example.org:5432/promptly", "member": "sam", "members": [
        {**member, "login": "sam", "name": "Sam"},
        {**member, "login": "dora", "name": "Dora", "department": "Billing"},
        {**member, "login": "dana", "name": "Dana"},
        {**member, "login": "dag", "name": "Dag", "active": False}]})
    dialog = make(qtbot, controller)
    qtbot.keyClicks(dialog.line, "@d")
    popup = dialog.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    assert [popup.model().index(i, 0).data() for i in range(popup.model().rowCount())] == [
        "Dora · Billing", "Dana · team", "Dominik"]
    dialog.completer.activated.emit("Dora")
    assert dialog.line.text() == "@Dora "
    qtbot.keyClicks(dialog.line, "fix the credit note")
    assert ("who", "shared with Dora") in chip_texts(dialog)
    dialog.line.setText("@Dominik fix the credit note")
    assert ("who", "Dominik") in chip_texts(dialog)
