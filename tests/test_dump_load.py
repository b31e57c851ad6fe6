"""A workbook as a text file: `baocao-gui dump` and `baocao-gui load` are exact both ways — dump → load → dump gives
the same file, and every report exports the same — on the sample, on the large workbook, and on an invented
workbook holding ranges, precisions, tables, a renamed agency and a report signed and sent."""

from __future__ import annotations

import gzip
from pathlib import Path

import docx
import pytest
from helpers import run_cli, seal_png, signature_png

from baocao_gui.app import Document, export_report, new_workbook
from baocao_gui.app.edits import figures, paragraphs, report_fields, reports, sectors
from baocao_gui.app.textfile import dump_workbook, load_text_workbook
from baocao_gui.domain.model import AnnexChoice, PeriodKind, SignImages
from baocao_gui.domain.tables import Table
from baocao_gui.store import load_workbook, open_workbook

DATA = Path(__file__).resolve().parent / "data" / "previous-version"


def _text(path: Path) -> list[str]:
    document = docx.Document(str(path))
    return [p.text for p in document.paragraphs] + [c.text for t in document.tables for c in t._cells]


def exports(path: Path, folder: Path) -> list[list[str]]:
    db = open_workbook(path, readonly=True)
    try:
        workbook = load_workbook(db)
    finally:
        db.close()
    folder.mkdir()
    return [_text(export_report(workbook, r, folder / f"{r.period.code}-{r.period.year}.docx").path)
            for r in workbook.in_order()]


def round_trip(path: Path, tmp_path: Path) -> tuple[str, str, Path]:
    first = dump_workbook(path, tmp_path / "mot.toml")
    loaded = load_text_workbook(first, tmp_path / "nap-lai.baocao")
    second = dump_workbook(loaded, tmp_path / "hai.toml")
    return first.read_text(encoding="utf-8"), second.read_text(encoding="utf-8"), loaded


def test_the_sample_dumped_and_loaded_by_the_command_line_gives_the_same_file_and_the_same_export(tmp_path):
    assert run_cli("sample", str(tmp_path / "mau.baocao")).returncode == 0
    result = run_cli("dump", str(tmp_path / "mau.baocao"), "-o", str(tmp_path / "mau.toml"))
    assert result.returncode == 0, result.stderr
    result = run_cli("load", str(tmp_path / "mau.toml"), str(tmp_path / "lai.baocao"))
    assert result.returncode == 0, result.stderr
    assert run_cli("dump", str(tmp_path / "lai.baocao"), "-o", str(tmp_path / "lai.toml")).returncode == 0
    assert (tmp_path / "mau.toml").read_bytes() == (tmp_path / "lai.toml").read_bytes()
    assert exports(tmp_path / "mau.baocao", tmp_path / "a") == exports(tmp_path / "lai.baocao", tmp_path / "b")


def test_the_large_workbook_round_trips_exactly(tmp_path):
    path = tmp_path / "lon.baocao"
    path.write_bytes(gzip.decompress((DATA / "large-v0.baocao.gz").read_bytes()))
    open_workbook(path).close()  # upgraded to this version first (after a backup), as the window would
    first, second, loaded = round_trip(path, tmp_path)
    assert first == second and first.count("[[report]]") >= 10
    assert exports(path, tmp_path / "a") == exports(loaded, tmp_path / "b")  # every report


