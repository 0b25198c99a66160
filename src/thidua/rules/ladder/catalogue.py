"""The award catalogue: every title and form of commendation, as data.

An :class:`AwardType` names an award in Vietnamese and English, says whether it is an
emulation title or a form of commendation, who may receive it, which authority decides
it (and so whose fund pays), which parameter holds its bonus coefficient, and its
criteria under each legal regime (:class:`Regime`, by the date it took effect).

Award types arrive through the ``thidua_award_types`` hook (the built-in national
catalogue is the plugin ``thidua.awards``); :class:`Catalogue` merges them with the
dated parameters they bring (coefficients, the base salary, the rounding rule) and
reports conflicts instead of letting the last plugin win.

Catalogue files (TOML) look like this (see ``plugins/builtin/awards/catalogue.toml``)::

    document = "Luật Thi đua, khen thưởng số 06/2022/QH15"

    [[fund]]
    id = "trung_uong"
    name_vi = "Quỹ thi đua, khen thưởng của cấp trung ương"
    name_en = "central-level emulation and commendation fund"

    [[authority]]
    id = "thu_tuong"
    name_vi = "Thủ tướng Chính phủ"
    name_en = "Prime Minister"
    clause = "Điều 78 khoản 2"
    status = "verified"
    fund = "trung_uong"

    [[award]]
    id = "bang_khen_thu_tuong"
    name_vi = "Bằng khen của Thủ tướng Chính phủ"
    name_en = "Prime Minister's certificate of merit"
    category = "form"
    recipients = ["individual", "collective"]
    authority = "thu_tuong"
    rank = 60
    bonus = "bonus.bang_khen_thu_tuong"

    [[award.regime]]
    from = 2024-01-01
    status = "verified"
    individual = "b"

    [[award.regime.criterion]]
    id = "b"
    kind = "all_of"
    of = ["b.bang_khen", "b.years"]
    clause = "Điều 73 khoản 1 điểm b"
    ...
"""

from __future__ import annotations

import datetime as dt
import enum
import tomllib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from thidua.errors import PluginError, RuleError, ThiduaError
from thidua.model.base import is_slug, nfc, non_empty_text, slug, to_tuple
from thidua.parameters import ParameterOverride, ParameterStatus, ParameterStore
from thidua.rules.ladder.criteria import Criterion, Text, normalised
from thidua.rules.ladder.history import Recipient

if TYPE_CHECKING:
    from thidua.plugins.host import Host

__all__ = [
    "Authority",
    "AwardCategory",
    "AwardType",
    "Catalogue",
    "Fund",
    "Regime",
    "load_award_types",
    "parse_award_types",
]


class AwardCategory(enum.StrEnum):
    """An emulation title (danh hiệu thi đua) or a form of commendation (hình thức khen
    thưởng: orders, certificates of merit, honorary titles …)."""

    TITLE = "title"
    FORM = "form"


@attrs.frozen(kw_only=True)
class Fund:
    """The emulation and commendation fund of a level (quỹ thi đua, khen thưởng)."""

    id: str = attrs.field(validator=slug)
    name_vi: str = attrs.field(converter=nfc, validator=non_empty_text)
    name_en: str = attrs.field(converter=nfc, validator=non_empty_text)
    clause: str = attrs.field(default="", converter=nfc)
    """The rule that this level's fund pays, e.g. ``Điều 11 khoản 4``."""
    document: str = attrs.field(default="", converter=nfc)


@attrs.frozen(kw_only=True)
class Authority:
    """Who decides an award; the decider pays from its own level's fund."""

    id: str = attrs.field(validator=slug)
    name_vi: str = attrs.field(converter=nfc, validator=non_empty_text)
    name_en: str = attrs.field(converter=nfc, validator=non_empty_text)
    clause: str = attrs.field(converter=nfc, validator=non_empty_text)
    """The article giving the power, e.g. ``Điều 78 khoản 2``."""
    document: str = attrs.field(default="", converter=nfc)
    status: ParameterStatus = attrs.field(default=ParameterStatus.VERIFIED,
                                          converter=ParameterStatus)
    fund: Fund
    """The fund that pays the awards this authority decides."""


