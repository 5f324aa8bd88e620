"""The prompt window: why a request needs me now, and the actions that settle it.

Prompts queue in one small always-on-top tool window ("1 of 3", previous/next). It shows without
taking keyboard focus from whatever the user is typing in. Prompts missed while the computer
slept come as one "While you were away" entry, each line with its own actions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.model import Direction, Person, PromptKind, Request, Status
from app.scheduler import Digest, Prompt
from ui.controller import Controller
from ui.flow_layout import FlowLayout
from ui.dialogs import DraftDialog, SnoozeMenu, WhenDialog, close_keys, plain_label
from ui.wording import breakable, digest_title, moment_text, owed_line, priority_text, prompt_reason, who_text


@dataclass
class Entry:
    """One page of the queue: a prompt, a digest, or the prompts missed while away."""

    prompts: list[Prompt] = field(default_factory=list)
    digest: Digest | None = None
    away: bool = False

    @property
    def keys(self) -> set[str]:
        return {p.key for p in self.prompts} | ({self.digest.key} if self.digest else set())


AWAY_ROWS = 20  # rows built at once after a long absence; the rest follow as these are settled
PREFERRED_WIDTH = 480  # room for a row of buttons; narrower screens get less
SCREEN_GAP = 8  # between the window and the screen's edge

def _button(row: QHBoxLayout, text: str, slot) -> QPushButton:
    button = QPushButton(text)
    button.clicked.connect(slot)
    row.addWidget(button)
    return button


_STYLE = """
QLabel#promptCaption { color: palette(placeholder-text); font-weight: bold; }
QLabel#promptCaption[kind="overdue"], QLabel#promptCaption[kind="escalate"] { color: #c62828; }
QLabel#promptCaption[kind="due_soon"], QLabel#promptCaption[kind="respond"] { color: #b26a00; }
QLabel#promptTitle { font-weight: bold; }
QFrame#awayRow { border-top: 1px solid palette(midlight); }
"""


class PromptWindow(QWidget):
    open_request = Signal(int)
    open_summary = Signal()
    # The same two, under the names ui/application.py wires for every window.
    request_requested = Signal(int)
    summary_requested = Signal()
    list_requested = Signal()
    settled = Signal(list)  # the prompts taken out of the queue: their notifications may go

    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Tool | Qt.WindowType.WindowStaysOnTopHint)
        self.controller = controller
        self.entries: list[Entry] = []
        self.index = 0
        self.dialog = None
        self.away_rows: list[PromptRow] = []
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.open_request.connect(self.request_requested)
        self.open_summary.connect(self.summary_requested)
        self.setWindowTitle(self.tr("Promptly"))
        self.setStyleSheet(_STYLE)
        self._placed = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 12)
        header = QHBoxLayout()
        self.caption = plain_label()
        self.caption.setObjectName("promptCaption")
        self.position_label = plain_label()
        self.previous_button = QToolButton()
        self.previous_button.setText("‹")
        self.previous_button.setToolTip(self.tr("Previous prompt (Alt+Left)"))
        self.previous_button.setAccessibleName(self.tr("Previous prompt"))
        self.next_button = QToolButton()
        self.next_button.setText("›")
        self.next_button.setToolTip(self.tr("Next prompt (Alt+Right)"))
        self.next_button.setAccessibleName(self.tr("Next prompt"))
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setToolTip(self.tr("Hide; the prompts stay queued"))
        self.close_button.setAccessibleName(self.tr("Hide"))
        header.addWidget(self.caption, 1)
        header.addWidget(self.position_label)
        header.addWidget(self.previous_button)
        header.addWidget(self.next_button)
        header.addWidget(self.close_button)
        layout.addLayout(header)
        self.page = QWidget()
        layout.addWidget(self.page, 1)
        self.previous_button.clicked.connect(self.previous)
        self.next_button.clicked.connect(self.next)
        self.close_button.clicked.connect(self.hide)
        QShortcut(QKeySequence("Alt+Left"), self, self.previous)
        QShortcut(QKeySequence("Alt+Right"), self, self.next)
        close_keys(self, self.hide)

    # -- the queue -----------------------------------------------------------------------

    def show_prompts(self, prompts: list[Prompt], digests: list[Digest]) -> None:
        """Queue new prompts and digests (each once) and show the window without activating it."""
        known = set().union(*(e.keys for e in self.entries)) if self.entries else set()
        added = len(self.entries), sum(len(e.prompts) for e in self.entries)
        missed = [p for p in prompts if p.missed and p.key not in known]
        if missed:
            away = next((e for e in self.entries if e.away), None)
            if away is None:
                self.entries.append(Entry(missed, away=True))
            else:
                away.prompts.extend(missed)
        for prompt in prompts:
            if not prompt.missed and prompt.key not in known:
                self.entries.append(Entry([prompt]))
        for digest in digests:
            if digest.key not in known:
                self.entries.append(Entry(digest=digest))
        if (len(self.entries), sum(len(e.prompts) for e in self.entries)) == added:
            return  # nothing new: a hidden window stays hidden
        self.render()
        if self.isVisible():
            self.raise_()
        else:
            self.show()
            self.place()

    def present(self) -> None:
        """Asked for from the keyboard (Ctrl+Shift+P in any Promptly window): show the waiting
        prompts and take the focus, on the first button of the current one."""
        if not self.entries:
            return
        if not self.isVisible():
            self.show()
            self.place()
        self.raise_()
        self.activateWindow()
        buttons = [b for b in self.page.findChildren(QPushButton) if b.isVisibleTo(self)]
        if buttons:
            buttons[0].setFocus(Qt.FocusReason.ShortcutFocusReason)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._placed:
            self._placed = True
            self.windowHandle().screenChanged.connect(self._follow_screen)
            self._follow_screen(self.screen())

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self.setMinimumHeight(0)  # the next queue sizes itself afresh

    def _follow_screen(self, screen) -> None:
        """Re-clamp when the window moves to another screen or its screen's free area changes."""
        if screen is not None:
            screen.availableGeometryChanged.connect(self.clamp, Qt.ConnectionType.UniqueConnection)
        self.clamp()

    def _area(self):
        screen = self.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry() if screen is not None else None

    def _frame_margins(self) -> tuple[int, int]:
        """The window manager's frame: width and height it adds around the widget."""
        frame, inner = self.frameGeometry(), self.geometry()
        return frame.width() - inner.width(), frame.height() - inner.height()

    def fit(self) -> None:
        """A fixed width that fits the screen; a height that grows but never shrinks while the
        queue is open, so ‹ › × and the buttons stay under the pointer while paging."""
        area = self._area()
        if area is None:
            self.adjustSize()
            return
        extra_w, extra_h = self._frame_margins()
        width = min(PREFERRED_WIDTH, area.width() - extra_w - 2 * SCREEN_GAP)
        self.setFixedWidth(max(width, 200))
        self.layout().activate()
        height = self.layout().heightForWidth(self.width()) if self.layout().hasHeightForWidth() \
            else self.sizeHint().height()
        height = min(max(height, self.minimumSizeHint().height()), area.height() - extra_h - 2 * SCREEN_GAP)
        if self.isVisible():
            height = max(height, self.height())
        self.setMinimumHeight(height)
        self.resize(self.width(), height)

    def place(self) -> None:
        """Bottom-right of the screen, where notifications appear, and entirely on it."""
        self.fit()
        area = self._area()
        if area is None:
            return
        frame = self.frameGeometry()
        self.move(area.right() - frame.width() - SCREEN_GAP, area.bottom() - frame.height() - SCREEN_GAP)
        self.clamp()

    def clamp(self) -> None:
        """Keep the whole frame inside the screen's available area."""
        area = self._area()
        if area is None:
            return
        self.fit()
        frame = self.frameGeometry()
        x = min(max(frame.x(), area.left()), area.right() + 1 - frame.width())
        y = min(max(frame.y(), area.top()), area.bottom() + 1 - frame.height())
        if (x, y) != (frame.x(), frame.y()):
            self.move(x, y)

    @property
    def current(self) -> Entry | None:
        return self.entries[self.index] if self.entries else None

    def next(self) -> None:
        if self.index + 1 < len(self.entries):
            self.index += 1
            self.render()

    def previous(self) -> None:
        if self.index > 0:
            self.index -= 1
            self.render()

    def _resolved(self, prompt: Prompt | None = None, entry: Entry | None = None) -> None:
        """A prompt (or a whole entry) is settled: take it out of the queue."""
        entry = entry or next((e for e in self.entries if prompt in e.prompts), None)
        if entry is None:
            return
        self.settled.emit([prompt] if prompt is not None else list(entry.prompts))
        if prompt is not None and entry.away and len(entry.prompts) > 1:
            entry.prompts.remove(prompt)
        else:
            position = self.entries.index(entry)
            self.entries.remove(entry)
            if position < self.index or self.index >= len(self.entries):
                self.index = max(0, self.index - 1)
        if not self.entries:
            self.hide()
            return
        self.render()

    def follow_changes(self) -> None:
        """Requests changed elsewhere (a colleague's answer, another program): a prompt whose
        reason is gone leaves the queue, its notification with it; one that stands shows its
        request as it is now."""
        core = self.controller.core
        for entry in list(self.entries):
            for prompt in list(entry.prompts):
                standing = core.standing(prompt)
                if standing is None:
                    self._resolved(prompt)
                elif entry in self.entries:
                    entry.prompts[entry.prompts.index(prompt)] = standing
        if self.entries and self.isVisible():
            self.render()

    # -- rendering -----------------------------------------------------------------------

    def render(self) -> None:
        entry = self.current
        if entry is None:
            return
        self.position_label.setText(self.tr("{n} of {total}").format(n=self.index + 1, total=len(self.entries)))
        self.position_label.setVisible(len(self.entries) > 1)
        self.previous_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index + 1 < len(self.entries))
        self.previous_button.setVisible(len(self.entries) > 1)
        self.next_button.setVisible(len(self.entries) > 1)
        old = self.page
        self.page = QWidget()
        self.layout().replaceWidget(old, self.page)
        old.hide()
        old.setParent(None)
        old.deleteLater()
        self.away_rows = []
        box = QVBoxLayout(self.page)
        box.setContentsMargins(0, 4, 0, 0)
        if entry.digest is not None:
            self._render_digest(entry, box)
        elif entry.away:
            self._render_away(entry, box)
        else:
            self._render_prompt(entry.prompts[0], box)
        self.page.show()
        for label in self.page.findChildren(QLabel):
            label.setWordWrap(True)
        if self.isVisible():
            self.clamp()

    def _set_caption(self, text: str, kind: str = "") -> None:
        self.caption.setText(text)
        self.caption.setProperty("kind", kind)
        self.caption.style().unpolish(self.caption)
        self.caption.style().polish(self.caption)

    def _render_prompt(self, prompt: Prompt, box: QVBoxLayout) -> None:
        self._set_caption(self._caption_for(prompt.kind), prompt.kind.value)
        row = PromptRow(self, prompt, compact=False)
        box.addWidget(row)
        self.prompt_row = row

    def _render_away(self, entry: Entry, box: QVBoxLayout) -> None:
        self._set_caption(self.tr("While you were away"))
        intro = plain_label(self.tr("%n prompt(s) came due while you were away.", "", len(entry.prompts)))
        box.addWidget(intro)
        inner = QWidget()
        rows = QVBoxLayout(inner)
        rows.setContentsMargins(0, 0, 0, 0)
        for prompt in entry.prompts[:AWAY_ROWS]:
            row = PromptRow(self, prompt, compact=True)
            rows.addWidget(row)
            self.away_rows.append(row)
        later = len(entry.prompts) - AWAY_ROWS
        if later > 0:
            rows.addWidget(plain_label(self.tr("%n more come up as you deal with these.", "", later)))
        rows.addStretch(1)
        if len(entry.prompts) > 3:
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidget(inner)
            scroll.setMinimumHeight(320)
            # room for the rows and the scroll bar beside them: no sideways scrolling
            scroll.setMinimumWidth(inner.sizeHint().width() + scroll.verticalScrollBar().sizeHint().width())
            box.addWidget(scroll, 1)
        else:
            box.addWidget(inner)
        if len(entry.prompts) > 1:
            # every one is in the history already; the requests wait in the list
            buttons = QHBoxLayout()
            buttons.addStretch(1)
            self.open_list_button = _button(buttons, self.tr("Request &list"), self.list_requested)
            self.dismiss_button = _button(buttons, self.tr("Dismiss &all"),
                                          lambda: self.dismiss(*entry.prompts))
            box.addLayout(buttons)

    def _render_digest(self, entry: Entry, box: QVBoxLayout) -> None:
        digest = entry.digest
        self._set_caption(digest_title(digest))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.digest_list = None
        if digest.kind == "end_of_week":
            box.addWidget(plain_label(self.tr("The working week is over. See how the promises went: "
                                              "kept, renegotiated, broken, and who to follow up early.")))
            self.summary_button = _button(buttons, self.tr("Open weekly &summary"),
                                          lambda: (self.open_summary.emit(), self._resolved(entry=entry)))
        else:
            core = self.controller.core
            owed = core.still_owed()
            now, zone = core.now(), core.settings.zone
            if not owed:
                box.addWidget(plain_label(self.tr("You owe nobody anything. Well done.")))
            else:
                box.addWidget(plain_label(self.tr("You still owe %n request(s):", "", len(owed))))
                listing = QListWidget()
                listing.setWordWrap(True)
                for request in owed:
                    item = QListWidgetItem(owed_line(request, now, zone))
                    item.setData(Qt.ItemDataRole.UserRole, request.id)
                    listing.addItem(item)
                listing.itemActivated.connect(
                    lambda item: self.open_request.emit(item.data(Qt.ItemDataRole.UserRole)))
                listing.setMaximumHeight(min(240, 28 * len(owed) + 12))
                box.addWidget(listing)
                self.digest_list = listing
                self.open_list_button = _button(buttons, self.tr("&Open"), self._open_digest_item)
        self.dismiss_button = _button(buttons, self.tr("D&ismiss"), lambda: self._resolved(entry=entry))
        box.addLayout(buttons)

    def _open_digest_item(self) -> None:
        listing = self.digest_list
        item = listing.currentItem() or listing.item(0)
        if item is not None:
            self.open_request.emit(item.data(Qt.ItemDataRole.UserRole))

    def _caption_for(self, kind: PromptKind) -> str:
        return {
            PromptKind.RESPOND: self.tr("Reply needed"),
            PromptKind.DUE_SOON: self.tr("Due soon"),
            PromptKind.OVERDUE: self.tr("Promise passed"),
            PromptKind.NUDGE: self.tr("No answer yet"),
            PromptKind.ESCALATE: self.tr("Time to escalate"),
            PromptKind.CHECK_IN: self.tr("Check in"),
            PromptKind.WANTED: self.tr("Wanted soon"),
            PromptKind.REMINDED: self.tr("A reminder"),
        }[kind]

    def contact_of(self, request: Request) -> Person | None:
        contact_id = request.counterpart.escalation_contact_id
        if contact_id is None:
            return None
        try:
            return self.controller.core.person(contact_id)
        except ValueError:  # NotFound: the contact was removed since
            return None

    # -- actions on a prompt -------------------------------------------------------------

    def done(self, prompt: Prompt) -> None:
        if self.controller.attempt(self.controller.core.done, prompt.request.id).ok:
            self._resolved(prompt)

    def dismiss(self, *prompts: Prompt) -> None:
        """Set prompts aside for good; until then they wait here, across restarts."""
        core = self.controller.core
        for prompt in prompts:
            if self.controller.attempt(core.dismiss, prompt.request.id, prompt.key).ok:
                self._resolved(prompt)

    def snooze(self, prompt: Prompt, until: datetime) -> None:
        if self.controller.attempt(self.controller.core.snooze, prompt.request.id, until, prompt.key).ok:
            self._resolved(prompt)

    def accept_their_time(self, prompt: Prompt) -> None:
        """Answer by promising the time they want it by."""
        if self.controller.attempt(self.controller.core.acknowledge, prompt.request.id,
                                   accept=True) is not None:
            self._resolved(prompt)

    def replied(self, prompt: Prompt) -> None:
        if self.controller.attempt(self.controller.core.acknowledge, prompt.request.id).ok:
            self._resolved(prompt)

    def ask_time(self, prompt: Prompt) -> None:
        """Send an ETA, renegotiate my promise, or record their new ETA, as the request needs."""
        core = self.controller.core
        request = core.get(prompt.request.id)
        received = request.direction is Direction.RECEIVED
        answer = request.promised_at is None  # a first ETA answers; a later one renegotiates
        if received and not answer:
            dialog = WhenDialog(self.controller, self.tr("Renegotiate"), label=self.tr("New time"),
                                ask_reason=True, reason_required=True, parent=self)
        elif received:
            dialog = WhenDialog(self.controller, self.tr("Send an ETA"), label=self.tr("ETA"),
                                parent=self)
        else:
            dialog = WhenDialog(self.controller, self.tr("Their ETA") if answer
                                else self.tr("Their new ETA"), label=self.tr("ETA"),
                                ask_reason=not answer, parent=self)

        def apply() -> None:
            if answer:
                done = self.controller.attempt(core.acknowledge, request.id, dialog.when)
            else:
                done = self.controller.attempt(core.promise, request.id, dialog.when, dialog.reason)
            if done.ok:
                self._resolved(prompt)

        self.dialog = dialog
        dialog.accepted.connect(apply)
        dialog.open()

    def draft(self, prompt: Prompt) -> None:
        request = self.controller.core.get(prompt.request.id)
        self.dialog = DraftDialog(self.controller, request, prompt.kind.value, parent=self)
        self.dialog.sent.connect(lambda _how: self._resolved(prompt))
        self.dialog.open()

    def escalate(self, prompt: Prompt) -> None:
        """Escalate in Promptly: the next sync takes it to the asked member's supervisor."""
        if self.controller.attempt(self.controller.core.escalate, prompt.request.id).ok:
            self._resolved(prompt)

    def open_in_list(self, prompt: Prompt) -> None:
        self.open_request.emit(prompt.request.id)