@pytest.fixture
def rich_workbook(tmp_path):
    """An invented Sở Y tế workbook with a bit of everything a dump must keep."""
    path = new_workbook(tmp_path / "y-te.baocao", "sldtbxh", 2030, PeriodKind.YEAR,
                        {"name": "SỞ Y TẾ", "parent_name": "UBND TỈNH HÒA LÂM", "abbreviation": "SYT",
                         "place": "Hòa Lâm"})
    doc = Document(path)
    try:
        doc.apply(figures.set_value(doc, "viec_lam", "actual", 21_400.5))
        doc.apply(figures.set_value(doc, "viec_lam", "plan", 20_000))
        doc.apply(figures.set_value(doc, "viec_lam", "target", (22_000, 22_500)))
        doc.apply(figures.set_value(doc, "ho_ngheo", "actual", 4.07))
        doc.apply(figures.set_value(doc, "ho_ngheo", "last", 5.18))
        doc.apply(figures.set_value(doc, "ho_ngheo", "plan", (1, 1.5)))
        doc.apply(figures.set_override(doc, "viec_lam", "pct_plan", 107))
        doc.apply(figures.set_report_precision(doc, 1))
        doc.apply(sectors.set_indicator_field(doc, "ho_ngheo", "precision", 2))
        sector = doc.workbook.indicator("viec_lam").sector
        doc.apply(paragraphs.insert_block(doc, "results", sector, 0, text='Tạo việc làm cho {{viec_lam}} lượt người, '
                                   '{{viec_lam.vs_plan}}; "trích dẫn" và dấu \\ ngược.'))
        doc.apply(paragraphs.insert_block(doc, "results", sector, 1, kind="heading", text="Giảm nghèo"))
        doc.apply(paragraphs.insert_block(doc, "results", sector, 2, kind="table",
                                   text=Table.from_json('{"header": [["Chỉ tiêu", "Kết quả"]], '
                                                        '"rows": [["Hộ nghèo", "{{ho_ngheo}}"]]}').to_json()))
        doc.apply(paragraphs.insert_block(doc, "intro", None, 0, text="Năm {{year}}, đạt và vượt {{targets_met}} chỉ tiêu."))
        sent = export_report(doc.workbook, doc.report, tmp_path / "gui.docx").path
        doc.apply(reports.mark_sent(doc, sent))
        doc.apply(reports.create_next_report(doc))
        doc.apply(report_fields.rename_agency_from(doc, {"name": "SỞ Y TẾ VÀ DÂN SỐ"}))
        doc.apply(sectors.set_sector_off(doc, "thanh_tra"))  # not reported this year
        doc.apply(report_fields.set_annex(doc, AnnexChoice(sectors=("lao_dong",), columns=("unit", "plan", "actual", "pct_plan"))))
        doc.apply(report_fields.set_sign_images(doc, SignImages(signature_png(), seal_png(), seal_mm=32.5, printed=True)))
        doc.apply(figures.set_value(doc, "viec_lam", "actual", 23_010))
        # deleted, while a rule and another indicator's default sentence still cite it: the workbook keeps both
        doc.apply(sectors.delete_indicator(doc, "gao_tet_khau"))
    finally:
        doc.close()
    return path


def test_a_workbook_with_ranges_precisions_tables_a_renamed_agency_and_a_sent_report_round_trips(
        rich_workbook, tmp_path):
    first, second, loaded = round_trip(rich_workbook, tmp_path)
    assert first == second
    assert "target = [22000, 22500]" in first and "plan = [1, 1.5]" in first and "precision = 2" in first
    assert "[report.sent]" in first and 'name = "SỞ Y TẾ VÀ DÂN SỐ"' in first
    assert 'sectors_off = ["thanh_tra"]' in first and "[report.annex]" in first and "[report.sign_images]" in first
    assert exports(rich_workbook, tmp_path / "a") == exports(loaded, tmp_path / "b")
    doc = Document(loaded, readonly=True)
    try:
        assert [r.frozen for r in doc.workbook.in_order()] == [True, False]  # still signed and sent
        later = doc.workbook.in_order()[-1]
        doc.choose_report(later.id)
        assert doc.report.images.seal == seal_png() and doc.report.annex.sectors == ("lao_dong",)
    finally:
        doc.close()


def test_a_faulty_text_file_gets_one_sentence_with_its_line_and_leaves_no_workbook(rich_workbook, tmp_path):
    dumped = dump_workbook(rich_workbook, tmp_path / "so.toml")
    lines = dumped.read_text(encoding="utf-8").splitlines()
    bad_line = next(n for n, line in enumerate(lines, 1) if line.startswith("viec_lam = {"))
    lines[bad_line - 1] = lines[bad_line - 1].replace("{", "{ actual = ", 1)
    dumped.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli("load", str(dumped), str(tmp_path / "hong.baocao"))
    assert result.returncode == 2
    assert result.stderr.strip() == (f"Tệp sổ báo cáo “so.toml”, dòng {bad_line}: viết sai cú pháp TOML "
                                     "(thiếu dấu “=”, dấu nháy hoặc dấu ngoặc).")
    assert not (tmp_path / "hong.baocao").exists()


def test_load_never_writes_over_an_existing_workbook(rich_workbook, tmp_path):
    dumped = dump_workbook(rich_workbook, tmp_path / "so.toml")
    before = rich_workbook.read_bytes()
    result = run_cli("load", str(dumped), str(rich_workbook))
    assert result.returncode == 2 and "đã có" in result.stderr
    assert rich_workbook.read_bytes() == before


def test_the_tone_mark_style_chosen_for_a_report_round_trips(rich_workbook, tmp_path):
    """m014_report_style: "hòa" or "hoà" chosen for the report of 2031, kept by dump and load."""
    from baocao_gui.app.edits import texts

    doc = Document(rich_workbook)
    try:
        doc.apply(texts.write_in_style(doc, "new"))  # the report in view: the later one, not the sent one
    finally:
        doc.close()
    first, second, loaded = round_trip(rich_workbook, tmp_path)
    assert first == second and first.count('tone_style = "new"') == 1
    assert "UBND TỈNH HOÀ LÂM" in first
    doc = Document(loaded, readonly=True)
    try:
        assert [r.tone_style for r in doc.workbook.in_order()] == ["", "new"]
    finally:
        doc.close()
