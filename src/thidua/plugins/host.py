"""The plugin host: a small typed facade over pluggy that loads plugins and merges what
they return.

Load order (documented; results never depend on the order of third-party plugins,
because the host merges data by key and reports conflicts instead of letting the last
plugin win):

1. the built-in plugins (the seed plan, the national award catalogue, the built-in
   exporters), unless ``builtins=False``;
2. plugins installed in the ``thidua`` entry-point group, unless autoloading is off
   (``THIDUA_DISABLE_PLUGIN_AUTOLOAD=1`` or ``autoload=False``);
3. plugin objects passed explicitly to :class:`Host`.

A plugin that fails to import or returns malformed data produces a
:class:`PluginWarning` naming the plugin and is left out; in strict mode
(``THIDUA_STRICT_PLUGINS=1`` or ``strict=True``) it raises :class:`~thidua.errors.PluginError`.
"""

from __future__ import annotations

import functools
import importlib.metadata
import os
import warnings
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
import pluggy

from thidua.calendar import CalendarDay, WorkingCalendar
from thidua.errors import PluginError, ThiduaError
from thidua.plan import Plan
from thidua.plugins import hookspecs
from thidua.plugins.changes import RuleAction, RuleChange
from thidua.rules.base import Rule
from thidua.rules.engine import Engine, PluginInfo

if TYPE_CHECKING:
    from thidua.cli.base import CliCommand
    from thidua.export.base import Exporter
    from thidua.parameters import ParameterOverride
    from thidua.rules.ladder.catalogue import AwardType

__all__ = ["DISABLE_AUTOLOAD_ENV", "STRICT_ENV", "Host", "PluginWarning"]

DISABLE_AUTOLOAD_ENV = "THIDUA_DISABLE_PLUGIN_AUTOLOAD"
"""Set to a non-empty value to skip entry-point plugins."""
STRICT_ENV = "THIDUA_STRICT_PLUGINS"
"""Set to ``1`` to turn plugin warnings into errors."""

_T = TypeVar("_T")


class PluginWarning(UserWarning):
    """A plugin was left out because it failed to load or returned malformed data."""


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() not in ("", "0", "false", "no")


