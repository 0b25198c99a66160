"""The plugin host: a small typed facade over pluggy that loads plugins and merges what
they return.

Load order:

1. the built-in plugins (:data:`thidua.plugins.builtin.BUILTIN_PLUGINS`: the seed
   plan, the generic rules, the award catalogue, the exporters), unless
   ``builtins=False``;
2. plugins installed in the ``thidua`` entry-point group, in entry-point name order,
   unless autoloading is off (``THIDUA_DISABLE_PLUGIN_AUTOLOAD=1`` or ``autoload=False``);
3. plugin objects passed explicitly to :class:`Host`.

The load order decides nothing about results: every hook is called on each plugin
separately, the results are merged in plugin-name order and keyed by id, and two
plugins that claim the same thing (a parameter of a plan, a rule of a plan, a calendar
day) are a **conflict** reported with both names, unless one declares that it
overrides the other.

Everything is loaded when the host is built ("at load"): a plugin that fails to import,
raises, returns malformed data or an invalid value (a quota with min > max) produces a
:class:`PluginWarning` naming the plugin and what it tried to set, and that contribution
is left out; in strict mode (``THIDUA_STRICT_PLUGINS=1`` or ``strict=True``) it raises
:class:`~thidua.errors.PluginError` instead. :attr:`Host.problems` keeps every message.
"""

from __future__ import annotations

import importlib.metadata
import os
import types
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import attrs
import pluggy

from thidua.calendar import CalendarDay, WorkingCalendar
from thidua.errors import PluginError
from thidua.plan import Plan
from thidua.plugins import hookspecs
from thidua.plugins.changes import RuleAction, RuleChange
from thidua.rules.base import Rule
from thidua.rules.engine import Engine, PluginInfo

if TYPE_CHECKING:
    from thidua.cli.base import CliCommand
    from thidua.export.base import Exporter
    from thidua.parameters import DatedValue, Parameter, ParameterOverride
    from thidua.rules.ladder.catalogue import AwardType

__all__ = ["DISABLE_AUTOLOAD_ENV", "STRICT_ENV", "HookMonitor", "Host", "ParameterChange",
           "PluginWarning"]

DISABLE_AUTOLOAD_ENV = "THIDUA_DISABLE_PLUGIN_AUTOLOAD"
"""Set to a non-empty value (other than ``0``) to skip entry-point plugins."""
STRICT_ENV = "THIDUA_STRICT_PLUGINS"
"""Set to ``1`` to turn plugin warnings into errors."""
BUILTIN_VERSION = "builtin"
"""The version shown for the built-in plugins."""

_T = TypeVar("_T")

HookMonitor = Callable[[str, str], None]
"""Called as ``monitor(hook_name, plugin_name)`` before each plugin's hook runs."""


@attrs.frozen(kw_only=True)
class ParameterChange:
    """One parameter of a plan as third-party plugins changed it (``thidua params --diff``)."""

    parameter: Parameter
    """The parameter as the plan now has it."""
    before: tuple[DatedValue, ...]
    """The values it had before (empty: a parameter no built-in plan defines)."""
    after: tuple[DatedValue, ...]
    """The values third-party plugins supplied, each with its ``source`` and ``citation``."""
    against: str | None = None
    """Id of the plan ``before`` comes from when it is the succeeded plan, not an override."""

    @property
    def plugins(self) -> tuple[str, ...]:
        """The plugins that supplied the new values, sorted."""
        return tuple(sorted({v.source for v in self.after}))


class PluginWarning(UserWarning):
    """A plugin's contribution was left out: it failed to load, raised, returned
    malformed data, or conflicts with another plugin."""


class _Claim(Protocol):
    """Something a plugin claims that another plugin may claim too."""

    @property
    def overrides(self) -> tuple[str, ...]: ...


_C = TypeVar("_C", bound=_Claim)


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() not in ("", "0", "false", "no")


def _plugin_name(obj: object) -> str:
    return str(getattr(obj, "__name__", None) or type(obj).__name__)


