"""Layout constants both renderers share (the .docx and the preview's HTML), from Decree 30's layout rules
(../shared/reference/nd30-layout.md): one place to change a size so that the preview keeps showing the page."""

TEXT_MM = 155.0  # A4 less the 30 mm left and 15–20 mm right margins: the text width
BODY_PT = 14  # body text, 13–14 pt
# The first-page header table, wider than the text (Mẫu 1.4: 67.5 + 100 mm, shifted 3.5 mm left): its cells without
# side margins (the text is centred), the right column as wide as the national heading needs (95.7 mm at 13 pt
# bold), the left one taking "SỞ LAO ĐỘNG - THƯƠNG BINH" on one line at 13 pt with room to spare
# (render/header_lines.py); shifted 5 mm left, it starts 30 mm from the paper's edge, the decree's narrowest margin.
HEADER_MM = (73.0, 96.5)
HEADER_CELL_MARGIN_MM = 0.0
HEADER_PT = 13  # the agency lines: 12–13 pt (PL I); 12 only where it keeps a name whole
HEADER_SMALLEST_PT = 12
HEADER_SHIFT_MM = -5.0
SIGNATURE_MM = (75.0, 80.0)  # recipients | signer
CELL_MARGIN_MM = 1.905  # Word's default left and right cell margin (108 twips, 0,19 cm)
# Room between the signer's title and name for the hand signature, or for the digital signature's images (the
# signature image centred there, the seal image over its left third; PL I, chữ ký số): at least
# SIGNATURE_ROOM_MM of free height on the rendered page. The decree's 4 blank lines gave 22 mm in LibreOffice,
# less than a signature image is tall; 30 pt more above the name make it about 33 mm, without changing the text
# (a sent report exports the same text as before).
SIGNATURE_GAP_LINES = 4
SIGNATURE_NAME_SPACE_PT = 30
SIGNATURE_ROOM_MM = 30.0
SIGNATURE_PICTURE_MM = (60.0, 22.0)  # the largest a signature picture is printed (width, height)
TABLE_PT = 13  # a table in the text: 12–13 pt
TABLE_BORDER_EIGHTHS = 4  # single borders, ½ pt
TABLE_CELL_SPACE_PT = 2  # above and below a cell's text
# The figures annex (PL I: landscape only for a wide table in an appendix): A4 turned, the same margins as read.
LANDSCAPE_TEXT_MM = 297.0 - 35.0 - 20.0
ANNEX_PT = 12  # its table, 12–13 pt
ANNEX_NAME_MIN_MM = 60.0  # the indicator's name: narrower than this, the annex turns the page
ANNEX_INDENT_MM = 5.0  # a breakdown under its total
