"""The command contract of DESIGN.md, run as a clerk or a script would run it: a real process."""

import os
import zipfile

import docx
import pytest
from helpers import assert_valid_ooxml, run_cli


def one_vietnamese_sentence(result):
    err = result.stderr.strip()
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    assert len(err.splitlines()) == 1, err
    return err


def test_sample_then_export_writes_a_valid_report(tmp_path):
    book = tmp_path / "Đắk Nông mẫu.baocao"
    out = tmp_path / "Báo cáo năm 2023.docx"
    r = run_cli("sample", str(book))
    assert r.returncode == 0, r.stderr
    r = run_cli("export", str(book), "--year", "2023", "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert "Đã xuất báo cáo" in r.stdout
    assert zipfile.is_zipfile(out)
    assert "18.498 lượt người" in "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert_valid_ooxml(out)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".~baocao")] == []  # no temporary left


def test_export_without_year_takes_the_latest_report(sample_workbook, tmp_path):
    r = run_cli("export", str(sample_workbook), "-o", str(tmp_path / "r.docx"))
    assert r.returncode == 0, r.stderr


def test_check_lists_findings_with_their_place_and_fails_on_an_error(sample_workbook):
    r = run_cli("check", str(sample_workbook))
    assert r.returncode == 1
    # the reference states 42 child deaths while its causes add up to 40
    assert "khác tổng 42" in r.stdout and "cộng lại được 40" in r.stdout
    assert "76,1%" in r.stdout  # printed share that its figures (32/42 = 76,19%) contradict


def test_sample_refuses_to_overwrite_an_existing_file(sample_workbook):
    before = sample_workbook.read_bytes()
    r = run_cli("sample", str(sample_workbook))
    assert r.returncode != 0
    assert "đã có" in one_vietnamese_sentence(r)
    assert sample_workbook.read_bytes() == before


@pytest.mark.parametrize("case, expected", [
    ("missing", "Không tìm thấy tệp sổ báo cáo"),
    ("text file", "không phải là sổ báo cáo"),
    ("docx", "không phải là sổ báo cáo"),
])
def test_export_of_a_missing_or_foreign_file_says_so_in_vietnamese(tmp_path, exported_sample, case, expected):
    path = tmp_path / "x.baocao"
    if case == "text file":
        path.write_text("xin chào", encoding="utf-8")
    elif case == "docx":
        path = exported_sample
    r = run_cli("export", str(path), "-o", str(tmp_path / "out.docx"))
    assert r.returncode != 0
    assert expected in one_vietnamese_sentence(r)
    assert not (tmp_path / "out.docx").exists()


def test_an_unknown_year_names_the_years_there_are(sample_workbook, tmp_path):
    r = run_cli("export", str(sample_workbook), "--year", "2019", "-o", str(tmp_path / "out.docx"))
    assert r.returncode != 0
    assert one_vietnamese_sentence(r) == ("Sổ báo cáo không có báo cáo năm 2019; "
                                          "sổ có: năm 2023 (--period year --year 2023).")


def test_an_output_folder_that_does_not_exist_is_named(sample_workbook, tmp_path):
    r = run_cli("export", str(sample_workbook), "-o", str(tmp_path / "không có" / "out.docx"))
    assert r.returncode != 0
    assert "Không có thư mục" in one_vietnamese_sentence(r)


def test_an_output_folder_that_cannot_be_written_is_refused(sample_workbook, tmp_path):
    if os.geteuid() == 0:
        folder = "/proc"  # root may write anywhere else; nobody can create a file here
    else:
        folder = tmp_path / "chỉ đọc"
        folder.mkdir()
        folder.chmod(0o555)
    r = run_cli("export", str(sample_workbook), "-o", os.path.join(folder, "out.docx"))
    assert r.returncode != 0
    assert "Không ghi được" in one_vietnamese_sentence(r)


def test_an_output_named_like_a_folder_keeps_the_folder_and_leaves_no_half_file(sample_workbook, tmp_path):
    target = tmp_path / "báo cáo.docx"
    target.mkdir()
    (target / "giữ lại.txt").write_text("nội dung", encoding="utf-8")
    r = run_cli("export", str(sample_workbook), "-o", str(target))
    assert r.returncode != 0
    assert "là một thư mục" in one_vietnamese_sentence(r)
    assert (target / "giữ lại.txt").read_text(encoding="utf-8") == "nội dung"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".~baocao")] == []


def test_an_output_that_is_neither_docx_nor_pdf_is_refused(sample_workbook, tmp_path):
    r = run_cli("export", str(sample_workbook), "-o", str(tmp_path / "out.odt"))
    assert r.returncode != 0
    assert ".docx, .pdf" in one_vietnamese_sentence(r)
    assert list(tmp_path.glob("out.*")) == []


