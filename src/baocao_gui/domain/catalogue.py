"""A catalogue (danh mục): the sectors, indicators and heading texts of one kind of department, as data."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .figures import PERIOD_NAMES, citations
from .model import MAX_PRECISION, Indicator, PlanMeaning, Role, Sector
from .rules import Rule, RuleError, parse_rule, references

CODE = re.compile(r"^[a-z][a-z0-9_]*$")
LABEL_KEYS = (
    "part_one", "results", "sector_results", "assessment", "advantages", "difficulties", "causes",
    "direction", "objectives", "objective", "main_targets", "tasks", "sector_tasks",
)


class CatalogueError(ValueError):
    pass


@dataclass(frozen=True)
class Catalogue:
    id: str
    name: str
    version: int
    labels: dict[str, str]
    sectors: tuple[Sector, ...]
    indicators: tuple[Indicator, ...]
    rules: tuple[Rule, ...] = ()


def parse_catalogue(data: dict) -> Catalogue:
    """Check and read a catalogue's TOML data; CatalogueError names the first fault."""
    head = data.get("catalogue") or {}
    cid = head.get("id", "")
    if not CODE.match(cid or ""):
        raise CatalogueError(f"catalogue.id {cid!r} is not a code")
    labels = {k: str(v) for k, v in (data.get("labels") or {}).items()}
    missing = [k for k in LABEL_KEYS if not labels.get(k)]
    if missing:
        raise CatalogueError(f"labels missing: {', '.join(missing)}")
    sectors: list[Sector] = []
    indicators: list[Indicator] = []
    seen: dict[str, Indicator] = {}
    for s in data.get("sector") or []:
        code = s.get("code", "")
        if not CODE.match(code) or any(x.code == code for x in sectors):
            raise CatalogueError(f"sector code {code!r} is missing, malformed or repeated")
        try:
            role = Role(s.get("role", "sector"))
        except ValueError as exc:
            raise CatalogueError(f"sector {code}: role {s.get('role')!r}") from exc
        sectors.append(Sector(code, role, s.get("title", ""), s.get("task_title", s.get("title", ""))))
        for i in s.get("indicator") or []:
            icode = i.get("code", "")
            if not CODE.match(icode) or icode in seen:
                raise CatalogueError(f"indicator code {icode!r} is missing, malformed or repeated")
            parent = i.get("parent")
            if parent is not None and (parent not in seen or seen[parent].sector != code):
                raise CatalogueError(f"indicator {icode}: parent {parent!r} must come before it in the same sector")
            unit = i.get("unit", "")
            precision = i.get("precision")
            if precision is not None and (isinstance(precision, bool) or not isinstance(precision, int)
                                          or not 0 <= precision <= MAX_PRECISION):
                raise CatalogueError(f"indicator {icode}: precision must be a whole number from 0 to {MAX_PRECISION}")
            ind = Indicator(
                code=icode, sector=code, name=i.get("name", icode), unit=unit, parent=parent,
                parts_complete=bool(i.get("parts_complete", False)),
                plan_meaning=PlanMeaning(i.get("plan_meaning", "level")),
                pad=bool(i.get("pad", unit != "%")), sentence=i.get("sentence", ""), precision=precision,
            )
            seen[icode] = ind
            indicators.append(ind)
    if not sectors:
        raise CatalogueError("no sector")
    for ind in indicators:
        for c in citations(ind.sentence):
            if c.code not in seen and c.code not in PERIOD_NAMES:
                raise CatalogueError(f"indicator {ind.code}: its sentence cites unknown {c.code!r}")
    rules = []
    for r in data.get("rule") or []:
        try:
            rule = parse_rule(r)
        except RuleError as exc:
            raise CatalogueError(str(exc)) from exc
        unknown = {code for code, _ in references(rule.left) + references(rule.right)} - set(seen)
        if unknown or any(x.id == rule.id for x in rules):
            raise CatalogueError(f"rule {rule.id}: repeated id or unknown indicators {sorted(unknown)}")
        rules.append(rule)
    return Catalogue(cid, head.get("name", cid), int(head.get("version", 1)), labels,
                     tuple(sectors), tuple(indicators), tuple(rules))
