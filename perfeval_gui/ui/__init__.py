"""The editor window (PySide6). Importing this package applies the Qt binding workaround below."""

from __future__ import annotations

import sys


def _keep_singletons_alive() -> None:
    """Give None, True and False huge reference counts on CPython < 3.12 (not yet immortal).

    PySide6-Essentials 6.12.0 on Python 3.11 hands these singletons back without taking
    a reference: every Qt call that yields nothing (``focusWidget()``, ``parent()``,
    ``setFixedHeight()``, an invalid QVariant from ``index.data()``) drops a reference to
    None, and every ``signal.emit()`` one to True. After a few thousand calls the
    interpreter aborts ("none_dealloc: deallocating None", "bool_dealloc"). 6.11.3 does not
    have the bug. 2**40 extra references make the three effectively immortal, as they are
    on 3.12+; nothing else changes.
    """
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return
    import ctypes

    for singleton in (None, True, False):
        refcount = ctypes.c_ssize_t.from_address(id(singleton))
        if refcount.value < 1 << 40:
            refcount.value += 1 << 40


_keep_singletons_alive()
