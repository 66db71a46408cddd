"""Full-text search with a substring fallback for Chinese (and other CJK) queries.

Wagtail's database backend neither segments Chinese on SQLite (FTS5's unicode61
tokenizer) nor on PostgreSQL (``to_tsvector``): a run of Chinese characters up
to the next punctuation mark is one token, so 机房 does not find 机房出入管理.
Queries containing CJK characters therefore match every term as a substring of
the model's plain-text column (see ``home.text.SearchTextMixin``); other
queries go to the backend, which ranks and stems.
"""

import re
import unicodedata
from functools import reduce
from operator import or_

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

# CJK ideographs (with extension A and compatibility), kana, hangul.
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def query_clean(raw: str, *, max_length: int) -> str:
    """``raw`` as words: no control characters or lone surrogates (PostgreSQL
    refuses NUL in a string), runs of space as one, at most ``max_length``."""
    kept = "".join(
        " " if unicodedata.category(char) in ("Cc", "Cs") else char for char in raw
    )
    return " ".join(kept.split())[:max_length]


def has_cjk(text: str) -> bool:
    return bool(CJK.search(text))


def text_search(
    queryset: QuerySet,
    query: str,
    *,
    text_field: str = "search_text",
    title_fields: tuple[str, ...] = ("title",),
    ordering: tuple[str, ...] = ("path",),
):
    """``queryset`` narrowed to ``query``: backend search, or substrings for CJK.

    Substring matches come with title matches first, then ``ordering``.
    """
    if not has_cjk(query):
        return queryset.search(query)
    terms = query.split()
    for term in terms:
        queryset = queryset.filter(**{f"{text_field}__icontains": term})
    in_title = reduce(
        or_,
        (
            Q(**{f"{field}__icontains": term})
            for field in title_fields
            for term in terms
        ),
    )
    rank = Case(
        When(in_title, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return queryset.annotate(title_rank=rank).order_by("title_rank", *ordering)


def fields_search(queryset: QuerySet, query: str, fields: tuple[str, ...]) -> QuerySet:
    """``queryset`` narrowed to rows where every term of ``query`` is a substring
    of one of ``fields`` (any language: no tokenizer, so 机房 finds 机房出入管理).

    Meant for short columns (references, names, phones, codes, summaries) of
    tables that stay at most in the tens of thousands of rows.
    """
    for term in query.split():
        queryset = queryset.filter(
            reduce(or_, (Q(**{f"{field}__icontains": term}) for field in fields))
        )
    return queryset
