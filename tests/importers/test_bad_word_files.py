"""Files that are not read: each is one Vietnamese sentence that says what to do, and nothing is parsed that could
harm (an external entity is never resolved, a zip bomb is refused by its declared size before anything is
unpacked). A macro-enabled .docm is read as text; its macros are dropped, never run."""

from __future__ import annotations

import io
import struct
import zipfile

import docx
import pytest

from baocao_gui.importers.word import WordFileError, read_word


def plain_docx(path, text="Nội dung phòng gửi về."):
    d = docx.Document()
    d.add_paragraph(text)
    d.save(path)
    return path


def rewritten(source, target, change):
    """A copy of a .docx with its parts changed by ``change(name, bytes) -> bytes | None`` (None drops it)."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            content = change(info.filename, zin.read(info))
            if content is not None:
                zout.writestr(info.filename, content)
    return target


def refusal(path):
    with pytest.raises(WordFileError) as caught:
        read_word(path)
    message = caught.value.message
    assert message.count(". ") <= 2 and "Chưa có gì được ghi" in message and path.name in message
    return message


def test_a_password_protected_file_says_to_remove_the_password(tmp_path):
    # An encrypted Word file is an OLE compound file holding the streams EncryptionInfo and EncryptedPackage.
    path = tmp_path / "mat-khau.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024 + "EncryptionInfo".encode("utf-16-le")
                     + b"\0" * 64 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 1024)
    assert "mật khẩu" in refusal(path)


def test_an_old_binary_doc_says_to_save_it_as_docx(tmp_path):
    path = tmp_path / "bao-cao-2019.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024 + "WordDocument".encode("utf-16-le")
                     + b"\0" * 1024)
    message = refusal(path)
    assert "(.doc)" in message and "lưu lại" in message and ".docx" in message


def test_a_docm_is_read_as_text_and_its_macros_are_dropped(tmp_path):
    main_docx = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    main_docm = b"application/vnd.ms-word.document.macroEnabled.main+xml"
    source = plain_docx(tmp_path / "a.docx", "Báo cáo có macro.")

    def to_docm(name, content):
        return content.replace(main_docx, main_docm) if name == "[Content_Types].xml" else content

    path = rewritten(source, tmp_path / "phong.docm", to_docm)
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 Sub AutoOpen() Shell(\"calc\") End Sub")
    content = read_word(path)
    assert [b.text for b in content.blocks] == ["Báo cáo có macro."]


def test_a_damaged_zip_says_the_file_is_damaged(tmp_path):
    whole = plain_docx(tmp_path / "a.docx").read_bytes()
    cut = tmp_path / "dut-doan.docx"
    cut.write_bytes(whole[: len(whole) // 2])
    assert "bị hỏng" in refusal(cut)
    garbage = tmp_path / "khong-phai.docx"
    garbage.write_bytes(b"day khong phai tep Word")
    assert "bị hỏng" in refusal(garbage)


def test_a_part_whose_data_is_damaged_inside_a_whole_zip_is_refused(tmp_path):
    path = plain_docx(tmp_path / "crc.docx")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 10, start + 40):
        data[i] ^= 0x5A  # the compressed bytes of document.xml, the directory intact
    path.write_bytes(bytes(data))
    assert "bị hỏng" in refusal(path)


def test_an_external_entity_is_never_resolved_the_file_is_refused(tmp_path):
    secret = tmp_path / "bi-mat.txt"
    secret.write_text("MẬT KHẨU CỦA MÁY", encoding="utf-8")
    source = plain_docx(tmp_path / "a.docx", "PLACEHOLDER")

    def xxe(name, content):
        if name != "word/document.xml":
            return content
        text = content.decode("utf-8")
        head, _, body = text.partition("?>")
        doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
        return (head + "?>" + doctype + body.replace("PLACEHOLDER", "&xxe;")).encode("utf-8")

    path = rewritten(source, tmp_path / "xxe.docx", xxe)
    assert "DTD" in refusal(path)


def test_python_docx_itself_does_not_resolve_an_external_entity(tmp_path):
    """The second guard: even without the check for a DTD, the parser python-docx uses leaves entities alone."""
    from docx.oxml.parser import oxml_parser

    secret = tmp_path / "bi-mat.txt"
    secret.write_text("MẬT KHẨU", encoding="utf-8")
    from lxml import etree

    xml = f'<!DOCTYPE r [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]><r>&xxe;</r>'.encode()
    assert "MẬT KHẨU" not in etree.tostring(etree.fromstring(xml, oxml_parser)).decode()


def test_a_zip_bomb_is_refused_by_its_declared_size_before_it_is_unpacked(tmp_path):
    path = tmp_path / "bom.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<" + b" " * (80 * 1024 * 1024) + b"/>")  # 80 MB of spaces, ~80 kB zipped
    assert path.stat().st_size < 1024 * 1024
    assert "bom nén" in refusal(path)


def test_a_zip_that_lies_about_its_sizes_is_refused_too(tmp_path):
    path = plain_docx(tmp_path / "noi-doi.docx")
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")  # the first entry of the central directory: its uncompressed size, 3 GB
    data[at + 24:at + 28] = struct.pack("<I", 3 * 1024 ** 3)
    path.write_bytes(bytes(data))
    assert "bom nén" in refusal(path)


def test_a_spreadsheet_or_any_other_zip_is_not_a_word_file(tmp_path):
    path = tmp_path / "bang-tinh.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", '<Types><Override ContentType="application/vnd.openxmlformats-'
                   'officedocument.spreadsheetml.sheet.main+xml"/></Types>')
        z.writestr("xl/workbook.xml", "<workbook/>")
    assert "không phải tệp Word" in refusal(path)


def test_a_missing_file_is_one_sentence(tmp_path):
    assert "không mở được" in refusal(tmp_path / "khong-co.docx")


# --- a long text is not a damaged file (issue 20, point 9) ------------------------------------------------------

def test_a_valid_word_file_with_one_10_mb_paragraph_is_read_whole(tmp_path):
    """lxml refuses a text node over 10 MB unless asked (“text node too long”): within the package's limits
    (MAX_XML_PART) such a file is read, not called damaged."""
    text = "Người lao động được tạo việc làm. " * 330_000  # ~11 MB of text in one run of one paragraph
    path = plain_docx(tmp_path / "mot-doan-dai.docx", text.strip())
    content = read_word(path)
    read = "".join(block.text for block in content.blocks)
    assert len(read) == len(text.strip()) and read.startswith("Người lao động")


def test_a_dtd_hidden_after_a_long_comment_is_still_refused(tmp_path):
    """Reading long text lifts lxml's size limits, so a DTD anywhere before the root element is refused, not
    only in the first bytes of a part: an entity bomb or an external entity never reaches the parser."""
    source = plain_docx(tmp_path / "a.docx", "PLACEHOLDER")

    def hidden(name, content):
        if name != "word/document.xml":
            return content
        head, _, body = content.decode("utf-8").partition("?>")
        doctype = '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">]>'
        return (head + "?><!--" + " " * 10_000 + "-->\n" + doctype + body.replace("PLACEHOLDER", "&a;")).encode()

    assert "DTD" in refusal(rewritten(source, tmp_path / "dtd-an.docx", hidden))
