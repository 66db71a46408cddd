"""A year of data for the dashboards benchmark: 10 contractors, 100,000 fault
tickets, 20,000 requests (leave and staff changes), in bulk statements.

Rows are built as model instances (so every default is filled) and written a
table of the model chain at a time (``bench.seed._insert``): viewflow's
``Process``, ``Request``, the flow's own table. Dates spread over the 365 days
before today; a fixed random seed makes every run alike.

The obligations app (work log, reports) is not in every branch: its 50,000
work-log entries come from ``EXTRA_SEEDERS`` once a module there offers
``seed(*, rng, companies, users, start, end, count)``; until then the run says
it skipped them.
"""

import datetime
import importlib
import random
from dataclasses import dataclass

TICKETS = 100_000
REQUESTS = 20_000
COMPANIES = 10
REGIONS = 5
SITES_PER_COMPANY = 20
STAFF_PER_COMPANY = 50
# name → (module, count): seeded only when the module exists.
EXTRA_SEEDERS = {"work_log": ("workflows.obligations.bench_seed", 50_000)}


@dataclass
class World:
    companies: list
    sites: list
    contracts: list
    staff: list
    carrier: object
    managers: list
    requester: object


def world_create(rng) -> World:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from registry.models import (
        Company,
        Contract,
        Membership,
        Region,
        Site,
        StaffMember,
    )

    User = get_user_model()
    tiers = [choice for choice, _label in Region.Tier.choices]
    regions = Region.objects.bulk_create(
        Region(
            code=f"r{i}", name_zh=f"区域{i}", name_en=f"Region {i}", tier=tiers[i % 4]
        )
        for i in range(REGIONS)
    )
    companies = Company.objects.bulk_create(
        Company(
            code=f"c{i}", name_zh=f"代维{i}", name_en=f"Contractor {i}", hotline="1"
        )
        for i in range(COMPANIES)
    )
    sites = Site.objects.bulk_create(
        Site(
            code=f"s{c.pk}-{i}",
            name_zh=f"站点{c.pk}-{i}",
            kind="base_station",
            region=regions[(c.pk + i) % REGIONS],
            maintained_by=c,
        )
        for c in companies
        for i in range(SITES_PER_COMPANY)
    )
    today = datetime.date.today()
    contracts = Contract.objects.bulk_create(
        Contract(
            company=c,
            number=f"HT-{c.code}",
            period_start=today - datetime.timedelta(days=400),
            period_end=today + datetime.timedelta(days=400),
            headcount=STAFF_PER_COMPANY,
        )
        for c in companies
    )
    staff = StaffMember.objects.bulk_create(
        StaffMember(
            company=contract.company,
            contract=contract,
            employee_no=f"{contract.company.code}-{i}",
            name=f"员工{i}",
            joined_on=today - datetime.timedelta(days=500),
            status=StaffMember.Status.ON_DUTY,
        )
        for contract in contracts
        for i in range(STAFF_PER_COMPANY)
    )
    carrier = User.objects.create(username="bench-carrier")
    carrier.groups.add(Group.objects.get(name="carrier_admin"))
    requester = User.objects.create(username="bench-noc")
    requester.groups.add(Group.objects.get(name="monitoring_centre"))
    managers = []
    for company in companies:
        manager = User.objects.create(username=f"bench-manager-{company.code}")
        manager.groups.add(Group.objects.get(name="contractor_manager"))
        Membership.objects.create(user=manager, company=company)
        managers.append(manager)
    return World(companies, sites, contracts, staff, carrier, managers, requester)


def chain_insert(objects: list) -> None:
    """Insert unsaved instances of one multi-table model, a statement a table."""
    from viewflow.workflow.models import Process

    from bench.seed import _insert

    model = type(objects[0])
    chain = [*reversed(model._meta.get_parent_list()), model]
    roots = Process.objects.bulk_create(
        Process(**{f.attname: getattr(o, f.attname) for f in Process._meta.fields})
        for o in objects
    )
    for obj, root in zip(objects, roots, strict=True):
        obj.pk = obj.id = root.pk
    for table in chain[1:]:
        ptr = table._meta.pk.attname
        rows = [
            {
                f.attname: getattr(o, f.attname)
                for f in table._meta.local_concrete_fields
            }
            | {ptr: o.id}
            for o in objects
        ]
        _insert(table, rows)


