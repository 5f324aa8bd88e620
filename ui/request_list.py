"""The request list window: filters, urgency order, live countdowns, a request's history, and
every action on a request from the toolbar, the context menu or the keyboard."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QItemSelectionModel, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QHideEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.countdown import refresh_after
from app.domain.model import OPEN_STATUSES, Direction, Request, Status
from app.drafts import suggested_kind
from ui.controller import Controller
from ui.exchange_menu import ExchangeMenu
from ui.placement import fit_on_screen, restore_geometry, save_geometry
from ui.dialogs import DraftDialog, EditDialog, SnoozeMenu, WhenDialog, plain_label
from ui.request_model import (
    DIRECTION_ALL,
    DUE,
    STATE_ALL,
    STATE_DONE,
    STATE_OPEN,
    STATE_OVERDUE,
    STATUS,
    TAGS,
    WHAT,
    WHO,
    RequestFilterProxy,
    RequestTableModel,
)
from ui.wording import event_text, moment_text, priority_text, status_text

SETTINGS_GROUP = "RequestList"
MAX_REFRESH = timedelta(minutes=1)


def app_settings() -> QSettings:
    return QSettings("Promptly", "Promptly")


class RequestListWindow(QMainWindow):
    def __init__(self, controller: Controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.dialog = None  # the dialog an action opened, while it is open
        self._undo_id: int | None = None
        self._loaded = False
        self._with_closed = False
        self.setWindowTitle(self.tr("Promptly — Requests"))

        self.model = RequestTableModel(self)
        self.proxy = RequestFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self._build_filters()
        self._build_table()
        self._build_detail()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self._build_actions()
        self.exchange = ExchangeMenu(self, controller)
        self._build_status_bar()

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.tick)
        self.table.verticalScrollBar().valueChanged.connect(self._arm_timer)
        controller.changed.connect(self._on_changed)
        controller.error.connect(self._show_error)
        self._restore_settings()
        self._update_actions()

    # -- building ------------------------------------------------------------------------

    def _build_filters(self) -> None:
        self.filter_bar = QWidget()
        row = QHBoxLayout(self.filter_bar)
        row.setContentsMargins(0, 0, 0, 0)
        self.direction_box = QComboBox()
        self.direction_box.addItem(self.tr("All requests"), DIRECTION_ALL)
        self.direction_box.addItem(self.tr("Received: I owe"), Direction.RECEIVED.value)
        self.direction_box.addItem(self.tr("Made: owed to me"), Direction.MADE.value)
        self.direction_box.setAccessibleName(self.tr("Direction"))
        self.state_box = QComboBox()
        self.state_box.addItem(self.tr("Open"), STATE_OPEN)
        self.state_box.addItem(self.tr("Overdue"), STATE_OVERDUE)
        self.state_box.addItem(self.tr("Done or cancelled"), STATE_DONE)
        self.state_box.addItem(self.tr("Any state"), STATE_ALL)
        self.state_box.setAccessibleName(self.tr("State"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search title, person, #tag  (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search"))
        self.count_label = plain_label()
        row.addWidget(self.direction_box)
        row.addWidget(self.state_box)
        row.addWidget(self.search, 1)
        row.addWidget(self.count_label)
        self.direction_box.currentIndexChanged.connect(self._filters_changed)
        self.state_box.currentIndexChanged.connect(self._filters_changed)
        self.search.textChanged.connect(self._filters_changed)

    def _build_table(self) -> None:
        table = self.table = QTableView()
        table.setModel(self.proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.verticalHeader().hide()
        # Tab goes on to the filters and the search box; arrows (and Ctrl+Tab) move within
        table.setTabKeyNavigation(False)
        # Uniform rows: the view never measures 10,000 of them.
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(WHAT, QHeaderView.ResizeMode.Stretch)  # no sideways scrolling
        header.setStretchLastSection(False)
        header.moveSection(header.visualIndex(DUE), 1)  # next to who: the last to scroll out of a narrow window
        header.setHighlightSections(False)
        header.setSortIndicatorShown(False)
        header.sectionClicked.connect(self._header_clicked)
        # wide enough for the longest words each column shows, in this font and language
        metrics = table.fontMetrics()
        for column, sample in ((WHO, self.tr("Dana Example owes me")), (STATUS, self.tr("awaiting reply")),
                               (DUE, self.tr("reply overdue 20 min")), (TAGS, "#billing #legal")):
            table.setColumnWidth(column, metrics.horizontalAdvance(sample) + 24)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._context_menu)
        table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())

    def _build_detail(self) -> None:
        self.detail = QWidget()
        box = QVBoxLayout(self.detail)
        box.setContentsMargins(8, 0, 0, 0)
        self.detail_title = plain_label()
        self.detail_title.setWordWrap(True)
        font = self.detail_title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.detail_title.setFont(font)
        self.detail_facts = plain_label()
        self.detail_facts.setWordWrap(True)
        self.detail_facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_facts.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.open_mail_button = QPushButton(self.tr("Open in mail client"))
        self.open_mail_button.setObjectName("openMail")
        self.open_mail_button.clicked.connect(self.open_in_mail_client)
        self.open_mail_button.hide()
        history_caption = plain_label(self.tr("History"))
        caption_font = history_caption.font()
        caption_font.setBold(True)
        history_caption.setFont(caption_font)
        self.history = QPlainTextEdit()
        self.history.setReadOnly(True)
        self.history.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.history.setAccessibleName(self.tr("History"))
        box.addWidget(self.detail_title)
        box.addWidget(self.detail_facts)
        box.addWidget(self.open_mail_button, 0, Qt.AlignmentFlag.AlignLeft)
        box.addWidget(history_caption)
        box.addWidget(self.history, 1)

    def _action(self, text: str, shortcut: QKeySequence | str | None, slot, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(f"{tip or text.replace('&', '').rstrip('…')} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
                          if shortcut else tip or text.replace("&", ""))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.ack_action = self._action(self.tr("&Acknowledge…"), "Ctrl+E", self.acknowledge,
                                       self.tr("Answer with an ETA"))
        self.accept_action = self._action(self.tr("Accept their &time"), "Ctrl+T",
                                          self.accept_their_time,
                                          self.tr("Promise the time they want it by"))
        self.renegotiate_action = self._action(self.tr("&Renegotiate…"), "Ctrl+R", self.renegotiate,
                                               self.tr("Move the promise, with a reason"))
        self.done_action = self._action(self.tr("&Done"), "Ctrl+D", self.done)
        self.snooze_menu = SnoozeMenu(self.controller, self)
        self.snooze_menu.chosen.connect(self._snooze_until)
        self.snooze_action = self._action(self.tr("&Snooze"), "Ctrl+S", self._show_snooze_menu)
        self.snooze_action.setMenu(self.snooze_menu)
        self.draft_action = self._action(self.tr("Draft &message…"), "Ctrl+M", self.draft_message)
        self.edit_action = self._action(self.tr("&Edit…"), "F2", self.edit)
        self.cancel_action = self._action(self.tr("&Cancel request…"), QKeySequence.StandardKey.Delete,
                                          self.cancel)
        self.cancel_action.setShortcut(QKeySequence(Qt.Key.Key_Delete))
        self.reopen_action = self._action(self.tr("Re&open"), "Ctrl+Shift+O", self.reopen)
        self.undo_action = self._action(self.tr("&Undo done"), QKeySequence.StandardKey.Undo, self.undo)
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.find_action = self._action(self.tr("&Find"), "Ctrl+F", self._focus_search)
        self.urgency_action = self._action(self.tr("Sort by &urgency"), "Ctrl+U", self.sort_by_urgency)
        self.close_action = self._action(self.tr("&Close window"), QKeySequence.StandardKey.Close, self.close)
        self.close_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Close),
                                        QKeySequence("Ctrl+W"), QKeySequence(Qt.Key.Key_Escape)])
        self.request_actions = [self.ack_action, self.accept_action, self.renegotiate_action,
                                self.done_action,
                                self.snooze_action, self.draft_action, self.edit_action,
                                self.cancel_action, self.reopen_action]
        toolbar = QToolBar(self.tr("Actions"))
        toolbar.setObjectName("requestActions")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in self.request_actions:
            toolbar.addAction(action)
        snooze_button = toolbar.widgetForAction(self.snooze_action)
        if isinstance(snooze_button, QToolButton):
            snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.addToolBar(toolbar)

    def _build_status_bar(self) -> None:
        self.undo_label = plain_label()
        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_button.setFlat(True)
        self.undo_button.clicked.connect(self.undo)
        self.statusBar().addWidget(self.undo_label)
        self.statusBar().addWidget(self.undo_button)
        self._set_undo(None)

    # -- loading and refreshing ----------------------------------------------------------

    def reload(self) -> None:
        """Reload every request (no history), keeping the selection."""
        selected = self.selected_id()
        core = self.controller.core
        settings = core.settings
        now = core.now()
        # Closed requests pile up for years: load them only when a filter can show them.
        self._with_closed = self.proxy.state in (STATE_DONE, STATE_ALL)
        statuses = None if self._with_closed else OPEN_STATUSES
        requests = core.requests(statuses=statuses, with_history=False)
        deadlines = [core.deadline(request) for request in requests]
        self.model.reload(requests, deadlines, now, settings.zone)
        self._loaded = True
        self._update_count()
        if selected is not None:
            self.select(selected)
        self._selection_changed()
        self._arm_timer()

    def _on_changed(self) -> None:
        if self.isVisible():
            self.reload()
        else:
            self._loaded = False  # reload when shown: a hidden window does no work

    def tick(self) -> None:
        """Countdowns move on: repaint that column only, and re-arm for the next change."""
        self.model.set_now(self.controller.core.now())
        if self.proxy.state == STATE_OVERDUE:
            self.proxy.set_filters()  # a request that just became overdue joins the list
            self._update_count()
        self.model.refresh_countdowns()
        self._arm_timer()

    def _visible_rows(self) -> range:
        count = self.proxy.rowCount()
        if count == 0:
            return range(0)
        first = max(self.table.rowAt(0), 0)
        last = self.table.rowAt(self.table.viewport().height() - 1)
        return range(first, (count - 1 if last < 0 else last) + 1)

    def next_refresh(self) -> timedelta:
        """Until the first visible countdown text changes: seconds in a last minute, else minutes."""
        now = self.model.now or self.controller.core.now()
        wait = MAX_REFRESH
        for proxy_row in self._visible_rows():
            source_row = self.proxy.mapToSource(self.proxy.index(proxy_row, 0)).row()
            deadline = self.model.deadline_at(source_row)
            if deadline is not None:
                wait = min(wait, refresh_after(deadline, now))
        return wait

    def _arm_timer(self) -> None:
        if not self.isVisible():
            self.timer.stop()
            return
        self.timer.start(max(1, int(self.next_refresh().total_seconds() * 1000)))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_on_screen(self)
        if not self._loaded:
            self.reload()
        else:
            self.tick()

    def hideEvent(self, event: QHideEvent) -> None:
        self.timer.stop()
        self.save_settings()
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        super().closeEvent(event)

    # -- filters, sorting and selection --------------------------------------------------

    def _filters_changed(self) -> None:
        self.proxy.set_filters(self.direction_box.currentData(), self.state_box.currentData(),
                               self.search.text())
        if self._loaded and not self._with_closed and self.proxy.state in (STATE_DONE, STATE_ALL):
            self.reload()
        self._update_count()
        self._selection_changed()
        self._arm_timer()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(self.tr("%n shown", "", shown) if shown == total
                                 else self.tr("{shown} of {total}").format(shown=shown, total=total))

    def _header_clicked(self, column: int) -> None:
        header = self.table.horizontalHeader()
        order = Qt.SortOrder.AscendingOrder
        if self.proxy.sortColumn() == column and self.proxy.sortOrder() == Qt.SortOrder.AscendingOrder:
            order = Qt.SortOrder.DescendingOrder
        self.proxy.sort(column, order)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(column, order)

    def sort_by_urgency(self) -> None:
        """Back to the model's own order: overdue first, then the nearest deadline."""
        self.proxy.sort(-1)
        self.table.horizontalHeader().setSortIndicatorShown(False)

    def _focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.request_at(self.proxy.mapToSource(rows[0]).row()).id

    def selected_request(self) -> Request | None:
        request_id = self.selected_id()
        if request_id is None:
            return None
        return self.model.request_at(self.model.row_of(request_id))

    def select(self, request_id: int) -> bool:
        source_row = self.model.row_of(request_id)
        if source_row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not index.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        return True

    def open_request(self, request_id: int) -> None:
        """Show the window with this request selected, widening the filters if they hide it."""
        if not self._loaded or self.model.row_of(request_id) is None:
            self.reload()
        if not self.select(request_id):
            self.search.clear()
            self.direction_box.setCurrentIndex(self.direction_box.findData(DIRECTION_ALL))
            self.state_box.setCurrentIndex(self.state_box.findData(STATE_ALL))
            self.select(request_id)
        self.show()
        self.raise_()
        self.activateWindow()
        self.table.setFocus()

    def _selection_changed(self) -> None:
        self._update_actions()
        self._show_detail()

    def _update_actions(self) -> None:
        request = self.selected_request()
        for action in self.request_actions:
            action.setEnabled(request is not None)
        if request is None:
            return
        closed = request.is_closed
        self.ack_action.setEnabled(request.status is Status.OPEN)
        self.accept_action.setEnabled(request.direction is Direction.RECEIVED and not closed
                                      and request.needed_by is not None
                                      and request.promised_at is None)
        self.renegotiate_action.setEnabled(not closed)
        self.done_action.setEnabled(not closed)
        self.snooze_action.setEnabled(not closed)
        self.cancel_action.setEnabled(not closed)
        self.reopen_action.setEnabled(closed)
        self.ack_action.setText(self.tr("&Acknowledge…") if request.direction is Direction.RECEIVED
                                else self.tr("They &replied…"))

    def _show_detail(self) -> None:
        request_id = self.selected_id()
        self.open_mail_button.hide()
        if request_id is None:
            self.detail_title.setText(self.tr("No request selected"))
            self.detail_facts.setText("")
            self.history.setPlainText("")
            return
        core = self.controller.core
        request = core.get(request_id)  # with its history: only the selected one pays for it
        zone = core.settings.zone
        now = core.now()
        self.detail_title.setText(request.title)
        facts = [
            (self.tr("{name} asked me on {time}") if request.direction is Direction.RECEIVED
             else self.tr("I asked {name} on {time}")).format(
                name=request.counterpart.name, time=moment_text(request.asked_at, zone)),
            self.tr("Status: {status}").format(status=status_text(request, now)),
        ]
        if request.needed_by:
            facts.append(self.tr("Wanted by {time}").format(time=moment_text(request.needed_by, zone)))
        due = core.deadline(request)
        if due is not None and due.kind == "reply":
            facts.append(self.tr("Reply by {time}").format(time=moment_text(due.at, zone)))
        if request.promised_at:
            facts.append(self.tr("Promised for {time}").format(time=moment_text(request.promised_at, zone)))
            if request.original_promise and request.original_promise != request.promised_at:
                facts.append(self.tr("First promised for {time}").format(
                    time=moment_text(request.original_promise, zone)))
        if request.tags:
            facts.append(self.tr("Tags: {tags}").format(tags=" ".join("#" + t for t in request.tags)))
        if request.priority:
            facts.append(self.tr("Priority: {level}").format(level=priority_text(request.priority)))
        if request.channel == "mail":
            facts.append(self.tr("From mail: {message}").format(message=request.link))
            self.open_mail_button.setVisible(self._mail_url(request) is not None)
        elif request.link:
            facts.append(self.tr("Link: {link}").format(link=request.link))
        if request.details:
            facts.append("")
            facts.append(request.details)
        self.detail_facts.setText("\n".join(facts))
        lines = [f"{moment_text(e.at, zone)}  ·  {event_text(e, request, zone)}"
                 for e in request.history]
        self.history.setPlainText("\n".join(lines))

    @staticmethod
    def _mail_url(request: Request) -> str | None:
        import sys

        from app.capture.message import message_url

        return message_url(request.link, sys.platform) if request.channel == "mail" else None

    def open_in_mail_client(self) -> bool:
        """Open the captured message where the platform has a way (mid:, or message: on macOS)."""
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        request_id = self.selected_id()
        url = self._mail_url(self.controller.core.get(request_id)) if request_id else None
        if url and QDesktopServices.openUrl(QUrl.fromEncoded(url.encode("ascii"))):
            return True
        self.detail_facts.setText(self.detail_facts.text() + "\n\n" + self.tr(
            "No mail client here opens messages by their id; search your mail for the title."))
        return False

    def _context_menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        menu = QMenu(self)
        for action in self.request_actions:
            if action is self.snooze_action:
                menu.addMenu(self.snooze_menu)
            else:
                menu.addAction(action)
        menu.popup(self.table.viewport().mapToGlobal(pos))
        self.context_menu = menu

    # -- actions -------------------------------------------------------------------------

    def _run(self, operation, *args, **kwargs):
        return self.controller.attempt(operation, *args, **kwargs)

    def _open_dialog(self, dialog, on_accept) -> None:
        self.dialog = dialog
        dialog.accepted.connect(on_accept)
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        dialog.open()

    def acknowledge(self) -> None:
        request = self.selected_request()
        if request is None or request.status is not Status.OPEN:
            return
        received = request.direction is Direction.RECEIVED
        dialog = WhenDialog(self.controller,
                            self.tr("Answer with an ETA") if received else self.tr("They replied"),
                            label=self.tr("ETA"), parent=self)
        self._open_dialog(dialog, lambda: self._run(self.controller.core.acknowledge, request.id, dialog.when))

    def accept_their_time(self) -> None:
        """Promise the time they want it by: the first answer, with their time as the ETA."""
        request = self.selected_request()
        if request is None or request.is_closed or request.needed_by is None:
            return
        self._run(self.controller.core.acknowledge, request.id, accept=True)

    def renegotiate(self) -> None:
        request = self.selected_request()
        if request is None or request.is_closed:
            return
        promised = request.promised_at is not None
        dialog = WhenDialog(self.controller, self.tr("Renegotiate") if promised else self.tr("Promise"),
                            label=self.tr("New time"), ask_reason=True, reason_required=promised,
                            parent=self)
        self._open_dialog(dialog, lambda: self._run(self.controller.core.promise, request.id,
                                                    dialog.when, dialog.reason))

    def done(self) -> None:
        request = self.selected_request()
        if request is None or request.is_closed:
            return
        if self._run(self.controller.core.done, request.id).ok:
            self._set_undo(request)

    def cancel(self) -> None:
        request = self.selected_request()
        if request is None or request.is_closed:
            return
        dialog = WhenDialog(self.controller, self.tr("Cancel request"), label="", ask_when=False,
                            ask_reason=True, parent=self)
        self._open_dialog(dialog, lambda: self._run(self.controller.core.cancel, request.id, dialog.reason))

    def reopen(self) -> None:
        request = self.selected_request()
        if request is not None and request.is_closed:
            self._run(self.controller.core.reopen, request.id)

    def _show_snooze_menu(self) -> None:
        if self.selected_request() is None:
            return
        rect = self.table.visualRect(self.table.selectionModel().currentIndex())
        self.snooze_menu.popup(self.table.viewport().mapToGlobal(rect.bottomLeft()))

    def _snooze_until(self, until: datetime) -> None:
        request = self.selected_request()
        if request is not None:
            self._run(self.controller.core.snooze, request.id, until)

    def draft_message(self) -> None:
        request_id = self.selected_id()
        if request_id is None:
            return
        core = self.controller.core
        request = core.get(request_id)
        self.dialog = DraftDialog(self.controller, request, suggested_kind(request, core.now()), parent=self)
        self.dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        self.dialog.open()

    def edit(self) -> None:
        request_id = self.selected_id()
        if request_id is None:
            return
        # the dialog saves itself, so that a refusal is shown in it with nothing lost
        self._open_dialog(EditDialog(self.controller, self.controller.core.get(request_id), parent=self),
                          lambda: None)

    # -- undo ----------------------------------------------------------------------------

    def _set_undo(self, request: Request | None) -> None:
        self._undo_id = request.id if request else None
        self.undo_action.setEnabled(request is not None)
        self.undo_button.setVisible(request is not None)
        self.undo_label.setText(self.tr("Done: {title}").format(title=request.title) if request else "")

    def undo(self) -> None:
        if self._undo_id is None:
            return
        request_id = self._undo_id
        self._set_undo(None)
        self._run(self.controller.core.reopen, request_id)

    def _show_error(self, message: str) -> None:
        if self.isVisible():
            self.statusBar().showMessage(message, 15000)

    # -- remembered state ----------------------------------------------------------------

    def save_settings(self) -> None:
        settings = app_settings()
        settings.beginGroup(SETTINGS_GROUP)
        save_geometry(self, settings, "geometry")
        settings.setValue("splitter", self.splitter.saveState())
        settings.setValue("columns", self.table.horizontalHeader().saveState())
        settings.setValue("direction", self.direction_box.currentData())
        settings.setValue("state", self.state_box.currentData())
        settings.endGroup()

    def _restore_settings(self) -> None:
        settings = app_settings()
        settings.beginGroup(SETTINGS_GROUP)
        restore_geometry(self, settings, "geometry", QSize(1000, 560))
        if settings.contains("splitter"):
            self.splitter.restoreState(settings.value("splitter"))
        else:
            self.splitter.setSizes([640, 360])
        if settings.contains("columns"):
            self.table.horizontalHeader().restoreState(settings.value("columns"))
        for box, key in ((self.direction_box, "direction"), (self.state_box, "state")):
            index = box.findData(settings.value(key))
            if index >= 0:
                box.setCurrentIndex(index)
        settings.endGroup()
        self._filters_changed()