@attrs.frozen(kw_only=True)
class Regime:
    """An award's criteria as in force from a date (a law or decree taking effect)."""

    effective_from: dt.date
    document: str = attrs.field(converter=nfc, validator=non_empty_text)
    """The law or decree whose criteria these are."""
    clause: str = attrs.field(default="", converter=nfc)
    """The article of the award in that document, e.g. ``Điều 73``."""
    individual: Criterion | None = None
    """The criteria for individuals (None: not known, or cannot be judged from data)."""
    collective: Criterion | None = None
    """The criteria for collectives."""
    note_vi: str = attrs.field(default="", converter=nfc)
    """Other grounds (judged by a council, not from data) and open questions."""
    note_en: str = attrs.field(default="", converter=nfc)

    def criteria(self, recipient: Recipient) -> Criterion | None:
        """The criteria for ``recipient``."""
        return self.individual if recipient is Recipient.INDIVIDUAL else self.collective

    @property
    def note(self) -> Text:
        """The note in both languages."""
        return Text(self.note_vi, self.note_en)


def _recipients(values: Iterable[Recipient | str]) -> frozenset[Recipient]:
    if isinstance(values, str):
        raise TypeError(f"recipients must be a list, got the string {values!r}")
    return frozenset(Recipient(v) for v in values)


@attrs.frozen(kw_only=True)
class AwardType:
    """A title or form of commendation with its criteria, authority and bonus."""

    id: str = attrs.field(validator=slug)
    """Award id of the dossier format, e.g. ``bang_khen_thu_tuong``."""
    name_vi: str = attrs.field(default="", converter=nfc)
    name_en: str = attrs.field(default="", converter=nfc)
    category: AwardCategory = attrs.field(default=AwardCategory.FORM, converter=AwardCategory)
    recipients: frozenset[Recipient] = attrs.field(
        default=frozenset({Recipient.INDIVIDUAL}), converter=_recipients)
    """Who may receive it."""
    authority: Authority | None = None
    """Who decides it (and so which fund pays)."""
    rank: int = 0
    """Position on the ladder (higher is higher); orders listings and roadmaps."""
    regimes: tuple[Regime, ...] = attrs.field(default=(), converter=to_tuple)
    """Criteria by the date they took effect, oldest first."""
    bonus: str | None = None
    """Id of the parameter holding the bonus coefficient (× base salary)."""
    collective_multiplier: str | None = None
    """Id of the parameter multiplying the bonus when a collective receives it."""
    parameters: ParameterStore = attrs.field(factory=ParameterStore, eq=False)
    """Dated parameters this award type brings (coefficients, base salary …)."""
    replaces: bool = False
    """True if this type replaces another plugin's type of the same id."""
    source: str = "builtin"
    """Name of the plugin that supplied it."""

    def __attrs_post_init__(self) -> None:
        froms = [r.effective_from for r in self.regimes]
        if froms != sorted(froms) or len(set(froms)) != len(froms):
            raise RuleError(f"award {self.id!r}: regimes must have distinct dates, oldest "
                            f"first, got {[d.isoformat() for d in froms]}")

    @property
    def name(self) -> Text:
        """The display name in both languages (the id if none was given)."""
        return Text(self.name_vi or self.id, self.name_en or self.name_vi or self.id)

    def regime_on(self, day: dt.date) -> Regime | None:
        """The regime in force on ``day`` (None before the first)."""
        found = None
        for r in self.regimes:
            if r.effective_from <= day:
                found = r
        return found


# -- the merged catalogue -----------------------------------------------------------------

