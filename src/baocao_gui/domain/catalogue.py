"""A catalogue (danh mục): the sectors, indicators and heading texts of one kind of department, as data."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dhis2 import MappingError, check_uid, parse_mapping
from .figures import PERIOD_NAMES, TOKEN, citations
from .model import (
    MAX_PRECISION,
    PLAN_DIRECTIONS,
    Dhis2Target,
    Indicator,
    PlanDirection,
    PlanMeaning,
    Role,
    Sector,
    plan_direction_name,
)
from .rules import Rule, RuleError, parse_rule, references

CODE = re.compile(r"^[a-z][a-z0-9_]*$")
LABEL_KEYS = (
    "part_one", "results", "sector_results", "assessment", "advantages", "difficulties", "causes",
    "direction", "objectives", "objective", "main_targets", "tasks", "sector_tasks",
)


class CatalogueError(ValueError):
    """A fault of a catalogue, in one Vietnamese sentence; ``near`` is a value written where the fault is (a code),
    for the importer to name the line."""

    def __init__(self, message: str, near: str | None = None, key: str | None = None, last: bool = False):
        super().__init__(message)
        self.message, self.near = message, near
        self.key = key  # the key at fault in the table that ``near`` opens (precision, sentence…)
        self.last = last  # the fault is at the last place ``near`` is written (a repeated code)


@dataclass(frozen=True)
class Catalogue:
    id: str
    name: str
    version: int
    labels: dict[str, str]
    sectors: tuple[Sector, ...]
    indicators: tuple[Indicator, ...]
    rules: tuple[Rule, ...] = ()
    dhis2: Dhis2Target = field(default_factory=Dhis2Target)  # [dhis2] data_set, org_unit (issue 23)


def _dhis2_target(data: dict) -> Dhis2Target:
    table = _table(data.get("dhis2"), "dhis2")
    unknown = [k for k in table if k not in ("data_set", "org_unit")]
    if unknown:
        raise CatalogueError(f"bảng [dhis2] không có khóa “{unknown[0]}” (chỉ có data_set, org_unit).", "[dhis2]")
    out = {}
    for key, what in (("data_set", "tập dữ liệu (data set)"), ("org_unit", "đơn vị (organisation unit)")):
        value = table.get(key, "")
        if not isinstance(value, str):
            raise CatalogueError(f"bảng [dhis2]: {key} phải là mã đặt trong dấu nháy kép.", "[dhis2]", key)
        try:
            out[key] = check_uid(value, "bảng [dhis2]", what) if value.strip() else ""
        except MappingError as exc:
            raise CatalogueError(exc.message, "[dhis2]", key) from None
    return Dhis2Target(**out)


def _table(value: object, what: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise CatalogueError(f"“{what}” phải là một bảng (dạng [{what}]).")
    return value


def _tables(value: object, what: str) -> list[dict]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(x, dict) for x in value):
        raise CatalogueError(f"“{what}” phải là danh sách bảng (dạng [[{what}]]).")
    return value


def _text(table: dict, name: str, where: str, near: str | None, default: str = "") -> str:
    value = table.get(name, default)
    if not isinstance(value, str):
        raise CatalogueError(f"{where}: “{name}” phải là chữ đặt trong dấu nháy kép.", near, name)
    return value


# What a heading may write between braces: the period it is about (a figure there would print "[?]" until typed)
HEADING_WORDS = tuple(w for w in PERIOD_NAMES if w != "targets_met")


def _heading(text: str, where: str, near: str | None, key: str) -> str:
    """A heading's text (a label, a sector's title or task title) checked: braces only around a period word
    ({{period}}, {{next_period}}…); a figure cited, a typo or a lone brace would print "[?]" or the braces."""
    def period_word(m) -> str:
        return "" if m.group(1) in HEADING_WORDS and not any(m.group(2, 3, 4)) else m.group(0)

    if "{{" in TOKEN.sub(period_word, text) or "}}" in TOKEN.sub(period_word, text):
        words = ", ".join(f"{{{{{w}}}}}" for w in ("period", "next_period", "year"))
        raise CatalogueError(f"{where}: tiêu đề “{text}” chỉ được ghi trong dấu {{{{ }}}} tên kỳ báo cáo ({words}…), "
                             "không trích số liệu hay để dấu ngoặc lẻ.", near, key)
    return text


def parse_catalogue(data: dict, strict: bool = True) -> Catalogue:
    """Check and read a catalogue's TOML data; CatalogueError names the first fault (in Vietnamese).

    Not ``strict`` (a workbook's own catalogue, read back from a dump): a default sentence or a rule may cite an
    indicator the clerk deleted since, as the workbook itself may; the checks say so in the report."""
    head = _table(data.get("catalogue"), "catalogue")
    cid = head.get("id", "")
    if not isinstance(cid, str) or not CODE.match(cid):
        raise CatalogueError(f"mã danh mục (catalogue.id) “{cid}” phải gồm chữ thường không dấu, số và “_”, "
                             "bắt đầu bằng chữ.", str(cid) if cid else "[catalogue]")
    labels = {k: str(v) for k, v in _table(data.get("labels"), "labels").items()}
    missing = [k for k in LABEL_KEYS if not labels.get(k)]
    if missing:
        raise CatalogueError(f"thiếu tiêu đề: {', '.join(missing)} (trong bảng [labels]).", "[labels]")
    for key, text in labels.items() if strict else ():
        _heading(text, "bảng [labels]", "[labels]", key)
    sectors: list[Sector] = []
    indicators: list[Indicator] = []
    seen: dict[str, Indicator] = {}
    for s in _tables(data.get("sector"), "sector"):
        code = s.get("code", "")
        if not isinstance(code, str) or not CODE.match(code) or any(x.code == code for x in sectors):
            raise CatalogueError(f"lĩnh vực có mã “{code}” thiếu, viết sai hoặc trùng (mã gồm chữ thường không "
                                 "dấu, số và “_”).", str(code) if code else "[[sector]]", last=True)
        try:
            role = Role(s.get("role", "sector"))
        except ValueError:
            raise CatalogueError(f"lĩnh vực “{code}”: role phải là “staff” hoặc “sector”.", code) from None
        where = f"lĩnh vực “{code}”"
        title = _text(s, "title", where, code)
        task_title = _text(s, "task_title", where, code, title)
        if strict:  # a workbook's own catalogue keeps what the clerk typed (its checks say what prints oddly)
            _heading(title, where, code, "title")
            _heading(task_title, where, code, "task_title")
        sectors.append(Sector(code, role, title, task_title))
        for i in _tables(s.get("indicator"), "sector.indicator"):
            icode = i.get("code", "")
            if not isinstance(icode, str) or not CODE.match(icode) or icode in seen:
                raise CatalogueError(f"chỉ tiêu có mã “{icode}” thiếu, viết sai hoặc trùng (mã gồm chữ thường "
                                     "không dấu, số và “_”, không trùng trong cả danh mục).",
                                     str(icode) if icode else "[[sector.indicator]]", last=True)
            where = f"chỉ tiêu “{icode}”"
            parent = i.get("parent")
            if parent is not None and (parent not in seen or seen[parent].sector != code):
                raise CatalogueError(f"{where}: chỉ tiêu tổng “{parent}” phải được khai báo trước nó, "
                                     "trong cùng lĩnh vực.", icode, "parent")
            unit = _text(i, "unit", where, icode)
            precision = i.get("precision")
            if precision is not None and (isinstance(precision, bool) or not isinstance(precision, int)
                                          or not 0 <= precision <= MAX_PRECISION):
                raise CatalogueError(f"{where}: precision phải là số nguyên từ 0 đến {MAX_PRECISION}.", icode,
                                     "precision")
            try:
                meaning = PlanMeaning(i.get("plan_meaning", "level"))  # the older key, still read
            except ValueError:
                raise CatalogueError(f"{where}: plan_meaning phải là “level” hoặc “decrease”.", icode,
                                     "plan_meaning") from None
            rate_of = i.get("rate_of")
            if rate_of is not None and (not isinstance(rate_of, list) or len(rate_of) != 2
                                        or not all(isinstance(c, str) and CODE.match(c) for c in rate_of)):
                raise CatalogueError(f"{where}: rate_of phải là hai mã chỉ tiêu [tử số, mẫu số], ví dụ "
                                     "[\"so_ho_ngheo\", \"tong_so_ho\"].", icode, "rate_of")
            try:
                dhis2 = parse_mapping(i.get("dhis2"), where)
            except MappingError as exc:
                raise CatalogueError(exc.message, icode, "dhis2") from None
            direction = PlanDirection.REACH
            if "plan_direction" in i:
                named = i["plan_direction"]
                if not isinstance(named, str) or named not in PLAN_DIRECTIONS:
                    raise CatalogueError(f"{where}: plan_direction phải là một trong "
                                         f"{', '.join(f'“{n}”' for n in PLAN_DIRECTIONS)}.", icode, "plan_direction")
                if "plan_meaning" in i and PLAN_DIRECTIONS[named][0] != meaning:
                    raise CatalogueError(f"{where}: plan_meaning = “{meaning.value}” trái với plan_direction = "
                                         f"“{named}”; chỉ cần ghi plan_direction.", icode, "plan_direction")
                meaning, direction = PLAN_DIRECTIONS[named]
            ind = Indicator(
                code=icode, sector=code, name=_text(i, "name", where, icode, icode), unit=unit, parent=parent,
                parts_complete=bool(i.get("parts_complete", False)), plan_meaning=meaning,
                pad=bool(i.get("pad", unit != "%")), sentence=_text(i, "sentence", where, icode),
                precision=precision, plan_direction=direction, rate_of=tuple(rate_of) if rate_of else None,
                dhis2=dhis2,
            )
            seen[icode] = ind
            indicators.append(ind)
    if not sectors:
        raise CatalogueError("danh mục chưa có lĩnh vực nào ([[sector]]).")
    for ind in indicators if strict else ():
        if ind.rate_of and (ind.unit != "%" or any(c not in seen or c == ind.code for c in ind.rate_of)):
            raise CatalogueError(f"chỉ tiêu “{ind.code}”: rate_of chỉ dùng cho tỷ lệ (đơn vị “%”) và phải nêu hai chỉ "
                                 "tiêu khác có trong danh mục.", ind.code, "rate_of")
    for ind in indicators if strict else ():
        for c in citations(ind.sentence):
            if c.code not in seen and c.code not in PERIOD_NAMES:
                raise CatalogueError(f"chỉ tiêu “{ind.code}”: câu mặc định trích chỉ tiêu “{c.code}” không có "
                                     "trong danh mục.", ind.code, "sentence")
    rules = []
    for r in _tables(data.get("rule"), "rule"):
        try:
            rule = parse_rule(r)
        except RuleError as exc:
            raise CatalogueError(f"{exc}.", str(r.get("id") or "[[rule]]")) from exc
        unknown = {code for code, _ in references(rule.left) + references(rule.right)} - set(seen)
        if unknown and strict:
            raise CatalogueError(f"quy tắc “{rule.id}” nhắc đến chỉ tiêu không có trong danh mục: "
                                 f"{', '.join(sorted(unknown))}.", rule.id)
        if any(x.id == rule.id for x in rules):
            raise CatalogueError(f"quy tắc “{rule.id}” trùng mã với một quy tắc khác.", rule.id)
        rules.append(rule)
    version = head.get("version", 1)
    if isinstance(version, bool) or not isinstance(version, int):
        raise CatalogueError("catalogue.version phải là một số nguyên.", "version")
    return Catalogue(cid, _text(head, "name", "danh mục", cid, cid), version, labels,
                     tuple(sectors), tuple(indicators), tuple(rules), _dhis2_target(data))


def catalogue_text(catalogue: Catalogue) -> str:
    """The catalogue as a TOML file that ``parse_catalogue`` reads back to the same catalogue: what “Lưu cấu trúc
    sổ thành danh mục…” writes for another province to import. Keys that hold their default are left out."""
    from . import toml_text as t

    out = ["[catalogue]", *t.pairs({"id": catalogue.id, "name": catalogue.name, "version": catalogue.version}),
           "", "[labels]"]
    out += t.pairs({k: catalogue.labels[k] for k in (*LABEL_KEYS, *sorted(set(catalogue.labels) - set(LABEL_KEYS)))
                    if k in catalogue.labels})
    if catalogue.dhis2 != Dhis2Target():
        out += ["", "[dhis2]", *t.pairs({"data_set": catalogue.dhis2.data_set or None,
                                         "org_unit": catalogue.dhis2.org_unit or None})]
    for s in catalogue.sectors:
        out += ["", "[[sector]]", *t.pairs({"code": s.code, "role": s.role.value, "title": s.title,
                                            "task_title": s.task_title})]
        for i in (i for i in catalogue.indicators if i.sector == s.code):
            out += ["", "[[sector.indicator]]", *t.pairs({
                "code": i.code, "name": i.name, "unit": i.unit, "parent": i.parent,
                "parts_complete": True if i.parts_complete else None,
                "plan_direction": (plan_direction_name(i.plan_meaning, i.plan_direction)
                                   if (i.plan_meaning, i.plan_direction) != (PlanMeaning.LEVEL, PlanDirection.REACH)
                                   else None),
                "pad": i.pad if i.pad != (i.unit != "%") else None, "precision": i.precision,
                "rate_of": list(i.rate_of) if i.rate_of else None, "sentence": i.sentence or None,
                "dhis2": dict(i.dhis2) if i.dhis2 else None})]
    for r in catalogue.rules:
        out += ["", "[[rule]]", *t.pairs({"id": r.id, "left": r.left, "operator": r.operator, "right": r.right,
                                          "importance": r.importance, "message": r.message,
                                          "missing": r.missing.value})]
    return "\n".join(out) + "\n"
