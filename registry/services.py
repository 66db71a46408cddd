"""Writes of master data that flows share: the company's staff numbers."""

import re
from collections import Counter

from django.db import transaction

from .models import Company, StaffMember

# A staff number as the companies write them: letters, then digits (QM001).
NUMBER = re.compile(r"^(?P<prefix>[A-Za-z]+)(?P<digits>\d+)$")
DEFAULT_WIDTH = 3


def staff_number_next(*, company: Company) -> str:
    """The next staff number of ``company``, in the format its numbers use.

    Taken under a lock on the company row, so two approvals that add people to
    one company at once get different numbers; call it inside the transaction
    that saves the new person. The prefix is the one most of the company's
    numbers carry (the first letters of its code when it has none yet), the
    number one above the highest with that prefix, as wide as the widest.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("staff_number_next needs the caller's transaction")
    Company.objects.select_for_update(no_key=True).only("pk").get(pk=company.pk)
    numbers = StaffMember.objects.filter(company=company).values_list(
        "employee_no", flat=True
    )
    parsed = [match for number in numbers if (match := NUMBER.match(number))]
    prefixes = Counter(match["prefix"] for match in parsed)
    if not prefixes:
        return f"{company.code[:2].upper()}{1:0{DEFAULT_WIDTH}d}"
    prefix = prefixes.most_common(1)[0][0]
    digits = [match["digits"] for match in parsed if match["prefix"] == prefix]
    width = max(len(value) for value in digits)
    return f"{prefix}{max(int(value) for value in digits) + 1:0{width}d}"
