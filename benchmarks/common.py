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
