"""The request list's model and filter.

One flat table model over plain domain objects (no history: that is loaded for the selected
request only). Rows are kept in urgency order (overdue first, then the nearest respond-by or
promise or wanted time, closed ones last), so the proxy shows that order without sorting in Python; clicking a
header sorts by a precomputed key. Everything `data()` needs is computed once per reload, so
scrolling 10,000 rows costs a dictionary lookup per cell.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from app.domain.model import Request, Status
from app.policy.ladder import Deadline
from ui.wording import deadline_countdown, due_text, moment_text, priority_text, promised_text, who_text

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

WHO, WHAT, STATUS, DUE, TAGS = range(5)
COLUMNS = 5
# SLA colours: past the deadline, and within its last hour.
OVERDUE_BRUSH = QBrush(QColor("#c62828"))
SOON_BRUSH = QBrush(QColor("#b26a00"))
SOON = 3600.0

STATE_OPEN, STATE_OVERDUE, STATE_DONE, STATE_ALL = "open", "overdue", "done", "all"
DIRECTION_ALL = "all"

_STATUS_ORDER = {Status.OPEN: 0, Status.ACKNOWLEDGED: 1, Status.PROMISED: 2, Status.DONE: 3,
                 Status.CANCELLED: 4}


def _tr(text: str) -> str:
    return QCoreApplication.translate("RequestModel", text)


class _Row:
    """What the view asks about one request: cheap fields now, formatted text on first paint."""

    __slots__ = ("request", "id", "who", "tags", "deadline", "due_ts", "haystack", "_closed_text")

    def __init__(self, request: Request, deadline: Deadline | None) -> None:
        self.request = request
        self.id = request.id
        name = request.counterpart.name
        self.who = who_text(request)
        self.tags = " ".join("#" + t for t in request.tags)
        if request.priority:  # visible beside the tags, in the words of every other surface
            self.tags = f"{priority_text(request.priority)} {self.tags}".rstrip()
        self.deadline = deadline
        self.due_ts = deadline.at.timestamp() if deadline is not None else math.inf
        self.haystack = f"{request.title}\n{name}\n{self.tags}".casefold()
        self._closed_text: str | None = None

    def closed_text(self, zone: ZoneInfo) -> str:
        if self._closed_text is None:
            ended = self.request.completed_at or self.request.cancelled_at
            self._closed_text = moment_text(ended, zone) if ended is not None else ""
        return self._closed_text


class RequestTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[_Row] = []
        self._row_of: dict[int, int] = {}
        self.now: datetime | None = None
        self._now_ts = 0.0
        self.zone: ZoneInfo | None = None
        self._headers = [_tr("Who"), _tr("What"), _tr("Status"), _tr("Due"), _tr("Tags")]

    # -- loading -------------------------------------------------------------------------

    def reload(self, requests: Sequence[Request], deadlines: Sequence[Deadline | None],
               now: datetime, zone: ZoneInfo) -> None:
        """Replace every row; `deadlines[i]`: what requests[i] counts down to."""
        rows = [_Row(r, d) for r, d in zip(requests, deadlines)]
        rows.sort(key=lambda row: (row.request.is_closed, row.due_ts, -row.request.priority, row.id))
        self.beginResetModel()
        self.zone = zone
        self._rows = rows
        self._row_of = {row.id: i for i, row in enumerate(rows)}
        self.set_now(now)
        self.endResetModel()

    def set_now(self, now: datetime) -> None:
        self.now = now
        self._now_ts = now.timestamp()

    def refresh_countdowns(self) -> None:
        """Only the countdown column changes with time."""
        if self._rows:
            self.dataChanged.emit(self.index(0, DUE), self.index(len(self._rows) - 1, DUE),
                                  [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole])

    # -- questions -----------------------------------------------------------------------

    def request_at(self, row: int) -> Request:
        return self._rows[row].request

    def row_of(self, request_id: int) -> int | None:
        return self._row_of.get(request_id)

    def deadline_at(self, row: int) -> datetime | None:
        row_ = self._rows[row]
        return None if row_.request.is_closed or row_.deadline is None else row_.deadline.at

    def is_overdue(self, row: int) -> bool:
        return self._rows[row].request.is_overdue(self.now)

    # -- the Qt model --------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == WHAT:
                return row.request.title
            if column == WHO:
                return row.who
            if column == DUE:
                return self._due_text(row)
            if column == STATUS:
                return promised_text(row.request, self.zone, self.now)
            return row.tags
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == DUE and row.deadline is not None and not row.request.is_closed:
                left = row.due_ts - self._now_ts
                if left <= 0:
                    return OVERDUE_BRUSH
                if left <= SOON:
                    return SOON_BRUSH
            return None
        if role == ID_ROLE:
            return row.id
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == WHAT:
                return row.request.title
            if column == DUE and row.deadline is not None and self.zone is not None:
                return due_text(row.deadline, self.zone, self.now)
        return None

    def _due_text(self, row: _Row) -> str:
        if row.request.is_closed:
            return row.closed_text(self.zone)
        if row.deadline is None:
            return ""
        return deadline_countdown(row.deadline.kind, row.deadline.at, self.now)

    @staticmethod
    def _sort_key(row: _Row, column: int):
        if column == WHO:
            return row.request.counterpart.name.casefold()
        if column == WHAT:
            return row.request.title.casefold()
        if column == STATUS:
            return _STATUS_ORDER[row.request.status]
        if column == DUE:
            return row.due_ts if not row.request.is_closed else math.inf
        return row.tags


class RequestFilterProxy(QSortFilterProxyModel):
    """Received / Made / All, Open / Overdue / Done / All, and a search over title, person, tags."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.direction: str = DIRECTION_ALL
        self.state: str = STATE_OPEN
        self.needle: str = ""
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(False)  # rows change only on reload; re-filtering per edit costs

    def set_filters(self, direction: str | None = None, state: str | None = None,
                    needle: str | None = None) -> None:
        if direction is not None:
            self.direction = direction
        if state is not None:
            self.state = state
        if needle is not None:
            self.needle = needle.strip().casefold()
        self.beginFilterChange()
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model: RequestTableModel = self.sourceModel()
        row = model._rows[source_row]
        request = row.request
        if self.direction != DIRECTION_ALL and request.direction.value != self.direction:
            return False
        state = self.state
        if state == STATE_OPEN and request.is_closed:
            return False
        if state == STATE_DONE and not request.is_closed:
            return False
        if state == STATE_OVERDUE and not model.is_overdue(source_row):
            return False
        return not self.needle or self.needle in row.haystack
