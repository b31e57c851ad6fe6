"""Killed at random moments while editing, the workbook keeps every edit whose commit returned.

Each trial starts tests/crash_helper.py on a fresh sample workbook (edits through the window's own
session, the path autosave uses), kills it with SIGKILL after a seeded random delay, then checks the
file: integrity, every logged edit present, nothing half-applied.
"""

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from baocao_gui.domain.model import Part
from baocao_gui.store import load_workbook, open_workbook

TRIALS = 50
SEED = 20261126
HELPER = Path(__file__).resolve().parents[1] / "crash_helper.py"


def run_trial(workbook: Path, log: Path, seed: int, delay: float) -> None:
    proc = subprocess.Popen([sys.executable, str(HELPER), str(workbook), str(log), str(seed)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
        time.sleep(delay)
        assert proc.poll() is None, proc.stderr.read()
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)


def logged_edits(log: Path) -> list[tuple[int, str, str]]:
    lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    complete = [line for line in lines if line.count(" ") == 2]  # a line cut by the kill is not an edit
    return [(int(n), kind, target) for n, kind, target in (line.split(" ") for line in complete)]


def verify(workbook: Path, edits: list[tuple[int, str, str]], original) -> None:
    db = open_workbook(workbook, readonly=True)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        report = load_workbook(db).report_for(2023)
        last = max((n for n, _, _ in edits), default=0)

        def committed(value: float, logged: int | None, before) -> bool:
            # the last logged edit to it, or one edit newer than the log (committed, killed before logging)
            return value == logged or value > last or (logged is None and value == before)

        latest: dict[tuple[str, str], int] = {}
        for n, kind, target in edits:
            latest[(kind, target)] = n
        for code, before in original["values"].items():
            value = report.values[code].actual
            assert committed(value, latest.get(("V", code)), before), (code, value, latest.get(("V", code)))
        texts = {b.id: b.text for b in report.part(Part.RESULTS, "lao_dong")}
        for block_id, before in original["texts"].items():
            text = texts[block_id]
            number = int(text.removeprefix("Đoạn thử số ").rstrip(".")) if text.startswith("Đoạn thử số ") else None
            logged = latest.get(("T", str(block_id)))
            assert (text == before and logged is None) or committed(number, logged, None), (block_id, text, logged)
        recipients = report.recipients
        numbers = {r.split(" ")[2] for r in recipients if r.startswith("Nơi nhận ")}
        if latest.get(("R", "recipients")) is None and not numbers:
            assert list(recipients) == original["recipients"]
        else:
            assert len(numbers) == 1 and len(recipients) == 5, recipients  # never half a list
            assert committed(int(numbers.pop()), latest.get(("R", "recipients")), None)
        intro = [b.text for b in report.part(Part.INTRO)]
        inserted = {int(t.removeprefix("Chèn ")) for t in intro if t.startswith("Chèn ")}
        wanted = {n for n, kind, _ in edits if kind == "I"}
        assert wanted <= inserted and all(n in wanted or n > last for n in inserted)
        positions = [r["position"] for r in db.query(
            "SELECT position FROM block WHERE report_id = ? AND part = 'intro' ORDER BY position", [report.id])]
        assert positions == list(range(len(positions)))  # an insert and its renumbering land together
    finally:
        db.close()


def test_fifty_kills_lose_no_committed_edit_and_never_damage_the_workbook(sample_workbook, tmp_path):
    db = open_workbook(sample_workbook, readonly=True)
    report = load_workbook(db).report_for(2023)
    db.close()
    from crash_helper import CODES

    original = {
        "values": {c: report.values[c].actual for c in CODES if c in report.values},
        "texts": {b.id: b.text for b in report.part(Part.RESULTS, "lao_dong")},
        "recipients": list(report.recipients),
    }
    rng = random.Random(SEED)
    total = 0
    for trial in range(TRIALS):
        workbook = tmp_path / f"thử {trial}.baocao"
        workbook.write_bytes(sample_workbook.read_bytes())
        log = tmp_path / f"trial-{trial}.log"
        run_trial(workbook, log, seed=rng.randrange(1 << 30), delay=rng.uniform(0.02, 0.4))
        edits = logged_edits(log)
        total += len(edits)
        verify(workbook, edits, original)
    assert total > TRIALS * 5, "the helper made too few edits before being killed to test anything"
    print(f"{TRIALS} kills, {total} committed edits checked, 0 lost")


def test_after_a_kill_the_window_opens_the_workbook_again(sample_workbook, tmp_path):
    from baocao_gui.store.lock import lock_path

    run_trial(sample_workbook, tmp_path / "log", seed=1, delay=0.1)
    assert lock_path(sample_workbook).exists()  # the killed program could not remove its lock
    from baocao_gui.ui.session import WorkbookSession

    session = WorkbookSession(sample_workbook)  # a stale lock is taken over
    assert session.report is not None
    session.close()
    assert not lock_path(sample_workbook).exists()
