"""Baseline: a bare python-docx script that writes the same paragraphs as the report, nothing else."""

import json
import sys

import docx

with open(sys.argv[1], encoding="utf-8") as f:
    lines = json.load(f)
document = docx.Document()
for line in lines:
    document.add_paragraph(line)
document.save(sys.argv[2])
