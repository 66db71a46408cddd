"""The carrier's checks of inspections, on plain values: seeds, samples, sizes.

A draw is reproducible: its seed is a digest of the company and the period,
and the sample is taken from the candidates sorted by id with a generator
seeded by it, so the same seed and candidates always give the same sample.
The yearly spot check covers ``ceil(percent × sites / 100)`` sites: 2% of 50
sites is 1, of 51 sites 2; a company without sites has none to check.
"""

import hashlib
import math
import random
from decimal import Decimal


def draw_seed(*, company_id: int, year: int, month: int = 0) -> str:
    """The stored seed of a company's draw for a month (``month=0``: the year)."""
    text = f"daiwei-inspection:{company_id}:{year}:{month}"
    return hashlib.sha256(text.encode()).hexdigest()


def sample_draw(*, candidates, size: int, seed: str) -> list[int]:
    """``size`` of the candidate ids (all of them if fewer), in id order."""
    pool = sorted(set(candidates))
    if size >= len(pool):
        return pool
    return sorted(random.Random(seed).sample(pool, size))


def spot_check_size(*, site_count: int, percent: Decimal) -> int:
    """Sites to spot-check in a year: ``percent`` of ``site_count``, rounded up."""
    exact = Decimal(site_count) * Decimal(percent) / 100
    return min(site_count, math.ceil(exact))


def previous_month(*, year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)
