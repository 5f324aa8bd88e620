"""Import over random rows (Hypothesis): any instant in datetime's range, any text. Either the
file is refused with a clear error and nothing is written, or every request it brings is one
that the scheduler, the list, the summary and all three exports handle."""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from app.cli import run
from app.exchange import CSV_FIELDS, ExchangeError, import_text
from app.service import Promptly
from app.settings import Settings
from app.storage.database import open_database
from app.storage.store import Store
from tests.conftest import FakeClock

UTC = timezone.utc
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
# Offsets at both ends: a time near datetime's limits overflows in one of them first.
ZONES = [UTC, timezone(timedelta(hours=14)), timezone(-timedelta(hours=12)), None]

plausible = st.datetimes(min_value=datetime(2026, 11, 16), max_value=datetime(2026, 11, 23),
                         timezones=st.just(UTC))  # so that many rows get through
# the very ends of datetime's range, where a zone's offset or a calendar sum overflows
extremes = st.builds(lambda moment, zone: moment.replace(tzinfo=zone),
                     st.sampled_from([datetime.min, datetime(1, 1, 1, 12), datetime(9999, 12, 31, 12),
                                      datetime(9999, 12, 31, 23, 59), datetime.max]),
                     st.sampled_from(ZONES))
instants = st.one_of(
    plausible, plausible, plausible, extremes,
    st.datetimes(min_value=datetime(1969, 12, 30), max_value=datetime(2037, 1, 2),
                 timezones=st.sampled_from(ZONES)),  # near and inside the window
    st.datetimes(timezones=st.sampled_from(ZONES)),  # anything datetime can hold
).map(lambda moment: moment.isoformat())
names = st.sampled_from(["Dana", "repair invoice", "=1+1", "Zoë 李 🎉", "@eve", "-5 %"])
texts = st.one_of(names, names, names, names, st.text(), st.sampled_from(["\u202eevE", "a\x00b", "x" * 600]))
random_rows = st.fixed_dictionaries(
    {"direction": st.sampled_from(["received", "made"] * 3 + ["sideways"]), "counterpart": texts,
     "title": texts, "asked_at": instants},
    optional={"needed_by": instants, "acknowledged_at": instants, "promised_at": instants,
              "completed_at": instants, "cancelled_at": instants, "details": texts,
              "status": st.sampled_from(["open", "acknowledged", "promised", "done", "cancelled"]),
              "tags": st.lists(texts, max_size=3), "priority": st.sampled_from(["normal", "urgent"]),
              # json only: a request restored as it was, with (an empty) history
              "history": st.just([])})


@st.composite
def ordered_rows(draw) -> dict:
    """Times after the ask, as a real history has them (some still past the window's end)."""
    asked = draw(st.datetimes(min_value=datetime(1970, 1, 1), max_value=datetime(2026, 11, 23),
                              timezones=st.just(UTC)))
    row = {"direction": draw(st.sampled_from(["received", "made"])), "counterpart": draw(texts),
           "title": draw(texts), "asked_at": asked.isoformat()}
    later = st.one_of(st.timedeltas(min_value=timedelta(seconds=1), max_value=timedelta(days=3660 * 2)),
                      st.just(datetime(9999, 12, 31, 23, 59, tzinfo=UTC) - asked))
    for name in draw(st.sets(st.sampled_from(["needed_by", "acknowledged_at", "promised_at"]))):
        row[name] = (asked + draw(later)).isoformat()
    if draw(st.booleans()):
        row["status"], row["completed_at"] = "done", (asked + draw(later)).isoformat()
    return row


rows = st.one_of(random_rows, ordered_rows())


def as_csv(batch: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, extrasaction="ignore")
    writer.writeheader()
    for row in batch:
        writer.writerow({**row, "tags": " ".join(row.get("tags", []))})
    return out.getvalue()


@pytest.fixture(scope="module")
def core(tmp_path_factory):
    database = open_database(str(tmp_path_factory.mktemp("property") / "promptly.db"))
    core = Promptly(Store(database), FakeClock(NOW))
    core.save_settings(Settings(timezone="Pacific/Kiritimati"))  # +14 hours
    yield core
    database.dispose()


def command(core: Promptly, *argv: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), core_factory=lambda _location, _clock, _create: core, stdout=out, stderr=err,
               env={})
    assert (code, err.getvalue()) == (0, ""), argv
    return out.getvalue()


@settings(max_examples=int(os.environ.get("IMPORT_EXAMPLES", 300)), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(batch=st.lists(rows, min_size=1, max_size=2), fmt=st.sampled_from(["csv", "json"]))
def test_import_refuses_cleanly_or_brings_only_requests_everything_handles(core, batch, fmt):
    text = as_csv(batch) if fmt == "csv" else json.dumps(batch)
    before = core.store.count()
    try:
        report = import_text(core, text, "in")
    except ExchangeError as error:
        message = str(error)
        assert "line " in message and "Nothing was imported" in message
        assert "unexpected" not in message and "Traceback" not in message
        assert core.store.count() == before
        event("refused")
        return
    event(f"imported {fmt}")
    assert core.store.count() == before + len(report.imported)
    warned = []
    core.warn = warned.append
    assert len(core.usable(core.store.requests())) == core.store.count()
    core.schedule()
    assert warned == []
    listed = json.loads(command(core, "list", "--all", "--json"))
    assert {r.uid for r in report.imported} <= {item["uid"] for item in listed}
    command(core, "due", "--json")
    command(core, "summary", "--json")
    for export_format in ("csv", "json", "ics"):
        command(core, "export", "--format", export_format)
