"""Built-in plugins, registered first and exactly like third-party ones."""

from __future__ import annotations

from types import ModuleType

from thidua.plugins.builtin import seed

BUILTIN_PLUGINS: tuple[tuple[str, ModuleType], ...] = (
    ("thidua.seed", seed),
)
"""``(name, module)`` of each built-in plugin, in load order."""
