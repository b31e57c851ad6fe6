"""Places as data: the provinces and centrally-run cities a report's header may name, on a given day.

The list is ``resources/places.toml`` (the 63 before 1 July 2025, the 34 after, which former ones each new one was
made of; sources cited there). Plain data and pure functions: no Qt, no store.

    provinces(date(2026, 1, 1))            -> the 34, in the order of the file
    find("Lâm Đồng", date(2025, 6, 30))    -> the former tỉnh Lâm Đồng (valid until 2025-06-30)
    find("tỉnh Đắk Nông", date(2026, 1, 1)) -> None;  became("Đắk Nông") -> the new tỉnh Lâm Đồng
    resolve(name, on)                      -> the Province, or PlaceError naming what the place became
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import sys
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .model import Period

PROVINCE, CITY = "tỉnh", "thành phố"
KINDS = (PROVINCE, CITY)
MERGER_DAY = dt.date(2025, 7, 1)  # the provincial governments of Nghị quyết 202/2025/QH15 work from this day


class PlaceError(ValueError):
    """A place a report cannot be written under, in one Vietnamese sentence."""


@dataclass(frozen=True)
class Province:
    name: str  # "Lâm Đồng", "Hồ Chí Minh"
    kind: str  # PROVINCE or CITY
    header: str  # "UBND TỈNH LÂM ĐỒNG", "UBND THÀNH PHỐ HỒ CHÍ MINH"
    place: str  # the date line's place name: "Lâm Đồng", "Thành phố Hồ Chí Minh"
    formed_from: tuple[str, ...] = ()  # names of the provinces it was made of (valid the day before valid_from)
    valid_from: dt.date | None = None  # None: long before any report
    valid_to: dt.date | None = None  # None: still exists

    @property
    def full_name(self) -> str:
        """“tỉnh Lâm Đồng”, “thành phố Hồ Chí Minh”: as a sentence names it."""
        return f"{self.kind} {self.name}"

    def valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def header_of(name: str, kind: str) -> str:
    """The parent-agency line of a header: “UBND TỈNH LÂM ĐỒNG”."""
    return _nfc(f"UBND {kind.upper()} {name.upper()}")


def key(name: str) -> str:
    """What two spellings of one name share: no tone marks or case (“Thanh Hoá” = “Thanh Hóa”), đ as d, spaces
    and hyphens folded, a leading kind (“tỉnh”, “thành phố”, “TP.”) left out."""
    text = " ".join(_nfc(name).replace("–", "-").split()).casefold()
    for prefixes in (("ubnd ", "ủy ban nhân dân ", "uỷ ban nhân dân "), ("tỉnh ", "thành phố ", "tp. ", "tp.", "tp ")):
        text = next((text[len(p):].lstrip() for p in prefixes if text.startswith(p)), text)
    bare = "".join(c for c in unicodedata.normalize("NFD", text.replace("đ", "d")) if not unicodedata.combining(c))
    return " ".join(bare.replace("-", " ").split())


def named_in_header(text: str) -> str | None:
    """The province a header's parent-agency line names (“UBND TỈNH ĐẮK NÔNG” → “Đắk Nông”), whenever it existed;
    None when it names none (a department of a ministry, an invented province)."""
    wanted = key(text)
    return next((p.name for p in all_provinces() if key(p.name) == wanted), None)


def _data_file() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)  # the same place paths.resource_dir() finds (domain imports no paths)
    base = Path(frozen) / "baocao_gui" if frozen else Path(__file__).resolve().parent.parent
    return base / "resources" / "places.toml"


def parse_places(text: str) -> tuple[Province, ...]:
    """The provinces a places.toml lists, checked (a fault: PlaceError naming it)."""
    data = tomllib.loads(text)
    out: list[Province] = []
    for row in data.get("province", []):
        name = _nfc(str(row.get("name", ""))).strip()
        kind = _nfc(str(row.get("kind", PROVINCE)))
        if not name or kind not in KINDS:
            raise PlaceError(f"places.toml: tỉnh “{name}” thiếu tên hoặc loại (“tỉnh”/“thành phố”) viết sai.")
        valid_from, valid_to = row.get("valid_from"), row.get("valid_to")
        for day in (valid_from, valid_to):
            if day is not None and not isinstance(day, dt.date):
                raise PlaceError(f"places.toml: ngày của “{name}” phải viết dạng 2025-07-01.")
        out.append(Province(name, kind, _nfc(row.get("header") or header_of(name, kind)),
                            _nfc(row.get("place") or name), tuple(_nfc(x) for x in row.get("formed_from", ())),
                            valid_from, valid_to))
    for p in out:
        for part in p.formed_from:
            before = p.valid_from - dt.timedelta(days=1) if p.valid_from else None
            if before is None or not any(q.name == part and q.valid_on(before) for q in out):
                raise PlaceError(f"places.toml: “{p.name}” được lập từ “{part}”, nhưng “{part}” không có "
                                 "vào ngày trước đó.")
    return tuple(out)


@functools.cache
def all_provinces() -> tuple[Province, ...]:
    """Every distinct province of the file (a province unchanged by the 2025 merger is one entry)."""
    return parse_places(_data_file().read_text(encoding="utf-8"))


def provinces(on: dt.date) -> tuple[Province, ...]:
    """The provinces and cities that exist on that day, in the order of the file."""
    return tuple(p for p in all_provinces() if p.valid_on(on))


def find(name: str, on: dt.date | None = None) -> Province | None:
    """The province of that name existing on that day (today when not given), or None; the name may carry its
    kind and its tone marks may sit either way (“tỉnh Thanh Hoá”, “TP. Hồ Chí Minh”)."""
    wanted, day = key(name), on or dt.date.today()
    return next((p for p in all_provinces() if p.valid_on(day) and key(p.name) == wanted), None)


def became(name: str, on: dt.date | None = None) -> Province | None:
    """The province a former one is part of on that day (today when not given): “Đắk Nông” → tỉnh Lâm Đồng.
    None when no province of that name ever was."""
    wanted, day = key(name), on or dt.date.today()
    names = {p.name for p in all_provinces() if key(p.name) == wanted}
    if not names:
        return None
    while True:
        now = [p for p in all_provinces() if p.valid_on(day) and names & {p.name}]
        if now:
            return now[0]
        later = {p.name for p in all_provinces() if names & set(p.formed_from)}
        if not later or later <= names:
            return None
        names |= later


def period_end(period: Period) -> dt.date:
    """The last day of a report's period: the day whose provinces its header may name (a report of the first 6
    months of 2025 ends on 30/06/2025, before the merger; the year 2025 ends after it)."""
    month = period.kind.end_month
    return dt.date(period.year, month, calendar.monthrange(period.year, month)[1])


def for_period(period: Period) -> tuple[Province, ...]:
    """The provinces a report of that period may be written under: those existing on its last day."""
    return provinces(period_end(period))


def resolve(name: str, on: dt.date) -> Province:
    """The province a report of a period ending on ``on`` is written under; a former province for a later period,
    or a name that is no province, is PlaceError in one sentence (naming the province it became part of)."""
    found = find(name, on)
    if found is not None:
        return found
    now = became(name, on)
    if now is not None:
        former = next(p for p in all_provinces() if key(p.name) == key(name) and p.valid_to is not None)
        ended = former.valid_to + dt.timedelta(days=1)
        what = "trở thành" if len(now.formed_from) == 1 else "hợp nhất vào"
        return _raise(f"{_upper_first(former.full_name)} đã {what} {now.full_name} từ ngày {ended:%d/%m/%Y}: "
                      f"báo cáo của kỳ kết thúc ngày {on:%d/%m/%Y} ghi “{now.name}”.")
    if any(key(p.name) == key(name) for p in all_provinces()):
        return _raise(f"“{name}” chưa là đơn vị hành chính cấp tỉnh vào ngày {on:%d/%m/%Y}.")
    return _raise(f"Không có tỉnh, thành phố nào tên “{name}” vào ngày {on:%d/%m/%Y}.")


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _raise(message: str) -> Province:
    raise PlaceError(message)
