"""Heavy third-party modules imported the first time they are used.

A web worker that never solves a roster should not pay for SciPy and NumPy
(about 40 MB and half a second at start), so matching names them through a
:class:`LazyModule` at the top of its modules and uses them as usual; the real
import happens on the first attribute looked up, and not at all otherwise.
Unlike ``importlib.util.LazyLoader`` nothing is put in ``sys.modules`` early,
so ``"scipy" in sys.modules`` still tells whether SciPy was loaded.
"""

from __future__ import annotations

import importlib
from types import ModuleType


class LazyModule:
    """Stands in for the module ``name`` until one of its attributes is used."""

    def __init__(self, name: str):
        self._name = name
        self._module: ModuleType | None = None

    def load(self) -> ModuleType:
        """The real module, imported now if it was not yet (``ImportError`` if
        it cannot be)."""
        if self._module is None:
            self._module = importlib.import_module(self._name)
        return self._module

    def __getattr__(self, attribute: str):
        return getattr(self.load(), attribute)

    def __repr__(self) -> str:
        return f"<lazy module {self._name!r}>"
