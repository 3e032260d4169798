"""The PySide6 desktop app: a thin adapter over the core."""

from __future__ import annotations

import sys


def _immortal_singletons() -> None:
    """Work around a refcount bug of PySide6 6.12.0 on Python < 3.12: every call of a Qt
    method returning void drops one reference to ``None``, every signal emit one to ``True``
    (the build relies on them being immortal, as they are from Python 3.12 on), so after
    ~13,000 calls Python aborts with "deallocating None". A huge reference count makes them
    immortal here too, as PEP 683 does; nothing else reads that count. PySide6 6.11 is not
    affected; Python 3.12+ needs nothing."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    import ctypes

    for obj in (None, True, False):
        refcnt = ctypes.c_ssize_t.from_address(id(obj))  # ob_refcnt: PyObject's first field
        if refcnt.value < 1 << 40:
            refcnt.value += 1 << 40


_immortal_singletons()