class Catalogue(Mapping[str, AwardType]):
    """Every award type the plugins supplied, keyed by id, with their parameters merged.

    Two plugins supplying one award id conflict unless exactly one declares
    ``replaces``; two plugins bringing different definitions of one parameter conflict.
    ``overrides`` change parameter values (a new base salary, say) like a plan's.
    """

    __slots__ = ("_awards", "_origin", "parameters")

    def __init__(self, award_types: Iterable[AwardType | tuple[str, AwardType]], *,
                 overrides: Sequence[ParameterOverride] = ()) -> None:
        pairs = [(a.source, a) if isinstance(a, AwardType) else a for a in award_types]
        chosen: dict[str, list[tuple[str, AwardType]]] = {}
        for plugin, award in pairs:
            chosen.setdefault(award.id, []).append((plugin, award))
        awards: dict[str, AwardType] = {}
        origin: dict[str, str] = {}
        for aid, offers in chosen.items():
            if len(offers) > 1:
                replacing = [o for o in offers if o[1].replaces]
                if len(replacing) != 1:
                    names = " and ".join(repr(p) for p, _ in sorted(offers, key=lambda o: o[0]))
                    raise PluginError(f"conflict: plugins {names} all supply award {aid!r}; "
                                      f"exactly one must declare replaces = true")
                offers = replacing
            plugin, award = offers[0]
            awards[aid] = award
            origin[aid] = plugin
        params: dict[str, Any] = {}
        param_origin: dict[str, str] = {}
        for aid in sorted(awards):
            for pid, p in awards[aid].parameters.items():
                if pid in params and params[pid] != p:
                    raise PluginError(f"conflict: parameter {pid!r} is defined differently "
                                      f"by {param_origin[pid]!r} and {origin[aid]!r}")
                params.setdefault(pid, p)
                param_origin.setdefault(pid, origin[aid])
        store = ParameterStore(params.values())
        for ov in overrides:
            try:
                store = store.with_override(ov)
            except ThiduaError as exc:
                raise PluginError(f"override of {ov.parameter!r} by {ov.source!r} was "
                                  f"refused: {exc}") from exc
        problems: list[str] = []
        for a in awards.values():
            for named in (a.bonus, a.collective_multiplier):
                if named is not None and named not in store:
                    problems.append(f"award {a.id!r} ({origin[a.id]}) names parameter "
                                    f"{named!r}, which no award type supplies")
        if problems:
            raise PluginError("the award catalogue is inconsistent:\n  " + "\n  ".join(problems))
        self._awards = {aid: _with_normalised(awards[aid]) for aid in sorted(
            awards, key=lambda k: (awards[k].rank, k))}
        self._origin = origin
        self.parameters: ParameterStore = store
        """Every parameter the award types brought, overrides applied."""

    @classmethod
    def from_host(cls, host: Host, *,
                  overrides: Sequence[ParameterOverride] = ()) -> Catalogue:
        """The catalogue of the award types ``host``'s plugins supply."""
        return cls(host.award_types(), overrides=overrides)

    def __getitem__(self, key: str) -> AwardType:
        try:
            return self._awards[key]
        except KeyError:
            raise RuleError(f"unknown award {key!r}; known awards: "
                            + (", ".join(self._awards) or "(none: is the award catalogue "
                               "plugin installed?)")) from None

    def __contains__(self, key: object) -> bool:
        # Mapping's default asks __getitem__ for a KeyError; ours raises RuleError
        return key in self._awards

    def get(self, key: str, default: Any = None) -> Any:
        """The award type ``key``, or ``default`` if the catalogue has none."""
        return self._awards.get(key, default)

    def __iter__(self) -> Iterator[str]:
        return iter(self._awards)

    def __len__(self) -> int:
        return len(self._awards)

    def source_of(self, award: str) -> str:
        """The plugin that supplied ``award``."""
        return self._origin[self[award].id]

    def names(self) -> dict[str, Text]:
        """Display names keyed by award id."""
        return {a.id: a.name for a in self._awards.values()}

    def titles(self) -> frozenset[str]:
        """Ids of the emulation titles."""
        return frozenset(a.id for a in self._awards.values()
                         if a.category is AwardCategory.TITLE)


def _with_normalised(award: AwardType) -> AwardType:
    regimes = []
    for i, r in enumerate(award.regimes):
        where = f"award {award.id!r}, regime {i}"
        regimes.append(attrs.evolve(
            r,
            individual=normalised(r.individual, where) if r.individual else None,
            collective=normalised(r.collective, where) if r.collective else None))
    return attrs.evolve(award, regimes=tuple(regimes))


# -- loading catalogue files -------------------------------------------------------------

_TOP_KEYS = {"document", "fund", "authority", "award"}
_FUND_KEYS = {"id", "name_vi", "name_en", "clause", "document"}
_AUTHORITY_KEYS = {"id", "name_vi", "name_en", "clause", "document", "status", "fund"}
_AWARD_KEYS = {"id", "name_vi", "name_en", "category", "recipients", "authority", "rank",
               "bonus", "collective_multiplier", "replaces", "regime"}
_REGIME_KEYS = {"from", "document", "clause", "status", "individual", "collective", "note_vi",
                "note_en", "criterion"}
_CRITERION_KEYS = {"id", "kind", "of", "clause", "document", "status", "label_vi",
                   "label_en"}


class _Problems:
    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.items: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.items.append(f"{self.origin}:{where}: {message}")

    def unknown(self, where: str, table: Mapping[str, Any], allowed: set[str]) -> None:
        for key in sorted(set(table) - allowed):
            self.add(where, f"unknown key {key!r}")

    def raise_if_any(self) -> None:
        if self.items:
            raise RuleError(f"invalid award catalogue {self.origin} "
                            f"({len(self.items)} problem(s)):\n  " + "\n  ".join(self.items))


