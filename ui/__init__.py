"""The PySide6 surfaces of Promptly."""

import sys

if sys.version_info < (3, 12):
    # PySide6 6.12 is built for Python 3.12+, where None is immortal: on 3.11 every call of a
    # void Qt method (show(), setText(), processEvents()...) returns None without taking a
    # reference, so None's count drops by one per call and the process aborts with
    # "none_dealloc" after a few thousand calls. Give None references it can never run out of.
    import ctypes

    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
