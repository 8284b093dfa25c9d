"""Pausing Python's cycle collector while a pact is loaded, compared or rendered.

Records, models, report contexts and rendered strings are trees: building them makes millions
of objects and no reference cycle, yet the collector, triggered every 700 allocations, rescans
everything kept so far again and again (a quarter of `validate` and half of `report` on a
10 000-action pact). Reference counting still frees memory; the collector resumes after.

When it resumes, everything still alive is first frozen (`gc.freeze`): otherwise the millions of
objects allocated during the pause all sit in the youngest generation, and the first collections
after it (while the result is printed) would scan them all, and again as they age. Frozen objects
are still freed by reference counting; only a reference cycle among them would stay until exit.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """A context manager, usable as a decorator too (`@cycle_collector_paused()`)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:  # the outermost pause: what it built is kept, never to be scanned
            gc.freeze()
            gc.enable()
