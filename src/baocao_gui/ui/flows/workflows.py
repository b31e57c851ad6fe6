"""The window's file and period workflows, each a short conversation with the clerk around one call of the
application layer, one module each: exporting (Word, PDF, sending), periods (new, changed, deleted reports; the
agency renamed), sent_reports (marked sent, unlocked, changes since, an edited export back), saving (Ctrl+S, a copy,
a backup restored), sectors (added or brought back), sheet_import (figures in from a spreadsheet). Each refuses to go on while typed text cannot be saved, rather
than act on a workbook without it (``Conversation.unsaved_refusal``)."""

from __future__ import annotations

from .exporting import ExportFlow
from .handover import HandoverFlow
from .periods import PeriodFlow
from .rollup import RollupFlow
from .saving import SavingFlow
from .sectors import SectorFlow
from .sent_reports import SentFlow
from .sheet_import import SheetImportFlow


class Workflows(ExportFlow, PeriodFlow, SentFlow, SavingFlow, SectorFlow, SheetImportFlow, RollupFlow, HandoverFlow):
    """All the window's conversations on one object (``window.flows``), which the menus and buttons call."""
