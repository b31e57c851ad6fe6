"""Workbook files coming into being: the bundled sample, or a catalogue with a first empty report.

One function for the command line's ``sample``, the start screen's "Tạo sổ báo cáo mới" and its example:
the file is whole when it returns, or not there at all.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
from collections.abc import Callable
from pathlib import Path

from ..domain import places
from ..domain.model import Part, Period, PeriodKind, Role
from ..domain.text import heading_key
from ..errors import UserError
from ..store import close_workbook, create_workbook
from ..store.lock import process_gone
from ..store.seed import (
    catalogue_head,
    catalogues,
    install_catalogue,
    load_catalogue,
    start_report,
    write_bundled_sample,
)
from ..store.workbook import WorkbookError, check_new_path, sector_rows

__all__ = ["EXAMPLES", "MAKING", "catalogues", "make_workbook", "new_workbook", "province_for", "write_sample"]

log = logging.getLogger(__name__)

# A workbook being made is written beside its target under this name ("đang tạo": being made), then renamed whole;
# one a killed program left there is removed by the next workbook made in that folder.
MAKING = ".~dang-tao."
_LEFT = re.compile(rf"^{re.escape(MAKING)}.*\.(\d+)-[0-9a-f]+\.tmp(?:-journal|-wal|-shm)?$", re.DOTALL)
_BESIDE = ("", "-journal", "-wal", "-shm")


def make_workbook(path: Path, fill: Callable) -> Path:
    """A new workbook file at ``path`` written by ``fill(db)``: whole when this returns, or not there at all (an
    existing file is never written over). Every new workbook is made here: sample, catalogue, part, text file,
    a report read from Word. It is written under a temporary name in the same folder, synced, and given its name
    when whole: a program killed at any moment leaves nothing under ``path``, or the whole workbook."""
    path = Path(path)
    check_new_path(path)  # refuses an existing file: never written over
    _clean_left_over(path.parent)
    making = path.with_name(f"{MAKING}{path.name[:60]}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
    try:
        db = create_workbook(making)
    except WorkbookError as exc:
        raise WorkbookError(f"Không tạo được sổ báo cáo “{path}”: không ghi được vào thư mục này.",
                            exc.gloss) from exc
    try:
        fill(db)
        close_workbook(db)  # one whole file, nothing beside it
        _sync(making)
        _publish(making, path)
    except BaseException:
        db.close()
        for suffix in _BESIDE:
            Path(str(making) + suffix).unlink(missing_ok=True)
        raise
    return path


def _sync(path: Path, folder: bool = False) -> None:
    """What was written reaches the disk before the rename names it (the folder's entry too, after it)."""
    if folder and os.name == "nt":
        return  # Windows cannot open a folder to sync it; its renames are journaled by NTFS
    try:
        fd = os.open(path, os.O_RDONLY if folder else os.O_RDWR)
    except OSError:
        if folder:
            return
        raise
    try:
        os.fsync(fd)
    except OSError:
        if not folder:
            raise
    finally:
        os.close(fd)


def _publish(made: Path, target: Path) -> None:
    """Give the whole file its name, never over a file that appeared there meanwhile."""
    try:
        if os.name == "nt":
            os.rename(made, target)  # refuses an existing target
        else:
            try:
                os.link(made, target)  # refuses an existing target, in one step
            except FileExistsError:
                raise
            except OSError:  # a folder without hard links (FAT on a USB stick, some network shares)
                if target.exists():
                    raise FileExistsError(target) from None
                os.rename(made, target)
            else:
                try:
                    made.unlink()
                except OSError as exc:  # the workbook is whole under its name; the next one made here cleans it
                    log.warning("could not remove %s: %s", made, exc)
    except FileExistsError:
        raise WorkbookError(f"Tệp “{target}” đã có; hãy chọn tên khác để không ghi đè.",
                            f"{target} appeared while it was made") from None
    except OSError as exc:
        raise WorkbookError(f"Không tạo được sổ báo cáo “{target}”: không ghi được vào thư mục này.",
                            f"cannot rename {made} to {target}: {exc}") from exc
    _sync(target.parent, folder=True)


def _clean_left_over(folder: Path) -> None:
    """Remove what a program killed while making a workbook left in ``folder`` (its program has ended; one still
    making a workbook there is left alone)."""
    try:
        left = [p for p in folder.iterdir() if p.name.startswith(MAKING)]
    except OSError:
        return
    for path in left:
        found = _LEFT.match(path.name)
        if found is None:
            continue
        try:
            if process_gone(int(found.group(1)), path.stat().st_mtime):
                path.unlink()
                log.info("removed %s, left by a program killed while making a workbook", path)
        except OSError as exc:
            log.info("left %s: %s", path, exc)


# The bundled examples, by the name the command line gives (``sample --example NAME``): the file under
# resources/samples/ and what the start screen's button says. The first is the reference (a real report reproduced);
# the others' figures are invented, and say so.
EXAMPLES = {
    "dak-nong-2023": ("dak-nong-2023", "Sở LĐTBXH Đắk Nông, năm 2023"),
    "so-noi-vu-2026": ("so-noi-vu-lam-dong-2026", "Sở Nội vụ Lâm Đồng, năm 2026 (số liệu giả định)"),
}


def write_sample(path: str | Path, example: str = "dak-nong-2023") -> Path:
    """A bundled example as a new workbook at ``path``: the Đắk Nông 2023 sample unless another is named."""
    if example not in EXAMPLES:
        raise UserError(f"Không có sổ ví dụ “{example}” (các sổ ví dụ: {', '.join(EXAMPLES)}).",
                        f"no example {example!r}")
    name = EXAMPLES[example][0]
    return make_workbook(Path(path), lambda db: write_bundled_sample(db, name))


def new_workbook(path: str | Path, catalogue_id: str, year: int, kind: PeriodKind | str = PeriodKind.YEAR,
                 agency: dict[str, str] | None = None, province: str | None = None) -> Path:
    """A new workbook from a catalogue (a bundled or imported one's id, or a .toml file), with one report of that period ready to fill in,
    under the agency's header (cơ quan chủ quản, cơ quan ban hành, viết tắt, địa danh). A ``province`` (its name, as
    places.toml lists it) writes the header's “UBND TỈNH …” and the date line's place where ``agency`` leaves them
    empty; it must exist on the period's last day (a former province only for a period ending before the merger)."""
    chosen = province_for(province, Period(PeriodKind(kind), year)) if province and province.strip() else None
    if str(catalogue_id).lower().endswith(".toml"):  # a file: its faults are named with their line
        from .catalogue_files import read_catalogue_file

        catalogue = read_catalogue_file(catalogue_id)[0]
    else:
        catalogue = load_catalogue(catalogue_id)  # an unknown catalogue is refused before any file is made

    # the catalogue names the kind of agency it is for; the clerk types the province's own name over it
    agency = {k: v for k, v in (agency or {}).items() if v and v.strip()}
    agency.setdefault("name", catalogue.name)
    abbreviation = catalogue_head(catalogue_id).get("abbreviation")  # "SNV" in "Số: …/BC-SNV"
    if isinstance(abbreviation, str) and abbreviation.strip():
        agency.setdefault("abbreviation", abbreviation.strip())
    if chosen is not None:
        agency.setdefault("parent_name", chosen.header)
        agency.setdefault("place", chosen.place)

    def fill(db) -> None:
        install_catalogue(db, catalogue)
        start_report(db, year, kind, agency)

    return make_workbook(Path(path), fill)


def province_for(name: str, period: Period) -> places.Province:
    """The province a report of ``period`` is written under, by name; a former province for a later period (or no
    province of that name) is refused in one sentence naming what it became."""
    try:
        return places.resolve(name, places.period_end(period))
    except places.PlaceError as exc:
        raise UserError(str(exc), f"province {name!r} for {period.code} {period.year}") from None


def _words(text: str) -> set[str]:
    return set(heading_key(text).split())


def _match(title: str, sectors: list[dict], field: str, used: set[str]) -> str | None:
    """The code of the workbook's sector whose ``field`` (title or task_title) has the heading's words: the same
    words, else at least 60 % of them in common."""
    free = [s for s in sectors if s["code"] not in used]
    key = heading_key(title)
    for s in free:
        if key in (heading_key(s[field]), heading_key(s["title"])):
            return s["code"]
    words = _words(title)
    best, score = None, 0.0
    for s in free:
        for candidate in (s[field], s["title"]):
            other = _words(candidate)
            overlap = len(words & other) / max(1, len(words | other))
            if len(words) >= 3 and words <= other:  # "Công tác tham mưu" for the catalogue's longer title
                overlap = max(overlap, 0.6)
            if overlap > score:
                best, score = s["code"], overlap
    return best if score >= 0.6 else None


def workbook_from_docx(path: str | Path, docx_path: str | Path, catalogue_id: str = "sldtbxh",
                       kind: PeriodKind | str | None = None, year: int | None = None):
    """A new workbook holding the report a .docx holds (last year's report, made by this program or another):
    its header, type name, trích yếu, paragraphs part by part, sectors matched to the catalogue's by their
    headings (unknown ones become new sectors; the catalogue's sectors the report does not have are left out of
    it), recipients and signer. Returns (path, notes): what was not found or was added, one line each."""
    from ..errors import UserError
    from ..importers.report import read_report
    from ..store import edits

    catalogue = load_catalogue(catalogue_id)
    known = tuple(t for s in catalogue.sectors for t in (s.title, s.task_title))
    content = read_report(docx_path, known)  # a file that cannot be read is refused before anything is made
    period = content.period
    if kind is not None or year is not None:
        period = (PeriodKind(kind) if kind else (period[0] if period else PeriodKind.YEAR),
                  year or (period[1] if period else None))
    if period is None or period[1] is None:
        raise UserError("Không xác định được kỳ báo cáo từ trích yếu của tệp (không thấy “năm …”, “quý …”); "
                        "chưa có tệp nào được tạo.", "no period in the report")
    notes = list(content.problems)
    agency = {"parent_name": content.agency.parent_name, "name": content.agency.name,
              "abbreviation": content.agency.abbreviation, "place": content.agency.place}

    def fill(db) -> None:
        install_catalogue(db, catalogue)
        rid = start_report(db, period[1], period[0], agency)
        fields = {"number": content.number, "date": content.date, "type_name": content.type_name,
                  "summary": content.summary, "signer_authority": content.signer_authority,
                  "signer_title": content.signer_title, "signer_name": content.signer_name}
        for key, value in fields.items():
            if value not in (None, ""):
                edits.set_report_field(db, rid, key, value)
        if content.recipients:
            edits.set_recipients(db, rid, content.recipients)
        for part, blocks in [(Part.INTRO, content.intro), *content.parts.items()]:
            if blocks:
                edits.insert_blocks(db, rid, part, None, 0, [(b.kind.value, b.text) for b in blocks])
        sectors = sector_rows(db)
        used: set[str] = set()
        order: list[str] = []
        for text in content.results:
            code = _match(text.title, [s for s in sectors if (s["role"] == Role.STAFF) == text.staff], "title",
                          used) or _match(text.title, sectors, "title", used)
            if code is None:
                code = edits.add_sector(db, text.title, Role.STAFF.value if text.staff else Role.SECTOR.value)
                sectors = sector_rows(db)
                notes.append(f"Lĩnh vực “{text.title}” không có trong danh mục: đã thêm thành lĩnh vực mới.")
            elif _words(text.title) != _words(next(s["title"] for s in sectors if s["code"] == code)):
                edits.set_sector_field(db, code, "title", text.title)
            used.add(code)
            order.append(code)
            if text.blocks:
                edits.insert_blocks(db, rid, Part.RESULTS, code, 0, [(b.kind.value, b.text) for b in text.blocks])
        tasks_used: set[str] = set()
        for text in content.tasks:
            pool = [s for s in sectors if (s["role"] == Role.STAFF) == text.staff]
            code = _match(text.title, pool, "task_title", tasks_used) or \
                _match(text.title, sectors, "task_title", tasks_used)
            if code is None:
                code = edits.add_sector(db, text.title)
                sectors = sector_rows(db)
                notes.append(f"Nhiệm vụ “{text.title}” không khớp lĩnh vực nào: đã thêm thành lĩnh vực mới.")
                order.append(code)
            else:
                task_title = next(s["task_title"] for s in sectors if s["code"] == code)
                if _words(text.title) != _words(task_title):
                    edits.set_sector_field(db, code, "task_title", text.title)
            tasks_used.add(code)
            if text.blocks:
                edits.insert_blocks(db, rid, Part.TASKS, code, 0, [(b.kind.value, b.text) for b in text.blocks])
        for index, code in enumerate(c for c in order if c in {s["code"] for s in sectors}):
            edits.move_sector(db, code, index)
        present = set(order) | tasks_used
        for s in sectors:
            if s["code"] not in present:
                edits.set_sector_off(db, rid, s["code"], True)
                notes.append(f"Lĩnh vực “{s['title']}” của danh mục không có trong báo cáo: để ngoài báo cáo này "
                             "(đưa lại bằng Sửa › Thêm lĩnh vực).")

    return make_workbook(Path(path), fill), notes
