"""A new export format is a writer in ``app.export.WRITERS``: the command line takes its suffix and the window offers
it, and the writer gets the report's figures as well as its outline (issue 19's seam for the figures going up)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from baocao_gui.app import export
from baocao_gui.app.writers import ExportInput, Writer, write_whole


def _figures_sheet(data: ExportInput, target: Path, cancel, progress) -> Path:
    """A made-up format: one line per indicator with its actual figure as the report prints it."""
    lines = [f"{i.code}\t{data.figures.figure(i.code, 'actual')}" for i in data.workbook.indicators
             if data.report.values.get(i.code) is not None and data.report.values[i.code].actual is not None]
    return write_whole(target, "\n".join([data.report.period.label, *lines]))


SHEET = Writer(".tsv", "Tệp số liệu", "Xuất tệp &số liệu…", _figures_sheet)


@pytest.fixture
def with_sheet_writer(monkeypatch):
    monkeypatch.setitem(export.WRITERS, ".tsv", SHEET)
    monkeypatch.setitem(export.KINDS, ".tsv", SHEET.kind)


def test_the_command_line_writes_any_format_in_writers_and_the_writer_gets_the_figures_as_printed(
        with_sheet_writer, sample_workbook, tmp_path):
    from baocao_gui.cli import main

    target = tmp_path / "số liệu.tsv"
    assert main(["export", str(sample_workbook), "-o", str(target)]) == 0
    rows = dict(line.split("\t") for line in target.read_text(encoding="utf-8").splitlines()[1:])
    assert rows["viec_lam"] == "18.498"  # vi-VN, as the report writes it


def test_a_suffix_no_writer_has_is_one_sentence_naming_those_there_are(sample_workbook, tmp_path, capsys):
    from baocao_gui.cli import main

    assert main(["export", str(sample_workbook), "-o", str(tmp_path / "x.ods")]) != 0
    err = capsys.readouterr().err
    assert "x.ods" in err and ".docx" in err and ".pdf" in err and ".xlsx" in err and "Traceback" not in err
    assert not (tmp_path / "x.ods").exists()


def test_every_writer_says_what_it_is_for_the_window():
    for key, writer in export.WRITERS.items():
        assert key == writer.key and key.endswith(writer.suffix) and writer.suffix.startswith(".")
        assert writer.kind and writer.action.endswith("…") and writer.filter.endswith(f"(*{writer.suffix})")
        assert dataclasses.is_dataclass(writer)
