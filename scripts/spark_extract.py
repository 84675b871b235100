#!/usr/bin/env python3
"""Runs `strikegraph extract` over a JSON Lines corpus with Apache Spark.

Each partition's records are piped through one `strikegraph extract -` process (records in
on stdin, N-Quads out on stdout); the partitions' N-Quads are written as Spark text part
files, whose union is the corpus's graph. strikegraph mints IRIs from names and article
ids alone, so the partitions need no coordination: the same entity gets the same IRI in
every partition, and each article's quads are in its own named graph.

    python3 scripts/spark_extract.py --strikegraph PATH --input corpus.jsonl \
        --output quads/ [--partitions 4] [--master local[2]]
"""

import argparse
import os
import shlex
import sys
import time

from pyspark.sql import SparkSession


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strikegraph", required=True, help="path of the strikegraph binary")
    parser.add_argument("--input", required=True, help="JSON Lines corpus")
    parser.add_argument("--output", required=True, help="folder for the N-Quads part files (must not exist)")
    parser.add_argument("--partitions", type=int, default=4)
    parser.add_argument("--master", default="local[2]")
    args = parser.parse_args()

    binary = os.path.abspath(args.strikegraph)
    spark = (
        SparkSession.builder.master(args.master)
        .appName("strikegraph-extract")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    started = time.time()
    records = spark.sparkContext.textFile(os.path.abspath(args.input), minPartitions=args.partitions)
    # One extract process per partition (PySpark's pipe takes a shell-quoted command line).
    # checkCode: a non-zero exit (a record extract had to skip) fails the task, so no
    # partition's output is lost silently; extract names the record on the task's stderr.
    command = " ".join(shlex.quote(a) for a in [binary, "--quiet", "extract", "-"])
    quads = records.pipe(command, checkCode=True)
    quads.saveAsTextFile(os.path.abspath(args.output))
    written = spark.read.text(os.path.abspath(args.output)).count()
    print(
        f"spark: {records.getNumPartitions()} partitions, {written} quads "
        f"in {time.time() - started:.1f}s -> {args.output}",
        file=sys.stderr,
    )
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
