"""Fill a workbook from data: a catalogue's sectors and indicators, a sample's agency and reports."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
import unicodedata
from pathlib import Path
from typing import Any

from ..domain.catalogue import Catalogue, parse_catalogue
from ..domain.dhis2 import mapping_json
from ..domain.model import OVERRIDE_FIELDS, RANGE_FIELDS, VALUE_FIELDS, BlockKind, Indicator, Part, PeriodKind
from ..paths import resource
from .db import Db as Database
from .workbook import places_text

AGENCY_KEYS = ("parent_name", "name", "abbreviation", "place")
AGENCY_COLUMNS = {"parent_name": "parent_name", "name": "agency_name", "abbreviation": "abbreviation",
                  "place": "place"}  # Agency's fields → the report's columns


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def read_toml(path: Path) -> dict[str, Any]:
    with path.open("rb") as f:
        return tomllib.load(f)


def user_catalogue_dir() -> Path:
    """Where the catalogues a clerk imports are kept: %LOCALAPPDATA%\\baocao-gui\\Catalogues on Windows."""
    from ..paths import user_dir

    return user_dir("BAOCAO_CATALOGUE_DIR", "Catalogues", "XDG_DATA_HOME", ".local/share", "catalogues")


def catalogue_path(catalogue_id: str) -> Path:
    """The file of a catalogue by its id: bundled first, then the clerk's own."""
    for cid in dict.fromkeys((catalogue_id, catalogue_id.replace("-", "_"))):  # "so-noi-vu" is so_noi_vu
        for path in (resource("catalogues", f"{cid}.toml"), user_catalogue_dir() / f"{cid}.toml"):
            if path.is_file():
                return path
    return user_catalogue_dir() / f"{catalogue_id}.toml"


def load_catalogue(catalogue_id: str) -> Catalogue:
    """A bundled or imported catalogue by its id, or a catalogue file (.toml) by its path."""
    from ..errors import UserError

    path = Path(catalogue_id)
    if path.suffix.lower() != ".toml":
        path = catalogue_path(catalogue_id)
    if not path.is_file():
        known = ", ".join(c for c, _ in catalogues())
        raise UserError(f"Không có danh mục “{catalogue_id}” (các danh mục có sẵn: {known}).",
                        f"no catalogue {catalogue_id}")
    try:
        return parse_catalogue(read_toml(path))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, KeyError, TypeError, ValueError) as exc:
        raise UserError(f"Tệp danh mục “{path.name}” không đúng định dạng: {exc}.", f"{path}: {exc!r}") from exc


def rate_of_cell(indicator: Indicator) -> dict[str, str]:
    """The ``rate_of`` column of an indicator's row (m012): ``[numerator, denominator]`` as JSON, or nothing."""
    return {"rate_of": json.dumps(list(indicator.rate_of))} if indicator.rate_of else {}


def _direction(db: Database, indicator) -> dict[str, str]:
    """The plan's direction as a column (m011), written only when not the default and the workbook has the column:
    a workbook of an older schema (a test that stops before m011) gets the rest."""
    if indicator.plan_direction == "reach":
        return {}
    if not any(r[1] == "plan_direction" for r in db.execute("PRAGMA table_info(indicator)")):
        return {}
    return {"plan_direction": str(indicator.plan_direction)}


def catalogue_head(catalogue_id: str) -> dict[str, Any]:
    """The ``[catalogue]`` table of a catalogue (by id or .toml path) as written, for the keys a catalogue may carry
    beside its structure (``abbreviation``, ``scope``); empty when the file cannot be read (its faults are said when
    the catalogue itself is loaded)."""
    path = Path(catalogue_id)
    if path.suffix.lower() != ".toml":
        path = catalogue_path(catalogue_id)
    try:
        head = read_toml(path).get("catalogue", {})
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return {}
    return head if isinstance(head, dict) else {}


