"""Run work in threads released at once, for the flows' concurrency tests."""

import threading

from django.db import connection

RACERS = 20


def race(work, count=RACERS):
    """Run ``work(i)`` in ``count`` threads released at once; collect results."""
    barrier = threading.Barrier(count)
    results, errors = [None] * count, []

    def run(i):
        try:
            barrier.wait()
            results[i] = work(i)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return results
