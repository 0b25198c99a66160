"""Plugins: the hook specification, the host that loads plugins, and the built-ins.

Writing a plugin: ``docs/plugins.md``; every hook: ``docs/hooks.md``; test helpers for
plugin authors: :mod:`thidua.testing.fixtures`.
"""

from thidua.plugins.changes import RuleAction, RuleChange
from thidua.plugins.hookspecs import PROJECT, hookimpl, hookspec
from thidua.plugins.host import (
    DISABLE_AUTOLOAD_ENV,
    STRICT_ENV,
    HookMonitor,
    Host,
    ParameterChange,
    PluginWarning,
)

__all__ = [
    "DISABLE_AUTOLOAD_ENV",
    "PROJECT",
    "STRICT_ENV",
    "HookMonitor",
    "Host",
    "ParameterChange",
    "PluginWarning",
    "RuleAction",
    "RuleChange",
    "hookimpl",
    "hookspec",
]