class PromptRow(QFrame):
    """One prompt with its reason and actions: the whole page, or one line of "while you were away"."""

    def __init__(self, window: PromptWindow, prompt: Prompt, compact: bool) -> None:
        super().__init__()
        self.prompt = prompt
        request = prompt.request
        core = window.controller.core
        now, zone = core.now(), core.settings.zone
        if compact:
            self.setObjectName("awayRow")
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 6 if compact else 0, 0, 6 if compact else 0)
        self.title_label = plain_label(breakable(request.title))
        self.title_label.setAccessibleName(request.title)
        self.title_label.setObjectName("promptTitle")
        self.title_label.setWordWrap(True)
        if not compact:
            font = self.title_label.font()
            font.setPointSizeF(font.pointSizeF() * 1.2)
            self.title_label.setFont(font)
        who = self.tr("{who} · asked {time}").format(
            who=who_text(request), time=moment_text(request.asked_at, zone, now))
        if request.priority:
            who += " · " + priority_text(request.priority)
        self.who_label = plain_label(who)
        self.reason_label = plain_label(prompt_reason(prompt, now, zone, window.contact_of(request)))
        self.reason_label.setWordWrap(True)
        box.addWidget(self.title_label)
        if not compact:
            box.addWidget(self.who_label)
        box.addWidget(self.reason_label)

        buttons = FlowLayout()  # a row that wraps: every button stays whole on a narrow screen
        received = request.direction is Direction.RECEIVED
        self.done_button = QPushButton(self.tr("&Done"))
        self.snooze_button = QPushButton(self.tr("&Snooze"))
        self.snooze_menu = SnoozeMenu(window.controller, self)
        self.snooze_menu.chosen.connect(lambda until: window.snooze(prompt, until))
        self.snooze_button.setMenu(self.snooze_menu)
        if received:
            eta_text = self.tr("&Renegotiate…") if request.promised_at else self.tr("Send &ETA…")
        else:
            eta_text = self.tr("New &ETA…") if request.promised_at else self.tr("They &promised…")
        self.eta_button = QPushButton(eta_text)
        self.accept_button = QPushButton(self.tr("&Accept their time"))
        self.accept_button.setToolTip(self.tr("Promise it for the time they want it by"))
        self.accept_button.setVisible(received and request.needed_by is not None
                                      and request.promised_at is None)
        self.replied_button = QPushButton(self.tr("They &replied"))
        self.replied_button.setVisible(not received and request.status is Status.OPEN)
        self.draft_button = QPushButton(self.tr("Dra&ft message…"))
        self.open_button = QPushButton(self.tr("&Open"))
        # team mode: the asked member's supervisor gets it in their own Promptly
        boss = core.escalation_contact(request.id) if prompt.kind is PromptKind.ESCALATE else None
        self.escalate_button = QPushButton(self.tr("Escalate &in Promptly"))
        self.escalate_button.setToolTip(self.tr("{name} sees this request in Promptly until it "
                                                "is closed").format(name=boss or ""))
        self.escalate_button.setVisible(boss is not None)
        self.escalate_button.clicked.connect(lambda: window.escalate(prompt))
        self.dismiss_button = QPushButton(self.tr("Dis&miss"))
        self.dismiss_button.setToolTip(self.tr("Set this prompt aside; the request stays in the list"))
        self.dismiss_button.clicked.connect(lambda: window.dismiss(prompt))
        self.done_button.clicked.connect(lambda: window.done(prompt))
        self.accept_button.clicked.connect(lambda: window.accept_their_time(prompt))
        self.eta_button.clicked.connect(lambda: window.ask_time(prompt))
        self.replied_button.clicked.connect(lambda: window.replied(prompt))
        self.draft_button.clicked.connect(lambda: window.draft(prompt))
        self.open_button.clicked.connect(lambda: window.open_in_list(prompt))
        order = [self.done_button, self.snooze_button, self.accept_button, self.eta_button,
                 self.replied_button, self.draft_button, self.escalate_button, self.open_button,
                 self.dismiss_button]
        if prompt.kind in (PromptKind.RESPOND, PromptKind.WANTED, PromptKind.REMINDED):
            order.insert(0, order.pop(order.index(self.accept_button)))  # answering is the point
        if prompt.kind in (PromptKind.NUDGE, PromptKind.ESCALATE, PromptKind.CHECK_IN):
            order.insert(0, order.pop(order.index(self.draft_button)))  # the follow-up is the point
        if boss is not None:
            order.insert(0, order.pop(order.index(self.escalate_button)))
        for button in order:
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            if compact:
                button.setFlat(True)
            buttons.addWidget(button)
        box.addLayout(buttons)
