"""A refused request's answer: the API's JSON error shape, a page otherwise."""

from django.shortcuts import render

API_PREFIX = "/api/"


def refusal_response(request, status: int, title: str, message: str):
    if request.path_info.startswith(API_PREFIX):
        from workflows.api.app import error_response

        return error_response(request, status, message)
    context = {"title": title, "message": message}
    return render(request, "refused.html", context, status=status)
