from ninja import Router

from registry.roles import is_carrier, roles_of
from registry.selectors import company_of

from .errors import answers
from .schemas import MeOut

router = Router(tags=["me"])


@router.get(
    "/me", response=answers({200: MeOut}, codes=(401, 429, 500)), summary="Who am I"
)
def me(request):
    user = request.user
    company = company_of(user)
    return {
        "id": user.pk,
        "username": user.username,
        "name": user.get_full_name() or user.username,
        "roles": sorted(roles_of(user)),
        "company": str(company) if company else None,
        "is_carrier": is_carrier(user),
    }
