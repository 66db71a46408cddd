"""Portal pages of the ledgers: lists with filters, details with history and
the movement forms. Rows come only through ``access``: another company's row
is a 404, for reading and for acting alike.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.generic import DetailView, ListView

from registry.calendar import local_today
from registry.roles import is_carrier

from . import access, services
from .filters import AssetFilter, KeyFilter, PartFilter, without_company
from .forms import AssetChangeForm, PartMoveForm, SignOutForm
from .models import PartState


class LedgerAccess:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path())
        if not access.may_view(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            show_company=is_carrier(self.request.user),
            may_act=access.may_act(self.request.user),
            now=timezone.now(),
            today=local_today(),
            **kwargs,
        )


class FilteredList(LedgerAccess, ListView):
    paginate_by = 50
    filterset_class = None
    selector = None

    def get_queryset(self):
        user = self.request.user
        self.filterset = self.filterset_class(
            self.request.GET, queryset=type(self).selector(user), request=self.request
        )
        if not is_carrier(user):
            without_company(self.filterset)
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            filter=self.filterset, query=query.urlencode(), **kwargs
        )


class PartListView(FilteredList):
    template_name = "ledgers/part_list.html"
    filterset_class = PartFilter
    selector = staticmethod(access.parts_for_user)

    def get_context_data(self, **kwargs):
        counts = access.parts_for_user(self.request.user).aggregate(
            late=Count("pk", filter=Q(late=True)),
            overdue=Count(
                "pk", filter=Q(state=PartState.BROKEN, repair_due__lt=local_today())
            ),
        )
        return super().get_context_data(counts=counts, **kwargs)


class KeyListView(FilteredList):
    template_name = "ledgers/key_list.html"
    filterset_class = KeyFilter
    selector = staticmethod(access.keys_for_user)

    def get_queryset(self):
        return super().get_queryset().distinct()


class KeyAuditView(LedgerAccess, ListView):
    """Who holds which key now, oldest sign-out first."""

    template_name = "ledgers/key_audit.html"
    paginate_by = 100

    def get_queryset(self):
        loans = access.loans_for_user(self.request.user)
        return loans.filter(returned_at__isnull=True).order_by("out_at", "pk")

    def get_context_data(self, **kwargs):
        return super().get_context_data(query="", **kwargs)


class AssetListView(FilteredList):
    template_name = "ledgers/asset_list.html"
    filterset_class = AssetFilter
    selector = staticmethod(access.assets_for_user)


class ActionDetail(LedgerAccess, DetailView):
    """A row with its history; POST runs one movement through the services."""

    selector = None
    form_class = None

    def get_queryset(self):
        return type(self).selector(self.request.user)

    def form_kwargs(self) -> dict:
        return {}

    def get_context_data(self, **kwargs):
        if "form" not in kwargs and access.may_act(self.request.user):
            kwargs["form"] = self.form_class(**self.form_kwargs())
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        if not access.may_act(request.user):
            raise PermissionDenied
        self.object = self.get_object()
        form = self.form_class(request.POST, **self.form_kwargs())
        if form.is_valid():
            try:
                self.act(form.cleaned_data)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                return redirect(request.path)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class PartDetailView(ActionDetail):
    template_name = "ledgers/part_detail.html"
    context_object_name = "part"
    selector = staticmethod(access.parts_for_user)
    form_class = PartMoveForm

    def form_kwargs(self):
        return {"part": self.object, "user": self.request.user}

    def get_context_data(self, **kwargs):
        moves = self.object.moves.select_related("by")
        return super().get_context_data(moves=moves, **kwargs)

    def act(self, data):
        services.part_move(
            part=self.object,
            to_state=data["to_state"],
            by=self.request.user,
            site=data.get("site"),
            note=data.get("note", ""),
        )


class KeyDetailView(ActionDetail):
    template_name = "ledgers/key_detail.html"
    context_object_name = "key"
    slug_field = slug_url_kwarg = "code"
    selector = staticmethod(access.keys_for_user)
    form_class = SignOutForm

    def form_kwargs(self):
        return {"key": self.object}

    def get_context_data(self, **kwargs):
        loans = self.object.loans.select_related("person", "out_by", "in_by")
        return super().get_context_data(loans=loans, **kwargs)

    def post(self, request, *args, **kwargs):
        if "sign_in" not in request.POST:
            return super().post(request, *args, **kwargs)
        if not access.may_act(request.user):
            raise PermissionDenied
        key = get_object_or_404(self.get_queryset(), code=kwargs["code"])
        try:
            services.key_sign_in(key=key, by=request.user)
        except ValidationError as error:
            self.object = key
            form = self.form_class(**self.form_kwargs())
            form.add_error(None, error)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        return redirect(request.path)

    def act(self, data):
        services.key_sign_out(
            key=self.object,
            person=data["person"],
            due_back=data["due_back"],
            by=self.request.user,
            note=data.get("note", ""),
        )


class AssetDetailView(ActionDetail):
    template_name = "ledgers/asset_detail.html"
    context_object_name = "asset"
    selector = staticmethod(access.assets_for_user)
    form_class = AssetChangeForm

    def form_kwargs(self):
        return {"user": self.request.user}

    def get_context_data(self, **kwargs):
        events = self.object.events.select_related("by", "from_site", "to_site")
        return super().get_context_data(events=events, **kwargs)

    def act(self, data):
        services.asset_change(
            asset=self.object,
            kind=data["kind"],
            by=self.request.user,
            site=data.get("site"),
            tag=data.get("tag", ""),
            note=data.get("note", ""),
        )


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
