"""What was signed and sent stays provable (issue 20, point 1): the copy of a sent report the workbook keeps is
checked against the SHA-256 recorded when it was marked sent whenever it is read. A copy changed afterwards (by a
SQLite tool, or in a text dump loaded back) or cut short is one Vietnamese sentence: never exported, checked or
compared as "the version sent". Figures invented here."""

from __future__ import annotations

import sqlite3

import pytest
from helpers import run_cli, sent_snapshot, set_sent_snapshot

from baocao_gui.app import Document, UserError
from baocao_gui.app.edits import reports
from baocao_gui.app.sent import as_sent, differences, proof

FORGED = "bản đã gửi lưu trong sổ đã bị sửa"  # a copy that no longer matches its SHA-256
UNREADABLE = "bản đã gửi lưu trong sổ bị hỏng"


def _docx_text(path) -> str:
    import docx

    document = docx.Document(str(path))
    return "\n".join(p.text for p in document.paragraphs)


def _forge(path) -> None:
    """2.500 jobs become 9.999 in the stored copy, as anyone with a SQLite tool could do."""
    text = sent_snapshot(path)
    assert '"actual": 2500.0' in text
    set_sent_snapshot(path, text.replace('"actual": 2500.0', '"actual": 9999.0'))


def test_an_untouched_sent_report_exports_as_sent_and_is_proven(sent_workbook, tmp_path):
    result = run_cli("export", str(sent_workbook), "-o", str(tmp_path / "lại.docx"))
    assert result.returncode == 0, result.stderr
    assert "2.500 người" in _docx_text(tmp_path / "lại.docx")
    assert result.stderr == ""
    assert run_cli("check", str(sent_workbook)).returncode in (0, 1)
    doc = Document(sent_workbook)
    try:
        assert proof(doc.report).trusted and proof(doc.report).sentence == ""
    finally:
        doc.close()


def test_a_figure_forged_in_the_stored_sent_copy_is_never_exported_as_the_version_sent(sent_workbook, tmp_path):
    _forge(sent_workbook)
    target = tmp_path / "giả.docx"
    result = run_cli("export", str(sent_workbook), "-o", str(target))
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert FORGED in result.stderr.lower() and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not target.exists() and list(tmp_path.glob("*.tmp*")) == []
    check = run_cli("check", str(sent_workbook))
    assert check.returncode == 2 and FORGED in check.stderr.lower()


def test_a_sent_copy_cut_short_is_one_sentence_not_an_unexpected_error(sent_workbook, tmp_path):
    set_sent_snapshot(sent_workbook, sent_snapshot(sent_workbook)[:500])
    for args in (("export", str(sent_workbook), "-o", str(tmp_path / "cụt.docx")), ("check", str(sent_workbook))):
        result = run_cli(*args)
        assert result.returncode == 2, (args, result.returncode, result.stderr)
        assert FORGED in result.stderr.lower() and "không mong muốn" not in result.stderr
    assert not (tmp_path / "cụt.docx").exists()


def test_the_changes_since_sending_never_show_a_forged_copy_as_what_was_sent(sent_workbook):
    _forge(sent_workbook)
    doc = Document(sent_workbook)
    try:
        verdict = proof(doc.report)
        assert not verdict.trusted and FORGED in verdict.sentence.lower()
        with pytest.raises(UserError, match="đã bị sửa"):
            differences(doc.workbook, doc.report)
        with pytest.raises(UserError, match="đã bị sửa"):
            as_sent(doc.workbook, doc.report)
        # unlocked, the report can be edited again, and the forged copy is still never shown as what was sent
        doc.apply(reports.unlock(doc))
        with pytest.raises(UserError, match="đã bị sửa"):
            differences(doc.workbook, doc.report)
    finally:
        doc.close()


def test_the_record_of_which_file_was_sent_is_covered_too(sent_workbook):
    conn = sqlite3.connect(sent_workbook)
    conn.execute("UPDATE report SET sent_sha256 = ?", ["0" * 64])
    conn.commit()
    conn.close()
    doc = Document(sent_workbook)
    try:
        assert not proof(doc.report).trusted
    finally:
        doc.close()


