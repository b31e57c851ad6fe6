"""The window's tabs: general information, one per sector, the report-wide parts, the annex."""
