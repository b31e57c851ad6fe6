"""How long `baocao-gui export` of the sample takes: whole process and in-process, against baselines.

Run: python benchmarks/export_bench.py [--runs N] [--compare OTHER/src]
Whole process: the real command (python -m baocao_gui.cli export) against a bare python-docx script
writing the same paragraphs, and against `python -c pass`, run alternately so noise hits all alike, each with its
modules' bytecode cached as an installed program has it (common.installed_env).
In-process: compose (workbook → outline) and render (outline → .docx bytes) on a loaded workbook.
--compare: another checkout's export command in the same alternation, and compose + render of both checkouts
(render_probe.py, one process each, in turn): before/after figures from one run.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from common import installed_env, program_file, sample_workbook, timed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--compare", metavar="SRC", type=Path,
                        help="another checkout's src/ (e.g. main's, from git archive): its export and its compose + "
                             "render measured in the same run, alternating with this one's")
    args = parser.parse_args()

    from baocao_gui.compose import compose_outline
    from baocao_gui.render.word import build_document
    from baocao_gui.store import load_workbook, open_workbook

    tmp = Path(tempfile.mkdtemp(prefix="baocao-bench-"))
    book = sample_workbook(tmp)
    db = open_workbook(book, readonly=True)
    workbook = load_workbook(db)
    db.close()
    report = workbook.report_for(2023)
    outline = compose_outline(workbook, report)
    lines_file = tmp / "lines.json"
    lines_file.write_text(json.dumps(outline.lines(), ensure_ascii=False), encoding="utf-8")

    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "bare python-docx script (same paragraphs)": [sys.executable, str(HERE / "bare_docx.py"), str(lines_file),
                                                      str(tmp / "bare.docx")],
        "baocao-gui export (sample)": [sys.executable, "-m", "baocao_gui.cli", "export", str(book), "-o",
                                       str(tmp / "out.docx")],
    }
    env = installed_env(tmp)
    envs = {name: env for name in commands}
    if args.compare:
        other = f"baocao-gui export (sample), {args.compare}"
        commands[other] = [*commands["baocao-gui export (sample)"][:-1], str(tmp / "other.docx")]
        envs[other] = {**installed_env(tmp / "other"), "PYTHONPATH": str(args.compare.resolve())}
    for name, cmd in commands.items():  # warm the file cache, and compile every module once (installed_env)
        timed(cmd, envs[name])
    results: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, cmd in commands.items():
            results[name].append(timed(cmd, envs[name]))
    renders: dict[str, list[float]] = {}
    if args.compare:  # compose + render in-process (render_probe.py), each checkout in its own process, in turn
        probe = [sys.executable, str(HERE / "render_probe.py"), str(book), "20"]
        for _ in range(args.runs):
            for label in ("this checkout", str(args.compare)):
                out = subprocess.run(probe, check=True, capture_output=True, text=True,
                                     env=envs["baocao-gui export (sample)" if label == "this checkout" else other])
                renders.setdefault(label, []).append(float(out.stdout))

    def inproc(fn, n=args.runs * 4) -> float:
        fn()
        samples = []
        for _ in range(n):
            start = time.perf_counter()
            fn()
            samples.append(time.perf_counter() - start)
        return statistics.median(samples)

    def render() -> None:
        build_document(outline).save(io.BytesIO())

    def load() -> None:
        from baocao_gui.store import open_workbook

        d = open_workbook(book, readonly=True)
        load_workbook(d)
        d.close()

    compose_s = inproc(lambda: compose_outline(workbook, report))
    render_s = inproc(render)
    load_s = inproc(load)

    baseline = statistics.median(results["bare python-docx script (same paragraphs)"])
    print(f"machine: {platform.machine()} {platform.processor() or ''}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}, Python {platform.python_version()}, {args.runs} runs, median")
    print(f"program: {program_file(env)}" + (f"; compared with {program_file(envs[other])}" if args.compare else ""))
    print("| what | median | ratio to bare python-docx |")
    print("|---|---|---|")
    for name, samples in results.items():
        med = statistics.median(samples)
        print(f"| {name} | {med * 1000:.0f} ms | {med / baseline:.2f}× |")
    print(f"| in-process: open + load workbook | {load_s * 1000:.1f} ms | |")
    print(f"| in-process: compose (workbook → outline) | {compose_s * 1000:.1f} ms | |")
    print(f"| in-process: render (outline → .docx bytes) | {render_s * 1000:.1f} ms | |")
    if renders:
        mine = statistics.median(renders["this checkout"])
        print("\n| compose + render in-process (render_probe.py, alternating) | median | ratio to this checkout |")
        print("|---|---|---|")
        for label, samples in renders.items():
            med = statistics.median(samples)
            print(f"| {label} | {med:.1f} ms | {med / mine:.2f}× |")


if __name__ == "__main__":
    main()
