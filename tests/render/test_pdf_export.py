"""`export -o X.pdf`: the .docx beside it, then a PDF ready for the digital signature (PDF/A, fonts embedded,
title and author, no form or script); without a converter one sentence, exit 2, and the .docx kept."""

import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import docx
import pytest
from helpers import assert_valid_ooxml, run_cli
from test_libreoffice import _need

from baocao_gui.render import pdf as pdf_module
from baocao_gui.render import word_pdf


def pdfinfo(path, *extra):
    return subprocess.run(["pdfinfo", *extra, str(path)], capture_output=True, text=True, check=True).stdout


def field(info, name):
    return re.search(rf"^{name}:\s*(.*)$", info, re.MULTILINE).group(1).strip()


@pytest.fixture(scope="module")
def exported_pdf(tmp_path_factory):
    for tool in ("soffice", "pdfinfo", "pdffonts", "pdftotext"):
        _need(tool)
    folder = tmp_path_factory.mktemp("pdf export")
    r = run_cli("sample", str(folder / "mẫu.baocao"))
    assert r.returncode == 0, r.stderr
    r = run_cli("export", str(folder / "mẫu.baocao"), "--annex", "-o", str(folder / "Báo cáo năm 2023.pdf"))
    assert r.returncode == 0, r.stderr
    assert "Đã ghi tệp Word" in r.stdout
    return folder / "Báo cáo năm 2023.pdf"


@pytest.mark.libreoffice
def test_export_to_pdf_writes_the_docx_beside_it(exported_pdf):
    beside = exported_pdf.with_suffix(".docx")
    assert beside.exists()
    assert_valid_ooxml(beside)
    assert sorted(p.name for p in exported_pdf.parent.iterdir() if not p.name.endswith(".baocao")) == [
        "Báo cáo năm 2023.docx", "Báo cáo năm 2023.pdf"]  # no temporary left behind


@pytest.mark.libreoffice
def test_the_pdf_is_pdf_a_with_title_author_and_no_form_or_script(exported_pdf):
    info = pdfinfo(exported_pdf)
    major, minor = (int(x) for x in field(info, "PDF version").split("."))
    assert (major, minor) >= (1, 4)
    assert field(info, "Title").startswith("BÁO CÁO TÓM TẮT Đánh giá kết quả thực hiện nhiệm vụ")
    assert field(info, "Author") == "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"
    assert field(info, "Form") == "none" and field(info, "JavaScript") == "no"
    meta = pdfinfo(exported_pdf, "-meta")
    assert re.search(r"<pdfaid:part>2</pdfaid:part>", meta)  # PDF/A-2b: what archives and signing tools expect


@pytest.mark.libreoffice
def test_every_font_in_the_pdf_is_embedded(exported_pdf):
    out = subprocess.run(["pdffonts", str(exported_pdf)], capture_output=True, text=True, check=True).stdout
    rows = [line for line in out.splitlines()[2:] if line.strip()]
    assert rows
    for row in rows:
        emb = row.split()[-5]
        assert emb == "yes", row