def install_catalogue(db: Database, catalogue: Catalogue) -> None:
    """Copy a catalogue into an empty workbook; from then on the workbook's copy is the one edited."""
    with db.atomic():
        db["meta"].upsert_all(
            [{"key": "catalogue_id", "value": catalogue.id}, {"key": "catalogue_name", "value": catalogue.name},
             {"key": "catalogue_version", "value": str(catalogue.version)}], pk="key")
        dhis2 = [{"key": f"dhis2_{k}", "value": v} for k, v in
                 (("data_set", catalogue.dhis2.data_set), ("org_unit", catalogue.dhis2.org_unit)) if v]
        if dhis2:
            db["meta"].upsert_all(dhis2, pk="key")
        db["label"].upsert_all([{"key": k, "text": nfc(v)} for k, v in catalogue.labels.items()], pk="key")
        sector_ids: dict[str, int] = {}
        for pos, s in enumerate(catalogue.sectors):
            sector_ids[s.code] = db["sector"].insert(
                {"code": s.code, "position": pos, "role": str(s.role), "title": nfc(s.title),
                 "task_title": nfc(s.task_title)}).last_pk
        db["rule"].insert_all(
            {"id": r.id, "position": pos, "left_side": r.left, "operator": r.operator, "right_side": r.right,
             "importance": r.importance, "message": nfc(r.message), "missing": r.missing.value}
            for pos, r in enumerate(catalogue.rules))
        ind_ids: dict[str, int] = {}
        # a workbook of a schema before m012 (a test writing as the previous version did) has no rate_of column
        recipes = any(r[1] == "rate_of" for r in db.execute("PRAGMA table_info(indicator)"))
        for pos, i in enumerate(catalogue.indicators):
            ind_ids[i.code] = db["indicator"].insert(
                {"code": i.code, "sector_id": sector_ids[i.sector],
                 "parent_id": ind_ids[i.parent] if i.parent else None, "position": pos, "name": nfc(i.name),
                 "unit": nfc(i.unit), "parts_complete": int(i.parts_complete), "plan_meaning": str(i.plan_meaning),
                 "pad": int(i.pad), "sentence": nfc(i.sentence),
                 **({"precision": i.precision} if i.precision is not None else {}),
                 **(rate_of_cell(i) if recipes else {}), **_direction(db, i),
                 **({"dhis2": mapping_json(i.dhis2)} if i.dhis2 else {})}).last_pk


def install_sector(db: Database, catalogue: Catalogue, code: str) -> str:
    """One sector of a catalogue, with its indicators, added at the end of a workbook that lacks it."""
    sector = next((s for s in catalogue.sectors if s.code == code), None)
    if sector is None:
        raise KeyError(code)
    with db.atomic():
        if db.execute("SELECT 1 FROM sector WHERE code = ?", [code]).fetchone():
            raise ValueError(f"sector {code} is already in the workbook")
        taken = {r[0] for r in db.execute("SELECT code FROM indicator")}
        position = db.execute("SELECT coalesce(max(position), -1) + 1 FROM sector").fetchone()[0]
        sid = db["sector"].insert({"code": code, "position": position, "role": str(sector.role),
                                   "title": nfc(sector.title), "task_title": nfc(sector.task_title)}).last_pk
        ids: dict[str, int] = {}
        for pos, i in enumerate(x for x in catalogue.indicators if x.sector == code and x.code not in taken):
            ids[i.code] = db["indicator"].insert(
                {"code": i.code, "sector_id": sid, "parent_id": ids.get(i.parent) if i.parent else None,
                 "position": pos, "name": nfc(i.name), "unit": nfc(i.unit), "parts_complete": int(i.parts_complete),
                 "plan_meaning": str(i.plan_meaning), "pad": int(i.pad), "sentence": nfc(i.sentence),
                 **({"precision": i.precision} if i.precision is not None else {}), **rate_of_cell(i),
                 **_direction(db, i), **({"dhis2": mapping_json(i.dhis2)} if i.dhis2 else {})}).last_pk
    return code


def _blocks(items: list[Any]) -> list[tuple[str, str]]:
    out = []
    for item in items:
        if isinstance(item, str):
            out.append((BlockKind.PARAGRAPH.value, item))
        elif isinstance(item, dict) and len(item) == 1:
            (kind, text), = item.items()
            out.append((BlockKind(kind).value, text))
        else:
            raise ValueError(f"không phải một đoạn văn: {str(item)[:60]}")
    return out