def _moment(rng, now):
    return now - datetime.timedelta(seconds=rng.uniform(0, 365 * 86400))


def tickets_seed(rng, world: World, count: int = TICKETS, batch: int = 10_000):
    from django.utils import timezone

    from workflows.faults.flows import FaultFlow
    from workflows.faults.models import FaultTicket

    now = timezone.now()
    for first in range(0, count, batch):
        rows = []
        for n in range(first, min(count, first + batch)):
            site = rng.choice(world.sites)
            at = _moment(rng, now)
            hours = rng.choice((3, 5, 6, 8, 10))
            due = at + datetime.timedelta(hours=hours)
            restored = at + datetime.timedelta(hours=rng.uniform(0.5, hours * 1.3))
            closed = restored < now and rng.random() < 0.95
            rows.append(
                FaultTicket(
                    flow_class=FaultFlow,
                    status="DONE" if closed else "NEW",
                    created=at,
                    reference=f"B-{n:07d}",
                    company_id=site.maintained_by_id,
                    requester=world.requester,
                    summary="基站退服",
                    site=site,
                    level=rng.choice((1, 2, 3, 4)),
                    mode="on_site",
                    tier="core_city",
                    description="基站退服",
                    state="closed" if closed else "accepted",
                    dispatched_at=at,
                    accepted_at=at + datetime.timedelta(minutes=10),
                    restored_at=restored if closed else None,
                    sla_hours=hours,
                    sla_due_at=due,
                    overdue=closed and restored > due,
                    confirmed_at=restored if closed else None,
                )
            )
        chain_insert(rows)


def requests_seed(rng, world: World, count: int = REQUESTS):
    from django.utils import timezone

    from workflows.leave.flows import LeaveFlow
    from workflows.leave.models import Leave
    from workflows.staff_change.flows import StaffChangeFlow
    from workflows.staff_change.models import StaffChange

    now = timezone.now()
    leaves, changes = [], []
    for n in range(count):
        at = _moment(rng, now)
        outcome = rng.choice(("approved", "approved", "rejected", ""))
        common = {
            "status": "DONE" if outcome else "NEW",
            "created": at,
            "reference": f"R-{n:07d}",
            "requester": world.managers[n % COMPANIES],
            "summary": "申请",
            "outcome": outcome,
        }
        if n % 2:
            person = rng.choice(world.staff)
            day = at.date()
            leaves.append(
                Leave(
                    flow_class=LeaveFlow,
                    company_id=person.company_id,
                    person=person,
                    start_date=day,
                    end_date=day + datetime.timedelta(days=1),
                    reason="事假",
                    days=2,
                    **common,
                )
            )
        else:
            contract = world.contracts[n % COMPANIES]
            changes.append(
                StaffChange(
                    flow_class=StaffChangeFlow,
                    company_id=contract.company_id,
                    contract=contract,
                    kind="add",
                    reason="业务量增加",
                    effective_date=at.date(),
                    positions=rng.choice((0, 0, 0, 1)),
                    **common,
                )
            )
    chain_insert(leaves)
    chain_insert(changes)


def extras_seed(rng, world: World) -> dict[str, object]:
    """The optional seeders' counts, or why one was skipped."""
    from django.utils import timezone

    done = {}
    end = timezone.now()
    for name, (module_name, count) in EXTRA_SEEDERS.items():
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError:
            done[name] = f"skipped: no {module_name}"
            continue
        module.seed(
            rng=rng,
            companies=world.companies,
            users=world.managers,
            start=end - datetime.timedelta(days=365),
            end=end,
            count=count,
        )
        done[name] = count
    return done


def seed_all() -> tuple[World, dict]:
    from django.db import connection, transaction

    rng = random.Random(16)
    with transaction.atomic():
        world = world_create(rng)
        tickets_seed(rng, world)
        requests_seed(rng, world)
        extras = extras_seed(rng, world)
    with connection.cursor() as cursor:
        # What a running site's database knows of its tables (PostgreSQL's
        # autovacuum, SQLite's PRAGMA optimize): the planner's statistics.
        cursor.execute("ANALYZE")
    return world, {"tickets": TICKETS, "requests": REQUESTS, **extras}