def test_a_wrong_command_line_is_answered_in_vietnamese(sample_workbook):
    r = run_cli("export", str(sample_workbook))  # no -o
    assert r.returncode != 0
    assert "Traceback" not in r.stderr
    assert "Lệnh không đúng cú pháp" in r.stderr


@pytest.mark.parametrize("argv, guess", [
    (("exprot", "mau.baocao", "-o", "x.docx"), "“export”"),
    (("chek", "mau.baocao"), "“check”"),
    (("xuat", "mau.baocao"), None),
])
def test_a_mistyped_command_names_the_commands_there_are_and_opens_no_window(tmp_path, argv, guess):
    r = run_cli(*argv, cwd=tmp_path)
    assert r.returncode == 2
    err = one_vietnamese_sentence(r)
    assert f"Không có lệnh “{argv[0]}”" in err and "export" in err and "check" in err
    assert (guess in err) if guess else "Có phải" not in err
    assert not list(tmp_path.iterdir())


def test_errors_are_logged_in_english_for_support(tmp_path):
    log_dir = tmp_path / "log"
    r = run_cli("export", str(tmp_path / "none.baocao"), "-o", str(tmp_path / "o.docx"),
                env={"BAOCAO_LOG_DIR": str(log_dir)})
    assert r.returncode != 0
    assert "no such file" in (log_dir / "baocao-gui.log").read_text(encoding="utf-8")


def test_sample_then_export_leave_one_whole_file(tmp_path):
    book = tmp_path / "mẫu.baocao"
    assert run_cli("sample", str(book)).returncode == 0
    assert run_cli("export", str(book), "-o", str(tmp_path / "r.docx")).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mẫu.baocao", "r.docx"]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (a device that is always full)")
def test_a_log_on_a_full_disk_never_puts_a_traceback_after_the_sentence(sample_workbook, tmp_path):
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "baocao-gui.log").symlink_to("/dev/full")  # every write to the log fails with ENOSPC
    folder = tmp_path / "Báo cáo.docx"
    folder.mkdir()  # the clerk typed the name of a folder
    r = run_cli("export", str(sample_workbook), "-o", str(folder), env={"BAOCAO_LOG_DIR": str(logs)})
    assert r.returncode == 2
    assert "là một thư mục" in one_vietnamese_sentence(r) and "Word" not in r.stderr