def _flat(text):
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.libreoffice
def test_the_pdf_says_what_the_docx_says(exported_pdf):
    text = subprocess.run(["pdftotext", "-raw", str(exported_pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = []
    for page in text.split("\f"):
        lines = page.strip("\n").splitlines()
        if lines and lines[0].strip().isdigit():
            lines = lines[1:]  # the page number in the header
        pages.append("\n".join(lines))
    flat = _flat(re.sub(r"(?<=\S)-\n\s*", "-", "\n".join(pages)))  # a line broken after "1947-" keeps its hyphen
    document = docx.Document(str(exported_pdf.with_suffix(".docx")))
    missing = []
    for block in document.iter_inner_content():
        if isinstance(block, docx.table.Table):
            pieces = [p.text for cell in block._cells for p in cell.paragraphs]
        else:
            pieces = [block.text]
        missing += [p for p in pieces if _flat(p) and _flat(p) not in flat]
    assert missing == []


def test_without_a_converter_export_to_pdf_says_what_to_install_exits_2_and_keeps_the_docx(sample_workbook,
                                                                                           tmp_path):
    bare = tmp_path / "bin"
    bare.mkdir()
    (bare / "python3").symlink_to(sys.executable)
    target = tmp_path / "báo cáo.pdf"
    r = run_cli("export", str(sample_workbook), "-o", str(target), env={"PATH": str(bare)})
    assert r.returncode == 2
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in r.stderr
    assert "cài LibreOffice" in lines[0] and "“báo cáo.docx”" in lines[0]
    assert not target.exists()
    assert_valid_ooxml(target.with_suffix(".docx"))


def _soffice_processes():
    """Our LibreOffice processes — descendants of this test process started with a baocao-lo- profile — read
    from /proc (other engineers' conversions on the same machine are not ours)."""
    parents, commands = {}, {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            commands[stat.parent.name] = (stat.parent / "cmdline").read_bytes().decode(errors="replace")
        except (OSError, IndexError):
            continue
        parents[stat.parent.name] = fields[1]
    ours, me = set(), str(os.getpid())
    for pid in parents:
        chain, seen = pid, set()
        while chain in parents and chain not in seen and chain != "1":
            seen.add(chain)
            if parents[chain] == me:
                if "baocao-lo-" in commands.get(pid, ""):  # our private profile: soffice, oosplash, soffice.bin
                    ours.add(pid)
                break
            chain = parents[chain]
    return ours


@pytest.mark.libreoffice
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the processes from /proc")
def test_a_cancelled_conversion_stops_libreoffice_and_writes_no_pdf(exported_sample, tmp_path):
    _need("soffice")
    cancel = threading.Event()
    seen = []

    def cancel_once_running():
        end = time.monotonic() + 20
        found = set()
        while time.monotonic() < end and not found:
            found = _soffice_processes()
            time.sleep(0.02)
        seen.append(found)
        cancel.set()

    threading.Thread(target=cancel_once_running, daemon=True).start()
    target = tmp_path / "huỷ.pdf"
    started = time.monotonic()
    with pytest.raises(pdf_module.Cancelled) as raised:
        pdf_module.libreoffice_to_pdf(exported_sample, target, cancel)
    assert time.monotonic() - started < 30
    assert len(seen) == 1 and seen[0]  # LibreOffice was running when Hủy came
    for pid in seen[0]:  # and none of its processes runs on (a zombie waiting for init is gone)
        stat = Path(f"/proc/{pid}/stat")
        assert not stat.exists() or stat.read_text().rsplit(")", 1)[1].split()[0] in ("Z", "X"), pid
    assert "tệp Word vẫn được giữ" in raised.value.message
    assert not target.exists() and list(tmp_path.iterdir()) == []
    assert _soffice_processes() == set()  # nothing of ours left running


def test_a_converter_that_fails_leaves_no_pdf_and_says_so(exported_sample, tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_module, "find_soffice", lambda: sys.executable)  # "converts" by failing
    calls = []
    real = pdf_module.run_cancellable
    monkeypatch.setattr(pdf_module, "run_cancellable", lambda *a, **k: calls.append(1) or real(*a, **k))
    with pytest.raises(pdf_module.ConversionError) as raised:
        pdf_module.libreoffice_to_pdf(exported_sample, tmp_path / "x.pdf")
    assert len(calls) == 2  # one more try before saying so
    assert "LibreOffice không chuyển được" in raised.value.message
    assert list(tmp_path.iterdir()) == []


# --- Microsoft Word (Windows): the script and its command line; Word itself cannot run here -----------------

def test_word_is_not_looked_for_outside_windows():
    if sys.platform != "win32":
        assert word_pdf.word_installed() is False


def test_the_word_script_runs_word_unseen_exports_pdf_a_and_closes_word_even_on_error():
    script = word_pdf.SCRIPT
    body, _, cleanup = script.partition("} finally {")
    assert "$word.Visible = $false" in body and "$word.DisplayAlerts = 0" in body
    assert "AutomationSecurity = 3" in body  # macros off
    assert "Documents.Open($source, $false, $true, $false)" in body  # read-only, not in recent files
    export = re.search(r"ExportAsFixedFormat\(([^)]*)\)", body).group(1).split(", ")
    assert export[1] == "17" and export[-1] == "$true"  # PDF, PDF/A (ISO 19005-1)
    assert export[8] == "$true"  # document properties: title and author
    assert "$document.Close(0)" in cleanup and "$word.Quit(0)" in cleanup  # in finally: also after an error


def test_word_is_driven_through_powershell_with_the_paths_as_arguments(tmp_path, monkeypatch):
    seen = {}

    def fake_run(command, cancel, timeout=300, on_cancel=None, **how):
        seen["command"], seen["on_cancel"], seen["how"] = command, on_cancel, how
        seen["script"] = Path(command[command.index("-File") + 1]).read_text(encoding="utf-8-sig")
        Path(command[-1]).write_bytes(b"%PDF-1.7\n")
        return subprocess.CompletedProcess(command, 0, b"", b"")

    monkeypatch.setattr(word_pdf, "run_cancellable", fake_run)
    source = tmp_path / "Báo cáo năm 2023.docx"
    source.write_bytes(b"docx")
    target = word_pdf.word_to_pdf(source, tmp_path / "Báo cáo năm 2023.pdf")
    assert target.read_bytes() == b"%PDF-1.7\n"
    command = seen["command"]
    assert command[:6] == ["powershell.exe", "-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-File"]
    assert command[-2] == str(source.resolve())
    assert seen["script"] == word_pdf.SCRIPT
    assert seen["on_cancel"] is word_pdf._let_finish  # a cancel lets Word close itself, never kills it
    assert seen["how"]["die_with_us"] is False  # nor does the program's end: the script closes Word


def test_a_word_failure_is_one_sentence_and_leaves_no_pdf(tmp_path, monkeypatch):
    monkeypatch.setattr(word_pdf, "run_cancellable",
                        lambda command, cancel, **kw: subprocess.CompletedProcess(command, 1, b"", b"COM error"))
    source = tmp_path / "a.docx"
    source.write_bytes(b"docx")
    with pytest.raises(pdf_module.ConversionError) as raised:
        word_pdf.word_to_pdf(source, tmp_path / "a.pdf")
    assert "Microsoft Word không chuyển được" in raised.value.message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx"]


def test_word_is_preferred_where_it_is_installed(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(word_pdf, "word_installed", lambda: True)
    monkeypatch.setattr(word_pdf, "word_to_pdf", lambda s, t, c=None, w=None: calls.append("word") or t)
    assert pdf_module.converter_name() == "Microsoft Word"
    pdf_module.convert(tmp_path / "a.docx", tmp_path / "a.pdf")
    assert calls == ["word"]


def test_when_word_fails_libreoffice_converts_instead(tmp_path, monkeypatch):
    def word_fails(source, target, cancel=None, waiting=None):
        raise pdf_module.ConversionError("Microsoft Word không chuyển được tệp sang PDF.", "COM error")

    monkeypatch.setattr(word_pdf, "word_installed", lambda: True)
    monkeypatch.setattr(word_pdf, "word_to_pdf", word_fails)
    monkeypatch.setattr(pdf_module, "find_soffice", lambda: "soffice")
    monkeypatch.setattr(pdf_module, "libreoffice_to_pdf", lambda s, t, c=None, **kw: (t.write_bytes(b"%PDF"), t)[1])
    assert pdf_module.convert(tmp_path / "a.docx", tmp_path / "a.pdf").read_bytes() == b"%PDF"
    monkeypatch.setattr(pdf_module, "find_soffice", lambda: None)
    with pytest.raises(pdf_module.ConversionError, match="Microsoft Word"):
        pdf_module.convert(tmp_path / "a.docx", tmp_path / "b.pdf")


@pytest.mark.skipif(os.name == "nt", reason="POSIX process groups")
def test_run_cancellable_returns_the_output_of_a_finished_command():
    result = pdf_module.run_cancellable([sys.executable, "-c", "print('xong')"], threading.Event())
    assert result.returncode == 0 and result.stdout.strip() == b"xong"


# --- ready for the digital signature -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def unsigned_pdf(tmp_path_factory):
    """The sample as the văn thư receives it for signing: a signer's name, number and date left blank."""
    for tool in ("soffice", "pdftotext"):
        _need(tool)
    from baocao_gui.app import Document
    from baocao_gui.app.edits import report_fields

    folder = tmp_path_factory.mktemp("unsigned")
    workbook = folder / "mẫu.baocao"
    assert run_cli("sample", str(workbook)).returncode == 0
    doc = Document(workbook)
    try:
        for field_name, value in (("signer_name", "Nguyễn Văn An"), ("number", None), ("date", None)):
            doc.apply(report_fields.set_report_field(doc, field_name, value))
    finally:
        doc.close()
    target = folder / "chờ ký.pdf"
    r = run_cli("export", str(workbook), "-o", str(target))
    assert r.returncode == 0, r.stderr
    return target


def words(pdf, page):
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    return [(m.group(5), float(m.group(2)), float(m.group(4))) for m in re.finditer(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', out)]


@pytest.mark.libreoffice
def test_the_signature_block_keeps_room_for_the_signature_and_seal_images(unsigned_pdf):
    from baocao_gui.render.layout import SIGNATURE_ROOM_MM

    pages = int(field(pdfinfo(unsigned_pdf), "Pages"))
    page = next(n for n in range(pages, 0, -1) if any(w == "Nguyễn" for w, _, _ in words(unsigned_pdf, n)))
    on_page = words(unsigned_pdf, page)
    title_bottom = max(bottom for w, _, bottom in on_page if w == "PHÓ")
    name_top = min(top for w, top, _ in on_page if w == "Nguyễn")
    free_mm = (name_top - title_bottom) / 72 * 25.4
    assert free_mm >= SIGNATURE_ROOM_MM, f"{free_mm:.1f} mm between the title and the name"


@pytest.mark.libreoffice
def test_number_and_date_stay_blank_for_the_van_thu(unsigned_pdf):
    first = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "1", str(unsigned_pdf), "-"],
                           capture_output=True, text=True, check=True).stdout
    assert re.search(r"Số:\s+/BC-SLĐTBXH", first)
    assert re.search(r"Đắk Nông, ngày\s+tháng\s+năm 2024", first)
