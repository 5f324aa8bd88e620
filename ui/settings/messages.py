"""Messages: the name drafts are signed with, and each draft's template beside a live preview."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLineEdit, QPlainTextEdit, QPushButton, QVBoxLayout

from app import drafts
from app.domain.model import Direction, Person, Request
from app.settings import Settings
from ui.controller import Controller
from ui.settings.page import SettingsPage, plain


class MessagesPage(SettingsPage):
    key = "templates"

    def __init__(self, controller: Controller) -> None:
        super().__init__(controller, self.tr("Messages"),
                         self.tr("The drafts Promptly writes for you. $name, $first_name, $title, "
                                 "$asked_when, $asked_on, $eta, $wanted_for, $promised_for, $new_time, "
                                 "$promise_note, $apology, $signature, $escalation_name and $link are "
                                 "filled in; the first line may be “Subject: …”."))
        form = QFormLayout()
        self.box.addLayout(form)
        self.your_name = QLineEdit()
        self.your_name.setObjectName("yourName")
        self.your_name.setPlaceholderText(self.tr("signs your drafts; empty: the From name on the Mail page"))
        form.addRow(self.tr("Your name"), self.your_name)
        row = QHBoxLayout()
        self.kind = QComboBox()
        names = {
            "respond": self.tr("Reply with an ETA"),
            "wanted": self.tr("Promise before the time they want"),
            "due_soon": self.tr("Heads-up: need more time"),
            "overdue": self.tr("Apology and new time"),
            drafts.RENEGOTIATE: self.tr("Renegotiate the promise"),
            "nudge": self.tr("Courteous reminder"),
            "check_in": self.tr("Check in"),
            "escalate": self.tr("Escalate to their supervisor"),
        }
        for kind in drafts.KINDS:
            self.kind.addItem(names.get(kind, kind), kind)
        reset = QPushButton(self.tr("Reset to default"))
        reset.clicked.connect(self.reset)
        row.addWidget(self.kind, 1)
        row.addWidget(reset)
        self.box.addLayout(row)
        panes = QHBoxLayout()
        self.edit = QPlainTextEdit()
        self.edit.setTabChangesFocus(True)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setObjectName("templatePreview")
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(plain(self.tr("Template")))
        left.addWidget(self.edit)
        right.addWidget(plain(self.tr("Preview")))
        right.addWidget(self.preview)
        panes.addLayout(left, 1)
        panes.addLayout(right, 1)
        self.box.addLayout(panes, 1)
        self.templates: dict[str, str] = {}
        self._shown = ""
        self.kind.currentIndexChanged.connect(self._show)
        self.edit.textChanged.connect(self._edited)
        self.finish(stretch=False)

    def load(self, settings: Settings) -> None:
        self.your_name.setText(settings.your_name)
        self.templates = dict(settings.templates)
        self._show()

    def collect(self) -> dict[str, Any]:
        return {"your_name": " ".join(self.your_name.text().split()), "templates": dict(self.templates)}

    def _default(self, kind: str) -> str:
        try:
            return drafts.default_template(kind)
        except drafts.DraftError as exc:
            return str(exc)

    def _show(self) -> None:
        kind = self.kind.currentData()
        self._shown = ""
        self.edit.setPlainText(self.templates.get(kind) or self._default(kind))
        self._shown = kind
        self.update_preview()

    def _edited(self) -> None:
        kind = self._shown
        if not kind:
            return
        text = self.edit.toPlainText()
        if text == self._default(kind) or not text.strip():
            self.templates.pop(kind, None)
        else:
            self.templates[kind] = text
        self.update_preview()

    def reset(self) -> None:
        self.templates.pop(self.kind.currentData(), None)
        self._show()

    def update_preview(self) -> None:
        kind = self.kind.currentData()
        now = self.core.now()
        made = kind in drafts.kinds_for(Direction.MADE)
        lee = Person(self.tr("Lee Example"), "lee@example.org", id=-2)
        dana = Person(self.tr("Dana Example"), "dana@example.org", escalation_contact_id=-2, id=-1)
        sample = Request(Direction.MADE if made else Direction.RECEIVED, dana,
                         self.tr("the March invoice for the Berlin office"),
                         asked_at=now - timedelta(hours=3), needed_by=now + timedelta(hours=4),
                         promised_at=now + timedelta(hours=2))
        try:
            calendar = self.core.settings.calendar()
            draft = drafts.draft(kind, sample, [lee, dana], now, calendar, self.templates,
                                 new_time=now + timedelta(days=1),
                                 signature=self.your_name.text().strip())
        except drafts.DraftError as exc:
            self.preview.setPlainText(str(exc))
            return
        lines = [self.tr("To: {to}").format(to=f"{draft.to_name} <{draft.to}>")]
        if draft.cc:
            lines.append(self.tr("Cc: {cc}").format(cc=f"{draft.cc_name} <{draft.cc}>"))
        lines.append(self.tr("Subject: {subject}").format(subject=draft.subject))
        self.preview.setPlainText("\n".join(lines) + "\n\n" + draft.body)
