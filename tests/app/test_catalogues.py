"""Catalogues clerks make: a Sở Y tế's catalogue written as TOML is imported, a workbook made from it is filled and
exported; a workbook's structure saved as a catalogue imports back to the same structure; a faulty file is refused
with its line and fault named. Invented department, figures and texts."""

import textwrap

import docx
import pytest
from helpers import assert_valid_ooxml

from baocao_gui.app import Document, UserError, export_report
from baocao_gui.app.catalogue_files import (
    CatalogueExists,
    import_catalogue,
    read_catalogue_file,
    save_structure,
    structure_of,
)
from baocao_gui.app.edits import figures, paragraphs, sectors
from baocao_gui.app.files import catalogues, new_workbook

LABELS = """
[labels]
part_one = "Kết quả thực hiện nhiệm vụ {{period}}"
results = "Kết quả thực hiện nhiệm vụ công tác y tế {{period}}:"
sector_results = "Kết quả thực hiện các chỉ tiêu chuyên môn"
assessment = "Đánh giá chung"
advantages = "Thuận lợi"
difficulties = "Khó khăn, vướng mắc"
causes = "Nguyên nhân"
direction = "Phương hướng, nhiệm vụ {{next_period}}"
objectives = "Mục tiêu và chỉ tiêu chủ yếu"
objective = "Mục tiêu chung"
main_targets = "Một số chỉ tiêu chủ yếu"
tasks = "Nhiệm vụ và giải pháp {{next_period}}"
sector_tasks = "Công tác chuyên môn"
"""

SO_Y_TE = textwrap.dedent('''\
    # Danh mục của Sở Y tế tỉnh Hòa Lâm (tỉnh tưởng tượng)
    [catalogue]
    id = "so_y_te_hoa_lam"
    name = "Sở Y tế"
    version = 2
    ''') + LABELS + textwrap.dedent('''
    [[sector]]
    code = "kham_chua_benh"
    title = "Công tác khám, chữa bệnh"
    task_title = "Nâng cao chất lượng khám, chữa bệnh"

    [[sector.indicator]]
    code = "luot_kham"
    name = "Số lượt khám bệnh"
    unit = "lượt"
    precision = 1
    sentence = "Khám bệnh cho {{luot_kham}} lượt người, {{luot_kham.vs_plan}}."

    [[sector.indicator]]
    code = "suy_dinh_duong"
    name = "Tỷ lệ trẻ em suy dinh dưỡng"
    unit = "%"
    plan_meaning = "decrease"
    sentence = "Tỷ lệ trẻ em suy dinh dưỡng còn {{suy_dinh_duong}}, {{suy_dinh_duong.vs_plan}}."

    [[sector]]
    code = "tai_chinh"
    title = "Công tác tài chính y tế"

    [[sector.indicator]]
    code = "chi_ngan_sach"
    name = "Chi ngân sách sự nghiệp y tế"
    unit = "tỷ đồng"
    sentence = "Tổng chi ngân sách sự nghiệp y tế {{chi_ngan_sach}} tỷ đồng."

    [[rule]]
    id = "chi_duong"
    left = "chi_ngan_sach"
    operator = ">="
    right = "0"
    importance = "error"
    message = "Chi ngân sách không thể âm."
    ''')


@pytest.fixture
def catalogue_file(tmp_path):
    path = tmp_path / "so-y-te.toml"
    path.write_text(SO_Y_TE, encoding="utf-8")
    return path


def test_a_catalogue_written_as_toml_is_imported_and_a_workbook_made_from_it_is_filled_and_exported(
        catalogue_file, tmp_path):
    catalogue = import_catalogue(catalogue_file)
    assert ("so_y_te_hoa_lam", "Sở Y tế") in catalogues()  # what the start screen lists
    path = new_workbook(tmp_path / "y-te-2031.baocao", catalogue.id, 2031,
                        agency={"name": "SỞ Y TẾ", "parent_name": "UBND TỈNH HÒA LÂM", "place": "Hòa Lâm"})
    doc = Document(path)
    try:
        for code, field, value in (("luot_kham", "actual", 31_620), ("luot_kham", "plan", 30_000),
                                   ("suy_dinh_duong", "actual", 11.4), ("suy_dinh_duong", "last", 12.6),
                                   ("suy_dinh_duong", "plan", (1, 1.5)), ("chi_ngan_sach", "actual", 315.6)):
            doc.apply(figures.set_value(doc, code, field, value))
        for ind in doc.workbook.indicators:
            doc.apply(paragraphs.insert_block(doc, "results", ind.sector, 99, text=ind.sentence))
        out = export_report(doc.workbook, doc.report, tmp_path / "bao-cao.docx").path
    finally:
        doc.close()
    assert_valid_ooxml(out)
    text = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "Khám bệnh cho 31.620 lượt người, vượt 5,4% kế hoạch." in text
    assert "Tỷ lệ trẻ em suy dinh dưỡng còn 11,4%, đạt kế hoạch." in text
    assert "Tổng chi ngân sách sự nghiệp y tế 315,6 tỷ đồng." in text


