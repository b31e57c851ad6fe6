"""Where a report's figures go in DHIS2, and the data value set that carries them (issue 23).

DHIS2 (the health information system many provinces run) takes aggregate figures as a *data value set*: a data set,
a period, an organisation unit, and data values, each a data element (with a category option combo) and a value.
Its format: docs.dhis2.org › Developer guide › Using the API › Data, “Sending data values” and “CSV data value
format”; its periods: “Date and period format” (yyyy, yyyySn, yyyyQn, yyyyMM). See docs/data-format.md.

The mapping is data: per indicator, the data element each raw field goes to (``Indicator.dhis2``), and per workbook
the data set and the agency's organisation unit (``Workbook.dhis2``), set in the catalogue once for a province.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal

from .model import Indicator, Period, Report, Workbook

FIELDS = ("actual", "plan", "plan_high", "last", "target", "target_high")  # what can be sent: the typed figures
COC = "coc"  # the key of the category option combo the fields that name none use
KEYS = (*FIELDS, COC)
UID = re.compile(r"^[A-Za-z][A-Za-z0-9]{10}$")  # DHIS2's CodeGenerator: 11 characters, a letter first


class MappingError(ValueError):
    """A mapping DHIS2 would not take, in one Vietnamese sentence."""

    def __init__(self, message: str, key: str | None = None):
        super().__init__(message)
        self.message, self.key = message, key


def is_uid(text: str) -> bool:
    return bool(UID.match(text))


def check_uid(text: str, where: str, what: str) -> str:
    text = text.strip()
    if not is_uid(text):
        raise MappingError(f"{where}: mã DHIS2 của {what} “{text}” không đúng dạng (11 ký tự chữ và số không dấu, "
                           "bắt đầu bằng chữ, ví dụ “f7n9E0hX8qk”).")
    return text


def parse_mapping(table: object, where: str) -> tuple[tuple[str, str], ...]:
    """An indicator's ``dhis2 = { actual = "UID", plan = "UID.COC", coc = "UID" }`` checked, in ``KEYS`` order."""
    if table is None or table == {}:
        return ()
    if not isinstance(table, dict):
        raise MappingError(f"{where}: dhis2 phải là một bảng, ví dụ {{ actual = \"f7n9E0hX8qk\" }}.", "dhis2")
    unknown = [k for k in table if k not in KEYS]
    if unknown:
        raise MappingError(f"{where}: dhis2 không có khóa “{unknown[0]}” (chỉ có {', '.join(KEYS)}).", "dhis2")
    out = []
    for key in KEYS:
        value = table.get(key)
        if value is None or value == "":
            continue
        if not isinstance(value, str):
            raise MappingError(f"{where}: dhis2.{key} phải là mã đặt trong dấu nháy kép.", "dhis2")
        what = "tổ hợp phân tổ (category option combo)" if key == COC else f"trường {key}"
        parts = value.strip().split(".")
        if key == COC or len(parts) == 1:
            out.append((key, check_uid(value, where, what)))
        elif len(parts) == 2:
            out.append((key, f"{check_uid(parts[0], where, what)}.{check_uid(parts[1], where, what)}"))
        else:
            raise MappingError(f"{where}: dhis2.{key} “{value}” phải là “MÃ_PHẦN_TỬ” hoặc “MÃ_PHẦN_TỬ.MÃ_PHÂN_TỔ”.",
                               "dhis2")
    if all(k == COC for k, _ in out) and out:
        raise MappingError(f"{where}: dhis2 có tổ hợp phân tổ (coc) mà chưa gán trường nào (actual, plan…).", "dhis2")
    return tuple(out)


def mapping_json(mapping: tuple[tuple[str, str], ...]) -> str:
    """How the workbook keeps it (``indicator.dhis2``): compact JSON in ``KEYS`` order; '' for none."""
    return json.dumps(dict(mapping), ensure_ascii=True, separators=(",", ":")) if mapping else ""


def mapping_from_json(text: str | None, where: str = "chỉ tiêu") -> tuple[tuple[str, str], ...]:
    if not text:
        return ()
    try:
        return parse_mapping(json.loads(text), where)
    except (json.JSONDecodeError, TypeError) as exc:
        raise MappingError(f"{where}: mã DHIS2 lưu trong sổ không đọc được.") from exc


def period_code(period: Period) -> str | None:
    """The period in DHIS2's notation: 2024, 2024S1, 2024Q3, 202410; None for one DHIS2 has not (9 months)."""
    code, year = period.kind.value, period.year
    if code == "year":
        return str(year)
    if code == "6m":
        return f"{year}S1"
    if re.fullmatch(r"q[1-4]", code):
        return f"{year}Q{code[1]}"
    if re.fullmatch(r"m(1[0-2]|[1-9])", code):
        return f"{year}{int(code[1:]):02d}"
    return None


def no_period_sentence(period: Period) -> str:
    return (f"Báo cáo {period.label} không có kỳ tương ứng trong DHIS2 (DHIS2 chỉ có kỳ tháng, quý, 6 tháng, năm); "
            "hãy xuất báo cáo quý hoặc năm.")


def machine_number(value: float) -> str:
    """18498.0 → "18498", 5.18 → "5.18", 0.000001 → "0.000001": no exponent, no separators."""
    if float(value).is_integer():
        return str(int(value))
    return format(Decimal(repr(float(value))), "f")


@dataclass(frozen=True)
class DataValue:
    data_element: str
    category_option_combo: str  # "" → DHIS2's default
    value: str
    code: str  # the indicator and field it came from (for the summary and tests)
    field: str


@dataclass(frozen=True)
class DataValueSet:
    data_set: str
    period: str
    org_unit: str
    values: tuple[DataValue, ...]
    unmapped: tuple[str, ...]  # indicators with figures and no data element for any of them
    indicators: int  # indicators that have a value in the set


def targets(indicator: Indicator) -> dict[str, tuple[str, str]]:
    """field → (data element, category option combo or "") of one indicator's mapping."""
    mapping = dict(indicator.dhis2)
    coc = mapping.get(COC, "")
    out = {}
    for field in FIELDS:
        if field in mapping:
            de, _, own = mapping[field].partition(".")
            out[field] = (de, own or coc)
    return out


def unmapped(workbook: Workbook, report: Report) -> list[Indicator]:
    """The indicators of the report with a typed figure that no data element takes."""
    out = []
    for indicator in workbook.indicators:
        values = report.values.get(indicator.code)
        if values is None or indicator.sector in report.sectors_off:
            continue
        typed = [f for f in FIELDS if getattr(values, f) is not None]
        if typed and not any(f in targets(indicator) for f in typed):
            out.append(indicator)
    return out


def data_value_set(workbook: Workbook, report: Report) -> DataValueSet:
    """The report's typed figures as DHIS2 data values (period may be "" when DHIS2 has none for it)."""
    values: list[DataValue] = []
    sent = set()
    for indicator in workbook.indicators:
        figures = report.values.get(indicator.code)
        if figures is None or indicator.sector in report.sectors_off:
            continue
        for field, (de, coc) in targets(indicator).items():
            value = getattr(figures, field)
            if value is not None:
                values.append(DataValue(de, coc, machine_number(value), indicator.code, field))
                sent.add(indicator.code)
    return DataValueSet(workbook.dhis2.data_set, period_code(report.period) or "", workbook.dhis2.org_unit,
                        tuple(values), tuple(i.code for i in unmapped(workbook, report)), len(sent))
