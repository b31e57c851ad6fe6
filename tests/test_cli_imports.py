"""The command line loads what its command uses and nothing else: an export of the sample never starts Qt, the
store's edits, the checks or a migration library (each was milliseconds of every export, issue 19)."""

import subprocess
import sys

NOT_FOR_AN_EXPORT = ("PySide6", "sqlite_utils", "baocao_gui.ui", "baocao_gui.importers", "baocao_gui.domain.checks",
                     "baocao_gui.store.edits", "baocao_gui.store.seed", "baocao_gui.domain.catalogue",
                     "xml.sax.saxutils", "logging.handlers", "difflib")


def test_an_export_loads_neither_the_window_nor_the_edits_nor_the_checks(sample_workbook, tmp_path):
    target = tmp_path / "báo cáo.docx"
    code = ("import runpy, sys\n"
            f"sys.argv = ['baocao-gui', 'export', {str(sample_workbook)!r}, '-o', {str(target)!r}]\n"
            "try:\n"
            "    runpy.run_module('baocao_gui.cli', run_name='__main__')\n"
            "except SystemExit as exc:\n"
            "    assert not exc.code, exc.code\n"
            "print('\\n'.join(sorted(sys.modules)))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8",
                            timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert target.exists()
    loaded = set(result.stdout.split())
    assert "docx" in loaded and "baocao_gui.render.word" in loaded
    assert {m for m in loaded if any(m == name or m.startswith(name + ".") for name in NOT_FOR_AN_EXPORT)} == set()
