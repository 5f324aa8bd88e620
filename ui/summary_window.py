"""The weekly summary window: headline cards with the change against last week, a per-day
chart, an 8-week trend, the two waiting lists, and export (PDF, CSV, text).

Imported only when the window first opens: it pulls in Qt's chart module, which the tray app
must not load at start-up.
"""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import QSettings, QSize, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QImage, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.summary import IsoWeek, Summary, SummaryError, weekly_summary
from ui.colours import ERROR, text_style
from ui.dialogs import close_keys, plain_label
from ui.files import ask_save_path
from ui.placement import fit_on_screen, restore_geometry, save_geometry, scrolling
from ui.summary_export import (
    as_text,
    duration,
    lateness,
    percent,
    promises_text,
    team_line,
    week_title,
    wishes_text,
    write_csv,
    write_pdf,
    write_team_csv,
)
from ui.wording import moment_text

GEOMETRY_KEY = "summary/geometry"
RATE_AXIS_TOP = 108
RECEIVED_COLOUR, MADE_COLOUR, DONE_COLOUR = QColor("#4e79a7"), QColor("#f28e2b"), QColor("#59a14f")
KEPT_COLOUR, ON_TIME_COLOUR = QColor("#59a14f"), QColor("#4e79a7")


class Card(QFrame):
    """One headline figure: a caption, the value, and the change against last week."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(2)
        self.caption = plain_label(caption)
        self.caption.setStyleSheet("color: palette(mid);")
        self.value = plain_label()
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.value.setFont(font)
        self.change = plain_label()
        for label in (self.caption, self.value, self.change):
            layout.addWidget(label)

    def set(self, value: str, change: str = "", good: bool | None = None) -> None:
        self.value.setText(value)
        self.change.setText(change)
        colour = {True: "#2e7d32", False: "#c62828"}.get(good, "palette(mid)")
        self.change.setStyleSheet(f"color: {colour};")


class SummaryWindow(QWidget):
    open_request = Signal(int)
    request_requested = Signal(int)  # the shell's name for the same wish

    def __init__(self, controller, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.controller = controller
        self.core = controller.core
        self.week: IsoWeek | None = None
        self.summary: Summary | None = None
        self.setWindowTitle(self.tr("Weekly summary"))
        self._build()
        settings = QSettings("Promptly", "Promptly")
        restore_geometry(self, settings, GEOMETRY_KEY, QSize(1000, 760))
        controller.changed.connect(self._refresh_if_visible)

    # -- building -----------------------------------------------------------------------

    def _build(self) -> None:
        content = QWidget()
        root = QVBoxLayout(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolling(content))  # at a large scale factor the week scrolls
        bar = QHBoxLayout()
        self.previous_button = QPushButton(self.tr("◀ Previous week"))
        self.today_button = QPushButton(self.tr("This week"))
        self.next_button = QPushButton(self.tr("Next week ▶"))
        self.previous_button.setToolTip(self.tr("Alt+Left"))
        self.today_button.setToolTip(self.tr("Home"))
        self.next_button.setToolTip(self.tr("Alt+Right"))
        self.title = plain_label()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bar.addWidget(self.previous_button)
        bar.addWidget(self.title, 1)
        bar.addWidget(self.today_button)
        bar.addWidget(self.next_button)
        root.addLayout(bar)
        self.previous_button.clicked.connect(lambda: self._go(-1))
        self.next_button.clicked.connect(lambda: self._go(1))
        self.today_button.clicked.connect(lambda: self.show_week())
        for keys, action in ((QKeySequence("Alt+Left"), lambda: self._go(-1)),
                             (QKeySequence("Alt+Right"), lambda: self._go(1)),
                             (QKeySequence(Qt.Key.Key_Home), lambda: self.show_week())):
            QShortcut(keys, self, action)
        close_keys(self)

        self.message = plain_label()
        self.message.setStyleSheet(text_style(self.message, ERROR))  # readable on dark palettes too
        self.message.hide()
        root.addWidget(self.message)

        cards = QGridLayout()
        self.cards = {
            "mine": Card(self.tr("My promises")),
            "on_time": Card(self.tr("Answered on time")),
            "response": Card(self.tr("Median time to answer")),
            "theirs": Card(self.tr("Their promises")),
            "received": Card(self.tr("Received")),
            "made": Card(self.tr("Made")),
            "open": Card(self.tr("Open at the end of the week")),
            "wanted": Card(self.tr("Delivered when wanted")),
        }
        for index, card in enumerate(self.cards.values()):
            cards.addWidget(card, index // 4, index % 4)
        root.addLayout(cards)
        # team mode: my department's totals (server-side, never one member's figures)
        self.team_label = plain_label()
        self.team_label.setObjectName("summaryTeam")
        self.team_label.setWordWrap(True)
        self.team_label.hide()
        root.addWidget(self.team_label)

        charts = QHBoxLayout()
        self.day_chart = self._chart_view(self.tr("Per day"))
        self.trend_chart = self._chart_view(self.tr("Last 8 weeks"))
        charts.addWidget(self.day_chart)
        charts.addWidget(self.trend_chart)
        root.addLayout(charts, 3)

        lists = QHBoxLayout()
        self.waiting_on_me = self._waiting_list(self.tr("Waiting on me"))
        self.i_wait_on = self._waiting_list(self.tr("I wait on"))
        for tree in (self.waiting_on_me, self.i_wait_on):
            box = QVBoxLayout()
            box.addWidget(plain_label(tree.property("caption")))
            box.addWidget(tree)
            lists.addLayout(box)
        root.addLayout(lists, 2)

        actions = QHBoxLayout()
        self.calibration = plain_label()
        self.calibration.setWordWrap(True)
        self.calibration.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        actions.addWidget(self.calibration, 1)
        self.copy_button = QPushButton(self.tr("Copy as text"))
        self.csv_button = QPushButton(self.tr("Export CSV…"))
        self.team_csv_button = QPushButton(self.tr("Export team CSV…"))  # with the team's totals only
        self.team_csv_button.hide()
        self.pdf_button = QPushButton(self.tr("Export PDF…"))
        for button in (self.copy_button, self.csv_button, self.team_csv_button, self.pdf_button):
            actions.addWidget(button)
        self.copy_button.clicked.connect(self.copy_text)
        self.csv_button.clicked.connect(lambda: self.export_csv())
        self.team_csv_button.clicked.connect(lambda: self.export_team_csv())
        self.pdf_button.clicked.connect(lambda: self.export_pdf())
        root.addLayout(actions)
        self.export_note = plain_label()  # which files an export wrote
        self.export_note.setWordWrap(True)
        root.addWidget(self.export_note)

    def _chart_view(self, title: str) -> QChartView:
        chart = QChart()
        chart.setTitle(title)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setMargins(chart.margins() * 0)
        chart.setBackgroundRoundness(0)
        view = QChartView(chart)
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setMinimumSize(320, 200)
        return view

    def _waiting_list(self, caption: str) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setProperty("caption", caption)
        tree.setHeaderLabels([self.tr("Person"), self.tr("Requests"), self.tr("Waiting since")])
        tree.setRootIsDecorated(False)
        tree.setAccessibleName(caption)
        tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        tree.itemActivated.connect(self._activated)
        return tree

    # -- showing a week -----------------------------------------------------------------

    def present(self) -> None:
        """What the tray's "Weekly summary" does: this week."""
        self.show_week()

    def show_week(self, iso_week: IsoWeek | str | None = None) -> None:
        """Show `iso_week` (an IsoWeek or "2026-W47"; default the current week) and raise."""
        self._load(iso_week)
        self.show()
        fit_on_screen(self)
        self.raise_()
        self.activateWindow()

    def _go(self, weeks: int) -> None:
        if self.week is not None and (weeks < 0 or self.next_button.isEnabled()):
            self._load(self.week.shifted(weeks))

    def _refresh_if_visible(self) -> None:
        if self.isVisible() and self.week is not None:
            self._load(self.week)

    def _load(self, iso_week: IsoWeek | str | None) -> None:
        try:
            summary = weekly_summary(self.core, iso_week)
        except (SummaryError, ValueError) as exc:  # a bad week asked for, or bad settings
            self.message.setText(str(exc))
            self.message.show()
            return
        self.message.hide()
        self.summary = summary
        self.week = IsoWeek.parse(summary.week)
        self._fill(summary)

    def _fill(self, s: Summary) -> None:
        zone = self.core.settings.zone
        now = self.core.now()
        current = IsoWeek.of(now, zone)
        self.title.setText(week_title(s) if self.week != current
                           else self.tr("This week · {0}").format(week_title(s).split(" · ", 1)[-1]))
        self.next_button.setEnabled(self.week < current)
        self.today_button.setEnabled(self.week != current)
        previous = s.previous
        self.cards["mine"].set(promises_text(s.mine), *self._points(
            s.mine.kept_rate, previous.kept_rate if previous else None))
        self.cards["theirs"].set(promises_text(s.theirs))
        self.cards["wanted"].set(wishes_text(s.delivered_when_wanted), self.tr("to me: {0}").format(
            wishes_text(s.theirs_delivered_when_wanted)))
        self.cards["on_time"].set(
            self.tr("{0} of {1} · {2}").format(s.responded_on_time, s.responded_on_time + s.responded_late,
                                               percent(s.on_time_rate)),
            *self._points(s.on_time_rate, previous.on_time_rate if previous else None))
        self.cards["response"].set(duration(s.median_response_minutes),
                                   self.tr("working time, ask to answer"))
        self.cards["received"].set(str(s.received), *self._count_change(
            s.received, previous.received if previous else None))
        self.cards["made"].set(str(s.made), *self._count_change(s.made, previous.made if previous else None))
        self.cards["open"].set(self.tr("{0} owed · {1} awaited").format(s.open_received, s.open_made))
        self._fill_team(s.team)
        self._fill_days(s)
        self._fill_trend(s)
        for tree, rows in ((self.waiting_on_me, s.waiting_on_me), (self.i_wait_on, s.i_wait_on)):
            tree.clear()
            for row in rows:
                item = QTreeWidgetItem([row.person, str(row.count), moment_text(row.oldest_asked_at, zone, now)])
                item.setData(0, Qt.ItemDataRole.UserRole, row.request_id)
                item.setToolTip(0, self.tr("Open the oldest request (#{0})").format(row.request_id))
                item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                tree.addTopLevelItem(item)
            tree.resizeColumnToContents(1)
            tree.resizeColumnToContents(2)
        if s.calibration:
            self.calibration.setText(self.tr("Calibration of my promises over 8 weeks (settled, median): ")
                                     + " · ".join(f"{c.person} ({c.promises}) {lateness(c.median_lateness_minutes)}"
                                                  for c in s.calibration))
        else:
            self.calibration.setText(self.tr("Calibration: nobody with 3 settled promises of mine yet."))

    def _fill_team(self, team: dict | None) -> None:
        self.team_label.setText(team_line(team) if team else "")
        self.team_label.setVisible(bool(team))
        self.team_csv_button.setVisible(bool(team))

    def _points(self, rate: float | None, before: float | None) -> tuple[str, bool | None]:
        """`▲ 12 pts` against last week's rate."""
        if rate is None or before is None:
            return self.tr("no comparison with last week"), None
        change = round((rate - before) * 100)
        if change == 0:
            return self.tr("= same as last week"), None
        arrow = "▲" if change > 0 else "▼"
        return self.tr("{0} %n pts vs last week", "", abs(change)).format(arrow), change > 0

    def _count_change(self, value: int, before: int | None) -> tuple[str, bool | None]:
        if before is None:
            return "", None
        change = value - before
        if change == 0:
            return self.tr("= same as last week"), None
        arrow = "▲" if change > 0 else "▼"
        return self.tr("{0} %n vs last week", "", abs(change)).format(arrow), None

    def _fill_days(self, s: Summary) -> None:
        chart = self.day_chart.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        series = QBarSeries()
        for name, colour, key in ((self.tr("Received"), RECEIVED_COLOUR, "received"),
                                  (self.tr("Made"), MADE_COLOUR, "made"),
                                  (self.tr("Done"), DONE_COLOUR, "done")):
            bars = QBarSet(name)
            bars.setColor(colour)
            bars.append([float(getattr(d, key)) for d in s.by_day])
            series.append(bars)
        chart.addSeries(series)
        days = QBarCategoryAxis()
        # weekday over date: seven labels fit a narrow chart whole (Qt would cut "Mon 23" to "Mon …")
        days.append([d.date.strftime("%a<br>%d") for d in s.by_day])
        days.setTruncateLabels(False)
        counts = QValueAxis()
        top = max([1] + [max(d.received, d.made, d.done) for d in s.by_day])
        step = -(-top // 5)  # whole-number ticks, at most about five
        counts.setRange(0, -(-top // step) * step)
        counts.setTickType(QValueAxis.TickType.TicksDynamic)
        counts.setTickAnchor(0)
        counts.setTickInterval(step)
        counts.setLabelFormat("%d")
        chart.addAxis(days, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(counts, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(days)
        series.attachAxis(counts)

    def _fill_trend(self, s: Summary) -> None:
        chart = self.trend_chart.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        weeks = QBarCategoryAxis()
        weeks.append([t.week.split("-")[1] for t in s.trend])
        weeks.setRange(weeks.at(0), weeks.at(weeks.count() - 1))
        weeks.setTruncateLabels(False)
        rates = QValueAxis()
        # headroom above 100 %, so a dot at 100 % is drawn whole; ticks stay at 0, 25 … 100
        rates.setRange(0, RATE_AXIS_TOP)
        rates.setLabelFormat("%d %%")
        rates.setTickType(QValueAxis.TickType.TicksDynamic)
        rates.setTickAnchor(0)
        rates.setTickInterval(25)
        chart.addAxis(weeks, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(rates, Qt.AlignmentFlag.AlignLeft)
        for name, colour, key in ((self.tr("Promises kept"), KEPT_COLOUR, "kept_rate"),
                                  (self.tr("Answered on time"), ON_TIME_COLOUR, "on_time_rate")):
            line, dots = QLineSeries(), QScatterSeries()
            line.setName(name)
            line.setColor(colour)
            dots.setColor(colour)
            dots.setMarkerSize(7)
            for index, point in enumerate(s.trend):
                value = getattr(point, key)
                if value is not None:  # a week without any: no point, the line skips it
                    line.append(index, value * 100)
                    dots.append(index, value * 100)
            for series in (line, dots):
                chart.addSeries(series)
                series.attachAxis(weeks)
                series.attachAxis(rates)
            chart.legend().markers(dots)[0].setVisible(False)

    # -- actions ------------------------------------------------------------------------

    def _activated(self, item: QTreeWidgetItem) -> None:
        request_id = item.data(0, Qt.ItemDataRole.UserRole)
        if request_id:
            self.open_request.emit(int(request_id))
            self.request_requested.emit(int(request_id))

    def report_text(self) -> str:
        return as_text(self.summary, self.core.settings.zone) if self.summary else ""

    def copy_text(self) -> None:
        QGuiApplication.clipboard().setText(self.report_text())

    def chart_images(self) -> list[QImage]:
        """The two charts as they are drawn in the window."""
        return [view.grab().toImage() for view in (self.day_chart, self.trend_chart)]

    def export_csv(self, path: str | None = None) -> str | None:
        path = path or self._ask_path(self.tr("Export the week as CSV"), "csv", self.tr("CSV files (*.csv)"))
        if not path or self.summary is None:
            return None
        return self._write(lambda: write_csv(self.summary, path), path)

    def export_team_csv(self, path: str | None = None) -> str | None:
        """The department's totals as a table of their own: the day table stays one typed table."""
        if self.summary is None or not self.summary.team:
            return None
        path = path or ask_save_path(self, self.tr("Export the team's totals as CSV"),
                                     f"promptly-{self.summary.week}-team.csv", self.tr("CSV files (*.csv)"))
        if not path:
            return None
        return self._write(lambda: write_team_csv(self.summary, path), path)

    def export_pdf(self, path: str | None = None) -> str | None:
        path = path or self._ask_path(self.tr("Export the week as PDF"), "pdf", self.tr("PDF files (*.pdf)"))
        if not path or self.summary is None:
            return None
        return self._write(lambda: write_pdf(self.summary, self.core.settings.zone, path,
                                             self.chart_images()), path)

    def _ask_path(self, title: str, suffix: str, filters: str) -> str:
        return ask_save_path(self, title, f"promptly-{self.summary.week if self.summary else 'week'}.{suffix}",
                             filters)

    def _write(self, write, path: str) -> str | None:
        try:
            write()
        except OSError as exc:
            self.controller.error.emit(self.tr("Could not write {0}: {1}. Choose another folder.").format(
                exc.filename or path, exc.strerror or exc))
            return None
        self.export_note.setText(self.tr("Saved {0}").format(path))
        return path

    # -- geometry -----------------------------------------------------------------------

    def _save_geometry(self) -> None:
        save_geometry(self, QSettings("Promptly", "Promptly"), GEOMETRY_KEY)

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._save_geometry()
        super().hideEvent(event)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._save_geometry()
        super().closeEvent(event)

