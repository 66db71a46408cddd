"""``/api/v1/ledgers``: spare parts, keys and fixed assets with their movements.

The same rights and rows as the ledger pages (``ledgers.access``): anyone of
the carrier or of a contractor company reads (else 403), the carrier and the
contractors' managers and engineers move (else 403), another company's row
is a 404. Each movement goes through the service the page uses.
"""

from ninja import Router

from .assets import router as assets
from .keys import router as keys
from .parts import router as parts

router = Router(tags=["ledgers"])
for ledger in (parts, keys, assets):
    router.add_router("", ledger)