def _table_list(data: Mapping[str, Any], key: str, where: str,
                problems: _Problems) -> list[Mapping[str, Any]]:
    items = data.get(key, [])
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        problems.add(where, f"'{key}' must be an array of tables ([[{key}]])")
        return []
    return items


def _text(table: Mapping[str, Any], key: str, where: str, problems: _Problems,
          default: str | None = None) -> str:
    value = table.get(key, default)
    if not isinstance(value, str) or not value.strip():
        problems.add(where, f"needs '{key}' (text)")
        return ""
    return value


def _status(table: Mapping[str, Any], where: str, problems: _Problems,
            default: ParameterStatus) -> ParameterStatus:
    raw = table.get("status", default.value)
    try:
        return ParameterStatus(raw)
    except ValueError:
        problems.add(where, f"status must be 'verified' or 'unconfirmed', got {raw!r}")
        return default


def _criteria(regime: Mapping[str, Any], where: str, problems: _Problems, document: str,
              status: ParameterStatus) -> dict[str, Criterion | None]:
    """The regime's criterion trees for individuals and collectives."""
    raw: dict[str, Mapping[str, Any]] = {}
    for j, c in enumerate(_table_list(regime, "criterion", where, problems)):
        cid = c.get("id")
        at = f"{where}.criterion[{j}]"
        if not isinstance(cid, str) or not cid:
            problems.add(at, "needs 'id'")
            continue
        if cid in raw:
            problems.add(at, f"criterion id {cid!r} is used twice")
            continue
        raw[cid] = c
    used: set[str] = set()

    def build(cid: str, trail: tuple[str, ...]) -> Criterion | None:
        at = f"{where}.criterion[{cid}]"
        if cid in trail:
            problems.add(at, "criteria refer to each other in a cycle: "
                         + " → ".join([*trail, cid]))
            return None
        if cid not in raw:
            problems.add(at, f"no criterion with id {cid!r}")
            return None
        used.add(cid)
        c = raw[cid]
        kind = c.get("kind")
        if not isinstance(kind, str):
            problems.add(at, "needs 'kind'")
            return None
        children: list[Criterion] = []
        if kind in ("all_of", "any_of"):
            of = c.get("of", [])
            if not isinstance(of, list) or not of or not all(isinstance(x, str) for x in of):
                problems.add(at, "a composite criterion needs 'of', a list of criterion ids")
                return None
            for child_id in of:
                child = build(child_id, (*trail, cid))
                if child is not None:
                    children.append(child)
            params: dict[str, Any] = {}
        else:
            params = {k: v for k, v in c.items() if k not in _CRITERION_KEYS}
            if "of" in c:
                problems.add(at, "only all_of and any_of take 'of'")
        clause = _text(c, "clause", at, problems)
        try:
            return Criterion(id=cid, kind=kind, clause=clause or "?",
                             document=str(c.get("document", document)),
                             status=_status(c, at, problems, status), params=params,
                             children=tuple(children), label_vi=str(c.get("label_vi", "")),
                             label_en=str(c.get("label_en", "")))
        except (TypeError, ValueError) as exc:
            problems.add(at, str(exc))
            return None

    out: dict[str, Criterion | None] = {}
    for rec in Recipient:
        root = regime.get(rec.value)
        if root is None:
            out[rec.value] = None
        elif not isinstance(root, str):
            problems.add(where, f"'{rec.value}' must be the id of the root criterion")
            out[rec.value] = None
        else:
            out[rec.value] = build(root, ())
    for cid in sorted(set(raw) - used):
        problems.add(f"{where}.criterion[{cid}]", "is not used by any root or 'of' list")
    return out


