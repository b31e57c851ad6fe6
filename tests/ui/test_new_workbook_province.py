"""The new-workbook dialog offers the catalogues of the departments since 2025 and the provinces the period allows:
the 34 for a report of 2026, the 63 for one of the first half of 2025, and writes the chosen one's header."""

from PySide6.QtCore import Qt

from baocao_gui.domain.model import Part
from baocao_gui.store import load_workbook, open_workbook
from baocao_gui.ui.dialogs.new_workbook import NewWorkbookDialog


def choose(qtbot, combo, starts):
    """As a clerk does: open the list and click the first item starting with ``starts``."""
    row = next(i for i in range(combo.count()) if combo.itemText(i).startswith(starts))
    combo.showPopup()
    view = combo.view()
    index = view.model().index(row, combo.modelColumn())
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    assert combo.currentIndex() == row


def set_year(qtbot, picker, year):
    picker.year.setFocus()
    picker.year.selectAll()
    qtbot.keyClicks(picker.year, str(year))


def test_the_dialog_offers_the_34_provinces_of_2026_and_writes_the_header_of_the_one_chosen(qtbot, tmp_path):
    dialog = NewWorkbookDialog(tmp_path)
    qtbot.addWidget(dialog)
    choose(qtbot, dialog.catalogue, "Sở N")
    assert dialog.catalogue.currentData() == "so_noi_vu"
    set_year(qtbot, dialog.picker, 2026)
    assert dialog.province.count() == 1 + 34  # "(tự ghi …)" then the provinces of 31/12/2026
    choose(qtbot, dialog.province, "Tỉnh Lâm")
    assert dialog.province.currentData() == "Lâm Đồng"
    assert dialog.fields["parent_name"].text() == "UBND TỈNH LÂM ĐỒNG"
    assert dialog.fields["place"].text() == "Lâm Đồng"
    dialog.path.setText(str(tmp_path / "Sở Nội vụ Lâm Đồng"))
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.created is not None and dialog.created.exists()
    db = open_workbook(dialog.created, readonly=True)
    try:
        report = load_workbook(db).report_for(2026)
    finally:
        db.close()
    assert (report.agency.parent_name, report.agency.name, report.agency.place) == (
        "UBND TỈNH LÂM ĐỒNG", "Sở Nội vụ", "Lâm Đồng")


def test_a_report_of_2025s_first_half_may_name_a_former_province_which_goes_when_the_period_ends_later(
        qtbot, tmp_path):
    dialog = NewWorkbookDialog(tmp_path)
    qtbot.addWidget(dialog)
    choose(qtbot, dialog.picker.kind, "Báo cáo 6 tháng")
    set_year(qtbot, dialog.picker, 2025)
    assert dialog.province.count() == 1 + 63
    choose(qtbot, dialog.province, "Tỉnh Đắk N")
    assert dialog.fields["parent_name"].text() == "UBND TỈNH ĐẮK NÔNG"
    set_year(qtbot, dialog.picker, 2026)  # Đắk Nông is part of Lâm Đồng by then
    assert dialog.province.count() == 1 + 34 and dialog.province.currentData() is None
    assert dialog.fields["parent_name"].text() == "" and dialog.fields["place"].text() == ""


def test_a_header_the_clerk_typed_is_never_replaced_by_a_province_chosen_after(qtbot, tmp_path):
    dialog = NewWorkbookDialog(tmp_path)
    qtbot.addWidget(dialog)
    set_year(qtbot, dialog.picker, 2026)
    dialog.fields["parent_name"].setText("ỦY BAN NHÂN DÂN TỈNH GIA LAI")  # typed (keyClicks sends ASCII only)
    choose(qtbot, dialog.province, "Tỉnh Gia")
    assert dialog.fields["parent_name"].text() == "ỦY BAN NHÂN DÂN TỈNH GIA LAI"
    assert dialog.fields["place"].text() == "Gia Lai"
    choose(qtbot, dialog.province, "Thành phố Hồ")
    assert dialog.fields["place"].text() == "Thành phố Hồ Chí Minh"  # what the last choice wrote is replaced


def test_the_start_screen_opens_the_invented_so_noi_vu_example_and_says_its_figures_are_invented(qtbot):
    from PySide6.QtWidgets import QPushButton

    from baocao_gui.ui.windows.start_dialog import StartDialog, example_path

    dialog = StartDialog()
    qtbot.addWidget(dialog)
    button = dialog.findChild(QPushButton, "example-so-noi-vu-2026")
    assert "số liệu giả định" in button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert dialog.chosen == example_path("so-noi-vu-2026") and dialog.chosen.exists()
    db = open_workbook(dialog.chosen, readonly=True)
    try:
        workbook = load_workbook(db)
    finally:
        db.close()
    report = workbook.report_for(2026)
    assert report.agency.parent_name == "UBND TỈNH LÂM ĐỒNG" and report.values["viec_lam"].actual == 42600
    assert "giả định" in report.part(Part.INTRO)[0].text
