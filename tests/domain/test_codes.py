"""Citation codes made from a clerk's names (issue 21, point 8)."""

from baocao_gui.domain.codes import MAX_LENGTH, code_from_name


def test_a_code_from_a_long_name_keeps_whole_words():
    name = "Số hộ gia đình được hỗ trợ chuyển đổi nghề nghiệp sang nuôi trồng thủy sản nước ngọt"
    code = code_from_name(name, set())
    assert code == "so_ho_gia_dinh_duoc_ho_tro_chuyen_doi"
    assert len(code) <= MAX_LENGTH
    words = {"so", "ho", "gia", "dinh", "duoc", "tro", "chuyen", "doi", "nghe", "nghiep", "sang", "nuoi", "trong",
             "thuy", "san", "nuoc", "ngot"}
    assert all(part in words for part in code.split("_"))


def test_a_code_taken_already_gets_a_number_not_a_cut_word():
    name = "Tỷ lệ lao động nông thôn trong độ tuổi được đào tạo nghề"
    first = code_from_name(name, set())
    second = code_from_name(name, {first})
    assert first == "ty_le_lao_dong_nong_thon_trong_do_tuoi"  # "…_duoc" would pass 40 characters: it stops before
    assert second == f"{first}_2"
