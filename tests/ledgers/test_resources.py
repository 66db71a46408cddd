"""The ledgers' resources: an export imports back unchanged, in either language."""

import pytest
import tablib
from django.utils import translation

from ledgers.models import Asset, Key, Part
from ledgers.resources import AssetResource, KeyResource, PartResource
from registry.imports.services import _headers_normalise

pytestmark = pytest.mark.django_db


def round_trip(resource_class, queryset, language):
    with translation.override(language):
        content = resource_class().export(queryset).export("csv")
        dataset = tablib.Dataset().load(content, format="csv")
        resource = resource_class()
        _headers_normalise(resource, dataset)
        return resource.import_data(dataset, dry_run=True)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_exports_import_back_unchanged(language, part_a, key_a, asset_a, site_a):
    Part.objects.filter(pk=part_a.pk).update(store="=cmd|x", site=site_a)
    for resource_class, model in (
        (PartResource, Part),
        (KeyResource, Key),
        (AssetResource, Asset),
    ):
        result = round_trip(resource_class, model.objects.all(), language)
        assert not result.has_errors() and not result.has_validation_errors()
        assert result.totals["skip"] == 1, resource_class


def test_headers_in_chinese_and_cells_neutralised(part_a):
    Part.objects.filter(pk=part_a.pk).update(store="=cmd|x")
    with translation.override("zh-hans"):
        dataset = PartResource().export(Part.objects.all())
    assert dataset.headers[:2] == ["备件编号", "序列号"]
    assert dataset[0][5] == "'=cmd|x"


def test_another_companys_row_is_refused_for_a_contractor(part_b, company_a):
    with translation.override("en"):
        content = PartResource().export(Part.objects.all()).export("csv")
        dataset = tablib.Dataset().load(content, format="csv")
        resource = PartResource(company=company_a)
        _headers_normalise(resource, dataset)
        result = resource.import_data(dataset, dry_run=True)
    assert result.has_validation_errors()
