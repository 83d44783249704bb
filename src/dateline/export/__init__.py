"""Exports of the stored events: PLOVER JSONL, full records JSONL, CSV and Parquet.

Every export reads through the ``Store`` API in a fixed order, so the same
database content always gives byte-identical output, whatever order the
articles were written in. Each function returns how many rows it wrote.
"""

from __future__ import annotations

from dateline.export.jsonl import export_plover, export_records
from dateline.export.tabular import export_csv, export_parquet

__all__ = ["export_csv", "export_parquet", "export_plover", "export_records"]
