from django.core.paginator import Paginator
from django.views.generic import TemplateView

from .selectors import search_hits
from .text import query_clean


class SearchView(TemplateView):
    """One search over the content a user may see; open to visitors too."""

    template_name = "search/search.html"
    paginate_by = 10
    max_query_length = 100

    def get_context_data(self, **kwargs):
        query = query_clean(
            self.request.GET.get("q", ""), max_length=self.max_query_length
        )
        context = super().get_context_data(query=query, **kwargs)
        if query:
            hits = search_hits(
                user=self.request.user, query=query, request=self.request
            )
            paginator = Paginator(hits, self.paginate_by)
            context["results"] = paginator.get_page(self.request.GET.get("page"))
        return context
