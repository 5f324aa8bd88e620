"""Small dialogs shared by the list and the prompt window: a time (ETA, new promise, snooze) with
an optional reason, editing a request, and a drafted message.

They open non-modally with `open()` and report through `accepted`, so the caller's event loop (and
a test) keeps running; the caller applies the change through the controller. The edit dialog
saves itself, so that a refusal shows in it with everything typed still there.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.model import Direction, Priority, PromptKind, Request
from app.i18n import localized
from ui.colours import ERROR, text_style
from ui.controller import Controller
from ui.errors import mistake_text
from ui.wording import countdown, moment_text, priority_text

# The time parser, the drafts and mail load when a dialog opens, not with the prompt window
# that imports this module at start (~1.3 MiB, ~30 ms).
if TYPE_CHECKING:
    from app.drafts import Draft


def close_keys(window: QWidget, close: Callable[[], object] | None = None, *, escape: bool = True) -> None:
    """Ctrl+W (and Esc, unless the window gives Esc a meaning of its own) close `window`."""
    keys = [QKeySequence("Ctrl+W")] + ([QKeySequence(Qt.Key.Key_Escape)] if escape else [])
    for key in keys:
        QShortcut(key, window, close or window.close)


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A label that never interprets user text as markup."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class WhenDialog(QDialog):
    """Ask for a time in the quick-add language (`fri 3pm`, `in 2h`, `eod`), and maybe a reason.

    The OK button stays disabled until the time is understood (and the reason given when it is
    required); the line under the field says what was understood or what is wrong.
    """

    def __init__(self, controller: Controller, title: str, *, label: str, ask_when: bool = True,
                 ask_reason: bool = False, reason_required: bool = False, snooze: bool = False,
                 initial: str = "", parent: QWidget | None = None) -> None:
        from app.quickadd import parse_duration, parse_when

        super().__init__(parent)
        self.controller = controller
        self.setWindowTitle(title)
        self._parser: Callable[..., datetime] = parse_duration if snooze else parse_when
        self._reason_required = reason_required
        self.when: datetime | None = None
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        self.when_edit = QLineEdit(initial)
        self.when_edit.setPlaceholderText(
            self.tr("e.g. 15m, 2h, tomorrow, morning") if snooze else self.tr("e.g. fri 3pm, in 2h, eod"))
        self.preview = plain_label()
        self.preview.setObjectName("whenPreview")
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(
            self.tr("required: tell them why") if reason_required else self.tr("optional"))
        if ask_when:
            form.addRow(label, self.when_edit)
            form.addRow("", self.preview)
        self.when_edit.setVisible(ask_when)
        self.preview.setVisible(ask_when)
        if ask_reason:
            form.addRow(self.tr("Reason"), self.reason_edit)
        self.reason_edit.setVisible(ask_reason)
        self._ask_when = ask_when
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.when_edit.textChanged.connect(self._update)
        self.reason_edit.textChanged.connect(self._update)
        self._update()

    @property
    def reason(self) -> str | None:
        return self.reason_edit.text().strip() or None

    def _update(self) -> None:
        from app.quickadd import ParseError

        ok = True
        if self._ask_when:
            text = self.when_edit.text().strip()
            self.when = None
            if not text:
                self.preview.setText("")
                ok = False
            else:
                core = self.controller.core
                now = core.now()
                try:
                    self.when = self._parser(text, now=now, calendar=core.settings.calendar())
                except ParseError as exc:
                    self.preview.setText(localized(exc.message))
                    ok = False
                else:
                    self.preview.setText(self.tr("{time} ({left})").format(
                        time=moment_text(self.when, core.settings.zone, now),
                        left=countdown(self.when, now)))
        if self._reason_required and not self.reason:
            ok = False
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def accept(self) -> None:
        if self.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled():
            super().accept()


class SnoozeMenu(QMenu):
    """15 min, 1 hour, next working morning, custom…; `chosen` carries the instant to wake at."""

    chosen = Signal(object)  # datetime

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setTitle(self.tr("Snooze"))
        self.dialog: WhenDialog | None = None
        self.addAction(self.tr("15 minutes"), lambda: self._after(timedelta(minutes=15)))
        self.addAction(self.tr("1 hour"), lambda: self._after(timedelta(hours=1)))
        self.addAction(self.tr("Next working morning"), self._morning)
        self.addSeparator()
        self.addAction(self.tr("Custom…"), self.ask)

    def _after(self, delta: timedelta) -> None:
        self.chosen.emit(self.controller.core.now() + delta)

    def _morning(self) -> None:
        core = self.controller.core
        self.chosen.emit(core.settings.calendar().next_working_day_start(core.now()))

    def ask(self) -> None:
        self.dialog = WhenDialog(self.controller, self.tr("Snooze until"), label=self.tr("Until"),
                                 snooze=True, parent=self.parentWidget())
        self.dialog.accepted.connect(lambda: self.chosen.emit(self.dialog.when))
        self.dialog.open()


class EditDialog(QDialog):
    """Who, which direction, title, details, link, channel, tags, priority, when it is needed and
    the promise of one request.

    Save applies everything in one step through the core (a new promise is a renegotiation when
    one is in force, with the reason given); a refusal is shown here and the dialog stays open
    with everything typed.
    """

    def __init__(self, controller: Controller, request: Request, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.request = request
        core = controller.core
        self._zone = core.settings.zone
        self.setWindowTitle(self.tr("Edit request"))
        self.resize(500, 0)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        self.who_edit = QLineEdit(request.counterpart.name)
        self.who_edit.setAccessibleName(self.tr("Who"))
        people = QCompleter([p.name for p in core.people()], self)
        people.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.who_edit.setCompleter(people)
        self.direction_box = QComboBox()
        self.direction_box.addItem(self.tr("I owe them: they asked me"), Direction.RECEIVED.value)
        self.direction_box.addItem(self.tr("They owe me: I asked them"), Direction.MADE.value)
        self.direction_box.setCurrentIndex(self.direction_box.findData(request.direction.value))
        self.title_edit = QLineEdit(request.title)
        self.details_edit = QPlainTextEdit(request.details)
        self.details_edit.setTabChangesFocus(True)
        self.details_edit.setFixedHeight(80)
        self.link_edit = QLineEdit(request.link)
        self.channel_edit = QLineEdit(request.channel)
        self.tags_edit = QLineEdit(" ".join(request.tags))
        self.tags_edit.setPlaceholderText(self.tr("words separated by spaces"))
        self.priority_box = QComboBox()
        for level in Priority:
            self.priority_box.addItem(priority_text(level), int(level))
        self.priority_box.setCurrentIndex(int(request.priority))
        self.needed_edit = QLineEdit(self._shown(request.needed_by))
        self.needed_edit.setPlaceholderText(self.tr("e.g. fri 3pm, in 2h, eod; empty: no time"))
        self.needed_preview = plain_label()
        self.promise_edit = QLineEdit(self._shown(request.promised_at))
        self.promise_edit.setPlaceholderText(self.tr("e.g. fri 3pm, in 2h, eod"))
        self.promise_edit.setEnabled(not request.is_closed)
        self.promise_preview = plain_label()
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(self.tr("why the promise moves (optional)"))
        form.addRow(self.tr("&Who"), self.who_edit)
        form.addRow(self.tr("&Direction"), self.direction_box)
        form.addRow(self.tr("&Title"), self.title_edit)
        form.addRow(self.tr("Details"), self.details_edit)
        form.addRow(self.tr("Link"), self.link_edit)
        form.addRow(self.tr("Channel"), self.channel_edit)
        form.addRow(self.tr("Tags"), self.tags_edit)
        form.addRow(self.tr("Priority"), self.priority_box)
        form.addRow(self.tr("&Needed by"), self.needed_edit)
        form.addRow("", self.needed_preview)
        form.addRow(self.tr("&Promised for"), self.promise_edit)
        form.addRow("", self.promise_preview)
        form.addRow(self.tr("&Reason"), self.reason_edit)
        self.error_label = plain_label()
        self.error_label.setObjectName("editError")
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(False)
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.needed_edit.textChanged.connect(lambda: self._preview(self.needed_edit, self.needed_preview))
        self.promise_edit.textChanged.connect(lambda: self._preview(self.promise_edit, self.promise_preview))
        self.promise_edit.textChanged.connect(self._reason_when_renegotiating)
        self._reason_when_renegotiating()

    def _shown(self, moment: datetime | None) -> str:
        """A stored time as text the field reads back unchanged."""
        return moment.astimezone(self._zone).strftime("%Y-%m-%d %H:%M") if moment else ""

    def _read(self, edit: QLineEdit, current: datetime | None) -> datetime | None:
        """The field's time: the stored one while untouched (it may have passed), else parsed."""
        text = edit.text().strip()
        if text == self._shown(current):
            return current
        if not text:
            return None
        from app.quickadd import parse_when

        core = self.controller.core
        return parse_when(text, now=core.now(), calendar=core.settings.calendar())

    def _preview(self, edit: QLineEdit, preview: QLabel) -> None:
        from app.quickadd import ParseError

        current = self.request.needed_by if edit is self.needed_edit else self.request.promised_at
        try:
            when = self._read(edit, current)
        except ParseError as exc:
            preview.setText(localized(exc.message))
            return
        now = self.controller.core.now()
        preview.setText("" if when is None or when == current else self.tr("{time} ({left})").format(
            time=moment_text(when, self._zone, now), left=countdown(when, now)))

    def _reason_when_renegotiating(self) -> None:
        self.reason_edit.setEnabled(self.request.promised_at is not None
                                    and self.promise_edit.text().strip() != self._shown(self.request.promised_at))

    def changes(self) -> dict:
        """What Save sends to the core's edit; ParseError for a time it cannot read."""
        from app.quickadd import ParseError

        request = self.request
        tags = [t.lstrip("#").casefold() for t in self.tags_edit.text().replace(",", " ").split()]
        changes = {
            "title": self.title_edit.text(),
            "details": self.details_edit.toPlainText(),
            "link": self.link_edit.text().strip(),
            "channel": self.channel_edit.text().strip(),
            "tags": [t for t in tags if t],
            "priority": Priority(self.priority_box.currentData()),
        }
        # only what changed: a closed request keeps its times and may still be renamed
        who = " ".join(self.who_edit.text().split())
        if who != request.counterpart.name:
            changes["counterpart"] = who
        direction = Direction(self.direction_box.currentData())
        if direction is not request.direction:
            changes["direction"] = direction
        needed_by = self._read(self.needed_edit, request.needed_by)
        if needed_by != request.needed_by:
            changes["needed_by"] = needed_by
        promise = self._read(self.promise_edit, request.promised_at)
        if promise is None and request.promised_at is not None:
            raise ParseError(self.tr("A promise cannot be taken back, only moved: give the new time."))
        if promise != request.promised_at:
            changes["promise"] = promise
            changes["reason"] = self.reason_edit.text().strip() or None
        return changes

    def accept(self) -> None:
        try:
            self.controller.core.edit(self.request.id, **self.changes())
        except Exception as exc:  # noqa: BLE001 - a person's mistake is shown here; a bug goes on up
            self._show_error(mistake_text(exc))
            return
        self.controller.changed.emit()
        super().accept()

    def _show_error(self, message: str) -> None:
        self.error_label.setStyleSheet(text_style(self.error_label, ERROR))
        self.error_label.setText(message)
        self.error_label.setVisible(True)


