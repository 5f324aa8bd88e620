"""The errors whose message is meant for the person, listed once for the windows and the CLI.

Anything else that escapes an operation is a bug: the windows log its traceback and point to
the log; the CLI says it is a bug. A bare ValueError is a bug too: the core raises its own types.
"""

from __future__ import annotations

import sys

# (module, class). A module that was never imported cannot have raised its error, so asking
# imports nothing: the CLI's start path stays free of SQLAlchemy.
USER_ERRORS = (
    ("app.domain.model", "DomainError"),  # a rule of the product; NotFound and RecurrenceError too
    ("app.quickadd.errors", "ParseError"),  # a line or date phrase not understood; names the word
    ("app.settings", "SettingsError"),  # names the setting
    ("app.policy.calendar", "CalendarError"),
    ("app.storage.database", "DatabaseError"),
    ("app.mail", "MailError"),
    ("app.drafts", "DraftError"),
    ("app.exchange", "ExchangeError"),
    ("app.summary", "SummaryError"),
    ("app.holidays", "HolidayImportError"),
    ("app.autostart", "AutostartError"),
    ("app.ipc", "IpcError"),
)


def is_user_error(exc: BaseException) -> bool:
    """True when the message of `exc` tells a person what to do; False for a bug."""
    for module_name, class_name in USER_ERRORS:
        module = sys.modules.get(module_name)
        if module is not None and isinstance(exc, getattr(module, class_name)):
            return True
    return False