def _value_row(code: str, vals: dict[str, Any]) -> dict[str, Any]:
    """A sample's figures as a value row: a plan or target may be a range, ``plan = [1, 1.5]``."""
    row: dict[str, Any] = {}
    for field in VALUE_FIELDS:
        value = vals.get(field)
        if isinstance(value, list):
            if field not in RANGE_FIELDS or len(value) != 2 or not all(_is_number(v) for v in value):
                raise ValueError(f"{code}.{field}: chỉ kế hoạch và chỉ tiêu kỳ sau mới là khoảng, gồm hai số")
            low, high = sorted(value)
            row[field], row[RANGE_FIELDS[field]] = low, (high if high != low else None)
        elif value is not None and not _is_number(value):
            raise ValueError(f"{code}.{field}: “{value}” không phải là số")
        else:
            row[field] = value
    typed = vals.get("decimals", {})  # the decimals a figure was typed with: decimals = { plan_high = 1 } for "0,6–1,0"
    fields = (*VALUE_FIELDS, *RANGE_FIELDS.values())
    if not isinstance(typed, dict) or any(f not in fields or not _is_number(n) or n != int(n) or not 0 < n <= 6
                                          or row.get(f) is None for f, n in typed.items()):
        raise ValueError(f"{code}.decimals: ghi số chữ số thập phân đã gõ của từng số liệu có mặt, từ 1 đến 6, "
                         "ví dụ decimals = {{ plan_high = 1 }}")
    if typed:
        row["places"] = places_text({f: int(n) for f, n in typed.items()})
    return row


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def write_sample(db: Database, data: dict[str, Any]) -> None:
    """Write a sample's agency and reports into a workbook that holds its catalogue."""
    ids = {r["code"]: r["id"] for r in db.query("SELECT code, id FROM indicator")}
    sectors = {r["code"]: r["id"] for r in db.query("SELECT code, id FROM sector")}
    with db.atomic():
        a = data.get("agency", {})
        db["agency"].upsert({"id": 1, **{k: nfc(a.get(k, "")) for k in AGENCY_KEYS}}, pk="id")
        for rep in data.get("report", []):
            date = rep.get("date")
            header = {**a, **rep.get("agency", {})}  # a report may print another agency (renamed, merged)
            rid = db["report"].insert({
                "period_kind": PeriodKind(rep.get("period", "year")).value, "year": int(rep["year"]),
                "number": rep.get("number"), "date": date.isoformat() if isinstance(date, dt.date) else None,
                **{k: nfc(rep.get(k, "")) for k in
                   ("type_name", "summary", "signer_authority", "signer_title", "signer_name")},
                **{AGENCY_COLUMNS[k]: nfc(header.get(k, "")) for k in AGENCY_KEYS},
            }).last_pk
            if rep.get("pct_precision") is not None:
                db["report_format"].insert({"report_id": rid, "pct_precision": int(rep["pct_precision"])})
            db["recipient"].insert_all(
                {"report_id": rid, "position": p, "text": nfc(t)} for p, t in enumerate(rep.get("recipients", [])))
            for code, vals in rep.get("values", {}).items():
                unknown = set(vals) - {*VALUE_FIELDS, "decimals"}
                if code not in ids or unknown:
                    raise ValueError(f"số liệu của “{code}”: không có chỉ tiêu hoặc loại số liệu này "
                                     f"{', '.join(sorted(unknown))}".strip())
                db["value"].insert({"report_id": rid, "indicator_id": ids[code], **_value_row(code, vals)})
            for code, ovs in rep.get("overrides", {}).items():
                for field, value in ovs.items():
                    if code not in ids or field not in OVERRIDE_FIELDS:
                        raise ValueError(f"số ghi tay “{code}.{field}”: không có chỉ tiêu hoặc loại số này")
                    db["override"].insert({"report_id": rid, "indicator_id": ids[code], "field": field,
                                           "value": value})
            places: list[tuple[Part, int | None, list[Any]]] = [(Part.INTRO, None, rep.get("intro", []))]
            for code, narrative in rep.get("sectors", {}).items():
                if code not in sectors:
                    raise ValueError(f"lĩnh vực “{code}” không có trong danh mục")
                places.append((Part.RESULTS, sectors[code], narrative.get("results", [])))
                places.append((Part.TASKS, sectors[code], narrative.get("tasks", [])))
            for section in ("assessment", "direction"):
                places += [(Part(key), None, items) for key, items in rep.get(section, {}).items()]
            db["block"].insert_all(
                {"report_id": rid, "part": part.value, "sector_id": sector_id, "position": pos, "kind": kind,
                 "text": nfc(text)}
                for part, sector_id, items in places for pos, (kind, text) in enumerate(_blocks(items)))
            for code in rep.get("sectors_off", []):  # sectors left out of this report
                if code not in sectors:
                    raise ValueError(f"lĩnh vực “{code}” không có trong danh mục")
                db.execute("INSERT INTO report_sector_off (report_id, sector_id) VALUES (?, ?)", [rid, sectors[code]])
            _annex_and_images(db, rid, rep)
            _sources(db, rid, rep.get("sources", []), ids)
            _finish_report(db, rid, rep)


