"""Shared fixtures: every test gets its own fresh workbook; nothing touches the user's folders."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# Headless Qt and a private log folder, set before anything imports Qt or logs.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
VALIDATOR = SHARED / "tools" / "ooxml_validate.py"
REFERENCE = ROOT / "tests" / "data" / "dak-nong-2023-bao-cao-tom-tat.txt"


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("BAOCAO_LOG_DIR", str(home / "log"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """The program as a clerk runs it: a separate process, its real exit code and output."""
    full_env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    return subprocess.run([sys.executable, "-m", "baocao_gui.cli", *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd, env=full_env, timeout=120)


@pytest.fixture
def sample_workbook(tmp_path) -> Path:
    """A fresh copy of the bundled Đắk Nông sample, written by the program's own code."""
    from baocao_gui.store import create_workbook
    from baocao_gui.store.seed import write_bundled_sample

    path = tmp_path / "Sở LĐTBXH Đắk Nông.baocao"
    db = create_workbook(path)
    write_bundled_sample(db)
    db.close()
    return path


@pytest.fixture(scope="session")
def exported_sample(tmp_path_factory) -> Path:
    """The sample exported once per session (read-only tests share it)."""
    from baocao_gui.commands import export  # noqa: F401  (import check)
    from baocao_gui.compose import compose_outline
    from baocao_gui.render.word import write_docx
    from baocao_gui.store import create_workbook, load_workbook
    from baocao_gui.store.seed import write_bundled_sample

    folder = tmp_path_factory.mktemp("export")
    db = create_workbook(folder / "mau.baocao")
    write_bundled_sample(db)
    workbook = load_workbook(db)
    db.close()
    return write_docx(compose_outline(workbook, workbook.report_for(2023)), folder / "Báo cáo 2023.docx")


def assert_valid_ooxml(path: Path) -> None:
    """Word's judgement, by the ISO/IEC 29500 schema; skipped only where ../shared is absent."""
    if not VALIDATOR.exists():
        pytest.skip("../shared/tools/ooxml_validate.py not present")
    result = subprocess.run([sys.executable, str(VALIDATOR), str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