class Host:
    """Loads plugins and hands out the merged plans, rules, calendar and exporters.

    ``plugins`` are registered after the built-ins and the installed entry points.
    ``monitor`` (used by :mod:`thidua.testing`) sees every hook call.
    """

    def __init__(self, plugins: Sequence[object] = (), *, builtins: bool = True,
                 autoload: bool | None = None, strict: bool | None = None,
                 monitor: HookMonitor | None = None) -> None:
        self.strict = _env_flag(STRICT_ENV) if strict is None else strict
        self.autoload = (not _env_flag(DISABLE_AUTOLOAD_ENV)) if autoload is None else autoload
        self._monitor = monitor
        self._pm = pluggy.PluginManager(hookspecs.PROJECT)
        self._pm.add_hookspecs(hookspecs)
        self._versions: dict[str, str] = {}
        self._contrib: dict[str, dict[str, list[str]]] = {}
        self._problems: list[str] = []
        if builtins:
            from thidua.plugins.builtin import BUILTIN_PLUGINS

            for name, module in BUILTIN_PLUGINS:
                self._register(module, name, BUILTIN_VERSION)
        if self.autoload:
            self._load_entry_points()
        for obj in plugins:
            self._register(obj, _plugin_name(obj), str(getattr(obj, "__version__", "")))
        self._load()

    # -- loading -------------------------------------------------------------------
    def _problem(self, message: str, cause: BaseException | None = None) -> None:
        self._problems.append(message)
        if self.strict:
            raise PluginError(message) from cause
        warnings.warn(message + f" (set {STRICT_ENV}=1 to make this an error)",
                      PluginWarning, stacklevel=3)

    def _register(self, obj: object, name: str, version: str) -> None:
        if self._pm.is_registered(obj):
            return  # the same object, autoloaded and passed explicitly
        if self._pm.has_plugin(name):
            self._problem(f"two plugins are named {name!r}; the second is ignored")
            return
        try:
            self._pm.register(obj, name=name)
        except (ValueError, pluggy.PluginValidationError) as exc:
            self._problem(f"plugin {name!r} cannot be registered: {exc}", exc)
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
                              f"{type(exc).__name__}: {exc}", exc)
                continue
            version = ep.dist.version if ep.dist is not None else ""
            self._register(obj, ep.name, version)

    def _load(self) -> None:
        """Call every hook once and merge the results (the "at load" of the issue)."""
        from thidua.cli.base import CliCommand
        from thidua.export.base import Exporter
        from thidua.rules.ladder.catalogue import AwardType

        self._rules = self._merge_rules()
        self._supplied = self._collect_plans()
        self._overrides: dict[str, tuple[ParameterOverride, ...]] = {}
        self._changes: dict[str, tuple[tuple[str, RuleChange], ...]] = {}
        plans = {}
        for pid in sorted(self._supplied):
            plans[pid] = self._apply_rule_changes(self._apply_overrides(self._supplied[pid]))
        self._plans = plans
        self._calendar = self._merge_calendar()
        self._award_types = self._call("thidua_award_types", AwardType)
        self._note(self._award_types, "award types", lambda a: a.id)
        self._exporters = self._call("thidua_exporters", Exporter)
        self._note(self._exporters, "exporters", lambda e: e.name)
        self._cli_commands = self._call("thidua_cli_commands", CliCommand)
        self._note(self._cli_commands, "commands", lambda c: c.name)

    # -- calling hooks -----------------------------------------------------------
    def _call(self, hook_name: str, check: type[_T] | tuple[type, ...],
              **kwargs: Any) -> list[tuple[str, _T]]:
        """Call a hook on each plugin separately; return ``(plugin, item)`` pairs sorted
        by plugin name. A plugin that raises, or returns anything but a list of
        ``check`` items, is reported and its whole answer dropped (never half of it)."""
        out: list[tuple[str, Any]] = []
        hook = getattr(self._pm.hook, hook_name)
        impls = sorted(((self._pm.get_name(i.plugin) or repr(i.plugin), i)
                        for i in hook.get_hookimpls()), key=lambda p: p[0])
        for name, impl in impls:
            if self._monitor is not None:
                self._monitor(hook_name, name)
            try:
                result = impl.function(*[kwargs[a] for a in impl.argnames])
            except Exception as exc:  # a plugin bug must not crash the host
                self._problem(f"plugin {name!r} failed in {hook_name}: "
                              f"{type(exc).__name__}: {exc}", exc)
                continue
            if result is None:
                continue
            if not isinstance(result, list | tuple):
                self._problem(f"plugin {name!r} returned {type(result).__name__} from "
                              f"{hook_name}; expected a list or None")
                continue
            good: list[tuple[str, Any]] = []
            for item in result:
                if not isinstance(item, check):
                    self._problem(f"plugin {name!r} returned a {type(item).__name__} from "
                                  f"{hook_name}; expected {_names(check)}")
                    good = []
                    break
                good.append((name, item))
            out.extend(good)
        return out

    def _note(self, pairs: Iterable[tuple[str, _T]], what: str,
              label: Callable[[_T], str]) -> None:
        for name, item in pairs:
            self._contrib.setdefault(name, {}).setdefault(what, []).append(label(item))

    # -- rules and plans -----------------------------------------------------------
    def _merge_rules(self) -> dict[str, Rule]:
        library: dict[str, Rule] = {}
        claims: dict[str, list[tuple[str, Rule]]] = {}
        for name, rule in self._call("thidua_rules", Rule):
            claims.setdefault(rule.id, []).append((name, rule))
        for rid in sorted(claims):
            if len(claims[rid]) > 1:
                names = " and ".join(repr(n) for n, _ in claims[rid])
                self._problem(f"conflict: plugins {names} all contribute rule {rid!r}; it "
                              f"is left out. Give the rules different ids, or replace the "
                              f"rule for a plan with a RuleChange")
                continue
            name, rule = claims[rid][0]
            library[rid] = attrs.evolve(rule, source=name)
            self._note([(name, rid)], "rules", str)
        return library

    def _collect_plans(self) -> dict[str, Plan]:
        claims: dict[str, list[tuple[str, Plan]]] = {}
        rules = types.MappingProxyType(self._rules)
        for name, plan in self._call("thidua_plans", Plan, rules=rules):
            claims.setdefault(plan.id, []).append((name, plan))
        plans: dict[str, Plan] = {}
        for pid in sorted(claims):
            if len(claims[pid]) > 1:
                names = " and ".join(repr(n) for n, _ in claims[pid])
                self._problem(f"conflict: plugins {names} all provide plan {pid!r}; it is "
                              f"left out. Uninstall one, or give the plans different ids")
                continue
            name, plan = claims[pid][0]
            plans[pid] = attrs.evolve(plan, source=name)
            self._note([(name, pid)], "plans", str)
        return plans

    def _apply_overrides(self, plan: Plan) -> Plan:
        from thidua.parameters import ParameterOverride

        pairs = self._call("thidua_parameter_overrides", ParameterOverride, plan=plan)
        by_param: dict[str, list[tuple[str, ParameterOverride]]] = {}
        for name, ov in pairs:
            by_param.setdefault(ov.parameter, []).append((name, attrs.evolve(ov, source=name)))
        store = plan.parameters
        accepted = []
        for pid in sorted(by_param):
            what = f"parameter {pid!r} of plan {plan.id!r}"
            chosen = self._resolve(by_param[pid], what)
            if chosen is None:
                continue
            name, ov = chosen
            if pid not in store:
                self._problem(f"plugin {name!r} overrides {what}, which the plan does not "
                              f"define; known: {', '.join(sorted(store))}")
                continue
            problems = ov.problems(store[pid])
            if problems:
                self._problem(f"plugin {name!r} was refused at load: it sets an invalid "
                              f"value for {what}: " + "; ".join(p.message for p in problems))
                continue
            store = store.with_override(ov)
            accepted.append(ov)
            self._note([(name, f"{plan.id}:{pid}")], "parameters", str)
        self._overrides[plan.id] = tuple(accepted)
        return plan.with_parameters(store)

    def _apply_rule_changes(self, plan: Plan) -> Plan:
        pairs = self._call("thidua_rule_changes", RuleChange, plan=plan)
        by_rule: dict[str, list[tuple[str, RuleChange]]] = {}
        for name, ch in pairs:
            by_rule.setdefault(ch.rule_id, []).append((name, ch))
        rules = {r.id: r for r in plan.rules}
        order = [r.id for r in plan.rules]
        applied = []
        for rid in sorted(by_rule):
            chosen = self._resolve(by_rule[rid], f"rule {rid!r} of plan {plan.id!r}")
            if chosen is None:
                continue
            name, ch = chosen
            if ch.action in (RuleAction.DISABLE, RuleAction.REPLACE) and rid not in rules:
                self._problem(f"plugin {name!r} wants to {ch.action.value} rule {rid!r}, "
                              f"which plan {plan.id!r} does not run; known: "
                              f"{', '.join(order) or '(none)'}")
                continue
            if ch.action is RuleAction.ADD and rid in rules:
                self._problem(f"plugin {name!r} adds rule {rid!r}, which plan {plan.id!r} "
                              f"already runs; use action 'replace'")
                continue
            if ch.action is RuleAction.DISABLE:
                del rules[rid]
                order.remove(rid)
            else:
                assert ch.rule is not None
                rules[rid] = attrs.evolve(ch.rule, source=name)
                if rid not in order:
                    order.append(rid)
            applied.append((name, ch))
            self._note([(name, f"{ch.action.value} {plan.id}:{rid}")], "rule changes", str)
        self._changes[plan.id] = tuple(applied)
        return plan.with_rules(rules[i] for i in order)

    def _resolve(self, claims: list[tuple[str, _C]], what: str) -> tuple[str, _C] | None:
        """The claim that wins, or None (reported) if plugins conflict."""
        chosen = _winner(claims)
        if chosen is None:
            names = " and ".join(repr(n) for n in sorted({n for n, _ in claims}))
            self._problem(f"conflict: plugins {names} all set {what}; both are left out. "
                          f"One must declare that it overrides the other (its "
                          f"'overrides' lists the other plugin's name), or uninstall one")
        return chosen

    def _merge_calendar(self) -> WorkingCalendar:
        by_date: dict[Any, list[tuple[str, CalendarDay]]] = {}
        for name, day in self._call("thidua_calendar_days", CalendarDay):
            by_date.setdefault(day.date, []).append((name, attrs.evolve(day, source=name)))
        days = []
        for when in sorted(by_date):
            claims = by_date[when]
            if len({d.kind for _, d in claims}) > 1:
                names = " and ".join(repr(n) for n in sorted({n for n, _ in claims}))
                self._problem(f"conflict: plugins {names} disagree on {when.isoformat()} "
                              f"(day off or working day); the day is left as the holidays "
                              f"table has it")
                continue
            name, day = claims[0]
            days.append(day)
            for n, _ in claims:
                self._note([(n, when.isoformat())], "calendar days", str)
        return WorkingCalendar(extra_days=tuple(days))

    # -- what the host offers ------------------------------------------------------
    @property
    def plugin_names(self) -> tuple[str, ...]:
        """Names of the registered plugins, sorted."""
        return tuple(sorted(n for n, _ in self._pm.list_name_plugin()))

    @property
    def problems(self) -> tuple[str, ...]:
        """Every plugin problem met while loading (also issued as warnings)."""
        return tuple(self._problems)

    def plugin_infos(self) -> tuple[PluginInfo, ...]:
        """The registered plugins with their versions and what each contributes, as
        ``"plans: id, …"``, ``"parameters: plan:parameter, …"`` and so on."""
        infos = []
        for name, _ in sorted(self._pm.list_name_plugin()):
            contrib = self._contrib.get(name, {})
            parts = tuple(f"{what}: {', '.join(items)}" if what != "calendar days"
                          else f"{what}: {len(items)}"
                          for what, items in sorted(contrib.items()))
            infos.append(PluginInfo(name=name, version=self._versions.get(name, ""),
                                    contributes=parts))
        return tuple(infos)

    def hooks_of(self, name: str) -> tuple[str, ...]:
        """The hooks plugin ``name`` implements, sorted."""
        plugin = self._pm.get_plugin(name)
        if plugin is None:
            raise PluginError(f"no plugin named {name!r}; loaded: "
                              + ", ".join(self.plugin_names))
        return tuple(sorted(c.name for c in self._pm.get_hookcallers(plugin) or ()))

    @property
    def rules(self) -> Mapping[str, Rule]:
        """The rule library, keyed by id, each rule stamped with its plugin."""
        return types.MappingProxyType(self._rules)

    @property
    def plans(self) -> Mapping[str, Plan]:
        """Every plan, with parameter overrides and rule changes applied."""
        return types.MappingProxyType(self._plans)

    @property
    def supplied_plans(self) -> Mapping[str, Plan]:
        """Every plan as its plugin supplied it, before other plugins changed it."""
        return types.MappingProxyType(self._supplied)

    def overrides_for(self, plan_id: str) -> tuple[ParameterOverride, ...]:
        """The parameter overrides applied to plan ``plan_id`` (each names its plugin in
        ``source`` and cites its decision in ``citation``)."""
        return self._overrides.get(plan_id, ())

    def is_builtin(self, name: str) -> bool:
        """True if plugin ``name`` is one of thidua's built-in plugins."""
        return self._versions.get(name) == BUILTIN_VERSION

    def parameter_changes(self, plan_id: str) -> tuple[ParameterChange, ...]:
        """What third-party plugins changed in plan ``plan_id`` against the built-in
        values, one entry per parameter, in id order.

        A parameter counts as changed when some value of it was supplied by a plugin
        that is not built in. The values it replaced are those its overrides
        superseded; for a parameter a plugin's own plan brings, they are the values of
        the plan it ``succeeds`` (if that plan defines the parameter).
        """
        plan = self._plans.get(plan_id)
        if plan is None:
            raise PluginError(f"unknown plan {plan_id!r}; known plans: "
                              + (", ".join(sorted(self._plans)) or "(none)"))
        before_plan = self._plans.get(plan.succeeds) if plan.succeeds else None
        out = []
        for pid in sorted(plan.parameters):
            param = plan.parameters[pid]
            after = tuple(v for v in param.values if not self.is_builtin(v.source))
            if not after:
                continue
            before = param.superseded
            against = None
            if not before and before_plan is not None and pid in before_plan.parameters:
                before = before_plan.parameters[pid].values
                against = before_plan.id
            out.append(ParameterChange(parameter=param, before=before, after=after,
                                       against=against))
        return tuple(out)

    def rule_changes_for(self, plan_id: str) -> tuple[tuple[str, RuleChange], ...]:
        """The rule changes applied to plan ``plan_id``, as ``(plugin, change)``."""
        return self._changes.get(plan_id, ())

    @property
    def calendar(self) -> WorkingCalendar:
        """The working-day calendar with every plugin's announced days."""
        return self._calendar

    def award_types(self) -> list[tuple[str, AwardType]]:
        """Award types contributed by plugins, as ``(plugin, award type)`` pairs."""
        return list(self._award_types)

    def exporters(self) -> list[tuple[str, Exporter]]:
        """Exporters contributed by plugins, as ``(plugin, exporter)`` pairs."""
        return list(self._exporters)

    def cli_commands(self) -> list[tuple[str, CliCommand]]:
        """CLI subcommands contributed by plugins, as ``(plugin, command)`` pairs."""
        return list(self._cli_commands)

    def engine(self) -> Engine:
        """An engine over the merged plans and calendar."""
        return Engine(self._plans.values(), calendar=self._calendar,
                      plugins=self.plugin_infos())


def _names(check: type | tuple[type, ...]) -> str:
    if isinstance(check, tuple):
        return " or ".join(t.__name__ for t in check)
    return check.__name__


def _winner(claims: list[tuple[str, _C]]) -> tuple[str, _C] | None:
    """The one claim that wins: the only one, or the one that overrides every other
    (directly or through a chain of ``overrides``). None if the plugins conflict."""
    if len(claims) == 1:
        return claims[0]
    beats = {name: set(c.overrides) for name, c in claims}
    names = set(beats)
    for name, claim in claims:
        reach: set[str] = set()
        todo = [name]
        while todo:
            for other in beats.get(todo.pop(), ()):
                if other not in reach:
                    reach.add(other)
                    todo.append(other)
        if names - {name} <= reach and name not in reach:
            return name, claim
    return None
