"""Core messages in the person's language, while app/ stays Qt-free.

A message the core raises is a `Text`: plain English wherever it is printed (the CLI, the log),
and it keeps its template and values, so a window shows it translated through the hook the UI
installs at start (ui/i18n.py installs Qt's translations, context "Core"):

    raise DomainError(Text("request #{id} is already done", id=request.id))

`make translations` collects every `Text("...")` of app/ into the translation files.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_translate: Callable[[str], str] = str  # no UI: the English template itself


class Text(str):
    """An English message that remembers its template and values."""

    template: str
    values: dict[str, Any]

    def __new__(cls, template: str, **values: Any) -> Text:
        text = super().__new__(cls, template.format(**values))
        text.template = template
        text.values = values
        return text


def install(translate: Callable[[str], str]) -> None:
    """Translate templates with `translate` from now on (the UI's language)."""
    global _translate
    _translate = translate


def localized(message: object) -> str:
    """`message` in the installed language: a Text by its template, anything else as it is."""
    if not isinstance(message, Text):
        return str(message)
    values = {name: localized(value) for name, value in message.values.items()}
    try:
        return _translate(message.template).format(**values)
    except (IndexError, KeyError, ValueError):  # a translation with a broken placeholder
        return str(message)


def error_text(error: BaseException) -> str:
    """What a window shows of an error: its message in the installed language."""
    message = error.args[0] if len(error.args) == 1 else None
    return localized(message) if isinstance(message, Text) else str(error)
