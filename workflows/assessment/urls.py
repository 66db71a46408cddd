from django.urls import path

from . import pages

app_name = "assessment"

urlpatterns = [
    path("", pages.assessment_list, name="list"),
    path("<int:pk>/", pages.assessment_page, name="page"),
    path("<int:pk>/lines/<int:line_pk>/object/", pages.line_object, name="object"),
    path("<int:pk>/lines/<int:line_pk>/decide/", pages.line_decide, name="decide"),
    path(
        "<int:pk>/lines/<int:line_pk>/evidence/",
        pages.line_evidence,
        name="line_evidence",
    ),
    path("manual/", pages.manual, name="manual"),
    path("manual/<int:pk>/evidence/", pages.manual_evidence, name="manual_evidence"),
    path("payment/", pages.payment, name="payment"),
]
