"""Every URL pattern of the portal as a concrete path, for walks over them all."""

from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.utils.regex_helper import normalize

SAMPLES = ("1", "x", "00000000-0000-0000-0000-000000000001", "x/")


def _filled(regex: str) -> list[str]:
    """The pattern's text with each of its arguments set to one sample."""
    form, params = normalize(regex)[0]
    return [form % dict.fromkeys(params, sample) for sample in SAMPLES]


def _walk(patterns, prefixes):
    for pattern in patterns:
        regex = pattern.pattern.regex.pattern
        here = [p + part for p in prefixes for part in _filled(regex)]
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, here)
        elif isinstance(pattern, URLPattern):
            yield pattern, here


def concrete_paths(*, skip_names=()) -> list[str]:
    """One path per pattern that resolves to that pattern's own view.

    A pattern whose path another pattern answers first (ninja's POST of a list
    URL) is not listed: that path is, once.
    """
    paths = []
    for pattern, candidates in _walk(get_resolver().url_patterns, [""]):
        if pattern.name in skip_names:
            continue
        for candidate in candidates:
            path = "/" + candidate
            try:
                match = resolve(path)
            except Resolver404:
                continue
            if match.func == pattern.callback:
                paths.append(path)
                break
    return paths
