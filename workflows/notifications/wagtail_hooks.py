"""The group webhooks in the CMS (Settings → Group webhooks).

No group is granted the webhook permissions: only superusers see and edit
them, since an address carries its robot's key. The list never shows it.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Webhook


class WebhookViewSet(SnippetViewSet):
    model = Webhook
    icon = "mail"
    menu_label = _("Group webhooks")
    add_to_settings_menu = True
    list_display = ["name", "group", "company", "kind", "enabled"]
    list_filter = ["kind", "enabled"]


register_snippet(WebhookViewSet)