class Host:
    """Loads plugins and hands out the merged plans, rules, calendar and exporters."""

    def __init__(self, plugins: Sequence[object] = (), *, builtins: bool = True,
                 autoload: bool | None = None, strict: bool | None = None) -> None:
        self.strict = _env_flag(STRICT_ENV) if strict is None else strict
        self.autoload = (not _env_flag(DISABLE_AUTOLOAD_ENV)) if autoload is None else autoload
        self._pm = pluggy.PluginManager(hookspecs.PROJECT)
        self._pm.add_hookspecs(hookspecs)
        self._versions: dict[str, str] = {}
        if builtins:
            from thidua.plugins.builtin import BUILTIN_PLUGINS

            for name, module in BUILTIN_PLUGINS:
                self._register(module, name, "builtin")
        if self.autoload:
            self._load_entry_points()
        for obj in plugins:
            name = getattr(obj, "__name__", None) or type(obj).__name__
            self._register(obj, str(name), getattr(obj, "__version__", ""))

    # -- loading -------------------------------------------------------------------
    def _problem(self, message: str) -> None:
        if self.strict:
            raise PluginError(message)
        warnings.warn(message + f" (set {STRICT_ENV}=1 to make this an error)",
                      PluginWarning, stacklevel=3)

    def _register(self, obj: object, name: str, version: str) -> None:
        if self._pm.has_plugin(name):
            self._problem(f"plugin {name!r} is registered twice; the second is ignored")
            return
        try:
            self._pm.register(obj, name=name)
        except (ValueError, pluggy.PluginValidationError) as exc:
            self._problem(f"plugin {name!r} cannot be registered: {exc}")
            return
        self._versions[name] = version

    def _load_entry_points(self) -> None:
        eps = sorted(importlib.metadata.entry_points(group=hookspecs.PROJECT),
                     key=lambda ep: ep.name)
        for ep in eps:
            try:
                obj = ep.load()
            except Exception as exc:  # isolate any failure of a plugin import
                self._problem(f"plugin {ep.name!r} failed to import: "
                              f"{type(exc).__name__}: {exc}")
                continue
            version = ep.dist.version if ep.dist is not None else ""
            self._register(obj, ep.name, version)

    # -- calling hooks -----------------------------------------------------------
    def _call(self, hook_name: str, check: type[_T] | tuple[type, ...],
              **kwargs: Any) -> list[tuple[str, _T]]:
        """Call a hook on each plugin separately; return ``(plugin, item)`` pairs sorted
        by plugin name. Malformed returns are reported and dropped."""
        out: list[tuple[str, Any]] = []
        hook = getattr(self._pm.hook, hook_name)
        for impl in hook.get_hookimpls():
            name = self._pm.get_name(impl.plugin) or repr(impl.plugin)
            try:
                result = impl.function(*[kwargs[a] for a in impl.argnames])
            except ThiduaError as exc:
                if self.strict:
                    raise PluginError(f"plugin {name!r} failed in {hook_name}: {exc}") from exc
                self._problem(f"plugin {name!r} failed in {hook_name}: {exc}")
                continue
            except Exception as exc:  # a plugin bug must not crash the host
                self._problem(f"plugin {name!r} failed in {hook_name}: "
                              f"{type(exc).__name__}: {exc}")
                continue
            if result is None:
                continue
            if not isinstance(result, list | tuple):
                self._problem(f"plugin {name!r} returned {type(result).__name__} from "
                              f"{hook_name}; expected a list or None")
                continue
            for item in result:
                if not isinstance(item, check):
                    self._problem(f"plugin {name!r} returned a {type(item).__name__} from "
                                  f"{hook_name}; expected {_names(check)}")
                    continue
                out.append((name, item))
        out.sort(key=lambda pair: pair[0])
        return out

    @property
    def plugin_names(self) -> tuple[str, ...]:
        """Names of the registered plugins, sorted."""
        return tuple(sorted(n for n, _ in self._pm.list_name_plugin()))

    def plugin_infos(self) -> tuple[PluginInfo, ...]:
        """The registered plugins with their versions and the hooks they implement."""
        infos = []
        for name, plugin in sorted(self._pm.list_name_plugin()):
            hooks = tuple(sorted(c.name for c in self._pm.get_hookcallers(plugin) or ()))
            infos.append(PluginInfo(name=name, version=self._versions.get(name, ""),
                                    contributes=hooks))
        return tuple(infos)

    # -- merged data --------------------------------------------------------------
    @functools.cached_property
    def rules(self) -> Mapping[str, Rule]:
        """The rule library, keyed by id. Two plugins with one id are a conflict."""
        library: dict[str, Rule] = {}
        origin: dict[str, str] = {}
        for name, rule in self._call("thidua_rules", Rule):
            rule = _with_source(rule, name)
            if rule.id in library:
                self._problem(f"rule {rule.id!r} is contributed by both {origin[rule.id]!r} "
                              f"and {name!r}; replace it for a plan with a RuleChange instead")
                continue
            library[rule.id] = rule
            origin[rule.id] = name
        return library

    @functools.cached_property
    def plans(self) -> Mapping[str, Plan]:
        """Every plan, with parameter overrides and rule changes applied."""
        plans: dict[str, Plan] = {}
        for name, plan in self._call("thidua_plans", Plan, rules=self.rules):
            if plan.id in plans:
                self._problem(f"plan {plan.id!r} is provided by both {plans[plan.id].source!r} "
                              f"and {name!r}; the second is ignored")
                continue
            plans[plan.id] = plan
        for pid in sorted(plans):
            plans[pid] = self._apply_rule_changes(self._apply_overrides(plans[pid]))
        return plans

    def _apply_overrides(self, plan: Plan) -> Plan:
        from thidua.parameters import ParameterOverride

        overrides = self._call("thidua_parameter_overrides", ParameterOverride, plan=plan)
        by_param: dict[str, list[ParameterOverride]] = {}
        for _, ov in overrides:
            by_param.setdefault(ov.parameter, []).append(ov)
        store = plan.parameters
        for pid in sorted(by_param):
            chosen = _resolve_conflict(by_param[pid])
            if chosen is None:
                names = sorted(o.source for o in by_param[pid])
                raise PluginError(
                    f"conflict: plugins {' and '.join(repr(n) for n in names)} both set "
                    f"parameter {pid!r} of plan {plan.id!r}; one must declare that it "
                    f"overrides the other (ParameterOverride.overrides), or uninstall one"
                )
            if pid not in store:
                raise PluginError(f"plugin {chosen.source!r} overrides parameter {pid!r}, "
                                  f"which plan {plan.id!r} does not define")
            try:
                store = store.with_override(chosen)
            except ThiduaError as exc:
                raise PluginError(f"plugin {chosen.source!r} was refused at load: {exc}") from exc
        return plan.with_parameters(store)

    def _apply_rule_changes(self, plan: Plan) -> Plan:
        changes = self._call("thidua_rule_changes", RuleChange, plan=plan)
        rules = {r.id: r for r in plan.rules}
        order = [r.id for r in plan.rules]
        touched: dict[str, str] = {}
        for name, ch in changes:
            if ch.rule_id in touched:
                raise PluginError(f"conflict: plugins {touched[ch.rule_id]!r} and {name!r} "
                                  f"both change rule {ch.rule_id!r} of plan {plan.id!r}")
            touched[ch.rule_id] = name
            if ch.action is RuleAction.DISABLE or ch.action is RuleAction.REPLACE:
                if ch.rule_id not in rules:
                    raise PluginError(f"plugin {name!r} wants to {ch.action.value} rule "
                                      f"{ch.rule_id!r}, which plan {plan.id!r} does not run; "
                                      f"known: {', '.join(order)}")
            elif ch.rule_id in rules:
                raise PluginError(f"plugin {name!r} adds rule {ch.rule_id!r}, which plan "
                                  f"{plan.id!r} already runs; use action 'replace'")
            if ch.action is RuleAction.DISABLE:
                del rules[ch.rule_id]
                order.remove(ch.rule_id)
            else:
                assert ch.rule is not None
                rules[ch.rule_id] = _with_source(ch.rule, name)
                if ch.rule_id not in order:
                    order.append(ch.rule_id)
        return plan.with_rules(rules[i] for i in order)

    @functools.cached_property
    def calendar(self) -> WorkingCalendar:
        """The working-day calendar with every plugin's announced days."""
        days = self._call("thidua_calendar_days", CalendarDay)
        by_date: dict[Any, tuple[str, CalendarDay]] = {}
        for name, day in days:
            prev = by_date.get(day.date)
            if prev is not None and prev[1].kind != day.kind:
                self._problem(f"conflict: plugins {prev[0]!r} and {name!r} disagree on "
                              f"{day.date.isoformat()}; the day is left as the holidays "
                              f"table has it")
                del by_date[day.date]
                continue
            by_date[day.date] = (name, _with_day_source(day, name))
        return WorkingCalendar(extra_days=tuple(d for _, d in
                                                sorted(by_date.values(), key=lambda p: p[1].date)))

    def award_types(self) -> list[tuple[str, AwardType]]:
        """Award types contributed by plugins, as ``(plugin, award type)`` pairs."""
        from thidua.rules.ladder.catalogue import AwardType

        return self._call("thidua_award_types", AwardType)

    def exporters(self) -> list[tuple[str, Exporter]]:
        """Exporters contributed by plugins, as ``(plugin, exporter)`` pairs."""
        from thidua.export.base import Exporter

        return self._call("thidua_exporters", Exporter)

    def cli_commands(self) -> list[tuple[str, CliCommand]]:
        """CLI subcommands contributed by plugins, as ``(plugin, command)`` pairs."""
        from thidua.cli.base import CliCommand

        return self._call("thidua_cli_commands", CliCommand)

    def engine(self) -> Engine:
        """An engine over the merged plans and calendar."""
        return Engine(self.plans.values(), calendar=self.calendar, plugins=self.plugin_infos())


def _names(check: type | tuple[type, ...]) -> str:
    if isinstance(check, tuple):
        return " or ".join(t.__name__ for t in check)
    return check.__name__


def _with_source(rule: Rule, source: str) -> Rule:
    return attrs.evolve(rule, source=source)


def _with_day_source(day: CalendarDay, source: str) -> CalendarDay:
    return attrs.evolve(day, source=source)


def _resolve_conflict(overrides: list[ParameterOverride]) -> ParameterOverride | None:
    """The one override that wins: the only one, or the one that declares it overrides
    every other. None if the plugins conflict."""
    if len(overrides) == 1:
        return overrides[0]
    for cand in overrides:
        others = {o.source for o in overrides if o is not cand}
        if others <= set(cand.overrides):
            return cand
    return None

