"""Outline → .docx (python-docx on the bundled template), → PDF where LibreOffice is present."""
