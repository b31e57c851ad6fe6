"""A plan's direction and the decimals a figure was typed with live in the workbook file (issue 21, points 1–3):
typed through the application layer, kept, undone, carried into the next report, dumped and loaded, and a workbook
of the previous version opens with every plan as it was. Invented figures on a workbook made from the catalogue."""

import gzip
from decimal import Decimal
from pathlib import Path

import pytest
from helpers import stored_report

from baocao_gui.app import Document, EditRefused
from baocao_gui.app.edits import figures, reports, sectors
from baocao_gui.app.files import new_workbook
from baocao_gui.app.textfile import dump_workbook, load_text_workbook
from baocao_gui.domain.figures import sheet
from baocao_gui.domain.model import PlanDirection, PlanMeaning
from baocao_gui.store import load_workbook, open_workbook

DATA = Path(__file__).resolve().parents[1] / "data" / "previous-version"


@pytest.fixture
def doc(tmp_path):
    path = new_workbook(tmp_path / "so-2033.baocao", "sldtbxh", 2033)
    document = Document(path)
    yield document
    document.close()


def test_a_range_typed_with_a_trailing_zero_is_kept_as_typed_undone_and_carried(doc):
    edit = figures.set_value(doc, "ho_ngheo_dtts", "target", (Decimal("0.6"), Decimal("1.0")))
    doc.apply(edit)
    assert sheet(doc.workbook, doc.report).figure("ho_ngheo_dtts", "target") == "0,6–1,0%"
    stored = stored_report(doc.path, 2033).values["ho_ngheo_dtts"]
    assert (stored.target, stored.target_high, stored.places) == (0.6, 1.0, {"target_high": 1})
    doc.apply(figures.set_value(doc, "ho_ngheo_dtts", "target", 2))  # a single figure replaces it, decimals too
    assert sheet(doc.workbook, doc.report).figure("ho_ngheo_dtts", "target") == "2%"
    doc.run(edit.do, edit.change)
    doc.apply(reports.create_next_report(doc))  # this year's target is next year's plan, as typed
    assert stored_report(doc.path, 2034).values["ho_ngheo_dtts"].places == {"plan_high": 1}


def test_undo_brings_back_the_decimals_a_figure_was_typed_with(doc):
    doc.apply(figures.set_value(doc, "viec_lam", "plan", Decimal("20000.50")))
    edit = figures.set_value(doc, "viec_lam", "plan", 21_000)
    doc.apply(edit)
    doc.run(edit.undo, edit.change)
    assert sheet(doc.workbook, doc.report).figure("viec_lam", "plan") == "20.000,50"


def test_a_direction_chosen_in_the_properties_is_kept_checked_and_one_undo_step(doc):
    doc.apply(figures.set_value(doc, "ho_ngheo_dtts", "actual", 2.7))
    doc.apply(figures.set_value(doc, "ho_ngheo_dtts", "plan", 3))
    edit = sectors.set_indicator_properties(doc, "ho_ngheo_dtts", {"plan_direction": "below"})
    doc.apply(edit)
    ind = doc.workbook.indicator("ho_ngheo_dtts")
    assert ind.plan_direction == PlanDirection.BELOW
    writer = sheet(doc.workbook, doc.report)
    assert writer.figure("ho_ngheo_dtts", "plan_text") == "dưới 3%"
    assert writer.figure("ho_ngheo_dtts", "vs_plan") == "đạt kế hoạch"
    doc.run(edit.undo, edit.change)
    assert doc.workbook.indicator("ho_ngheo_dtts").plan_direction == PlanDirection.REACH
    with pytest.raises(EditRefused):
        doc.apply(sectors.set_indicator_properties(doc, "ho_ngheo_dtts", {"plan_direction": "duoi"}))


def test_directions_and_typed_decimals_survive_a_dump_and_a_load(doc, tmp_path):
    doc.apply(sectors.set_indicator_properties(doc, "ho_ngheo_dtts", {"plan_direction": "at_most"}))
    doc.apply(sectors.set_indicator_properties(doc, "ho_ngheo", {"plan_meaning": "decrease",
                                                                "plan_direction": "above"}))
    doc.apply(figures.set_value(doc, "ho_ngheo_dtts", "plan", (Decimal("0.6"), Decimal("1.0"))))
    doc.apply(figures.set_value(doc, "ho_ngheo", "plan", Decimal("2.0")))
    first = dump_workbook(doc.path, tmp_path / "mot.toml")
    text = first.read_text(encoding="utf-8")
    assert 'plan_direction = "at_most"' in text and 'plan_direction = "decrease_above"' in text
    assert "decimals = { plan_high = 1 }" in text and "decimals = { plan = 1 }" in text
    loaded = load_text_workbook(first, tmp_path / "nap-lai.baocao")
    assert dump_workbook(loaded, tmp_path / "hai.toml").read_text(encoding="utf-8") == text
    db = open_workbook(loaded, readonly=True)
    try:
        workbook = load_workbook(db)
    finally:
        db.close()
    report = workbook.report_for(2033)
    writer = sheet(workbook, report)
    assert writer.figure("ho_ngheo_dtts", "plan_text") == "0,6–1,0%"  # a range is printed as a range
    assert writer.figure("ho_ngheo", "plan_text") == "giảm trên 2,0%"
    ind = workbook.indicator("ho_ngheo")
    assert (ind.plan_meaning, ind.plan_direction) == (PlanMeaning.DECREASE, PlanDirection.ABOVE)


def test_a_workbook_of_the_previous_version_keeps_every_plan_and_figure_as_it_printed(tmp_path):
    path = tmp_path / "mau-cu.baocao"
    path.write_bytes(gzip.decompress((DATA / "sample-v0.baocao.gz").read_bytes()))
    open_workbook(path).close()  # upgraded (m011 among the rest)
    db = open_workbook(path, readonly=True)
    try:
        workbook = load_workbook(db)
    finally:
        db.close()
    assert {i.plan_direction for i in workbook.indicators} == {PlanDirection.REACH}
    assert all(not v.places for r in workbook.reports for v in r.values.values())
    report = workbook.report_for(2023)
    assert sheet(workbook, report).figure("ho_ngheo", "plan") == "3%"
    assert sheet(workbook, report).figure("ho_ngheo", "pct_plan") == "93%"  # a reduction plan: 2,79 ÷ 3
