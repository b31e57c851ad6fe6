"""`baocao-gui load` keeps the limits typing keeps (issue 20, point 6): a figure the window would refuse
(≥ 10^15, 7 decimals, ±inf, NaN), a character that is not text in the catalogue's headings, a kind of period the
program does not have, a value out of a column's bounds, or an array nested ten thousand deep is one Vietnamese
sentence naming the .toml's line, exit 2, and no workbook file at all."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import run_cli

from baocao_gui.app.textfile import dump_workbook


@pytest.fixture
def dumped(sample_workbook, tmp_path) -> Path:
    return dump_workbook(sample_workbook, tmp_path / "so.toml")


def _edit(path: Path, starts: str, old: str, new: str) -> int:
    """Replace ``old`` by ``new`` on the first line that starts with ``starts``; its number."""
    lines = path.read_text(encoding="utf-8").splitlines()
    n = next(i for i, line in enumerate(lines, 1) if line.startswith(starts))
    assert old in lines[n - 1]
    lines[n - 1] = lines[n - 1].replace(old, new, 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return n


FIGURES = {
    "a figure of 10^15": ("1000000000000000", "quá lớn"),
    "a figure of 1e16": ("1e16", "quá lớn"),
    "seven decimals": ("18498.1234567", "chữ số sau dấu phẩy"),
    "infinity": ("inf", "không phải là số"),
    "minus infinity": ("-inf", "không phải là số"),
    "not a number": ("nan", "không phải là số"),
}


@pytest.mark.parametrize("typed, words", FIGURES.values(), ids=FIGURES.keys())
def test_a_figure_the_window_would_refuse_is_refused_by_load_with_its_line(dumped, tmp_path, typed, words):
    line = _edit(dumped, "viec_lam = {", "actual = 18498", f"actual = {typed}")
    _refused(dumped, tmp_path, line, words)


CHARACTERS = {
    "U+FFFE": r"\uFFFE", "U+FDD0": r"\uFDD0", "NUL": r"\u0000", "U+202E right-to-left override": r"\u202E",
}


@pytest.mark.parametrize("escape", CHARACTERS.values(), ids=CHARACTERS.keys())
def test_a_character_that_is_not_text_in_a_heading_is_refused_with_its_line(dumped, tmp_path, escape):
    line = _edit(dumped, "assessment = ", "Đánh giá", f"Đánh{escape} giá")
    _refused(dumped, tmp_path, line, "ký tự")


def test_a_kind_of_period_the_program_does_not_have_is_named_in_vietnamese(dumped, tmp_path):
    line = _edit(dumped, "period = ", '"year"', '"decade"')
    result = _refused(dumped, tmp_path, line, "“decade”")
    assert "năm" in result.stderr  # the kinds there are, in words


def test_a_value_outside_a_columns_bounds_is_said_in_vietnamese_not_as_a_constraint(dumped, tmp_path):
    lines = dumped.read_text(encoding="utf-8").splitlines()
    at = lines.index("[[report]]") + 1
    lines.insert(at, "pct_precision = 9")  # the window offers 0 to 4 decimals
    dumped.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _refused(dumped, tmp_path, at + 1, "pct_precision")


def test_an_array_nested_ten_thousand_deep_is_one_sentence_not_a_crash(dumped, tmp_path):
    lines = dumped.read_text(encoding="utf-8").splitlines()
    lines.insert(1, "sau = " + "[" * 10_000 + "]" * 10_000)
    dumped.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = _refused(dumped, tmp_path, 2, "lồng nhau")
    assert "Traceback" not in result.stderr and "RecursionError" not in result.stderr


def _refused(source: Path, tmp_path: Path, line: int, words: str):
    target = tmp_path / "moi.baocao"
    before = sorted(tmp_path.iterdir())
    result = run_cli("load", str(source), str(target))
    message = result.stderr.strip()
    assert result.returncode == 2, (result.returncode, message)
    assert len(message.splitlines()) == 1, message
    assert message.startswith(f"Tệp sổ báo cáo “{source.name}”, dòng {line}:"), message
    assert words in message, message
    for english in ("CHECK", "constraint", "valid", "Error", "not a"):
        assert english not in message, message
    assert sorted(tmp_path.iterdir()) == before  # no workbook, no temporary file, no journal
    return result
