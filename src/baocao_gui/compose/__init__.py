"""Workbook model → document outline: the one place the report's structure and wording rules live."""

from .outline import Cell, Heading, Level, Outline, Paragraph, TableItem
from .report import compose_outline

__all__ = ["Cell", "Heading", "Level", "Outline", "Paragraph", "TableItem", "compose_outline"]
