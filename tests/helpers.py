"""Helpers shared by the tests (fixtures live in conftest.py)."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
VALIDATOR = SHARED / "tools" / "ooxml_validate.py"
REFERENCE = ROOT / "tests" / "data" / "dak-nong-2023-bao-cao-tom-tat.txt"


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """The program as a clerk runs it: a separate process, its real exit code and output."""
    full_env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    return subprocess.run([sys.executable, "-m", "baocao_gui.cli", *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd, env=full_env, timeout=120, check=False)


def assert_valid_ooxml(path: Path) -> None:
    """Word's judgement, by the ISO/IEC 29500 schema. Without ../shared the check is skipped on a developer's
    machine; under CI (CI=true, set by .ci/run) its absence is a failure: a skipped judgement is not a pass."""
    if not VALIDATOR.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{VALIDATOR} is missing: CI must validate every .docx against the OOXML schema")
        pytest.skip("../shared/tools/ooxml_validate.py not present")
    result = subprocess.run([sys.executable, str(VALIDATOR), str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def stored_report(path: Path, year: int = 2023):
    """The report of ``year`` as the file holds it now (read through a connection of its own)."""
    from baocao_gui.store import load_workbook, open_workbook

    db = open_workbook(path, readonly=True)
    try:
        return load_workbook(db).report_for(year)
    finally:
        db.close()


BLUE, RED = (30, 60, 190, 255), (210, 20, 20, 255)


def png(width, height, paint, alpha=True):
    """A PNG made here, pixel by pixel: ``paint(x, y)`` gives RGBA (transparent where it gives None)."""
    rows = []
    for y in range(height):
        row = bytearray([0])
        for x in range(width):
            colour = paint(x, y) or (0, 0, 0, 0)
            row += bytes(colour if alpha else (colour[:3] if colour[3] else (255, 255, 255)))
        rows.append(bytes(row))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 6 if alpha else 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(rows)))
            + chunk(b"IEND", b""))


def signature_png():
    return png(300, 100, lambda x, y: BLUE if 20 <= x < 280 and 40 <= y < 60 else None)


def seal_png():
    def ring(x, y):
        d2 = (x - 100) ** 2 + (y - 100) ** 2
        return RED if 80 ** 2 <= d2 <= 96 ** 2 else None

    return png(200, 200, ring)


def sent_snapshot(path) -> str:
    """The stored copy of a sent report, as any SQLite tool reads it."""
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT sent_snapshot FROM report").fetchone()[0]
    finally:
        conn.close()


def set_sent_snapshot(path, text: str) -> None:
    """The stored copy of a sent report replaced, as any SQLite tool would (a forgery, a file cut short)."""
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        conn.execute("UPDATE report SET sent_snapshot = ?", [text])
        conn.commit()
    finally:
        conn.close()