def _annex_and_images(db: Database, rid: int, rep: dict[str, Any]) -> None:
    """The figures annex chosen for a report and its signature and seal pictures (base64 PNG), as a dump wrote them."""
    import base64
    import json

    annex = rep.get("annex")
    if annex is not None:
        sectors, columns = annex.get("sectors"), annex.get("columns")
        if not isinstance(columns, list) or not columns or (sectors is not None and not isinstance(sectors, list)):
            raise ValueError("report.annex: columns là danh sách các cột, sectors (nếu có) là danh sách lĩnh vực")
        db["annex"].insert({"report_id": rid, "columns": json.dumps([str(c) for c in columns]),
                            "sectors": None if sectors is None else json.dumps([str(c) for c in sectors],
                                                                               ensure_ascii=False)})
    images = rep.get("sign_images")
    if images is not None:
        def picture(key: str) -> bytes | None:
            return None if images.get(key) is None else base64.b64decode(images[key], validate=True)

        db["sign_image"].insert({"report_id": rid, "signature": picture("signature"), "seal": picture("seal"),
                                 "seal_mm": float(images.get("seal_mm", 35)), "printed": int(bool(images.get("printed")))})


def _sources(db: Database, rid: int, sources: list[dict[str, Any]], ids: dict[str, int]) -> None:
    """Where a rolled-up report's figures came from, as a dump wrote them (``[[report.sources]]``)."""
    for part in sources:
        for code, vals in part.get("values", {}).items():
            if code not in ids or set(vals) - set(VALUE_FIELDS):
                raise ValueError(f"nguồn số liệu của “{code}”: không có chỉ tiêu hoặc loại số liệu này")
            db["figure_source"].insert({
                "report_id": rid, "indicator_id": ids[code], "position": int(part["position"]),
                "file": nfc(str(part.get("file", ""))), "workbook": str(part.get("workbook", "")),
                "agency": nfc(str(part.get("agency", ""))), "source_report": str(part.get("report", "")),
                "source_edited_at": str(part.get("edited_at", "")), "taken_at": str(part.get("taken_at", "")),
                **{f: vals.get(f) for f in VALUE_FIELDS}})


