"""What keeps the command line quick (issue 19) without changing what it does: a command loads what it uses and
nothing else (an export never starts Qt, the store's edits, the checks or a migration library), and the program
ends its process without Python's teardown once the command's output, log and exit handlers are done."""

import subprocess
import sys

from helpers import run_cli

NOT_FOR_AN_EXPORT = ("PySide6", "sqlite_utils", "baocao_gui.ui", "baocao_gui.importers", "baocao_gui.domain.checks",
                     "baocao_gui.store.edits", "baocao_gui.store.seed", "baocao_gui.domain.catalogue",
                     "baocao_gui.domain.tables", "xml.sax.saxutils", "logging.handlers", "difflib")  # the sample has no table


def test_an_export_loads_neither_the_window_nor_the_edits_nor_the_checks(sample_workbook, tmp_path):
    target = tmp_path / "báo cáo.docx"
    code = ("import atexit, runpy, sys\n"  # the command ends the process itself; exit handlers still run
            "atexit.register(lambda: print('\\n'.join(sorted(sys.modules))))\n"
            f"sys.argv = ['baocao-gui', 'export', {str(sample_workbook)!r}, '-o', {str(target)!r}]\n"
            "runpy.run_module('baocao_gui.cli', run_name='__main__')\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8",
                            timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert target.exists()
    loaded = set(result.stdout.split())
    assert "docx" in loaded and "baocao_gui.render.word" in loaded
    assert {m for m in loaded if any(m == name or m.startswith(name + ".") for name in NOT_FOR_AN_EXPORT)} == set()


def test_main_called_in_process_returns_its_exit_code_and_leaves_the_process_running(sample_workbook, capsys):
    from baocao_gui.cli import main

    assert main(["list", str(sample_workbook)]) == 0  # only the program itself (no argv given) ends the process
    assert main(["export", str(sample_workbook), "-o", "báo cáo.txt"]) == 2
    assert "năm 2023" in capsys.readouterr().out


def test_a_command_run_as_the_program_writes_its_output_log_and_exit_code_before_ending(sample_workbook, tmp_path):
    log_dir = tmp_path / "log"
    env = {"BAOCAO_LOG_DIR": str(log_dir)}
    listed = run_cli("list", str(sample_workbook), env=env)
    assert listed.returncode == 0 and listed.stdout.endswith("\n") and "2023" in listed.stdout
    target = tmp_path / "r.docx"
    exported = run_cli("export", str(sample_workbook), "-o", str(target), env=env)
    assert exported.returncode == 0 and exported.stdout.strip().endswith("r.docx")
    refused = run_cli("export", str(tmp_path / "không có.baocao"), "-o", str(target), env=env)
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1
    log = (log_dir / "baocao-gui.log").read_text(encoding="utf-8")
    assert f"wrote {target}" in log and log.rstrip().endswith("không có.baocao")
