"""Workbook model → document outline: the one place the report's structure and wording rules live."""

from .outline import Heading, Level, Outline, Paragraph
from .report import compose_outline

__all__ = ["Heading", "Level", "Outline", "Paragraph", "compose_outline"]
