"""Benchmarks: ``python -m bench`` runs every ``bench/*_vs_*.py`` module.

Each prints ratios against a bare baseline measured in the same run, the absolute
figures and the command line, and writes ``bench/results/<name>.json``.
Shared pieces: :mod:`bench.harness` (fresh site, Daphne server), :mod:`bench.load`
(load generator, percentiles), :mod:`bench.report` (table, ratios, JSON).
"""