class DraftDialog(QDialog):
    """A courteous message, editable, to copy or open in the mail app. Either is recorded."""

    sent = Signal(str)  # "copied", "mailto" or "sent"

    def __init__(self, controller: Controller, request: Request, kind: str,
                 new_time: datetime | None = None, parent: QWidget | None = None) -> None:
        from app.drafts import RENEGOTIATE, kinds_for

        super().__init__(parent)
        self.controller = controller
        self.request = request
        self.new_time = new_time
        self.draft: Draft | None = None
        self.setWindowTitle(self.tr("Draft message"))
        self.resize(560, 420)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        self.kind_box = QComboBox()
        labels = {
            "respond": self.tr("Reply with an ETA"),
            "due_soon": self.tr("Heads-up: need more time"),
            "overdue": self.tr("Apology and new time"),
            RENEGOTIATE: self.tr("Renegotiate the promise"),
            "nudge": self.tr("Courteous reminder"),
            "check_in": self.tr("Check in"),
            "escalate": self.tr("Escalate to their supervisor"),
        }
        kinds = list(kinds_for(request.direction))
        if kind not in kinds:
            kinds.insert(0, kind)
        for k in kinds:
            self.kind_box.addItem(labels.get(k, k), k)
        self.kind_box.setCurrentIndex(kinds.index(kind))
        self.to_label = plain_label()
        self.to_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.cc_label = plain_label()
        self.subject_edit = QLineEdit()
        self.body_edit = QPlainTextEdit()
        self.body_edit.setTabChangesFocus(True)
        self.error_label = plain_label()
        self.error_label.setStyleSheet(text_style(self.error_label, ERROR))
        self.error_label.setWordWrap(True)
        form.addRow(self.tr("Message"), self.kind_box)
        form.addRow(self.tr("To"), self.to_label)
        form.addRow(self.tr("Cc"), self.cc_label)
        form.addRow(self.tr("Subject"), self.subject_edit)
        layout.addWidget(self.body_edit, 1)
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox()
        self.copy_button = QPushButton(self.tr("&Copy"))
        self.mail_button = QPushButton(self.tr("Open in &mail app"))
        self.send_button = QPushButton(self.tr("&Send"))
        self.send_button.setToolTip(self.tr("Send through the mail server set in Settings → Mail"))
        self.send_button.setAutoDefault(False)  # Enter in the subject must not send mail
        buttons.addButton(self.send_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.promptly_button = QPushButton(self.tr("Send in &Promptly"))
        self.promptly_button.setToolTip(self.tr("{name} sees it as a prompt in their Promptly").format(
            name=request.counterpart.name))
        self.promptly_button.setAutoDefault(False)
        self.promptly_button.clicked.connect(self.send_in_promptly)
        buttons.addButton(self.promptly_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.mail_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy)
        self.mail_button.clicked.connect(self.open_mail)
        self.send_button.clicked.connect(self.send)
        layout.addWidget(buttons)
        self.kind_box.currentIndexChanged.connect(self._render)
        self.kind_box.currentIndexChanged.connect(self._offer_promptly)
        self._offer_promptly()
        self._render()

    @property
    def kind(self) -> str:
        return self.kind_box.currentData()

    def _render(self) -> None:
        from app.drafts import DraftError, draft

        core = self.controller.core
        settings = core.settings
        try:
            self.draft = draft(self.kind, self.request, core.people(), core.now(),
                               settings.calendar(), settings.templates, new_time=self.new_time,
                               respond_by=core.respond_by(self.request),
                               signature=settings.signature)
        except DraftError as exc:
            self.draft = None
            self.error_label.setText(str(exc))
            return
        d = self.draft
        self.error_label.setText(
            self.tr("{name} has no escalation contact: add one in Settings → People, "
                    "or type the address in your mail app.").format(name=self.request.counterpart.name)
            if self.kind == "escalate" and not d.to_name else "")
        self.to_label.setText(self._address(d.to_name, d.to))
        self.cc_label.setText(self._address(d.cc_name, d.cc))
        self.subject_edit.setText(d.subject)
        self.body_edit.setPlainText(d.body)

    def _address(self, name: str, email: str) -> str:
        if name and email:
            return f"{name} <{email}>"
        if name:
            return self.tr("{name} (no e-mail address)").format(name=name)
        return email or "—"

    def current(self) -> Draft | None:
        """The draft as edited by the user."""
        from app.drafts import Draft

        if self.draft is None:
            return None
        d = self.draft
        return Draft(d.kind, d.to, d.to_name, d.cc, d.cc_name, self.subject_edit.text(),
                     self.body_edit.toPlainText())

    def copy(self) -> None:
        d = self.current()
        if d is None:
            return
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(d.body)
        if clipboard.text() != d.body:  # no clipboard owner on this display: nothing was copied
            self.error_label.setText(self.tr("The clipboard did not take the message. Select the text and copy it."))
            return
        self._record("copied", d)

    def open_mail(self) -> None:
        d = self.current()
        if d is None:
            return
        from ui.mail_app import MailApp

        self.mail_button.setEnabled(False)
        self.mail_app = MailApp(self)
        self.mail_app.finished.connect(lambda ok, said: self._mail_opened(ok, said, d))
        self.mail_app.open(d.mailto())

    def _mail_opened(self, ok: bool, said: str, d: Draft) -> None:
        """Recorded only once the mail app really opened: nothing was followed up otherwise."""
        self.mail_button.setEnabled(True)
        if not ok:
            text = self.tr("No mail app opened. Use Copy and paste the message instead.")
            self.error_label.setText(f"{text}\n{said}" if said else text)
            return
        self._record("mailto", d)

    def send(self) -> None:
        """Send by SMTP; the draft stays open with the reason if it fails."""
        from ui.mail_sender import send_draft  # records the history itself once sent

        d = self.current()
        if d is None:
            return
        job = send_draft(self.controller, self.request.id, d, parent=self)
        if job is None:
            return
        self.send_button.setEnabled(False)
        job.finished.connect(self._sent)

    def _offer_promptly(self) -> None:
        """A reminder in Promptly is for a team member who has not delivered yet."""
        from app.domain.model import Direction
        from app.team.sync import teammate

        self.promptly_button.setVisible(
            self.request.direction is Direction.MADE and not self.request.is_closed
            and self.kind in ("nudge", "check_in")
            and teammate(self.controller.core, self.request.counterpart.name) is not None)

    def send_in_promptly(self) -> None:
        """Shared on the next sync; she sees "Sam reminds you: …" as a prompt."""
        from app.mail import follow_up_kind

        done = self.controller.attempt(self.controller.core.remind, self.request.id,
                                       follow_up_kind(self.kind))
        if done.ok:
            self.sent.emit("promptly")
            self.accept()

    def _sent(self, ok: bool, text: str) -> None:
        self.send_button.setEnabled(True)
        if ok:
            self.sent.emit("sent")
            self.accept()
        else:
            self.error_label.setText(text)

    def _record(self, how: str, d: Draft) -> None:
        from app.mail import follow_up_kind

        core = self.controller.core
        done = self.controller.attempt(core.record_follow_up, self.request.id,
                                       follow_up_kind(d.kind), how, d.to_name or d.to or None)
        if done.ok:
            self.sent.emit(how)
            self.accept()
