"""Workbooks written by the previous version (the bundled sample and the large benchmark workbook, as that
version wrote them, in tests/data/previous-version) open in this one with every figure and paragraph kept, and
export the same text as that version exported."""

from __future__ import annotations

import gzip
import json
import sqlite3
from pathlib import Path

import pytest

from baocao_gui.app.export import export_report
from baocao_gui.store import load_workbook, open_workbook
from baocao_gui.store.backup import list_backups

DATA = Path(__file__).resolve().parent.parent / "data" / "previous-version"
EXPORTS = json.loads(gzip.decompress((DATA / "exports-v0.json.gz").read_bytes()))


def _unpacked(name: str, tmp_path: Path) -> Path:
    path = tmp_path / name
    path.write_bytes(gzip.decompress((DATA / f"{name}.gz").read_bytes()))
    return path


def _text_of(path: Path) -> list[str]:
    """Paragraphs, then each table row's cells; a line break inside a paragraph reads as a space (where a header's
    name breaks is layout, issue 21.5: the previous version let Word break it, this one writes the break)."""
    import docx

    def text(paragraph) -> str:
        return paragraph.text.replace("\n", " ")

    document = docx.Document(path)
    out = [text(p) for p in document.paragraphs]
    for table in document.tables:
        out += [" | ".join("\n".join(text(p) for p in c.paragraphs) for c in row.cells) for row in table.rows]
    return out


def _rows(path: Path) -> dict[str, list]:
    conn = sqlite3.connect(path)
    try:
        return {
            "value": conn.execute("SELECT report_id, indicator_id, actual, plan, last, target FROM value "
                                  "ORDER BY report_id, indicator_id").fetchall(),
            "override": conn.execute("SELECT * FROM override ORDER BY report_id, indicator_id, field").fetchall(),
            "block": conn.execute("SELECT * FROM block ORDER BY id").fetchall(),
            "recipient": conn.execute("SELECT * FROM recipient ORDER BY id").fetchall(),
            "report": conn.execute("SELECT id, period_kind, year, number, date, type_name, summary, "
                                   "signer_authority, signer_title, signer_name FROM report ORDER BY id").fetchall(),
        }
    finally:
        conn.close()


@pytest.mark.parametrize("name", ["sample-v0.baocao", "large-v0.baocao"])
def test_a_workbook_of_the_previous_version_keeps_every_figure_and_paragraph_and_exports_the_same_text(name, tmp_path):
    path = _unpacked(name, tmp_path)
    before = _rows(path)
    agency = sqlite3.connect(path).execute("SELECT parent_name, name, abbreviation, place FROM agency").fetchone()
    db = open_workbook(path)  # upgraded in place, after a backup
    workbook = load_workbook(db)
    db.close()
    assert [b.reason for b in list_backups(path)] == ["nang-cap"]
    assert _rows(path) == before
    assert all((r.agency.parent_name, r.agency.name, r.agency.abbreviation, r.agency.place) == agency
               for r in workbook.reports)
    for report in workbook.reports:
        out = tmp_path / f"{report.period.code}-{report.period.year}.docx"
        export_report(workbook, report, out)
        assert _text_of(out) == EXPORTS[f"{name}:{report.period.code}:{report.period.year}"], report.period.label


def test_the_command_line_exports_a_previous_version_workbook_without_changing_the_file(tmp_path):
    from tests.helpers import run_cli

    path = _unpacked("sample-v0.baocao", tmp_path)
    raw = path.read_bytes()
    result = run_cli("export", str(path), "-o", str(tmp_path / "ra.docx"))
    assert result.returncode == 0, result.stderr
    assert path.read_bytes() == raw  # read-only: upgraded in memory
    assert _text_of(tmp_path / "ra.docx") == EXPORTS["sample-v0.baocao:year:2023"]


def test_a_previous_version_workbook_without_any_report_keeps_its_agency_for_the_first_report(tmp_path):
    from baocao_gui.app import Document
    from baocao_gui.app.edits import reports
    from baocao_gui.domain.model import Period, PeriodKind

    path = _unpacked("sample-v0.baocao", tmp_path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("DELETE FROM report")
    conn.commit()
    conn.close()
    doc = Document(path)
    try:
        assert doc.workbook.reports == () and doc.workbook.agency.place == "Đắk Nông"
        doc.apply(reports.create_report(doc, Period(PeriodKind.YEAR, 2025)))
        assert doc.report.agency.name == "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI" and doc.report.agency.place == "Đắk Nông"
    finally:
        doc.close()
