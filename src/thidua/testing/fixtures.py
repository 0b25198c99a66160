"""Test helpers for plugin authors: an isolated plugin host and a recorder of hook calls.

A plugin's tests should not depend on what else is installed in the environment, nor
on ``THIDUA_*`` variables: :func:`make_host` builds a host from the built-in plugins
(optional) and the plugins you pass, never autoloads, and is strict by default so a
malformed return fails the test with the plugin's name. :class:`HookRecorder` records
which hook ran on which plugin::

    from thidua.testing.fixtures import HookRecorder, make_host
    import my_plugin

    recorder = HookRecorder()
    host = make_host(my_plugin, recorder=recorder)
    recorder.assert_called("thidua_parameter_overrides", "my_plugin")

With pytest, the same helpers are fixtures (registered by thidua's pytest plugin):
``thidua_make_host`` (a factory taking the plugins) and ``thidua_hook_recorder``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from thidua.plugins.host import Host

__all__ = ["HookCall", "HookRecorder", "make_host"]


@attrs.frozen
class HookCall:
    """One call of a hook on one plugin."""

    hook: str
    plugin: str


class HookRecorder:
    """Records every hook call of a host, in call order (pass it as ``recorder``)."""

    def __init__(self) -> None:
        self.calls: list[HookCall] = []

    def __call__(self, hook: str, plugin: str) -> None:
        self.calls.append(HookCall(hook, plugin))

    def hooks(self, plugin: str | None = None) -> tuple[str, ...]:
        """The hooks that ran (on ``plugin`` if given), each once, in first-call order."""
        seen: dict[str, None] = {}
        for c in self.calls:
            if plugin is None or c.plugin == plugin:
                seen.setdefault(c.hook, None)
        return tuple(seen)

    def plugins(self, hook: str) -> tuple[str, ...]:
        """The plugins ``hook`` ran on, each once, in first-call order."""
        seen: dict[str, None] = {}
        for c in self.calls:
            if c.hook == hook:
                seen.setdefault(c.plugin, None)
        return tuple(seen)

    def count(self, hook: str, plugin: str | None = None) -> int:
        """How many times ``hook`` ran (on ``plugin`` if given)."""
        return sum(1 for c in self.calls
                   if c.hook == hook and (plugin is None or c.plugin == plugin))

    def called(self, hook: str, plugin: str | None = None) -> bool:
        """True if ``hook`` ran (on ``plugin`` if given)."""
        return self.count(hook, plugin) > 0

    def assert_called(self, hook: str, plugin: str | None = None) -> None:
        """Fail, listing what did run, unless ``hook`` ran (on ``plugin`` if given)."""
        if not self.called(hook, plugin):
            on = f" on plugin {plugin!r}" if plugin else ""
            ran = ", ".join(f"{c.hook}@{c.plugin}" for c in self.calls) or "nothing"
            raise AssertionError(f"hook {hook!r} was not called{on}; calls: {ran}")

    def clear(self) -> None:
        """Forget the calls recorded so far."""
        self.calls.clear()


def make_host(*plugins: object, builtins: bool = True, strict: bool = True,
              recorder: HookRecorder | None = None) -> Host:
    """An isolated host: the built-ins (unless ``builtins=False``) and ``plugins`` only.

    Installed entry-point plugins are never loaded and ``THIDUA_*`` variables are
    ignored. ``strict`` (default) turns plugin problems into
    :class:`~thidua.errors.PluginError`; pass ``strict=False`` to test that your plugin
    warns. ``recorder`` sees every hook call.
    """
    from thidua.plugins.host import Host

    return Host(plugins, builtins=builtins, autoload=False, strict=strict, monitor=recorder)
