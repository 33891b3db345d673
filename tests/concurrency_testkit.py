"""Several threads doing one thing at the same moment, each on its own database connection."""

import threading

from django.db import connections


def run_in_threads(targets) -> list:
    """Start all targets at once (behind a barrier), collect results and exceptions, close connections."""
    barrier = threading.Barrier(len(targets))
    results: list = [None] * len(targets)

    def wrap(index, target):
        try:
            barrier.wait(timeout=30)
            results[index] = target()
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=wrap, args=(i, t)) for i, t in enumerate(targets)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a thread hung"
    return results
