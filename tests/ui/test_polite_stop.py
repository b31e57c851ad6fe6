"""The system asks the program to stop (SIGTERM on Linux: a shutdown, a session ending, ``kill``): what the clerk
typed is saved, the lock is released and the window closes within seconds — as when the clerk closes it.
(On Windows the same stop answers Qt's session-end request, commitDataRequest; tested here through SIGTERM.)"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import stored_report as stored

from baocao_gui.domain.model import Part
from baocao_gui.store.lock import lock_path

HELPER = Path(__file__).resolve().parents[1] / "polite_stop_helper.py"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM")


HOLDER = ("import sqlite3, sys, time\n"
          "c = sqlite3.connect(sys.argv[1], timeout=0, isolation_level=None)\n"
          "c.execute('BEGIN IMMEDIATE')\n"
          "print('held', flush=True)\n"
          "time.sleep(float(sys.argv[2]))\n")


def stop_while_typing(workbook, tmp_path, text, held_for=None):
    """Start the program, type ``text``, (have another process hold the file ``held_for`` seconds,) send SIGTERM:
    the exit code and the seconds it took to end."""
    env = {**os.environ, "HOME": str(tmp_path / "home"), "XDG_CONFIG_HOME": str(tmp_path / "home" / "cfg"),
           "XDG_DATA_HOME": str(tmp_path / "home" / "data"), "BAOCAO_LOG_DIR": str(tmp_path / "home" / "log")}
    proc = subprocess.Popen([sys.executable, str(HELPER), str(workbook), text], env=env, cwd=HELPER.parent,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    holder = None
    try:
        assert proc.stdout.readline().strip() == "typed", proc.stderr.read()
        assert lock_path(workbook).exists()
        assert not stored(workbook).part(Part.INTRO)[0].text.endswith(text)  # not yet saved: the 0,5 s pause
        if held_for is not None:
            holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(workbook), str(held_for)],
                                      stdout=subprocess.PIPE, text=True)
            assert holder.stdout.readline().strip() == "held"
        proc.send_signal(signal.SIGTERM)
        sent = time.monotonic()
        code = proc.wait(timeout=15)
        return code, time.monotonic() - sent
    finally:
        for p in (proc, holder):
            if p is not None:
                if p.poll() is None:
                    p.kill()
                p.wait(timeout=10)
                p.stdout.close()
        proc.stderr.close()


def test_sigterm_saves_what_was_just_typed_releases_the_lock_and_ends_within_seconds(sample_workbook, tmp_path):
    text = " Dừng giữa chừng khi máy tắt."
    code, took = stop_while_typing(sample_workbook, tmp_path, text)
    assert code == 0
    assert took < 3.0
    assert stored(sample_workbook).part(Part.INTRO)[0].text.endswith(text)
    assert not lock_path(sample_workbook).exists()


def test_sigterm_while_another_program_holds_the_file_waits_a_little_and_still_saves(sample_workbook, tmp_path):
    text = " Dừng khi tệp đang bị giữ."
    code, took = stop_while_typing(sample_workbook, tmp_path, text, held_for=1.5)
    assert code == 0
    assert took < 5.0
    assert stored(sample_workbook).part(Part.INTRO)[0].text.endswith(text)
    assert not lock_path(sample_workbook).exists()