def parse_award_types(data: Mapping[str, Any], *, origin: str,
                      parameters: ParameterStore | None = None,
                      source: str = "builtin") -> tuple[AwardType, ...]:
    """Award types from parsed catalogue TOML; a RuleError lists every problem."""
    problems = _Problems(origin)
    problems.unknown("(top)", data, _TOP_KEYS)
    default_doc = str(data.get("document", ""))
    funds: dict[str, Fund] = {}
    for i, f in enumerate(_table_list(data, "fund", "(top)", problems)):
        at = f"fund[{i}]"
        problems.unknown(at, f, _FUND_KEYS)
        try:
            fund = Fund(id=str(f.get("id", "")), name_vi=_text(f, "name_vi", at, problems),
                        name_en=_text(f, "name_en", at, problems),
                        clause=str(f.get("clause", "")),
                        document=str(f.get("document", default_doc)))
        except ValueError as exc:
            problems.add(at, str(exc))
            continue
        funds[fund.id] = fund
    authorities: dict[str, Authority] = {}
    for i, a in enumerate(_table_list(data, "authority", "(top)", problems)):
        at = f"authority[{i}]"
        problems.unknown(at, a, _AUTHORITY_KEYS)
        fund_id = a.get("fund")
        if fund_id not in funds:
            problems.add(at, f"unknown fund {fund_id!r}; declare it under [[fund]]")
            continue
        try:
            auth = Authority(id=str(a.get("id", "")), name_vi=_text(a, "name_vi", at, problems),
                             name_en=_text(a, "name_en", at, problems),
                             clause=_text(a, "clause", at, problems) or "?",
                             document=str(a.get("document", default_doc)),
                             status=_status(a, at, problems, ParameterStatus.VERIFIED),
                             fund=funds[str(fund_id)])
        except ValueError as exc:
            problems.add(at, str(exc))
            continue
        authorities[auth.id] = auth
    store = parameters if parameters is not None else ParameterStore()
    awards: list[AwardType] = []
    seen: set[str] = set()
    for i, w in enumerate(_table_list(data, "award", "(top)", problems)):
        aid = w.get("id")
        at = f"award[{aid if isinstance(aid, str) else i}]"
        problems.unknown(at, w, _AWARD_KEYS)
        if not isinstance(aid, str) or not is_slug(aid):
            problems.add(at, f"needs 'id', a snake_case slug, got {aid!r}")
            continue
        if aid in seen:
            problems.add(at, "defined twice in the file")
            continue
        seen.add(aid)
        auth_id = w.get("authority")
        if auth_id is not None and auth_id not in authorities:
            problems.add(at, f"unknown authority {auth_id!r}; declare it under [[authority]]")
        regimes: list[Regime] = []
        for j, r in enumerate(_table_list(w, "regime", at, problems)):
            rat = f"{at}.regime[{j}]"
            problems.unknown(rat, r, _REGIME_KEYS)
            start = r.get("from")
            if not isinstance(start, dt.date) or isinstance(start, dt.datetime):
                problems.add(rat, f"'from' must be a date (YYYY-MM-DD, unquoted), got {start!r}")
                continue
            doc = str(r.get("document", default_doc))
            status = _status(r, rat, problems, ParameterStatus.VERIFIED)
            crit = _criteria(r, rat, problems, doc, status)
            try:
                regimes.append(Regime(effective_from=start, document=doc or "?",
                                      clause=str(r.get("clause", "")),
                                      individual=crit["individual"],
                                      collective=crit["collective"],
                                      note_vi=str(r.get("note_vi", "")),
                                      note_en=str(r.get("note_en", ""))))
            except ValueError as exc:
                problems.add(rat, str(exc))
        for key in ("bonus", "collective_multiplier"):
            pid = w.get(key)
            if pid is not None and pid not in store:
                problems.add(at, f"'{key}' names parameter {pid!r}, which the parameter "
                                 f"file does not define")
        try:
            awards.append(AwardType(
                id=aid, name_vi=_text(w, "name_vi", at, problems),
                name_en=_text(w, "name_en", at, problems),
                category=w.get("category", "form"),
                recipients=w.get("recipients", ["individual"]),
                authority=authorities.get(str(auth_id)) if auth_id is not None else None,
                rank=int(w.get("rank", 0)), regimes=sorted(regimes,
                                                           key=lambda r: r.effective_from),
                bonus=w.get("bonus"), collective_multiplier=w.get("collective_multiplier"),
                parameters=store, replaces=bool(w.get("replaces", False)), source=source))
        except (TypeError, ValueError, RuleError) as exc:
            problems.add(at, str(exc))
    problems.raise_if_any()
    for award_type in awards:
        for j, regime in enumerate(award_type.regimes):
            for c in (regime.individual, regime.collective):
                if c is not None:
                    try:
                        normalised(c, f"{origin}:award[{award_type.id}].regime[{j}]")
                    except RuleError as exc:
                        problems.items.append(str(exc))
    problems.raise_if_any()
    return tuple(awards)


def load_award_types(path: Path | str, *, parameters: ParameterStore | None = None,
                     source: str = "builtin") -> tuple[AwardType, ...]:
    """Load and validate a catalogue file; ``parameters`` holds the parameters its awards
    name (their bonus coefficients, the base salary …)."""
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RuleError(f"cannot read award catalogue {p}: {exc.strerror}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise RuleError(f"award catalogue {p} is not valid TOML: {exc}") from exc
    return parse_award_types(data, origin=str(p), parameters=parameters, source=source)
