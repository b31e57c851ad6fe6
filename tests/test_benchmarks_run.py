"""The benchmarks run (their figures are read by people, never asserted here)."""

import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.mark.parametrize("script", ["export_bench.py", "launch_bench.py", "scale_bench.py", "edited_at_bench.py",
                                    "pdf_bench.py", "import_bench.py", "textfile_bench.py",
                                    "figures_bench.py", "spelling_bench.py", "rollup_bench.py"])
def test_each_benchmark_runs_and_prints_its_table(script):
    result = subprocess.run([sys.executable, str(BENCHMARKS / script), "--runs", "1"], capture_output=True,
                            text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "|---|" in result.stdout


def test_the_large_workbook_has_the_promised_size(tmp_path):
    sys.path.insert(0, str(BENCHMARKS))
    from large_workbook import build

    from baocao_gui.store import load_workbook, open_workbook

    wb = load_workbook(open_workbook(build(tmp_path / "lon.baocao"), readonly=True))
    assert len(wb.reports) == 10 and len(wb.sectors) == 40 and len(wb.indicators) == 2000
    assert sum(len(r.values) for r in wb.reports) == 20_000
