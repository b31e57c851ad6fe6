"""Dialogs: reports and periods, a new workbook, an indicator's properties, reviews, boxes."""
