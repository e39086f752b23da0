"""Thin Qt models over the report (no copy of the data)."""
