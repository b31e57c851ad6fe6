"""Start to window, frozen build against the source run.

    python benchmarks/frozen_launch.py [--runs N] [--wine] [--python INTERPRETER]

Each launch is a whole process on a private Xvfb display, timed from process start until a window titled
"mau.baocao — baocao-gui" exists (xdotool, polled every 20 ms): the program's own window, mapped by the X
server, on a fresh copy of the Đắk Nông sample. Commands alternate; medians are quoted. Under wine one
persistent wineserver serves all runs (as a running Windows would), so no run pays for starting it.

  source        python -m baocao_gui.cli WORKBOOK                 (--python, the checkout's src/)
  frozen        dist/linux/baocao-gui/baocao-gui WORKBOOK          (packaging/build.sh linux)
  --wine adds, under wine (the build's prefix, build/wineprefix):
  wine source   Windows Python (build/win/py) running src/ through baocao_gui.cli
  wine frozen   dist/windows/baocao-gui/baocao-gui.exe WORKBOOK    (packaging/build.sh windows)

Needs Xvfb and xdotool (apt-get install xvfb xdotool).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINUX_EXE = ROOT / "dist" / "linux" / "baocao-gui" / "baocao-gui"
WIN_EXE = ROOT / "dist" / "windows" / "baocao-gui" / "baocao-gui.exe"
WIN_PY = ROOT / "build" / "win" / "py" / "python.exe"
WINEPREFIX = ROOT / "build" / "wineprefix"
TITLE = r"mau\.baocao — baocao-gui"


def win_path(path: Path) -> str:
    return "Z:" + str(path).replace("/", "\\")


class Launcher:
    def __init__(self, display: str, work: Path, sample: Path):
        self.display, self.work, self.sample, self.count = display, work, sample, 0

    def env(self, wine: bool) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "XDG_", "BAOCAO_"))}
        env.update(DISPLAY=self.display, HOME=str(self.work), XDG_CONFIG_HOME=str(self.work / "config"),
                   XDG_STATE_HOME=str(self.work / "state"), BAOCAO_LOG_DIR=str(self.work / "log"))
        if wine:
            env.update(WINEPREFIX=str(WINEPREFIX), WINEDEBUG="-all", HOME=str(ROOT / "build" / "winehome"),
                       WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d",
                       BAOCAO_LOG_DIR=win_path(self.work / "log"))
        else:
            env["QT_QPA_PLATFORM"] = "xcb"
        return env

    def time_to_window(self, cmd: list[str], wine: bool) -> float:
        self.count += 1
        run_dir = self.work / f"run-{self.count}"
        run_dir.mkdir()
        shutil.copy(self.sample, run_dir / "mau.baocao")  # fresh: no lock, no WAL from the last run
        env = self.env(wine)
        start = time.perf_counter()
        # stderr to a pipe: wine's Windows Python cannot write to a regular file
        proc = subprocess.Popen([*cmd, "mau.baocao"], cwd=run_dir, env=env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            while True:
                found = subprocess.run(["xdotool", "search", "--name", TITLE], capture_output=True, env=env,
                                       check=False)
                if found.returncode == 0 and found.stdout.strip():
                    return time.perf_counter() - start
                if proc.poll() is not None:
                    raise RuntimeError(f"{cmd[0]} exited ({proc.returncode}) before its window showed: "
                                       + proc.communicate()[1].decode(errors="replace")[-1000:])
                if time.perf_counter() - start > 120:
                    raise RuntimeError(f"{cmd} showed no window in 120 s")
                time.sleep(0.02)
        finally:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
            proc.communicate(timeout=30)


def start_xvfb() -> tuple[str, subprocess.Popen]:
    """Xvfb on a free display it picks itself, once it accepts clients (-displayfd)."""
    read, write = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                            pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    if not number:
        sys.exit("Xvfb did not start")
    return f":{number}", xvfb


def main() -> None:
    parser = argparse.ArgumentParser(description="start to window: frozen build against the source run")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--wine", action="store_true", help="also the Windows build and source under wine")
    parser.add_argument("--python", default=sys.executable,
                        help="interpreter of the source run (default: this one; build/venv-linux/bin/python has "
                             "exactly the bundle's packages, without numpy)")
    args = parser.parse_args()
    for tool in ("Xvfb", "xdotool"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is not installed (apt-get install xvfb xdotool)")
    if not LINUX_EXE.exists():
        sys.exit("no Linux bundle: packaging/build.sh linux")

    work = Path(tempfile.mkdtemp(prefix="baocao-frozen-bench-"))
    sample = work / "mau.baocao"
    subprocess.run([str(LINUX_EXE), "sample", str(sample)], check=True, capture_output=True,
                   env={**os.environ, "BAOCAO_LOG_DIR": str(work / "log")})
    display, xvfb = start_xvfb()
    launcher = Launcher(display, work, sample)
    src = str(ROOT / "src")
    commands: dict[str, tuple[list[str], bool]] = {
        "source (python -m baocao_gui.cli)": ([args.python, "-c", (f"import sys; sys.path.insert(0, {src!r}); "
                                               "from baocao_gui.cli import main; sys.exit(main())")], False),
        "frozen Linux bundle": ([str(LINUX_EXE)], False),
    }
    if args.wine:
        if not (WIN_EXE.exists() and WIN_PY.exists()):
            sys.exit("no Windows build or Windows Python: packaging/build.sh windows")
        commands["wine: source (Windows Python 3.13)"] = (
            ["wine", str(WIN_PY), "-c", (f"import sys; sys.path.insert(0, {win_path(ROOT / 'src')!r}); "
                                         "from baocao_gui.cli import main; sys.exit(main())")], True)
        commands["wine: frozen Windows build"] = (["wine", str(WIN_EXE)], True)
    wine_env = {**os.environ, "WINEPREFIX": str(WINEPREFIX)}
    if args.wine:  # one wineserver throughout, as on a running Windows: no server start in the timings
        subprocess.run(["wineserver", "-p"], env=wine_env, check=True)
        # wine's services start with the first program and keep its standard streams: give them /dev/null
        subprocess.run(["wine", "cmd", "/c", "exit"], env=launcher.env(True), check=False, timeout=120,
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for cmd, wine in commands.values():  # warm the page cache (and wine's prefix) once
            launcher.time_to_window(cmd, wine)
        results: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, (cmd, wine) in commands.items():
                results[name].append(launcher.time_to_window(cmd, wine))
    finally:
        if args.wine:
            subprocess.run(["wineserver", "-k"], env=wine_env, check=False)
        xvfb.terminate()
        xvfb.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)

    print(f"{args.runs} runs each, alternating; medians (min–max)")
    print("| what | start → window | ratio to its source run |")
    print("|---|---|---|")
    for name, values in results.items():
        base_name = next(n for n in results if n.startswith("wine") == name.startswith("wine"))
        ratio = statistics.median(values) / statistics.median(results[base_name])
        print(f"| {name} | {statistics.median(values) * 1000:.0f} ms ({min(values) * 1000:.0f}–"
              f"{max(values) * 1000:.0f}) | {ratio:.2f}× |")


if __name__ == "__main__":
    main()
