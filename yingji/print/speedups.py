"""Two costs of WeasyPrint's PDF writing that a county's thousand small documents pay every time,
taken away in the worker processes (engine.init_worker) without changing what is drawn.

Measured on a village card (0.15 s of CPU before; `scripts/bench_pdf.py`):

- **C type parsing.** WeasyPrint's font subsetting asks cffi for arrays typed by their length,
  `ffi.new("hb_codepoint_t[1234]", …)`. cffi caches C types by that string, so nearly every
  document parses new C declarations with pycparser: about 14 ms of a card. An open array,
  `ffi.new("hb_codepoint_t[]", items)`, is the same array sized by its items, and its type is
  parsed once per process.
- **zlib level 9.** pydyf compresses every stream (the embedded font subsets above all) at
  level 9, which is about twice the time of level 6 for a file 0.5% smaller (134 vs 133 KB a
  card). Level 6 is zlib's own default.

Both reach into names that are not public API: should a later WeasyPrint or pydyf change them,
`apply()` leaves that part alone (documents are then only slower), and the test suite says so
(tests/test_print_speedups.py).
"""

from __future__ import annotations

import re
import zlib

ZLIB_LEVEL = 6
_SIZED_ARRAY = re.compile(r"(\w+)\[\d+\]")


class _OpenArrays:
    """A stand-in for WeasyPrint's cffi FFI object: `new("T[n]", items)` becomes
    `new("T[]", items)`; everything else goes to the real object."""

    def __init__(self, ffi):
        self._ffi = ffi

    def __getattr__(self, name):
        return getattr(self._ffi, name)

    def new(self, cdecl, init=None):
        sized = _SIZED_ARRAY.fullmatch(cdecl) if isinstance(cdecl, str) and init is not None else None
        return self._ffi.new(f"{sized.group(1)}[]" if sized else cdecl, init)


class _Zlib:
    """zlib as pydyf sees it, with its level 9 lowered to ZLIB_LEVEL."""

    compress = staticmethod(zlib.compress)

    @staticmethod
    def compressobj(level: int = ZLIB_LEVEL, *args, **kwargs):
        return zlib.compressobj(min(level, ZLIB_LEVEL), *args, **kwargs)

    def __getattr__(self, name):
        return getattr(zlib, name)


def apply() -> dict[str, bool]:
    """Install both (once per process); returns which ones are in place."""
    import pydyf
    from weasyprint.pdf import fonts

    if hasattr(fonts, "ffi") and hasattr(fonts.ffi, "new") and not isinstance(fonts.ffi, _OpenArrays):
        fonts.ffi = _OpenArrays(fonts.ffi)
    if getattr(pydyf, "zlib", None) is zlib:
        pydyf.zlib = _Zlib()
    return applied()


def applied() -> dict[str, bool]:
    import pydyf
    from weasyprint.pdf import fonts

    return {"open arrays": isinstance(getattr(fonts, "ffi", None), _OpenArrays), "zlib level": isinstance(getattr(pydyf, "zlib", None), _Zlib)}
