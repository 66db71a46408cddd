"""factory_boy factories for the portal's models; append new ones per app section."""

import datetime

import factory
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from factory.django import DjangoModelFactory, Password

from portal.roles import apply_role_permissions
from registry.calendar import local_today
from registry.models import Company, Contract, Membership, Region, Site, StaffMember
from workflows.leave.flows import LeaveFlow
from workflows.leave.models import Leave
from workflows.models import Request

TEST_PASSWORD = "correct-horse-battery-staple"


def role_group(role: str) -> Group:
    """The group of ``role``; recreated with its permissions after a DB flush."""
    group = Group.objects.filter(name=role).first()
    if group is None:
        apply_role_permissions(apps)
        group = Group.objects.get(name=role)
    return group


# registry -----------------------------------------------------------------


class CompanyFactory(DjangoModelFactory):
    class Meta:
        model = Company

    code = factory.Sequence(lambda n: f"company-{n}")
    name_zh = factory.Sequence(lambda n: f"代维公司{n}")
    name_en = factory.Sequence(lambda n: f"Contractor {n}")
    hotline = factory.Sequence(lambda n: f"400-800-{n:04d}")


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = Region

    code = factory.Sequence(lambda n: f"region-{n}")
    name_zh = factory.Sequence(lambda n: f"区域{n}")
    name_en = factory.Sequence(lambda n: f"Region {n}")
    tier = Region.Tier.CORE_CITY


class ContractFactory(DjangoModelFactory):
    class Meta:
        model = Contract
        skip_postgeneration_save = True

    company = factory.SubFactory(CompanyFactory)
    number = factory.Sequence(lambda n: f"HT-{n:04d}")
    period_start = datetime.date(2025, 1, 1)
    # A year past today, whatever today is: requests dated from today fit in.
    period_end = factory.LazyFunction(
        lambda: local_today() + datetime.timedelta(days=365)
    )
    headcount = 20

    @factory.post_generation
    def regions(self, create, extracted, **kwargs):
        if create and extracted:
            self.regions.add(*extracted)


class SiteFactory(DjangoModelFactory):
    class Meta:
        model = Site

    code = factory.Sequence(lambda n: f"site-{n}")
    name_zh = factory.Sequence(lambda n: f"站点{n}")
    name_en = factory.Sequence(lambda n: f"Site {n}")
    kind = Site.Kind.BASE_STATION
    region = factory.SubFactory(RegionFactory)
    maintained_by = factory.SubFactory(CompanyFactory)


class StaffMemberFactory(DjangoModelFactory):
    """A staff member; pass ``contract`` of the same company when one is needed."""

    class Meta:
        model = StaffMember

    company = factory.SubFactory(CompanyFactory)
    contract = None
    employee_no = factory.Sequence(lambda n: f"E{n:05d}")
    name = factory.Sequence(lambda n: f"员工{n}")
    position = StaffMember.Position.ENGINEER
    status = StaffMember.Status.ON_DUTY
    joined_on = datetime.date(2024, 3, 1)


# accounts -----------------------------------------------------------------


class UserFactory(DjangoModelFactory):
    """A portal user: ``roles=[Role.X, ...]`` joins groups, ``company=`` a company."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = Password(TEST_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*(role_group(role) for role in extracted))

    @factory.post_generation
    def company(self, create, extracted, **kwargs):
        if create and extracted is not None:
            Membership.objects.create(user=self, company=extracted)


# workflows ----------------------------------------------------------------


class RequestFactory(DjangoModelFactory):
    """A bare request row (no flow process, no tasks): for lists and search.

    Tests of what a flow does file through its service instead.
    """

    class Meta:
        model = Request

    flow_class = LeaveFlow
    reference = factory.Sequence(lambda n: f"RQ-2026-{n:05d}")
    company = factory.SubFactory(CompanyFactory)
    requester = factory.SubFactory("tests.factories.UserFactory")
    summary = factory.Sequence(lambda n: f"申请事项{n}")
    summary_en = factory.Sequence(lambda n: f"Request item {n}")


class LeaveFactory(RequestFactory):
    """A bare leave row of ``person`` (no tasks): for lists of a person's requests."""

    class Meta:
        model = Leave

    person = factory.SubFactory(StaffMemberFactory)
    company = factory.LazyAttribute(lambda leave: leave.person.company)
    start_date = datetime.date(2026, 3, 2)
    end_date = datetime.date(2026, 3, 3)
    days = 2
    reason = "家中有事"
