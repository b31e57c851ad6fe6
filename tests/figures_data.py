"""An invented health department with a DHIS2 mapping (issue 23's tests of figures going up)."""

from __future__ import annotations

LABELS = """[labels]
part_one = "Kết quả thực hiện nhiệm vụ {{period}}"
results = "Kết quả thực hiện nhiệm vụ công tác {{period}}:"
sector_results = "Kết quả thực hiện các chỉ tiêu, nhiệm vụ"
assessment = "Đánh giá chung"
advantages = "Thuận lợi"
difficulties = "Khó khăn, vướng mắc"
causes = "Nguyên nhân"
direction = "Phương hướng, nhiệm vụ, {{next_period}}"
objectives = "Mục tiêu chung và chỉ tiêu chủ yếu"
objective = "Mục tiêu chung"
main_targets = "Một số chỉ tiêu chủ yếu"
tasks = "Nhiệm vụ và giải pháp {{next_period}}"
sector_tasks = "Công tác chuyên môn của ngành"
"""

DE_VISITS, DE_VISITS_PLAN, DE_RATE, COC_DEFAULT = "aVisits0001", "aVisitsPln1", "aRate000001", "bRowv6yZOF2"
DATA_SET, ORG_UNIT = "dsHealth001", "ouLamVien01"


def invented(period: str = "year", year: int = 2030, mapping: bool = True, months: str = "") -> str:
    """A health department of an invented province: two sectors, a breakdown, a rate, a range target."""
    dhis2 = f'[dhis2]\ndata_set = "{DATA_SET}"\norg_unit = "{ORG_UNIT}"\n' if mapping else ""
    visits_map = f'dhis2 = {{ actual = "{DE_VISITS}", plan = "{DE_VISITS_PLAN}", coc = "{COC_DEFAULT}" }}\n' \
        if mapping else ""
    rate_map = f'dhis2 = {{ actual = "{DE_RATE}" }}\n' if mapping else ""
    return f"""[catalogue]
id = "y_te_lam_vien"
name = "Sở Y tế tỉnh Lâm Viên"
version = 1

{LABELS}
{dhis2}
[[sector]]
code = "kham_chua_benh"
title = "Khám, chữa bệnh"

[[sector.indicator]]
code = "luot_kham"
name = "Số lượt khám bệnh"
unit = "lượt"
{visits_map}
[[sector.indicator]]
code = "luot_kham_tre_em"
name = "Lượt khám của trẻ em dưới 6 tuổi"
unit = "lượt"
parent = "luot_kham"

[[sector.indicator]]
code = "ty_le_tiem"
name = "Tỷ lệ tiêm chủng đầy đủ"
unit = "%"
{rate_map}
[[sector]]
code = "duoc"
title = "Dược, mỹ phẩm"

[[sector.indicator]]
code = "co_so_duoc"
name = "Số cơ sở bán lẻ thuốc được kiểm tra"
unit = "cơ sở"

[agency]
parent_name = "UBND TỈNH LÂM VIÊN"
name = "SỞ Y TẾ"
abbreviation = "SYT"
place = "Lâm Viên"

[[report]]
period = "{period}"
year = {year}
number = 7
date = {year + 1 if period == "year" else year}-01-{10 if period == "year" else 28}
type_name = "BÁO CÁO"
summary = "Kết quả công tác y tế"

[report.values]
luot_kham = {{ actual = 18498, plan = 18200, last = 16020, target = [19000, 19500] }}
luot_kham_tre_em = {{ actual = 4021 }}
ty_le_tiem = {{ actual = 96.25, last = 95.1, plan = 95 }}
co_so_duoc = {{ actual = 312 }}
"""
