"""A kind of period is described in one place, the table of kinds (domain/period_kinds.py): what a report of it is
called, what it plans for, the data it counts, where it sorts, its code on the command line and the words a text
writes it with all follow from its row."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import baocao_gui
from baocao_gui.domain.model import Period, PeriodKind
from baocao_gui.store import create_workbook, load_workbook
from baocao_gui.store.seed import start_report

ELEVEN_MONTHS = '''
    ELEVEN_MONTHS = PeriodKindRow("11m", "11 tháng", label="11 tháng năm {year}", next="tháng 12 năm {year}",
                                  end_month=11, months=11, cumulative=True, written=r"11\\s+tháng(?:\\s+đầu)?")
'''

WHAT_FOLLOWS = r'''
import datetime as dt, json, sqlite3, sys
from baocao_gui.cli import PERIOD_HELP
from baocao_gui.commands import period_kind
from baocao_gui.domain.model import Period, PeriodKind
from baocao_gui.domain.stale import stale_mentions
from baocao_gui.errors import UserError
from baocao_gui.importers.report import period_of
from baocao_gui.store import create_workbook
from baocao_gui.store.schema import PERIOD_KINDS
from baocao_gui.store.seed import start_report

eleven = Period(period_kind("11m"), 2024)
try:
    period_kind("11")
except UserError as e:
    refused = str(e)
db = create_workbook(sys.argv[1])
try:
    start_report(db, 2024, "11m")
    stored = "stored"
except sqlite3.IntegrityError as e:
    stored = "refused by the workbook's CHECK" if "CHECK constraint failed" in str(e) else str(e)
print(json.dumps({
    "label": eleven.label, "next": eleven.next_label, "cutoff": [d.isoformat() for d in eleven.cutoff],
    "in order": [p.label for p in sorted((Period(k, 2024) for k in PeriodKind), key=lambda p: p.order)][-5:-1],
    "code": eleven.code, "help": PERIOD_HELP, "refused": refused,
    "period box": [k.title for k in PeriodKind][-2:],
    "left over": [m.text for m in stale_mentions("Kết quả 11 tháng năm 2024 cho thấy…", Period(PeriodKind.YEAR, 2024))],
    "title": list(period_of("Kết quả thực hiện nhiệm vụ 11 tháng năm 2024 - Phương hướng tháng 12 năm 2024")),
    "schema": "11m" in PERIOD_KINDS, "workbook": stored,
}, ensure_ascii=False))
'''


def test_a_kind_added_to_the_table_alone_is_named_planned_cut_off_sorted_and_typed_everywhere(tmp_path):
    """The package copied, one row added to the table ("11 tháng", a report some provinces ask for), no other
    file changed: the report of it is named, plans for December, counts its data, sorts between tháng 11 and
    tháng 12, is typed ``--period 11m`` (the help and the refusal list it), is offered in the period box, is found
    left over in a later report and read from a Word report's trích yếu. The workbook alone refuses it: its CHECK
    was written by a migration that has shipped, so a new kind also needs a migration (store/schema.py)."""
    package = Path(baocao_gui.__file__).parent
    copy = tmp_path / "src" / "baocao_gui"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    table = copy / "domain" / "period_kinds.py"
    text = table.read_text(encoding="utf-8")
    assert text.count("    M12 = _month(12)\n") == 1
    table.write_text(text.replace("    M12 = _month(12)\n", "    M12 = _month(12)\n" + ELEVEN_MONTHS),
                     encoding="utf-8")

    env = {**os.environ, "PYTHONPATH": str(tmp_path / "src"), "PYTHONDONTWRITEBYTECODE": "1"}
    run = subprocess.run([sys.executable, "-c", WHAT_FOLLOWS, str(tmp_path / "x.baocao")], check=False, env=env,
                         capture_output=True, text=True, encoding="utf-8", timeout=120, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    follows = json.loads(run.stdout)

    assert follows == {
        "label": "11 tháng năm 2024",
        "next": "tháng 12 năm 2024",
        "cutoff": ["2023-12-15", "2024-11-14"],
        "in order": ["tháng 11 năm 2024", "11 tháng năm 2024", "tháng 12 năm 2024", "quý IV năm 2024"],
        "code": "11m",
        "help": "kỳ báo cáo: year, 9m, 6m, q1…q4 (quý), m1…m12 (tháng), 11m",
        "refused": "Kỳ báo cáo “11” không đúng; dùng year, 9m, 6m, q1…q4, m1…m12 hoặc 11m.",
        "period box": ["Báo cáo tháng 12", "Báo cáo 11 tháng"],
        "left over": ["11 tháng năm 2024"],
        "title": ["11m", 2024],
        "schema": True,
        "workbook": "refused by the workbook's CHECK",
    }


def test_every_kind_of_the_table_is_allowed_by_a_new_workbook(tmp_path):
    """A kind in the table that no migration allows fails here: add the migration (store/schema.py)."""
    db = create_workbook(tmp_path / "x.baocao")
    try:
        for kind in PeriodKind:
            start_report(db, 2024, kind)
        assert [r.period for r in load_workbook(db).in_order()] == sorted(
            (Period(kind, 2024) for kind in PeriodKind), key=lambda p: p.order)
    finally:
        db.close()


def test_every_property_of_a_period_is_read_from_its_kinds_row():
    for kind in PeriodKind:
        row, period = kind.row, Period(kind, 2024)
        assert (kind.value, period.code, kind.title) == (row.code, row.code, "Báo cáo " + row.word)
        assert period.label == row.label.replace("{year}", "2024").replace("{next_year}", "2025")
        assert period.next_label == row.next.replace("{year}", "2024").replace("{next_year}", "2025")
        assert period.cutoff[1].month == row.end_month
        assert period.order == (2024, row.end_month, row.months)
