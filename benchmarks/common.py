"""What the benchmark scripts share: a fresh sample workbook, and timing a whole command."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path


def sample_workbook(folder: Path) -> Path:
    """The bundled Đắk Nông sample, written by the program's own store into ``folder``."""
    from baocao_gui.store import close_workbook, create_workbook
    from baocao_gui.store.seed import write_bundled_sample

    path = folder / "mau.baocao"
    db = create_workbook(path)
    write_bundled_sample(db)
    close_workbook(db)
    return path


def timed(cmd: list[str], env: dict | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def installed_env(folder: Path, env: dict | None = None) -> dict:
    """The environment for whole-process runs, with bytecode cached as an installed program has it (pip compiles
    every module at install, the frozen build ships them compiled). PYTHONDONTWRITEBYTECODE in a developer's
    environment would otherwise make every run compile the program's ~40 modules from source (~50 ms) while the
    baseline's python-docx loads from its installed .pyc files. The cache lives in a private folder
    (PYTHONPYCACHEPREFIX), filled by the warm-up run, so nothing is written beside the sources."""
    import os

    out = {**(os.environ if env is None else env), "PYTHONPYCACHEPREFIX": str(folder / "pycache")}
    out.pop("PYTHONDONTWRITEBYTECODE", None)
    return out


def program_file(env: dict) -> str:
    """Which baocao_gui a spawned ``python -m baocao_gui…`` runs (a checkout's src/ on PYTHONPATH, or installed)."""
    import sys

    return subprocess.run([sys.executable, "-c", "import baocao_gui; print(baocao_gui.__file__)"], check=True,
                          capture_output=True, text=True, env=env).stdout.strip()
