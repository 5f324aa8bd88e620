"""Escalated to me: the supervisor's prompt for requests between two others (app.team.escalation).

Each one says who asked whom for what, when, and what has happened since; the supervisor adds a
note both parties see (sent with the next sync) or marks it seen. `EscalationPrompter` presents
the window when a sync brings one not seen yet.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui.controller import Controller
from ui.dialogs import plain_label
from ui.wording import moment_text

GEOMETRY_KEY = "escalations/geometry"


class EscalationWindow(QWidget):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setWindowTitle(self.tr("Escalated to me"))
        self.rows: list[EscalationRow] = []
        outer = QVBoxLayout(self)
        self.empty_label = plain_label(self.tr("Nothing is escalated to you."))
        outer.addWidget(self.empty_label)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.body = QWidget()
        self.box = QVBoxLayout(self.body)
        self.box.addStretch(1)
        self.scroll.setWidget(self.body)
        outer.addWidget(self.scroll)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        geometry = QSettings("Promptly", "Promptly").value(GEOMETRY_KEY)
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(520, 420)
        controller.changed.connect(self.render)

    def present(self) -> None:
        self.render()
        self.show()
        self.raise_()
        self.activateWindow()

    def render(self) -> None:
        for row in self.rows:
            row.setParent(None)
            row.deleteLater()
        self.rows = []
        found = self.controller.core.escalated_to_me()
        found.sort(key=lambda e: e.seen)  # the new ones first
        for index, escalation in enumerate(found):
            row = EscalationRow(self, escalation)
            self.box.insertWidget(index, row)
            self.rows.append(row)
        self.empty_label.setVisible(not found)
        self.scroll.setVisible(bool(found))

    def seen(self, uid: str) -> None:
        self.controller.attempt(self.controller.core.escalation_seen, uid)

    def note(self, uid: str, text: str) -> bool:
        return self.controller.attempt(self.controller.core.note, uid, text).ok

    def closeEvent(self, event) -> None:
        QSettings("Promptly", "Promptly").setValue(GEOMETRY_KEY, self.saveGeometry())
        super().closeEvent(event)


class EscalationRow(QFrame):
    """Who asked whom for what, when; what happened since; a note; seen."""

    def __init__(self, window: EscalationWindow, escalation) -> None:
        super().__init__()
        self.escalation = escalation
        core = window.controller.core
        now, zone = core.now(), core.settings.zone
        self.setFrameShape(QFrame.Shape.StyledPanel)
        box = QVBoxLayout(self)
        self.title_label = plain_label(self.tr("{requester} asked {asked}: {title}").format(
            requester=escalation.requester, asked=escalation.asked, title=escalation.title))
        self.title_label.setWordWrap(True)
        font = self.title_label.font()
        font.setBold(not escalation.seen)
        self.title_label.setFont(font)
        box.addWidget(self.title_label)
        when = self.tr("asked {time}").format(time=moment_text(escalation.asked_at, zone, now))
        if escalation.needed_by is not None:
            when += " · " + self.tr("wanted by {time}").format(
                time=moment_text(escalation.needed_by, zone, now))
        box.addWidget(plain_label(when))
        self.story_labels = []
        for happening in escalation.story:
            label = plain_label(f"{moment_text(happening.at, zone, now)} · "
                                + self.happening_text(happening, zone, now))
            label.setWordWrap(True)
            box.addWidget(label)
            self.story_labels.append(label)
        buttons = QHBoxLayout()
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(self.tr("A note both of them see"))
        self.note_edit.setMaxLength(2000)
        self.note_button = QPushButton(self.tr("Add &note"))
        self.seen_button = QPushButton(self.tr("&Seen"))
        self.seen_button.setEnabled(not escalation.seen)
        self.note_edit.returnPressed.connect(self._note)
        self.note_button.clicked.connect(self._note)
        self.seen_button.clicked.connect(lambda: window.seen(escalation.uid))
        buttons.addWidget(self.note_edit, 1)
        buttons.addWidget(self.note_button)
        buttons.addWidget(self.seen_button)
        box.addLayout(buttons)
        self.owner = window

    def happening_text(self, h, zone, now) -> str:
        """One line of what happened since: `Dana promised Fri 15:00`, `Kim noted: call Sam`."""
        texts = {
            "acknowledged": self.tr("{who} answered"), "done": self.tr("{who} marked it done"),
            "cancelled": self.tr("{who} cancelled it"), "reopened": self.tr("{who} reopened it"),
            "edited": self.tr("{who} edited it"), "escalated": self.tr("{who} escalated it"),
            "note": self.tr("{who} noted"), "promised": self.tr("{who} promised {time}"),
            "renegotiated": self.tr("{who} moved the promise to {time}"),
        }
        line = texts.get(h.kind, "{who} " + h.kind).format(
            who=h.who, time=moment_text(h.to, zone, now) if h.to else "")
        return f"{line}: {h.text}" if h.text else line

    def _note(self) -> None:
        text = self.note_edit.text()
        if text.strip() and self.owner.note(self.escalation.uid, text):
            self.note_edit.clear()



class EscalationPrompter(QObject):
    """After each change (a sync among them), present the window for escalations not yet seen
    and not yet presented in this session, and announce them."""

    present_requested = Signal()
    announce = Signal(str, str)  # title, text

    def __init__(self, controller: Controller, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.presented: set[str] = set()
        controller.changed.connect(self.check)

    def check(self) -> bool:
        fresh = [e for e in self.controller.core.escalated_to_me()
                 if not e.seen and e.uid not in self.presented]
        if not fresh:
            return False
        self.presented.update(e.uid for e in fresh)
        first = fresh[0]
        self.announce.emit(self.tr("Escalated to you"), self.tr("{requester} asked {asked}: {title}")
                           .format(requester=first.requester, asked=first.asked, title=first.title))
        self.present_requested.emit()
        return True
