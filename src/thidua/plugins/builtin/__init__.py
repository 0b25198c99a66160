"""Built-in plugins, registered first and exactly like third-party ones."""

from __future__ import annotations

from types import ModuleType

from thidua.plugins.builtin import awards, exporters, plan_rules, seed

BUILTIN_PLUGINS: tuple[tuple[str, ModuleType], ...] = (
    ("thidua.seed", seed),
    ("thidua.plan_rules", plan_rules),
    ("thidua.awards", awards),
    ("thidua.exporters", exporters),
)
"""``(name, module)`` of each built-in plugin, in load order."""