def test_an_old_workbook_holding_noncharacters_still_exports_and_the_check_names_them(sample_workbook, tmp_path):
    import sqlite3

    conn = sqlite3.connect(sample_workbook)
    conn.execute("UPDATE block SET text = text || ? WHERE id = (SELECT min(id) FROM block WHERE part = 'intro')",
                 ["\ufffe\uffff dán từ trang web"])
    conn.commit()
    conn.close()
    out = tmp_path / "r.docx"
    r = run_cli("export", str(sample_workbook), "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert_valid_ooxml(out)
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert " dán từ trang web" in text and "\ufffe" not in text
    r = run_cli("check", str(sample_workbook))
    assert "U+FFFE" in r.stdout


def test_stale_temporaries_of_a_killed_export_are_removed_by_the_next_export(sample_workbook, tmp_path):
    import time

    stale = tmp_path / ".~baocao-abc123.tmp"
    stale.write_bytes(b"half a report")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    fresh = tmp_path / ".~baocao-def456.tmp"  # another export running right now: left alone
    fresh.write_bytes(b"being written")
    r = run_cli("export", str(sample_workbook), "-o", str(tmp_path / "r.docx"))
    assert r.returncode == 0, r.stderr
    assert not stale.exists() and fresh.exists()


def test_an_odd_cell_is_named_and_the_export_goes_on_with_it_empty(sample_workbook, tmp_path):
    import hashlib
    import sqlite3

    conn = sqlite3.connect(sample_workbook)
    conn.execute("UPDATE value SET actual = 9e999 WHERE indicator_id = (SELECT id FROM indicator WHERE code = 'viec_lam')")
    conn.commit()
    conn.close()
    before = hashlib.sha256(sample_workbook.read_bytes()).hexdigest()
    out = tmp_path / "r.docx"
    r = run_cli("export", str(sample_workbook), "-o", str(out))
    assert r.returncode == 0 and "Traceback" not in r.stderr
    assert "không đọc được" in r.stderr and "viec_lam › thực hiện" in r.stderr
    assert out.exists() and hashlib.sha256(sample_workbook.read_bytes()).hexdigest() == before


def _new(tmp_path, name="Sở Y tế Cao Bằng.baocao", period="9m", year="2027"):
    path = tmp_path / name
    r = run_cli("new", str(path), "--catalogue", "sldtbxh", "--period", period, "--year", year,
                "--agency", "Sở Y tế", "--parent", "UBND tỉnh Cao Bằng", "--abbreviation", "SYT")
    assert r.returncode == 0, r.stderr
    return path


def test_new_makes_a_workbook_whose_check_has_no_error_and_list_shows_its_report(tmp_path):
    path = tmp_path / "mới.baocao"
    r = run_cli("new", str(path), "--catalogue", "sldtbxh", "--period", "year", "--year", "2026")
    assert r.returncode == 0, r.stderr
    check = run_cli("check", str(path))
    assert check.returncode == 0 and check.stdout.strip().splitlines()[-1].startswith("0 lỗi"), check.stdout
    listing = run_cli("list", str(path))
    assert listing.returncode == 0 and "năm 2026" in listing.stdout and "đang soạn" in listing.stdout


def test_period_and_year_select_each_of_two_reports_of_the_same_year(tmp_path):
    from baocao_gui.app import Document
    from baocao_gui.app.edits import figures, reports
    from baocao_gui.domain.model import Period, PeriodKind

    path = _new(tmp_path)
    doc = Document(path)
    doc.apply(reports.create_report(doc, Period(PeriodKind.YEAR, 2027)))
    doc.apply(figures.set_value(doc, "viec_lam", "actual", 777))
    doc.close()
    lines = run_cli("list", str(path)).stdout.splitlines()
    assert lines[0].split()[:2] == ["9m", "2027"] and lines[1].split()[:2] == ["year", "2027"]
    for period, expected in (("9m", "9 THÁNG NĂM 2027"), ("year", "NĂM 2027")):
        out = tmp_path / f"{period}.docx"
        r = run_cli("export", str(path), "--period", period, "--year", "2027", "-o", str(out))
        assert r.returncode == 0, r.stderr
        text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
        assert f"KẾT QUẢ THỰC HIỆN NHIỆM VỤ CÔNG TÁC {expected}" in text.upper()
    ambiguous = run_cli("export", str(path), "--year", "2027", "-o", str(tmp_path / "x.docx"))
    assert ambiguous.returncode == 2 and not (tmp_path / "x.docx").exists()
    assert one_vietnamese_sentence(ambiguous) == ("Có 2 báo cáo khớp (9 tháng năm 2027, năm 2027); "
                                                  "hãy ghi rõ cả --period và --year.")
    missing = run_cli("check", str(path), "--period", "q2", "--year", "2027")
    assert missing.returncode == 2 and "không có báo cáo quý II năm 2027" in one_vietnamese_sentence(missing)


def test_without_period_and_year_export_takes_the_report_edited_last(tmp_path):
    from baocao_gui.app import Document
    from baocao_gui.app.edits import figures, reports
    from baocao_gui.domain.model import Period, PeriodKind

    path = _new(tmp_path, period="year", year="2027")
    doc = Document(path)
    doc.apply(reports.create_report(doc, Period(PeriodKind.Q1, 2027), start="empty"))
    first = next(r.id for r in doc.workbook.reports if r.period.kind == PeriodKind.YEAR)
    doc.choose_report(first)
    doc.apply(figures.set_value(doc, "viec_lam", "actual", 31))  # the annual report is edited after the quarter was made
    doc.close()
    out = tmp_path / "ra.docx"
    assert run_cli("export", str(path), "-o", str(out)).returncode == 0
    assert "NĂM 2027" in "\n".join(p.text for p in docx.Document(str(out)).paragraphs).upper()
    assert "QUÝ I" not in "\n".join(p.text for p in docx.Document(str(out)).paragraphs).upper()


@pytest.mark.parametrize("args, sentence", [
    (["--period", "q5"], "Kỳ báo cáo “q5” không đúng; dùng year, 9m, 6m, q1…q4 hoặc m1…m12."),
    (["--catalogue", "khong-co"], ("Không có danh mục “khong-co” (các danh mục có sẵn: sldtbxh, so_gddt_gdnn, "
                                  "so_noi_vu, so_y_te_xa_hoi).")),
])
def test_new_with_a_wrong_period_or_catalogue_says_so_and_makes_no_file(tmp_path, args, sentence):
    path = tmp_path / "x.baocao"
    r = run_cli("new", str(path), "--year", "2027", *args)
    assert r.returncode == 2 and one_vietnamese_sentence(r) == sentence and not path.exists()


@pytest.mark.skipif(os.name != "posix", reason="file mode bits are POSIX")
def test_an_exported_report_is_readable_like_any_new_file_not_only_by_its_owner(sample_workbook, tmp_path):
    out = tmp_path / "báo cáo.docx"
    old = os.umask(0o022)
    try:
        assert run_cli("export", str(sample_workbook), "-o", str(out)).returncode == 0
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644
