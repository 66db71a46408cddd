"""Policy pages as a search source."""

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from home.models import PolicyPage
from home.privacy import pages_visible_to

from .sources import Hit, SearchSource
from .text import text_search


class PolicySource(SearchSource):
    key = "policies"
    label = _("Policy")
    order = 10

    def results(self, *, user, query: str):
        policies = pages_visible_to(user, PolicyPage.objects.all())
        return text_search(
            policies,
            query,
            title_fields=("title", "title_en"),
            ordering=("-effective_date", "path"),
        )

    def hit(self, obj, *, request=None) -> Hit:
        return Hit(
            kind=str(self.label),
            title=obj.localized_title,
            url=obj.get_url(request=request),
            summary=strip_tags(obj.localized_intro),
            meta=" · ".join(
                (
                    obj.get_category_display(),
                    obj.version,
                    obj.effective_date.isoformat(),
                )
            ),
        )
