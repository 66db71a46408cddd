from wagtail.users.apps import WagtailUsersAppConfig


class UsersConfig(WagtailUsersAppConfig):
    """``wagtail.users`` (same label and migrations) with the portal's user views."""

    user_viewset = "portal.user_admin.views.UserViewSet"
