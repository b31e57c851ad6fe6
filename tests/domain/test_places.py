"""Places as data: the 63 provinces before 1 July 2025, the 34 after, and what each new one was made of
(Nghị quyết 202/2025/QH15; sources in resources/places.toml)."""

import datetime as dt

import pytest

from baocao_gui.domain import places

BEFORE, AFTER = dt.date(2025, 6, 30), dt.date(2025, 7, 1)


def names(provinces):
    return {p.name for p in provinces}


def test_63_provinces_until_30_june_2025_and_34_from_1_july():
    assert len(places.provinces(BEFORE)) == 63
    assert len(places.provinces(dt.date(2023, 12, 31))) == 63  # Thừa Thiên Huế then, Huế city from 2025
    assert len(places.provinces(AFTER)) == 34
    assert len(places.provinces(dt.date(2026, 12, 31))) == 34
    after = places.provinces(AFTER)
    assert sum(p.kind == places.CITY for p in after) == 6 and sum(p.kind == places.PROVINCE for p in after) == 28


def test_every_former_province_is_in_exactly_one_new_one():
    before = names(places.provinces(BEFORE))
    after = places.provinces(AFTER)
    made_of = [part for p in after for part in (p.formed_from if p.valid_from == AFTER else (p.name,))]
    assert sorted(made_of) == sorted(before)
    merged = [p for p in after if p.valid_from == AFTER]
    assert len(merged) == 23 and sum(len(p.formed_from) for p in merged) == 52


def test_the_merges_a_clerk_of_the_south_knows():
    def parts(name):
        return set(places.find(name, AFTER).formed_from)

    assert parts("Lâm Đồng") == {"Lâm Đồng", "Đắk Nông", "Bình Thuận"}
    assert parts("Hồ Chí Minh") == {"Hồ Chí Minh", "Bà Rịa - Vũng Tàu", "Bình Dương"}
    assert parts("Cà Mau") == {"Cà Mau", "Bạc Liêu"}
    assert places.became("Đắk Nông", AFTER).name == "Lâm Đồng"
    assert places.became("Bình Dương", AFTER) == places.find("Hồ Chí Minh", AFTER)
    assert places.became("Bạc Liêu", AFTER).name == "Cà Mau"


def test_headers_and_date_lines_as_written():
    lam_dong = places.find("Lâm Đồng", dt.date(2026, 1, 1))
    assert (lam_dong.header, lam_dong.place, lam_dong.kind) == ("UBND TỈNH LÂM ĐỒNG", "Lâm Đồng", "tỉnh")
    hcm = places.find("Thành phố Hồ Chí Minh", dt.date(2026, 1, 1))
    assert (hcm.header, hcm.place) == ("UBND THÀNH PHỐ HỒ CHÍ MINH", "Thành phố Hồ Chí Minh")
    assert places.find("Hà Nội", dt.date(2026, 1, 1)).place == "Hà Nội"
    assert places.find("Đắk Nông", BEFORE).header == "UBND TỈNH ĐẮK NÔNG"
    assert all(p.header.startswith(("UBND TỈNH ", "UBND THÀNH PHỐ ")) for p in places.all_provinces())
    assert all(p.header == p.header.upper() for p in places.all_provinces())


def test_names_are_found_however_the_clerk_writes_them():
    on = dt.date(2026, 1, 1)
    assert places.find("tỉnh Thanh Hoá", on).name == "Thanh Hóa"
    assert places.find("TP. Hồ Chí Minh", on).name == "Hồ Chí Minh"
    assert places.find("  lâm   đồng ", on).name == "Lâm Đồng"
    assert places.find("Bà Rịa – Vũng Tàu", BEFORE).name == "Bà Rịa - Vũng Tàu"
    assert places.find("Đắk Nông", on) is None


def test_a_former_province_is_refused_for_a_later_period_naming_what_it_became():
    assert places.resolve("Đắk Nông", BEFORE).name == "Đắk Nông"
    with pytest.raises(places.PlaceError) as caught:
        places.resolve("Đắk Nông", dt.date(2026, 12, 31))
    message = str(caught.value)
    assert "Đắk Nông" in message and "tỉnh Lâm Đồng" in message and "01/07/2025" in message
    assert message.count(".") == 1 and message.endswith(".")
    with pytest.raises(places.PlaceError, match="Không có tỉnh"):
        places.resolve("Atlantis", BEFORE)


def test_every_distinct_province_once():
    every = places.all_provinces()
    assert len(every) == len(set(every)) == 87  # 11 unchanged + Thừa Thiên Huế + 52 former + 23 new
    assert len({(p.name, p.valid_from) for p in every}) == len(every)
