"""Measuring extraction quality against gold standards (see docs/quality.md)."""
