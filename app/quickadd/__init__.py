"""The quick-add language: `from @dana: repair invoice by fri 3pm #billing`.

Importing this package is cheap; parsedatetime is imported only when a phrase needs it.
"""

from app.quickadd.dates import parse_duration, parse_when
from app.quickadd.errors import ParseError
from app.quickadd.line import ParseResult, Piece, parse
from app.quickadd.tokens import MAX_LENGTH

__all__ = [
    "MAX_LENGTH", "ParseError", "ParseResult", "Piece", "parse", "parse_duration", "parse_when",
]
