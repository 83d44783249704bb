"""Distributed ingest on Dask: partitions, pure tasks and idempotent sinks.

    from dateline.runs import ingest_dask
    from dateline.scale import ParquetSink, SqlSink

    ingest_dask(["stories/"], settings, SqlSink("postgresql+psycopg://..."))
    ingest_dask(["stories/"], settings, ParquetSink(Path("out/")), scheduler="tcp://host:8786")

See ``docs/scale.md``.
"""

from __future__ import annotations

from dateline.scale.cluster import (
    DEFAULT_PARTITION_SIZE,
    PipelinePlugin,
    connect,
    ingest_on_cluster,
    run_partition,
)
from dateline.scale.partitions import Partition, partitions
from dateline.scale.sinks import ParquetSink, Sink, SqlSink, event_month

__all__ = [
    "DEFAULT_PARTITION_SIZE",
    "ParquetSink",
    "Partition",
    "PipelinePlugin",
    "Sink",
    "SqlSink",
    "connect",
    "event_month",
    "ingest_on_cluster",
    "partitions",
    "run_partition",
]
