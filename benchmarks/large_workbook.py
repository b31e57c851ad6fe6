"""A large synthetic workbook, written through the program's own store: 10 periods × 40 sectors × 50
indicators (20.000 values) and 400 narrative paragraphs per report.

python benchmarks/large_workbook.py OUT.baocao
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

SECTORS, INDICATORS, PERIODS, PARAGRAPHS = 40, 50, 10, 400
FIRST_YEAR = 2016


def catalogue_data() -> dict:
    from baocao_gui.paths import resource
    from baocao_gui.store.seed import read_toml

    labels = read_toml(resource("catalogues", "sldtbxh.toml"))["labels"]
    sectors = []
    for s in range(SECTORS):
        indicators = []
        for i in range(INDICATORS):
            code = f"ct_{s:02d}_{i:02d}"
            child = i % 5 != 0
            indicators.append({
                "code": code, "name": f"Chỉ tiêu {i + 1} của lĩnh vực {s + 1}", "unit": "%" if i % 7 == 3 else "người",
                **({"parent": f"ct_{s:02d}_{i - i % 5:02d}"} if child else {"parts_complete": False}),
                "sentence": f"Chỉ tiêu {i + 1} đạt {{{{{code}}}}}, bằng {{{{{code}.pct_plan}}}} kế hoạch.",
            })
        sectors.append({"code": f"linh_vuc_{s:02d}", "role": "staff" if s == 0 else "sector",
                        "title": f"Công tác lĩnh vực thứ {s + 1}", "task_title": f"Nhiệm vụ lĩnh vực thứ {s + 1}",
                        "indicator": indicators})
    return {"catalogue": {"id": "lon", "name": "Danh mục lớn (thử tốc độ)", "version": 1}, "labels": labels,
            "sector": sectors}


def build(path: Path, seed: int = 7) -> Path:
    from baocao_gui.domain.catalogue import parse_catalogue
    from baocao_gui.domain.model import Period, PeriodKind
    from baocao_gui.store import create_workbook, edits
    from baocao_gui.store.seed import install_catalogue, start_report

    rng = random.Random(seed)
    db = create_workbook(path)
    install_catalogue(db, parse_catalogue(catalogue_data()))
    db["agency"].upsert({"id": 1, "parent_name": "UBND TỈNH THỬ NGHIỆM", "name": "SỞ THỬ NGHIỆM",
                         "abbreviation": "STN", "place": "Gia Nghĩa"}, pk="id")
    rid = start_report(db, FIRST_YEAR)
    ids = {r["code"]: r["id"] for r in db.query("SELECT code, id FROM indicator")}
    sector_ids = [r["id"] for r in db.query("SELECT id FROM sector ORDER BY position")]
    for period in range(PERIODS):
        with db.atomic():
            db.execute("DELETE FROM value WHERE report_id = ?", [rid])
            db["value"].insert_all(
                {"report_id": rid, "indicator_id": iid, "actual": rng.randint(100, 20000),
                 "plan": rng.randint(100, 20000), "last": rng.randint(100, 20000), "target": rng.randint(100, 20000)}
                for iid in ids.values())
            db["block"].insert_all(
                {"report_id": rid, "part": "results", "sector_id": sector_ids[p % SECTORS], "position": 1000 + p,
                 "kind": "paragraph",
                 "text": f"Đoạn tường thuật số {p + 1} năm {FIRST_YEAR + period}: tình hình thực hiện ổn định, "
                         "các chỉ tiêu cơ bản đạt kế hoạch đề ra; một số chỉ tiêu vượt kế hoạch được giao."}
                for p in range(PARAGRAPHS))
            db.execute("UPDATE report SET number = ?, signer_title = 'GIÁM ĐỐC', signer_name = 'Nguyễn Văn A' "
                       "WHERE id = ?", [period + 1, rid])
        if period < PERIODS - 1:  # the figures are written afresh above: none carried
            rid = edits.create_report(db, rid, Period(PeriodKind.YEAR, FIRST_YEAR + period + 1), {},
                                      "Kết quả thực hiện nhiệm vụ {{period}} - Phương hướng, nhiệm vụ {{next_period}}")
    db.close()
    return path


if __name__ == "__main__":
    out = Path(sys.argv[1])
    build(out)
    print(out, out.stat().st_size // 1024, "KiB")
