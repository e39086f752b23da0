"""Reusable widgets: the spreadsheet-like SheetView and widgets bound to the report."""
