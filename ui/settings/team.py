"""Team: join a team's server, or leave it. The password goes to the system keyring only; the
connection test and joining talk to the server on a worker thread, so the window never waits.
Before joining, the page counts which of my requests the team will share (done and cancelled
ones too, with their history) and which stay personal, by the rule the first sync pushes by."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import quote

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLineEdit, QMessageBox, QPushButton

from app.domain.model import Request
from app.secrets import Secrets, SecretsUnavailable
from app.settings import Settings
from ui.background import Background
from ui.controller import Controller
from ui.mail_sender import keyring_note
from ui.settings.page import SettingsPage, note, plain
from ui.tray import short
from ui.wording import status_text, who_text

if TYPE_CHECKING:
    from app.team.sync import JoinPreview

EXAMPLES = 3  # titles shown of each kind; the rest are counted


class TeamPage(SettingsPage):
    key = "team"

    def __init__(self, controller: Controller, secrets: Secrets) -> None:
        super().__init__(controller, self.tr("Team"), self.tr(
            "With a team's server, a request between you and a colleague exists once: you both "
            "see it, and her answer reaches you. Works offline; changes wait and go when the "
            "server is back."))
        self.secrets = secrets
        self.job = Background(self)
        form = QFormLayout()
        self.box.addLayout(form)
        self.address = QLineEdit()
        self.address.setPlaceholderText("db.example.org:5432/promptly")
        self.login = QLineEdit()
        self.login.setPlaceholderText("dana")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("given by your administrator"))
        form.addRow(self.tr("Server address"), self.address)
        form.addRow(self.tr("Login"), self.login)
        form.addRow(self.tr("Password"), self.password)
        self.keyring_label = plain()
        form.addRow("", self.keyring_label)
        row = QHBoxLayout()
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.clicked.connect(self.test_connection)
        self.join_button = QPushButton(self.tr("Join"))
        self.join_button.clicked.connect(self.join)
        self.leave_button = QPushButton(self.tr("Leave"))
        self.leave_button.clicked.connect(self.leave)
        for button in (self.test_button, self.join_button, self.leave_button):
            row.addWidget(button)
        row.addStretch(1)
        self.box.addLayout(row)
        self.note = plain()
        self.note.setObjectName("teamNote")
        self.box.addWidget(self.note)
        self.preview = plain()  # after a connection test: what joining would share
        self.preview.setObjectName("teamPreview")
        self.box.addWidget(self.preview)
        self.membership = plain()
        self.membership.setObjectName("teamMembership")
        self.box.addWidget(self.membership)
        heading = plain(self.tr("What is shared"))
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        self.box.addWidget(heading)
        self.box.addWidget(plain(self.shared_text()))
        self.finish()

    def shared_text(self) -> str:
        return self.tr(
            "Shared with the team: requests between you and a member — title, tags, priority, "
            "when asked and wanted by — and what happens to them: answers, ETAs, new times with "
            "their reason, notes, done, cancelled, escalations.\n"
            "Stays on this computer: requests with anyone outside the team, a request's details "
            "and link, your prompts, snoozes, drafts and pauses, your settings and weekly figures.")

    def preview_text(self, preview: JoinPreview) -> str:
        """How many of my requests joining shares (done and cancelled ones too, as the sync does)
        and how many stay personal, with a few of each, open ones first: plain text (titles are
        user text)."""
        now = self.core.now()

        def examples(requests: list[Request]) -> list[str]:
            lines = [f"  • {who_text(r)} · {short(r.title)}"
                     + (f" · {status_text(r, now)}" if r.is_closed else "")
                     for r in sorted(requests, key=lambda r: r.is_closed)[:EXAMPLES]]
            if len(requests) > EXAMPLES:
                lines.append("  • " + self.tr("and %n more", "", len(requests) - EXAMPLES))
            return lines

        shared, personal = preview.shared, preview.personal
        if not shared and not personal:
            return self.tr("You have no requests: joining shares nothing yet.")
        closed = sum(r.is_closed for r in shared)
        if closed:
            lines = [self.tr("Joining shares %n requests with team members ({closed} done or "
                             "cancelled):", "", len(shared)).format(closed=closed),
                     *examples(shared)]
        elif shared:
            lines = [self.tr("Joining shares %n requests with team members:", "", len(shared)),
                     *examples(shared)]
        else:
            lines = [self.tr("None of your requests is with a team member: joining shares none "
                             "of them.")]
        if personal:
            lines += [self.tr("%n requests stay personal, with people outside the team:", "",
                              len(personal)), *examples(personal)]
        else:
            lines.append(self.tr("None stays personal: each of your requests is with a team "
                                 "member."))
        return "\n".join(lines)

    # -- showing -------------------------------------------------------------------------

    def load(self, settings: Settings) -> None:
        self.show_membership()
        state = self.secrets.state()
        self.keyring_label.setText("" if state.usable else self.tr(
            "No usable system keyring: the password is not saved, and Promptly asks for it "
            "when it starts (the tray menu says “Team: password needed”)."))

    def show_membership(self) -> None:
        state = self.core.team_state()
        joined = bool(state)
        for widget in (self.address, self.login, self.password, self.join_button):
            widget.setEnabled(not joined)
        self.leave_button.setEnabled(joined)
        if joined:
            self.preview.clear()  # said before joining; the list shows what is shared now
            self.address.setText(state["server"])
            self.login.setText(state["member"])
            self.membership.setText(self.tr("This Promptly is in the team on {server} as {login}.")
                                    .format(server=state["server"], login=state["member"]))
        else:
            self.membership.setText(self.tr("This Promptly is not in a team."))

    def url(self) -> str:
        """postgresql://LOGIN@ADDRESS from the fields (no password in it)."""
        address = self.address.text().strip()
        for scheme in ("postgresql://", "postgres://"):
            if address.startswith(scheme):
                address = address[len(scheme):]
        address = address.split("@")[-1]
        return f"postgresql://{quote(self.login.text().strip())}@{address}"

    # -- the server, off the GUI thread ----------------------------------------------------

    def _password(self) -> str | None:
        return self.password.text() or None  # else the keyring's, found by app.team.sync

    def _busy(self, busy: bool, text: str = "") -> None:
        for button in (self.test_button, self.join_button):
            button.setEnabled(not busy and not self.core.team_state())
        if busy:
            note(self.note, text, ok=True)

    def _start(self, work: Callable[[], object], finish: Callable[[object, object], None],
               text: str) -> bool:
        from app.team.server import Address, TeamError

        try:
            Address.parse(self.url())
        except TeamError as exc:
            note(self.note, str(exc), ok=False)
            return False
        if not self.job.run(work, lambda value, error: (self._busy(False), finish(value, error)),
                            name="promptly-team-page"):
            return False
        self._busy(True, text)
        return True

    def _preview(self, url: str, members, error) -> JoinPreview | None:
        """What joining would share, for the members fetched; None, said on the page, when the
        server could not be asked or the login is not an active member."""
        from app.team import sync

        self.preview.clear()
        if error is None:
            try:
                return sync.join_preview(self.core, url, members)
            except Exception as exc:  # noqa: BLE001 - a TeamError: said on the page
                error = exc
        note(self.note, _error_text(error), ok=False)
        return None

    def test_connection(self) -> bool:
        from app.team import sync

        url, password = self.url(), self._password()
        return self._start(lambda: sync.fetch_members(url, password),
                           lambda members, error: self._tested(url, members, error),
                           self.tr("Connecting…"))

    def _tested(self, url: str, members, error) -> None:
        preview = self._preview(url, members, error)
        if preview is None:
            return
        names = ", ".join(m.name for m in members if m.active)
        note(self.note, self.tr("Connected. Members: {names}").format(names=names), ok=True)
        if not self.core.team_state():
            self.preview.setText(self.preview_text(preview))

    def join(self) -> bool:
        """Fetch the members (off the GUI thread), ask with the counts in the question, then
        join with the members fetched."""
        from app.team import sync

        url, password = self.url(), self._password()
        return self._start(lambda: sync.fetch_members(url, password),
                           lambda members, error: self._confirm(url, password, members, error),
                           self.tr("Connecting…"))

    def _confirm(self, url: str, password: str | None, members, error) -> None:
        preview = self._preview(url, members, error)
        if preview is None:
            return
        text = self.preview_text(preview)
        self.preview.setText(text)
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Join the team?"),
                          text + "\n\n" + self.shared_text(), QMessageBox.StandardButton.Cancel, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.addButton(self.tr("Join"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        if self._cancelled(box):
            note(self.note, self.tr("Not joined; nothing was sent."), ok=True)
            return
        self._joined(url, password, members)

    def _cancelled(self, box: QMessageBox) -> bool:
        """Asked in a step of its own, so tests answer it."""
        box.exec()
        return box.buttonRole(box.clickedButton()) != QMessageBox.ButtonRole.AcceptRole

    def _joined(self, url: str, password: str | None, members) -> None:
        from app.team import sync

        try:
            me = sync.join(self.core, url, password, team=members)
        except Exception as exc:  # noqa: BLE001 - a TeamError: said on the page
            note(self.note, _error_text(exc), ok=False)
            return
        text = self.tr("Joined as {name}.").format(name=me.name)
        if password:
            try:
                sync.save_password(url, password)
                text += " " + self.tr("The password is in the system keyring.")
            except SecretsUnavailable as exc:
                text += " " + keyring_note(exc)
        self.password.clear()
        note(self.note, text, ok=True)
        self.show_membership()
        self.controller.changed.emit()  # the tray app starts syncing

    def leave(self) -> bool:
        from app.team import sync

        answer = QMessageBox.question(self, self.tr("Leave the team?"), self.tr(
            "Shared requests stay on this computer as your own; changes are no longer sent "
            "or received."))
        if answer != QMessageBox.StandardButton.Yes:
            return False
        state = self.core.team_state()
        sync.leave(self.core)
        try:
            sync.forget_password(state["url"])
        except SecretsUnavailable:
            pass  # nothing was stored there
        note(self.note, self.tr("Left the team."), ok=True)
        self.show_membership()
        self.controller.changed.emit()
        return True


def _error_text(error: BaseException) -> str:
    from app.team.server import TeamError

    if isinstance(error, TeamError):
        return str(error)[:1].upper() + str(error)[1:] + "."
    return str(error) or type(error).__name__
