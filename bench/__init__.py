"""Benchmarks: ``python -m bench`` runs every module of ``bench.__main__.BENCHMARKS``.

Each prints ratios against a bare baseline measured in the same run, the absolute
figures and the command line, and writes ``bench/results/<name>.json``.
Shared pieces: :mod:`bench.harness` (fresh site, Daphne or uvicorn server),
:mod:`bench.seed` (users, sessions, tasks), :mod:`bench.load` (HTTP load generator,
percentiles), :mod:`bench.browser` (form posts and sockets of a logged-in user),
:mod:`bench.report` (tables, ratios, JSON); :mod:`bench.asgi` adds the bare echo
socket and :mod:`bench.urls` the bare pages.
"""
