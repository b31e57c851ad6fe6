"""A Word package (.docx, .docm, .dotx, .dotm) checked before anything parses it.

Every importer of Word files (``word``, ``report``, ``merge``) opens its file through ``checked_package``: an
encrypted or old binary Word file, an RTF, a damaged zip, a zip that would unpack to more than ``MAX_UNPACKED``
bytes and XML with a DTD (where external entities would hide) are refused with ``WordFileError``, one sentence
for the clerk, before python-docx sees a byte. Macros are never run: a .docm is read without its VBA project.
"""

from __future__ import annotations

import io
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


def _refuse_dtd(path: Path, content: bytes) -> None:
    """Word never writes a DTD; one in a part is where an external entity (XXE) or an entity bomb would hide.
    python-docx's parser does not resolve entities, and this refuses the file before it is parsed at all."""
    head = content[:4096].lstrip(b"\xef\xbb\xbf")
    text = head.decode("utf-16") if head.startswith((b"\xff\xfe", b"\xfe\xff")) else head.decode("latin-1")
    if "<!DOCTYPE" in text.upper() or "<!ENTITY" in text.upper():
        raise unreadable(path, "tệp chứa khai báo DTD/thực thể bên ngoài mà Word không bao giờ tạo ra — tệp bất "
                         "thường, không đọc.", "DTD in an XML part")