def test_dump_and_load_keep_the_proof(sent_workbook, tmp_path):
    dumped = tmp_path / "sổ.toml"
    assert run_cli("dump", str(sent_workbook), "-o", str(dumped)).returncode == 0
    text = dumped.read_text(encoding="utf-8")
    # loaded back as it was: still proven, still exported as sent
    assert run_cli("load", str(dumped), str(tmp_path / "lại.baocao")).returncode == 0
    again = run_cli("export", str(tmp_path / "lại.baocao"), "-o", str(tmp_path / "lại.docx"))
    assert again.returncode == 0 and again.stderr == "", again.stderr
    assert "2.500 người" in _docx_text(tmp_path / "lại.docx")
    # a figure changed inside the snapshot string of the text file: loaded, but never exported as the version sent
    assert '\\"actual\\": 2500.0' in text
    forged = tmp_path / "giả.toml"
    forged.write_text(text.replace('\\"actual\\": 2500.0', '\\"actual\\": 9999.0'), encoding="utf-8")
    loaded = run_cli("load", str(forged), str(tmp_path / "giả.baocao"))
    assert loaded.returncode == 0, loaded.stderr
    assert FORGED in loaded.stderr.lower()
    result = run_cli("export", str(tmp_path / "giả.baocao"), "-o", str(tmp_path / "giả.docx"))
    assert result.returncode == 2 and FORGED in result.stderr.lower()
    assert not (tmp_path / "giả.docx").exists()


def _as_before_this_version(path) -> None:
    """The workbook as the previous version left it: no SHA-256 of the sent record, and m009 not applied."""
    conn = sqlite3.connect(path)
    if any(row[1] == "sent_record_sha256" for row in conn.execute("PRAGMA table_info(report)")):
        conn.execute("ALTER TABLE report DROP COLUMN sent_record_sha256")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm009_sent_record_sha256'")
    conn.commit()
    conn.close()


def test_a_report_sent_before_this_version_still_exports_as_sent_and_says_it_cannot_be_proven(sent_workbook, tmp_path):
    _as_before_this_version(sent_workbook)
    result = run_cli("export", str(sent_workbook), "-o", str(tmp_path / "cũ.docx"))
    assert result.returncode == 0, result.stderr
    assert "2.500 người" in _docx_text(tmp_path / "cũ.docx")
    assert "không chứng minh được" in result.stderr and "Lưu ý" in result.stderr
    doc = Document(sent_workbook)  # upgraded in place: the old record is not sealed after the fact
    try:
        verdict = proof(doc.report)
        assert verdict.trusted and not verdict.proven and doc.report.sent.record_sha256 == ""
        assert differences(doc.workbook, doc.report) == []
    finally:
        doc.close()


def test_a_report_sent_before_this_version_whose_copy_is_cut_short_is_one_sentence(sent_workbook, tmp_path):
    _as_before_this_version(sent_workbook)
    set_sent_snapshot(sent_workbook, sent_snapshot(sent_workbook)[:500])
    for args in (("export", str(sent_workbook), "-o", str(tmp_path / "cụt.docx")), ("check", str(sent_workbook))):
        result = run_cli(*args)
        assert result.returncode == 2, (args, result.returncode, result.stderr)
        assert UNREADABLE in result.stderr.lower() and "không mong muốn" not in result.stderr
    assert not (tmp_path / "cụt.docx").exists()


@pytest.mark.parametrize(("column", "change", "says"), [
    ("sent_snapshot", lambda t: "", FORGED),  # the copy emptied
    ("sent_at", lambda t: "2020-01-01T08:00:00", FORGED),  # when it was sent, moved
    ("sent_file", lambda t: "khác.docx", FORGED),  # which file was sent
])
def test_any_part_of_the_sent_record_changed_is_told(sent_workbook, tmp_path, column, change, says):
    conn = sqlite3.connect(sent_workbook)
    old = conn.execute(f"SELECT {column} FROM report").fetchone()[0]
    conn.execute(f"UPDATE report SET {column} = ?", [change(old)])
    conn.commit()
    conn.close()
    result = run_cli("export", str(sent_workbook), "-o", str(tmp_path / "x.docx"))
    assert result.returncode == 2 and says in result.stderr.lower() and not (tmp_path / "x.docx").exists()


@pytest.mark.parametrize("change", [
    lambda t: t.replace('"actual": 2500.0', '"actual": "hai nghìn"'),  # a figure as text
    lambda t: t.replace('"actual": 2500.0', '"actual": Infinity'),
    lambda t: "[]",
    lambda t: "[" * 100_000 + "]" * 100_000,
])
def test_a_copy_sent_before_this_version_that_is_not_this_programs_json_is_one_sentence(sent_workbook, tmp_path,
                                                                                        change):
    _as_before_this_version(sent_workbook)
    set_sent_snapshot(sent_workbook, change(sent_snapshot(sent_workbook)))
    for args in (("export", str(sent_workbook), "-o", str(tmp_path / "x.docx")), ("check", str(sent_workbook))):
        result = run_cli(*args)
        assert result.returncode == 2, (args, result.returncode, result.stderr)
        assert UNREADABLE in result.stderr.lower() and "không mong muốn" not in result.stderr
