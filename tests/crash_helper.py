"""A clerk who never stops typing: applies a stream of edits through the window's own path (the
WorkbookSession the autosave uses), logging each one after its commit returned. The crash trials
(tests/store/test_crash_trials.py) kill it with SIGKILL at random moments.

python crash_helper.py WORKBOOK LOG SEED
"""

import os
import random
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

CODES = ("viec_lam", "xuat_khau_lao_dong", "dao_tao_nghe", "ho_ngheo", "qua_tet_suat", "qua_ncc_suat",
         "tre_em_tu_vong", "cuoc_thanh_tra", "nghi_quyet", "tro_cap_that_nghiep")
RECIPIENTS = 5


def main() -> None:
    from PySide6.QtGui import QGuiApplication

    from baocao_gui.app.edits import figures, paragraphs, report_fields
    from baocao_gui.domain.model import Part
    from baocao_gui.ui.session import WorkbookSession

    workbook, log_path, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 (QUndoStack lives in QtGui)
    session = WorkbookSession(workbook)
    codes = [c for c in CODES if session.workbook.indicator(c) is not None]
    blocks = [b.id for b in session.report.part(Part.RESULTS, "lao_dong")]
    rng = random.Random(seed)
    log = open(log_path, "a", encoding="utf-8")  # noqa: SIM115 (open until killed)
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        kind = rng.choice("VVVTTRI")
        if kind == "V":
            target = rng.choice(codes)
            ok = session.edit(figures.set_value, target, "actual", n) is not None
        elif kind == "T":
            target = str(rng.choice(blocks))
            ok = session.edit(paragraphs.set_block_text, int(target), f"Đoạn thử số {n}.") is not None
        elif kind == "R":
            target = "recipients"
            lines = [f"Nơi nhận {n} - {i}" for i in range(RECIPIENTS)]
            ok = session.edit(report_fields.set_recipients, lines) is not None
        else:
            target = "intro"
            at = rng.randrange(0, 5)
            ok = session.edit(paragraphs.insert_block, "intro", None, at, "paragraph", f"Chèn {n}") is not None
        if not ok:
            raise SystemExit(f"edit {n} refused")
        log.write(f"{n} {kind} {target}\n")
        log.flush()  # the kill takes the process, not the machine: the OS keeps what was written


if __name__ == "__main__":
    main()
