"""A Word package (.docx, .docm, .dotx, .dotm) checked before anything parses it.

Every importer of Word files (``word``, ``report``, ``merge``) opens its file through ``checked_package``: an
encrypted or old binary Word file, an RTF, a damaged zip, a zip that would unpack to more than ``MAX_UNPACKED``
bytes and XML with a DTD (where external entities would hide) are refused with ``WordFileError``, one sentence
for the clerk, before python-docx sees a byte. Macros are never run: a .docm is read without its VBA project.
Within those limits python-docx reads long text: a paragraph of more than 10 MB (lxml's own limit for one text
node, "text node too long") is a valid Word file, not a damaged one (``read_long_text``).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from pathlib import Path

from ..errors import UserError

MAX_FILE = 100 * 1024 * 1024  # a Word file with photos of a whole year stays well below this
MAX_UNPACKED = 400 * 1024 * 1024  # declared size of all parts together; zipfile never unpacks more than declared
MAX_XML_PART = 64 * 1024 * 1024  # one XML part (a 1000-page text is ~20 MB of document.xml)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAIN_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
MAIN_OTHERS = ("application/vnd.ms-word.document.macroEnabled.main+xml",  # .docm
               "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",  # .dotx
               "application/vnd.ms-word.template.macroEnabledTemplate.main+xml")  # .dotm


class WordFileError(UserError):
    """A file that is not read: one sentence for the clerk, nothing written."""


def unreadable(path: Path, sentence: str, gloss: str) -> WordFileError:
    """The error for a file that is not read: ``sentence`` says why to the clerk, ``gloss`` to the log."""
    return WordFileError(f"Không đọc được tệp “{path.name}”: {sentence} Chưa có gì được ghi vào sổ báo cáo.",
                         f"{path}: {gloss}")


def checked_package(path: Path) -> io.BytesIO:
    """The file's bytes as a package python-docx can open safely, or ``WordFileError``."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE:
            raise unreadable(path, f"tệp quá lớn ({size // (1024 * 1024)} MB).", f"{size} bytes")
        data = path.read_bytes()
    except OSError as exc:
        raise unreadable(path, "không mở được tệp (tệp không còn ở đó, hoặc đang bị chương trình khác giữ).",
                         repr(exc)) from exc
    if data.startswith(OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
            raise unreadable(path, "tệp được bảo vệ bằng mật khẩu; hãy mở trong Word, bỏ mật khẩu "
                             "(Tệp › Thông tin › Bảo vệ tài liệu) rồi lưu lại và nhập lại.", "encrypted OOXML")
        raise unreadable(path, "đây là tệp Word cũ (.doc); hãy mở trong Word và lưu lại dưới dạng “Tài liệu Word "
                         "(*.docx)” rồi nhập tệp .docx đó.", "binary .doc")
    if data.startswith(b"{\\rtf"):
        raise unreadable(path, "đây là tệp RTF; hãy mở trong Word và lưu lại dưới dạng .docx.", "rtf")
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        infos = package.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise unreadable(path, "tệp bị hỏng hoặc không phải tệp Word (.docx).", repr(exc)) from exc
    declared = sum(i.file_size for i in infos)
    if declared > MAX_UNPACKED or any(i.file_size > MAX_XML_PART for i in infos if _is_xml(i.filename)):
        raise unreadable(path, f"khi giải nén, tệp sẽ chiếm tới {declared // (1024 * 1024)} MB — tệp bất thường "
                         "(có thể là “bom nén”), không đọc.", f"declared unpacked size {declared}")
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names:
        raise unreadable(path, "tệp bị hỏng hoặc không phải tệp Word (.docx).", "no [Content_Types].xml")
    try:
        for info in infos:
            if _is_xml(info.filename):
                _refuse_dtd(path, package.read(info))
        types = package.read("[Content_Types].xml").decode("utf-8", "replace")
    except WordFileError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, ValueError, OSError, EOFError,
            NotImplementedError) as exc:
        raise unreadable(path, "tệp bị hỏng (một phần bên trong không giải nén được).", repr(exc)) from exc
    read_long_text()
    if MAIN_DOCX in types:
        return io.BytesIO(data)
    other = next((t for t in MAIN_OTHERS if t in types), None)
    if other is None:
        raise unreadable(path, "đây không phải tệp Word (.docx); có thể là tệp Excel, PowerPoint hoặc tệp nén khác.",
                         "no Word main part")
    # .docm/.dotx/.dotm: the same text under another content type. Macros are never run: the package is copied
    # without its VBA project and read as a plain document.
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in infos:
            if "vbaproject" in info.filename.lower() or "vbadata" in info.filename.lower():
                continue
            content = package.read(info)
            if info.filename == "[Content_Types].xml":
                content = content.replace(other.encode(), MAIN_DOCX.encode())
            copy.writestr(info.filename, content)
    out.seek(0)
    return out


def _is_xml(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels"))


_PROLOG_ITEM = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->)", re.DOTALL)
_DECLARATION = re.compile(rb"\s*<!")


def _refuse_dtd(path: Path, content: bytes) -> None:
    """Word never writes a DTD; one in a part is where an external entity (XXE) or an entity bomb would hide.
    python-docx's parser does not resolve entities, and this refuses the file before it is parsed at all. A DTD
    can only stand in the prolog, before the root element, but the prolog may be padded with comments: it is
    read whole (the XML declaration, processing instructions, comments), not only its first bytes."""
    content = content.lstrip(b"\xef\xbb\xbf")
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):  # the markup is ASCII: UTF-8 is read as bytes
        content = content.decode("utf-16", "replace").encode("utf-8", "replace")
    at = 0
    while (item := _PROLOG_ITEM.match(content, at)) is not None:
        at = item.end()
    if _DECLARATION.match(content, at):  # <!DOCTYPE (nothing else may start with <! before the root)
        raise unreadable(path, "tệp chứa khai báo DTD/thực thể bên ngoài mà Word không bao giờ tạo ra — tệp bất "
                         "thường, không đọc.", "DTD in an XML part")


_long_text_read = False


def read_long_text() -> None:
    """python-docx's parser made to read text nodes longer than lxml's 10 MB (``huge_tree``): the limits above
    bound every part instead (MAX_XML_PART, MAX_UNPACKED). It keeps python-docx's own settings and its element
    classes, never resolves an entity (``resolve_entities=False``), never reaches the network, and sees no DTD
    (``_refuse_dtd`` refused it). Installed once, for the whole program: python-docx parses every part through
    this one module-level parser, and what the program writes itself is well inside the limits anyway."""
    global _long_text_read
    if _long_text_read:
        return
    from docx.oxml import parser
    from lxml import etree

    huge = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True, huge_tree=True)
    huge.set_element_class_lookup(parser.element_class_lookup)
    parser.oxml_parser = huge
    _long_text_read = True
