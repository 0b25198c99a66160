"""Lazy public names (PEP 562), shared by the packages that re-export a curated API.

``import thidua`` must stay light: a package lists where each public name lives, and
the name's module is imported the first time the name is used. One implementation
serves ``thidua``, ``thidua.export`` and ``thidua.testing``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["lazy_exports"]


def lazy_exports(package: str, namespace: dict[str, Any], module_of: Mapping[str, str]
                 ) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of ``package``, whose public names are
    imported on first use from the modules ``module_of`` gives (absolute names) and
    cached in ``namespace`` (the package's ``globals()``)."""

    def getattr_(name: str) -> Any:
        module = module_of.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value
        return value

    def dir_() -> list[str]:
        return sorted({*namespace, *module_of})

    return getattr_, dir_
