"""A command that makes a workbook, killed at any moment (issue 20, point 4), leaves either nothing under the name
the clerk gave or the whole workbook; running the command again makes it, and cleans what the killed one left.

Each trial starts the real command line (`load`, `new --from-docx`), waits until it has made its first file in the
folder, then kills it with SIGKILL at seeded moments spread over the whole writing of the workbook."""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from helpers import run_cli

from baocao_gui.app.textfile import dump_workbook

SEED = 20261206


def kill_while_making(args: list[str], folder: Path, delay: float | None) -> float:
    """Run the command and SIGKILL it ``delay`` s after its first file appears in ``folder`` (None: let it end);
    how long it had been writing when killed or when it ended (0 if it was not writing yet)."""
    before = set(folder.iterdir())
    proc = subprocess.Popen([sys.executable, "-m", "baocao_gui.cli", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    try:
        deadline = time.monotonic() + 60
        while proc.poll() is None and set(folder.iterdir()) == before and time.monotonic() < deadline:
            time.sleep(0.0005)
        started = time.monotonic()
        if delay is None:
            proc.wait(timeout=60)
            return time.monotonic() - started
        time.sleep(delay)
        if proc.poll() is not None:
            return 0.0
        os.kill(proc.pid, signal.SIGKILL)
        return time.monotonic() - started
    finally:
        proc.wait(timeout=30)


def listing(path: Path) -> str:
    """What `list` tells the clerk the workbook holds (the time of the last edit aside)."""
    result = run_cli("list", str(path))
    assert result.returncode == 0, result.stderr
    return re.sub(r"\d\d/\d\d/\d{4} \d\d:\d\d", "…", result.stdout)


def trials(make, tmp_path: Path, count: int) -> None:
    """``make(target)``: the command's arguments making a workbook at ``target``; killed ``count`` times, at moments
    spread over the time the command writes its file."""
    reference = tmp_path / "tham-chieu" / "so.baocao"
    reference.parent.mkdir()
    spare = tmp_path / "tham-chieu-2"
    spare.mkdir()
    # the shorter of two runs: a run slowed by other programs would spread the kills past the writing
    writing = min(kill_while_making(make(reference), reference.parent, None),
                  kill_while_making(make(spare / "so.baocao"), spare, None))
    whole = listing(reference)
    assert "chưa có báo cáo" not in whole
    rng = random.Random(SEED)
    killed = 0
    for trial in range(count):
        folder = tmp_path / f"lan-{trial}"
        folder.mkdir()
        target = folder / "Sổ mới.baocao"
        moment = (trial + rng.random()) / count * writing * 1.2  # spread over the writing, and a little after
        killed += kill_while_making(make(target), folder, moment) > 0
        if target.exists():  # the whole workbook, or nothing
            assert listing(target) == whole, f"trial {trial}: a part of a workbook under the clerk's name"
        else:
            again = run_cli(*make(target))  # the clerk runs the command again: the workbook is made
            assert again.returncode == 0, f"trial {trial}: {again.stderr}"
            assert listing(target) == whole
        # nothing beside it: no journal, and what the killed command left was cleaned by the next one
        assert run_cli(*make(folder / "lần sau.baocao")).returncode == 0
        assert sorted(p.name for p in folder.iterdir()) == sorted([target.name, "lần sau.baocao"]), f"trial {trial}"
    print(f"{killed} of {count} kills landed while the command was writing ({writing:.3f} s)")
    assert killed >= count // 3, f"{killed} of {count} kills landed while the command was writing"


def test_a_killed_load_leaves_nothing_or_the_whole_workbook_and_can_be_run_again(sample_workbook, tmp_path):
    source = dump_workbook(sample_workbook, tmp_path / "so.toml")
    trials(lambda target: ["load", str(source), str(target)], tmp_path, count=12)


def test_a_killed_new_from_docx_leaves_nothing_or_the_whole_workbook_and_can_be_run_again(exported_sample,
                                                                                            tmp_path):
    trials(lambda target: ["new", str(target), "--from-docx", str(exported_sample)], tmp_path, count=8)


def test_a_workbook_being_made_by_a_running_program_is_left_alone(tmp_path):
    from baocao_gui.app.files import MAKING, write_sample

    running = tmp_path / f"{MAKING}khác.baocao.{os.getpid()}-0a1b2c3d.tmp"  # this program is running
    running.write_bytes(b"")
    gone = tmp_path / f"{MAKING}cũ.baocao.{2**22 + 12345}-0a1b2c3d.tmp-journal"  # no such program
    gone.write_bytes(b"")
    write_sample(tmp_path / "mẫu.baocao")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["mẫu.baocao", running.name])
