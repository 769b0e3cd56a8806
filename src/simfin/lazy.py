"""Lazy public names of a package (PEP 562), so that ``import simfin`` is cheap.

``simfin validate``, ``simfin scenarios`` and ``--help`` then do not load pandas, scipy
or matplotlib; the first use of, say, ``simfin.run`` imports the engine.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType

__all__ = ["lazy_exports"]


def lazy_exports(package: str, exports: dict[str, str]) -> None:
    """Make each ``name -> module`` of ``exports`` an attribute of ``package`` on first use.

    A module path ``""`` means the submodule ``package.name`` itself. A name that is also
    a submodule's name (``simfin.compare``, ``simfin.uncertainty.sweep``) stays the
    function when that submodule is imported later, as with eager imports.
    """
    module = sys.modules[package]

    def __getattr__(name: str):
        if name not in exports:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        source = exports[name]
        value = (importlib.import_module(f"{package}.{name}") if not source
                 else getattr(importlib.import_module(source), name))
        setattr(module, name, value)
        return value

    def __dir__() -> list[str]:
        return sorted(set(vars(module)) | set(exports))

    module.__getattr__ = __getattr__
    module.__dir__ = __dir__
    module.__class__ = _package_class(package, exports)


def _package_class(package: str, exports: dict[str, str]) -> type[ModuleType]:
    # a public name that is also a submodule's name, exported from that submodule or from
    # another module (``simfin.compare`` comes through ``simfin.shims``)
    shadowed = {n: m for n, m in exports.items() if m}

    class LazyPackage(ModuleType):
        def __setattr__(self, name: str, value) -> None:
            # The import system sets ``package.<sub>`` to the submodule after loading it;
            # keep the public function of the same name instead.
            if name in shadowed and isinstance(value, ModuleType) \
                    and value.__name__ == f"{package}.{name}":
                source = shadowed[name]
                value = getattr(value if source == value.__name__
                                else importlib.import_module(source), name)
            super().__setattr__(name, value)

    return LazyPackage
