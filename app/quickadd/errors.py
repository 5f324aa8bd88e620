"""The one error the quick-add language raises: it names the word it could not understand."""

from __future__ import annotations


class ParseError(ValueError):
    """A line (or a date phrase) Promptly could not understand; nothing is saved.

    `word` is the text that was not understood (None when nothing in particular is at fault,
    e.g. an empty line), `message` says what to do instead, and `start`/`end` locate the word
    in the line when it is known, so the dialog can underline it.
    """

    def __init__(self, message: str, word: str | None = None,
                 start: int | None = None, end: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.word = word
        self.start = start
        self.end = end