def test_a_workbooks_structure_saved_as_a_catalogue_imports_back_to_the_same_structure(catalogue_file, tmp_path):
    path = new_workbook(tmp_path / "y-te.baocao", str(catalogue_file), 2031)
    doc = Document(path)
    try:
        code = doc.workbook.sectors[0].code
        doc.apply(sectors.add_indicator(doc, code, "Số ca mắc sốt xuất huyết", "ca"))
        added = doc.workbook.indicators[-1].code if doc.workbook.indicators[-1].sector == code else next(
            i.code for i in doc.workbook.indicators if i.name == "Số ca mắc sốt xuất huyết")
        doc.apply(sectors.set_indicator_properties(doc, added, {"precision": 0, "plan_meaning": "decrease"}))
        doc.apply(sectors.set_sector_field(doc, code, "title", "Công tác khám, chữa bệnh và phòng bệnh"))
        workbook = doc.workbook
    finally:
        doc.close()
    saved = save_structure(workbook, tmp_path / "cau-truc.toml", "y_te_hoa_lam_2031", "Sở Y tế Hòa Lâm")
    again, _ = read_catalogue_file(saved)
    assert again == structure_of(workbook, "y_te_hoa_lam_2031", "Sở Y tế Hòa Lâm")
    assert any(i.name == "Số ca mắc sốt xuất huyết" and i.precision == 0 for i in again.indicators)
    assert import_catalogue(saved).id == "y_te_hoa_lam_2031"


@pytest.mark.parametrize(("change", "line", "says"), [
    (lambda t: t.replace('name = "Sở Y tế"', 'name = "Sở Y tế'), 4, "cú pháp TOML"),
    (lambda t: t.replace('code = "suy_dinh_duong"', 'code = "luot_kham"'), 35, "trùng"),
    (lambda t: t.replace("{{chi_ngan_sach}} tỷ", "{{chi_ngan_sach_x}} tỷ"), 49, "chi_ngan_sach_x"),
    (lambda t: t.replace("precision = 1", "precision = 9"), 31, "precision"),
])
def test_a_faulty_catalogue_is_refused_naming_its_line_and_fault_and_nothing_is_kept(
        catalogue_file, change, line, says):
    catalogue_file.write_text(change(SO_Y_TE), encoding="utf-8")
    with pytest.raises(UserError) as refused:
        import_catalogue(catalogue_file)
    assert f"dòng {line}:" in refused.value.message and says in refused.value.message
    assert "so_y_te_hoa_lam" not in dict(catalogues())


def test_importing_the_same_catalogue_again_asks_before_replacing_and_a_bundled_id_is_refused(catalogue_file):
    import_catalogue(catalogue_file)
    with pytest.raises(CatalogueExists):
        import_catalogue(catalogue_file)
    assert import_catalogue(catalogue_file, replace=True).version == 2
    catalogue_file.write_text(SO_Y_TE.replace('id = "so_y_te_hoa_lam"', 'id = "sldtbxh"'), encoding="utf-8")
    with pytest.raises(UserError, match="trùng với danh mục có sẵn"):
        import_catalogue(catalogue_file)


def test_a_rule_about_an_indicator_deleted_since_is_left_out_of_the_saved_structure(tmp_path):
    path = new_workbook(tmp_path / "ld.baocao", "sldtbxh", 2031)
    doc = Document(path)
    try:
        doc.apply(sectors.delete_indicator(doc, "gao_tet_khau"))
        doc.apply(sectors.set_indicator_properties(doc, "gao_tet_ho", {"sentence": "Hỗ trợ gạo cho {{gao_tet_ho}} hộ."}))
        workbook = doc.workbook
    finally:
        doc.close()
    saved = save_structure(workbook, tmp_path / "ld.toml", "ld_song_lam", "Sở Lao động Sông Lam")
    again, _ = read_catalogue_file(saved)
    assert "gao_tet_khau_ho" not in {r.id for r in again.rules} and again.rules



@pytest.mark.parametrize(("change", "line"), [
    (lambda t: t.replace('title = "Công tác khám, chữa bệnh"', 'title = "Công tác khám, {{chữa bệnh"'), 24),
    (lambda t: t.replace('task_title = "Nâng cao', 'task_title = "{{kham_chua_benh}} Nâng cao'), 25),
    (lambda t: t.replace('assessment = "Đánh giá chung"', 'assessment = "Đánh giá {{chung}}"'), 11),
    (lambda t: t.replace("{{next_period}}\"\nobjectives", "{{next_perod}}\"\nobjectives"), 15),
    (lambda t: t.replace('title = "Công tác tài chính y tế"', 'title = "Công tác tài chính }} y tế"'), 43),
])
def test_braces_in_a_catalogue_title_are_refused_with_their_line_instead_of_printing_a_question_mark(
        catalogue_file, tmp_path, change, line):
    from helpers import run_cli

    faulty = change(SO_Y_TE)
    assert faulty != SO_Y_TE
    catalogue_file.write_text(faulty, encoding="utf-8")
    with pytest.raises(UserError) as refused:
        import_catalogue(catalogue_file)
    assert f"dòng {line}:" in refused.value.message and "{{" in refused.value.message
    assert "so_y_te_hoa_lam" not in dict(catalogues())
    result = run_cli("new", str(tmp_path / "y-te.baocao"), "--catalogue", str(catalogue_file), "--year", "2031")
    assert result.returncode == 2 and f"dòng {line}:" in result.stderr, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr and not (tmp_path / "y-te.baocao").exists()


def test_a_period_word_in_a_catalogue_title_is_written_as_the_period(catalogue_file, tmp_path):
    catalogue_file.write_text(SO_Y_TE.replace('task_title = "Nâng cao chất lượng khám, chữa bệnh"',
                                              'task_title = "Nâng cao chất lượng khám, chữa bệnh {{next_period}}"'),
                              encoding="utf-8")
    assert import_catalogue(catalogue_file).sectors[0].task_title.endswith("{{next_period}}")
