"""The quick-add dialog: one line of the quick-add language with a live preview as chips.

It is built once and kept hidden, so `present()` only clears, centres, shows and focuses it
(the trigger-to-typing budget is 50 ms). Dropping a chip (its ×, or Tab to it and Space)
re-parses with those words kept literal, so they stay in the title.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import (
    QCursor,
    QFontMetrics,
    QGuiApplication,
    QKeySequence,
    QShortcut,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.model import Direction
from app.i18n import localized
from app.quickadd import MAX_LENGTH, ParseError, ParseResult, parse
from ui.controller import Controller
from ui.dialogs import close_keys, plain_label
from ui.errors import mistake_text
from ui.flow_layout import wrapping_row
from ui.colours import ERROR, text_style
from ui.wording import breakable, countdown, moment_text, priority_text, saved_line

# The @word being typed, right before the cursor; a quoted one may hold spaces: @"Dana Sm
_MENTION_AT_CURSOR = re.compile(r"@(?:[\"“„«]([^\"“”»]*)|([^\W_][\w.'’-]*))?$")
NAME_ROLE = Qt.ItemDataRole.UserRole + 1  # a completion's name, without its department

_STYLE = """
QFrame#chip { border: 1px solid palette(mid); border-radius: 9px; background: palette(alternate-base); }
QFrame#chip[kind="direction"] { background: #e8eefc; border-color: #9db2e6; }
QFrame#chip[kind="who"] { background: #e6f4ea; border-color: #93c9a3; }
QFrame#chip[kind="wanted"] { background: #fdf0dc; border-color: #e2b66b; }
QFrame#chip[kind="promise"] { background: #fbe3c4; border-color: #c98a2e; border-style: solid; }
QFrame#chip[kind="tag"] { background: #f1e8fb; border-color: #bba0dc; }
QFrame#chip[kind="priority"] { background: #fde4e1; border-color: #e39a90; }
QFrame#chip[kind="recurrence"] { background: #e3f4f6; border-color: #8cc7cf; }
QFrame#chip QLabel { color: #1f1f1f; }
QFrame#chip QToolButton { border: none; padding: 0 2px; color: #555; }
QFrame#chip QToolButton:focus { border: 1px solid palette(highlight); border-radius: 6px; }
QLabel#quickAddHint { color: palette(placeholder-text); }
"""


class Chip(QFrame):
    dropped = Signal(str)  # the piece id whose words become literal

    def __init__(self, kind: str, text: str, piece_id: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chip")
        self.setProperty("kind", kind)
        self.kind = kind
        self.piece_id = piece_id
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 1, 4 if piece_id else 8, 1)
        layout.setSpacing(2)
        self._text = text
        # A chip wider than the row wraps its text (the row gives it the row's width); a long
        # word may break anywhere.
        self.label = plain_label(breakable(text))
        self.label.setWordWrap(True)
        layout.addWidget(self.label)
        self.drop_button: QToolButton | None = None
        if piece_id is not None:
            button = QToolButton()
            button.setText("×")
            button.setAutoRaise(True)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.setToolTip(self.tr("Keep “{text}” as words of the title").format(text=text))
            button.setAccessibleName(button.toolTip())
            button.clicked.connect(lambda: self.dropped.emit(piece_id))
            layout.addWidget(button)
            self.drop_button = button

    @property
    def text(self) -> str:
        return self._text

    def sizeHint(self) -> QSize:
        """Wide enough for the text on one line (a wrapping label would guess narrower); the
        flow layout narrows a chip wider than its row, and then the text wraps."""
        hint = super().sizeHint()
        one_line = QFontMetrics(self.label.font()).horizontalAdvance(self.label.text()) + 2
        extra = one_line - self.label.sizeHint().width()
        if extra <= 0:
            return hint
        width = hint.width() + extra
        return QSize(width, self.heightForWidth(width))


class QuickAddDialog(QDialog):
    saved = Signal(int)  # the new request's id
    confirmed = Signal(str, str)  # title and "Saved: I owe Dana · …", for the tray to confirm

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.result: ParseResult | None = None
        self._literal: dict[str, str] = {}  # piece id -> its words, kept as title words
        self._people: list[str] = []
        self.setWindowTitle(self.tr("Quick add"))
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        self.setStyleSheet(_STYLE)
        self.setMinimumWidth(600)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 10)
        layout.setSpacing(8)
        self.line = QLineEdit()
        self.line.setMaxLength(MAX_LENGTH)
        self.line.setPlaceholderText(self.tr("from @dana: repair invoice by fri 3pm #billing"))
        self.line.setAccessibleName(self.tr("Request"))
        font = self.line.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.line.setFont(font)
        self.line.setMinimumHeight(34)
        layout.addWidget(self.line)

        self.title_label = plain_label()
        self.title_label.setObjectName("quickAddTitle")
        self.title_label.setWordWrap(True)
        layout.addWidget(self.title_label)
        self.chip_row, self.chip_layout = wrapping_row()  # chips wrap rather than being cut off
        layout.addWidget(self.chip_row)
        self.turnaround_label = plain_label()  # team mode: the asked member's published turnaround
        self.turnaround_label.setObjectName("quickAddHint")
        self.turnaround_label.setWordWrap(True)
        layout.addWidget(self.turnaround_label)
        self.error_label = plain_label()
        self.error_label.setObjectName("quickAddHint")
        self.error_label.setWordWrap(True)
        layout.addWidget(self.error_label)
        self.help_label = plain_label(self.tr("Enter saves · Esc closes · @ completes a person · "
                                              "Tab then Space drops a chip"))
        self.help_label.setObjectName("quickAddHint")
        small = self.help_label.font()
        small.setPointSizeF(small.pointSizeF() * 0.85)
        self.help_label.setFont(small)
        layout.addWidget(self.help_label)

        self.people_model = QStandardItemModel(self)
        self.completer = QCompleter(self.people_model, self)
        self.completer.setCompletionRole(NAME_ROLE)  # shown: "Dana · Billing"; inserted: "Dana"
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.setWidget(self.line)
        self.completer.activated.connect(self._complete_person)

        self.line.textChanged.connect(self._on_text_changed)
        self.line.textEdited.connect(self._offer_people)
        self._kept = False  # the line was left unsaved and is shown again untouched
        self.line.textEdited.connect(lambda _text: setattr(self, "_kept", False))
        self.line.returnPressed.connect(self.save)
        # Back to the line from a chip without losing the text.
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.chip_row,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut).activated.connect(self.line.setFocus)
        close_keys(self, self.reject, escape=False)  # Ctrl+W as Esc: the line is kept
        self._on_text_changed("")

    # -- opening -------------------------------------------------------------------------

    def present(self) -> None:
        """Centre on the screen with the cursor, show, raise, activate and focus the line.

        A line left unsaved with Esc is still there, selected (typing replaces it); Esc again
        without touching it clears it."""
        self._kept = bool(self.line.text())
        if self._kept:
            self.line.selectAll()
        else:
            self.line.clear()
            self._literal.clear()
            self._set_error("", hint=True)
        self._fill_people()
        screen = QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()
        self.adjustSize()
        frame = self.frameGeometry()
        frame.moveCenter(screen.availableGeometry().center())
        frame.moveTop(screen.availableGeometry().top() + screen.availableGeometry().height() // 4)
        self.move(frame.topLeft())
        self.show()
        self.raise_()
        self.activateWindow()
        self.line.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    open = present  # QDialog.open() would make it modal; the tray calls either name

    # -- parsing and the preview ---------------------------------------------------------

    def _parse(self, text: str) -> ParseResult:
        core = self.controller.core
        literal = frozenset(pid for pid, words in self._literal.items()
                            if text[int(pid.split(":")[1]):].startswith(words))
        return parse(text, now=core.now(), calendar=core.settings.calendar(),
                     default_direction=core.settings.default_direction,
                     known_people=self._people, literal=literal)

    def _on_text_changed(self, text: str) -> None:
        self._set_error("", hint=True)
        if not text.strip():
            self.result = None
            self._show_chips(None)
            return
        try:
            self.result = self._parse(text)
        except ParseError as exc:
            self.result = None
            self._show_chips(None)
            self._set_error(localized(exc.message), hint=True)  # grey while typing; red once Enter is pressed
            return
        self._show_chips(self.result)
        # "by 3" read as 15:00, or left in the title: say so, and how to write it
        self._set_error("\n".join(self.tr("Note: {message}").format(message=localized(hint.message))
                                  for hint in self.result.hints), hint=True)

    def _show_chips(self, result: ParseResult | None) -> None:
        while self.chip_layout.count():
            item = self.chip_layout.takeAt(0)
            chip = item.widget()
            if chip is not None:
                chip.hide()
                chip.setParent(None)  # out of the Tab chain now, not at the next loop turn
                chip.deleteLater()
        self._show_turnaround(result)
        if result is None:
            self.title_label.setText("")
            self.title_label.setVisible(False)
            self.chip_row.setVisible(False)
            return
        self.title_label.setText(self.tr("What: {title}").format(title=result.title))
        self.title_label.setVisible(True)
        self.chip_row.setVisible(True)
        from app.team.sync import teammate

        core = self.controller.core
        now = core.now()
        zone = core.settings.zone
        chips: list[Chip] = []
        direction_text = (self.tr("I owe {name}") if result.direction is Direction.RECEIVED
                          else self.tr("{name} owes me")).format(name=result.counterpart)
        if not result.direction_explicit:
            chips.append(Chip("direction", self.tr("{what} (default)").format(what=direction_text), None))
        for piece in result.pieces:
            if piece.kind == "direction":
                text = direction_text
            elif piece.kind == "who":
                text = piece.value if result.counterpart_known \
                    else self.tr("{name} (new person)").format(name=piece.value)
                member = teammate(core, piece.value)
                if member is not None:  # the request will exist once, on both sides
                    text = self.tr("shared with {member}").format(member=member["name"])
            elif piece.kind == "wanted":  # what they want: not a promise
                text = self.tr("wanted by {time} · {left}").format(
                    time=moment_text(piece.value, zone, now), left=countdown(piece.value, now))
            elif piece.kind == "promise":  # a promise already given
                text = self.tr("promised for {time} · {left}").format(
                    time=moment_text(piece.value, zone, now), left=countdown(piece.value, now))
            elif piece.kind == "tag":
                text = "#" + piece.value
            elif piece.kind == "priority":
                text = self.tr("{level} priority").format(level=priority_text(piece.value))
            elif piece.kind == "recurrence":
                text = self.tr("repeats: {words}").format(words=piece.text)
                if result.needed_by is not None:
                    text += " · " + self.tr("first {time}").format(time=moment_text(result.needed_by, zone, now))
            else:
                text = piece.text
            chip = Chip(piece.kind, text, piece.id)
            chip.dropped.connect(lambda pid, words=piece.text: self.drop_piece(pid, words))
            chips.append(chip)
        for index, chip in enumerate(chips):
            self.chip_layout.insertWidget(index, chip)
            chip.show()  # now, so Tab reaches it at once (the layout would show it a turn later)
        self._fit_height()

    def _show_turnaround(self, result: ParseResult | None) -> None:
        """`Dana usually needs 48 working hours for #billing`, whose figure it is when it is
        her department's, and the needed-by it suggests when the line names no time."""
        core = self.controller.core
        found = result and core.turnaround_hint(result.direction, result.counterpart, result.tags)
        text = ""
        if found:
            text = (self.tr("{name} usually needs {hours} working hours for #{tag}") if found.tag
                    else self.tr("{name} usually needs {hours} working hours")).format(
                name=found.member, hours=f"{found.hours:g}", tag=found.tag)
            if found.department:  # not their own figure: say whose it is
                text += " " + self.tr("(published by {department})").format(
                    department=found.department)
            if result.needed_by is None and result.promised_at is None:
                text += " · " + self.tr("wanted by {time}").format(
                    time=moment_text(found.needed_by, core.settings.zone, core.now()))
        self.turnaround_label.setText(text)
        self.turnaround_label.setVisible(bool(text))

    def _fit_height(self) -> None:
        """Chips wrap onto more lines as they grow: the dialog grows with them."""
        needed = self.layout().totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def chips(self) -> list[Chip]:
        return [self.chip_layout.itemAt(i).widget() for i in range(self.chip_layout.count())]

    def drop_piece(self, piece_id: str, words: str) -> None:
        """Keep a piece's words literal: they go back into the title."""
        self._literal[piece_id] = words
        self._on_text_changed(self.line.text())
        self.line.setFocus()

    def _set_error(self, message: str, hint: bool = False) -> None:
        self.error_label.setObjectName("quickAddHint" if hint else "quickAddError")
        # the error red, made readable on this palette (a dark one too)
        self.error_label.setStyleSheet("" if hint else text_style(self.error_label, ERROR))
        self.error_label.style().unpolish(self.error_label)  # restyle for the new object name
        self.error_label.style().polish(self.error_label)
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))
        if message:
            self._fit_height()

    # -- people completion ---------------------------------------------------------------

    def _fill_people(self) -> None:
        """Team members first, each with their department (or "team"), then everyone else."""
        from app.team.sync import teammates

        self.people_model.clear()
        self._people = []
        for member in teammates(self.controller.core):
            self._add_person(member["name"], member.get("department") or self.tr("team"))
        for person in self.controller.core.people():
            if person.name.casefold() not in {p.casefold() for p in self._people}:
                self._add_person(person.name)

    def _add_person(self, name: str, note: str = "") -> None:
        item = QStandardItem(f"{name} · {note}" if note else name)
        item.setData(name, NAME_ROLE)
        item.setEditable(False)
        self.people_model.appendRow(item)
        self._people.append(name)

    def _mention_at_cursor(self) -> re.Match | None:
        return _MENTION_AT_CURSOR.search(self.line.text()[:self.line.cursorPosition()])

    def _offer_people(self, _text: str) -> None:
        match = self._mention_at_cursor()
        if match is None or not self._people:
            self.completer.popup().hide()
            return
        self.completer.setCompletionPrefix(match.group(1) or match.group(2) or "")
        if self.completer.completionCount() == 0:
            self.completer.popup().hide()
            return
        rect = self.line.cursorRect()
        rect.setWidth(220)
        self.completer.complete(rect)

    def _complete_person(self, name: str) -> None:
        match = self._mention_at_cursor()
        if match is None:
            return
        text, cursor = self.line.text(), self.line.cursorPosition()
        rest = text[cursor:]
        handle = f'"{name}"' if " " in name else name  # a name of several words: @"Dana Smith"
        insert = "@" + handle + ("" if rest.startswith(" ") else " ")
        self.line.setText(text[:match.start()] + insert + rest)
        self.line.setCursorPosition(match.start() + len(insert))

    # -- saving --------------------------------------------------------------------------

    def save(self) -> None:
        if self.completer.popup().isVisible():
            return  # Enter picked a person
        text = self.line.text()
        if not text.strip():
            self._set_error(self.tr("Type a request, e.g. from @dana: repair invoice by fri 3pm"))
            return
        try:
            result = self._parse(text)
            core = self.controller.core
            request = core.add(core.with_turnaround(result.to_new_request()))
        except Exception as exc:  # noqa: BLE001 - a person's mistake is shown here; a bug goes on up
            self._set_error(mistake_text(exc))
            return
        self.controller.changed.emit()
        self.saved.emit(request.id)
        core = self.controller.core
        self.confirmed.emit(request.title, saved_line(request, core.deadline(request), core.now(),
                                                      core.settings.zone))
        self.line.clear()  # saved: the next quick add starts empty
        self.hide()

    def reject(self) -> None:
        """Esc closes and keeps the line for next time; on a kept line not touched since, clears it."""
        if self._kept:
            self.line.clear()
            self._literal.clear()
        super().reject()
