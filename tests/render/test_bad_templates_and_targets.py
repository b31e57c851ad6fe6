"""A bad template or an output that cannot be written: one sentence, no half file, nothing else harmed."""

import errno
import io
import os
import zipfile

import pytest

from baocao_gui.compose import compose_outline
from baocao_gui.render import word
from baocao_gui.render.word import ExportError, template_path, write_docx
from baocao_gui.store import load_workbook, open_workbook


@pytest.fixture
def outline(sample_workbook):
    wb = load_workbook(open_workbook(sample_workbook, readonly=True))
    return compose_outline(wb, wb.report_for(2023))


def rewrite_template(tmp_path, change):
    """A copy of the bundled template with ``change(name, data) -> data`` applied to each part."""
    out = tmp_path / "mau.docx"
    with zipfile.ZipFile(template_path()) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = change(info.filename, src.read(info.filename))
            if data is not None:
                dst.writestr(info.filename, data)
    return out


def no_temporaries(folder):
    return [p.name for p in folder.iterdir() if p.name.startswith(".~baocao")] == []


def test_a_template_without_the_named_styles_is_refused_by_name(outline, tmp_path):
    def drop_styles(name, data):
        return data.replace(b'w:styleId="BCMuc"', b'w:styleId="Khac"').replace(b'w:val="BC Muc"', b'w:val="Khac"') \
            if name == "word/styles.xml" else data

    template = rewrite_template(tmp_path, drop_styles)
    with pytest.raises(ExportError, match="thiếu kiểu định dạng cần dùng: BC Muc"):
        write_docx(outline, tmp_path / "r.docx", template)
    assert not (tmp_path / "r.docx").exists() and no_temporaries(tmp_path)


@pytest.mark.parametrize("damage", ["truncated", "not a zip", "no document part", "broken xml"])
def test_a_damaged_template_is_refused_in_one_sentence(outline, tmp_path, damage):
    if damage == "truncated":
        template = tmp_path / "mau.docx"
        template.write_bytes(template_path().read_bytes()[:2000])
    elif damage == "not a zip":
        template = tmp_path / "mau.docx"
        template.write_text("Đây không phải tệp Word", encoding="utf-8")
    elif damage == "no document part":
        template = rewrite_template(tmp_path, lambda n, d: None if n == "word/document.xml" else d)
    else:
        template = rewrite_template(tmp_path, lambda n, d: d[: len(d) // 2] if n == "word/styles.xml" else d)
    with pytest.raises(ExportError, match="bị hỏng hoặc không phải tệp Word"):
        write_docx(outline, tmp_path / "r.docx", template)
    assert not (tmp_path / "r.docx").exists()


def test_an_external_entity_in_a_template_is_never_read(outline, tmp_path):
    secret = tmp_path / "bí mật.txt"
    secret.write_text("MẬT KHẨU-123", encoding="utf-8")

    def add_entity(name, data):
        if name != "word/styles.xml":
            return data
        head, _, rest = data.partition(b"?>")
        dtd = f'<!DOCTYPE w:styles [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'.encode()
        assert b'<w:name w:val="Title"/>' in rest
        return head + b"?>" + dtd + rest.replace(b'<w:name w:val="Title"/>', b'<w:name w:val="&xxe;"/>', 1)

    template = rewrite_template(tmp_path, add_entity)
    try:
        out = write_docx(outline, tmp_path / "r.docx", template)
    except ExportError:
        return  # refusing the template is fine too
    with zipfile.ZipFile(out) as z:
        assert not any("MẬT KHẨU".encode() in z.read(n) for n in z.namelist())


def test_a_zip_bomb_template_is_refused_before_it_is_unpacked(outline, tmp_path):
    template = tmp_path / "bom.docx"
    with zipfile.ZipFile(template, "w", zipfile.ZIP_DEFLATED) as z:
        with zipfile.ZipFile(template_path()) as src:
            for info in src.infolist():
                z.writestr(info.filename, src.read(info.filename))
        z.writestr("word/media/padding.bin", b"\0" * 60_000_000)
    assert template.stat().st_size < 1_000_000
    with pytest.raises(ExportError, match="quá lớn"):
        write_docx(outline, tmp_path / "r.docx", template)


def test_a_target_held_open_by_word_keeps_the_old_file_and_leaves_no_temporary(outline, tmp_path, monkeypatch):
    target = tmp_path / "Báo cáo.docx"
    target.write_bytes(b"the file Word has open")

    def sharing_violation(src, dst):
        raise PermissionError(13, "The process cannot access the file because it is being used by another process")

    monkeypatch.setattr(word.os, "replace", sharing_violation)
    with pytest.raises(ExportError, match="đang mở trong Word"):
        write_docx(outline, target)
    assert target.read_bytes() == b"the file Word has open" and no_temporaries(tmp_path)


def test_a_full_disk_leaves_no_half_file(outline, tmp_path, monkeypatch):
    def full(self, stream):
        stream.write(b"PK\x03\x04 half")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    import docx.document

    monkeypatch.setattr(docx.document.Document, "save", full)
    with pytest.raises(ExportError, match="ổ đĩa đã đầy"):
        write_docx(outline, tmp_path / "r.docx")
    assert not (tmp_path / "r.docx").exists() and no_temporaries(tmp_path)


def test_the_bundled_template_is_accepted(outline):
    buffer = io.BytesIO()
    word.build_document(outline).save(buffer)
    assert zipfile.is_zipfile(buffer)
