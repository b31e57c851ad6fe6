"""The signer's signature and the agency's seal as pictures for a printed copy: refused unless transparent PNG,
kept per report, printed only when asked, placed per Decree 30 (the signature centred between title and name,
the seal at its real size over the signature's left third) without moving the text."""

import subprocess

import docx
import pytest
from helpers import BLUE, RED, assert_valid_ooxml, png, run_cli, seal_png, signature_png
from helpers import stored_report as stored
from test_libreoffice import _need

from baocao_gui.app import Document, EditRefused
from baocao_gui.app.edits import report_fields, reports
from baocao_gui.compose import compose_outline
from baocao_gui.domain.model import SignImages
from baocao_gui.domain.pictures import PictureError, png_size
from baocao_gui.render.html import outline_to_html


def test_only_a_transparent_png_is_taken():
    assert png_size(signature_png()) == (300, 100)
    for data, name, said in ((b"\xff\xd8\xff\xe0 a JPEG", "chữ ký.jpg", "không phải ảnh PNG"),
                             (png(10, 10, lambda x, y: BLUE, alpha=False), "scan.png", "nền trong suốt"),
                             (b"\x89PNG" + b"0" * 5_000_000, "ảnh chụp.png", "quá lớn")):
        with pytest.raises(PictureError) as refused:
            png_size(data, name)
        assert said in refused.value.message and name in refused.value.message


@pytest.fixture
def signed(sample_workbook):
    doc = Document(sample_workbook)
    try:
        doc.apply(report_fields.set_report_field(doc, "signer_name", "Nguyễn Văn An"))
        doc.apply(report_fields.set_sign_images(doc, SignImages(signature_png(), seal_png(), 35.0, printed=True)))
    finally:
        doc.close()
    return sample_workbook


def test_the_pictures_are_kept_with_the_report_and_a_wrong_one_changes_nothing(signed):
    report = stored(signed)
    assert report.images.printed and report.images.seal_mm == 35.0
    assert png_size(report.images.signature) == (300, 100)
    doc = Document(signed)
    try:
        with pytest.raises(EditRefused, match="nền trong suốt"):
            doc.apply(report_fields.set_sign_images(doc, SignImages(png(5, 5, lambda x, y: RED, alpha=False))))
        doc.apply(reports.create_next_report(doc))
    finally:
        doc.close()
    assert stored(signed).images == report.images
    assert stored(signed, 2024).images == report.images  # the next report starts with the same pictures


def test_the_pictures_are_printed_only_when_asked(signed):
    from baocao_gui.store import load_workbook, open_workbook

    db = open_workbook(signed, readonly=True)
    workbook = load_workbook(db)
    db.close()
    report = workbook.report_for(2023)
    assert compose_outline(workbook, report).signature.signature_png == report.images.signature
    import dataclasses

    unprinted = dataclasses.replace(report, images=dataclasses.replace(report.images, printed=False))
    outline = compose_outline(workbook, unprinted)
    assert outline.signature.signature_png is None and outline.signature.seal_png is None
    assert "[ảnh chữ ký và con dấu" not in outline_to_html(outline)
    html = outline_to_html(compose_outline(workbook, report))
    assert '<img src="baocao-picture:seal"' in html and '<img src="baocao-picture:signature"' in html


@pytest.fixture
def exported(signed, tmp_path):
    target = tmp_path / "bản in.docx"
    r = run_cli("export", str(signed), "-o", str(target))
    assert r.returncode == 0, r.stderr
    return target


def test_the_pictures_float_in_front_of_the_text_in_the_signature_cell(exported):
    assert_valid_ooxml(exported)
    document = docx.Document(str(exported))
    table = next(t for t in document.tables if t.rows[0].cells[0].paragraphs[0].text == "Nơi nhận:")
    xml = table.rows[0].cells[1]._tc.xml
    assert xml.count("<wp:anchor") == 2 and xml.count("<wp:wrapNone/>") == 2
    assert "<wp:inline" not in xml
    texts = [p.text for p in table.rows[0].cells[1].paragraphs]
    assert texts == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "", "", "", "Nguyễn Văn An"]  # the text is unchanged


def _boxes(image_path, colours):
    """Bounding boxes (x0, y0, x1, y1) in pixels of the pixels near each colour."""
    from PySide6.QtGui import QImage

    image = QImage(str(image_path))
    found = {name: None for name in colours}
    for y in range(image.height()):
        for x in range(image.width()):
            c = image.pixelColor(x, y)
            for name, (r, g, b, _a) in colours.items():
                if abs(c.red() - r) < 60 and abs(c.green() - g) < 60 and abs(c.blue() - b) < 60:
                    box = found[name]
                    found[name] = (x, y, x, y) if box is None else (min(box[0], x), min(box[1], y),
                                                                    max(box[2], x), max(box[3], y))
    return found


@pytest.mark.libreoffice
def test_libreoffice_places_the_signature_between_title_and_name_and_the_seal_over_its_left_third(
        exported, tmp_path, qapp):
    from baocao_gui.render.pdf import docx_to_pdf

    for tool in ("soffice", "pdftotext", "pdftoppm"):
        _need(tool)
    pdf = docx_to_pdf(exported, tmp_path / "pdf")
    pages = int(next(line.split()[-1] for line in subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()
        if line.startswith("Pages:")))
    dpi = 100
    subprocess.run(["pdftoppm", "-f", str(pages), "-l", str(pages), "-r", str(dpi), "-png", "-singlefile",
                    str(pdf), str(tmp_path / "last")], check=True)
    words = subprocess.run(["pdftotext", "-bbox", "-f", str(pages), "-l", str(pages), str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout
    import re

    def word(text):
        m = re.search(rf'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">{text}</word>', words)
        return [float(v) * dpi / 72 for v in m.groups()]

    import os
    import shutil

    if os.environ.get("BAOCAO_SCREENSHOTS"):  # a picture for docs/
        shutil.copyfile(tmp_path / "last.png", os.path.join(os.environ["BAOCAO_SCREENSHOTS"], "signature-pictures.png"))
    px_per_mm = dpi / 25.4
    title, name = word("PHÓ"), word("Nguyễn")
    boxes = _boxes(tmp_path / "last.png", {"signature": BLUE, "seal": RED})
    sig, seal = boxes["signature"], boxes["seal"]
    assert sig is not None and seal is not None
    assert title[3] <= sig[1] and sig[3] <= name[1]  # the signature sits in the room between title and name
    signer_centre = (word("KT.")[0] + word("ĐỐC")[2]) / 2
    assert abs((sig[0] + sig[2]) / 2 - signer_centre) < 4 * px_per_mm  # centred under the title
    assert abs((seal[2] - seal[0]) - 35 * 0.96 * px_per_mm) < 1.5 * px_per_mm  # the ring is 96 % of the picture
    sig_third = sig[0] + (sig[2] - sig[0]) / 3
    assert abs(seal[2] - sig_third) < 3 * px_per_mm  # the seal's right edge a third into the signature
    assert abs((seal[1] + seal[3]) / 2 - (sig[1] + sig[3]) / 2) < 2 * px_per_mm  # centred on it vertically
