"""Plugins: the hook specification, the host that loads plugins, and the built-ins."""

from thidua.plugins.changes import RuleAction, RuleChange
from thidua.plugins.hookspecs import PROJECT, hookimpl, hookspec
from thidua.plugins.host import DISABLE_AUTOLOAD_ENV, STRICT_ENV, Host, PluginWarning

__all__ = [
    "DISABLE_AUTOLOAD_ENV",
    "PROJECT",
    "STRICT_ENV",
    "Host",
    "PluginWarning",
    "RuleAction",
    "RuleChange",
    "hookimpl",
    "hookspec",
]
