"""Editors of what a clerk types: paragraphs, tables, figures, dates; the binding that saves them."""
