"""The one place that finds the program's resources: checkout, installed wheel or frozen bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:  # PyInstaller puts datas under the bundle; the spec keeps the same relative path
        return Path(frozen) / "baocao_gui" / "resources"
    return Path(__file__).resolve().parent / "resources"


def resource(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)
