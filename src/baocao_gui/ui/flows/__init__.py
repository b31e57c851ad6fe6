"""Conversations around one call of app/: export, PDF, periods, sent reports, parts, Word files."""