def _finish_report(db: Database, rid: int, rep: dict[str, Any]) -> None:
    """A report's record of being sent and the time it was last edited, as a dump wrote them: set last, after the
    rows whose triggers mark the report edited now."""
    sent = rep.get("sent")
    if sent is not None:
        if not isinstance(sent, dict) or not isinstance(sent.get("at"), str):
            raise ValueError("report.sent: cần có thời điểm gửi (at)")
        db.execute("UPDATE report SET sent_at = ?, sent_file = ?, sent_sha256 = ?, sent_snapshot = ?, sent_locked = ?, "
                   "sent_record_sha256 = ? WHERE id = ?",
                   [sent["at"], str(sent.get("file", "")), str(sent.get("sha256", "")), str(sent.get("snapshot", "")),
                    int(bool(sent.get("locked", True))), str(sent.get("record_sha256", "")), rid])
        files = sent.get("files", [])
        if not isinstance(files, list) or not all(isinstance(f, dict) for f in files):
            raise ValueError("report.sent.files: cần là danh sách tệp đã gửi")
        import base64

        for f in files:
            db.execute("INSERT INTO sent_file (report_id, suffix, name, sha256, size, data) VALUES (?, ?, ?, ?, ?, ?)",
                       [rid, str(f.get("suffix", "")), str(f.get("name", "")), str(f.get("sha256", "")),
                        int(f.get("size", -1)), base64.b64decode(str(f.get("zlib", "")), validate=True)])
    if rep.get("tone_style"):  # the tone-mark style chosen for the report (m014)
        db.execute("UPDATE report SET tone_style = ? WHERE id = ?", [str(rep["tone_style"]), rid])
    if "edited_at" in rep:  # a dump's; a sample has none and counts as edited now
        db.execute("UPDATE report SET edited_at = ? WHERE id = ?", [str(rep["edited_at"]), rid])


def load_data(db: Database, data: dict[str, Any]) -> None:
    """A workbook from its text (a sample, or what ``baocao-gui dump`` wrote): the catalogue it names
    (``catalogue = "sldtbxh"``) or carries (a ``[catalogue]`` table with its sectors), then agency and reports."""
    head = data.get("catalogue")
    catalogue = load_catalogue(head) if isinstance(head, str) else parse_catalogue(data, strict=False)
    install_catalogue(db, catalogue)
    write_sample(db, data)


def write_bundled_sample(db: Database, name: str = "dak-nong-2023") -> None:
    """The bundled sample, read through the same path as ``baocao-gui load``."""
    load_data(db, read_toml(resource("samples", f"{name}.toml")))


def start_report(db: Database, year: int, kind: PeriodKind | str = PeriodKind.YEAR,
                 agency: dict[str, str] | None = None) -> int:
    """A first report in a new workbook, with the agency's header and nothing written for the clerk: each
    indicator's sentence is a suggestion the sector tab offers, not a paragraph citing figures nobody typed."""
    kind = PeriodKind(kind)
    agency = agency or {}
    with db.atomic():
        db["agency"].upsert({"id": 1, **{k: nfc(agency.get(k, "")) for k in AGENCY_KEYS}}, pk="id")
        rid = db["report"].insert({
            "period_kind": kind.value, "year": year, "type_name": "BÁO CÁO",
            "summary": "Kết quả thực hiện nhiệm vụ {{period}} - Phương hướng, nhiệm vụ {{next_period}}",
            "signer_title": "GIÁM ĐỐC",  # the head of the agency signs, unless the clerk says otherwise
            **{AGENCY_COLUMNS[k]: nfc(agency.get(k, "")).strip() for k in AGENCY_KEYS},
        }).last_pk
        db["recipient"].insert({"report_id": rid, "position": 0, "text": "Lưu: VT"})
    return rid


def catalogues() -> list[tuple[str, str]]:
    """(id, name) of every bundled catalogue, then of every catalogue the clerk imported (a file there that
    cannot be read is left out of the list: it never stops the start screen)."""
    out = []
    for path in sorted(resource("catalogues").glob("*.toml")):
        head = read_toml(path).get("catalogue", {})
        scope = head.get("scope")  # what a bundled catalogue covers, beside the agency's name: "Sở Y tế (…)"
        out.append((path.stem, f"{head.get('name', path.stem)} ({scope})" if scope else head.get("name", path.stem)))
    bundled = {cid for cid, _ in out}
    folder = user_catalogue_dir()
    for path in sorted(folder.glob("*.toml")) if folder.is_dir() else ():
        if path.stem in bundled:
            continue
        try:
            head = read_toml(path).get("catalogue", {})
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
            continue
        if isinstance(head, dict):
            out.append((path.stem, str(head.get("name", path.stem))))
    return out
