"""Partial-text search that stays fast at hundreds of thousands of rows, for Chinese as well as Latin text.

A searchable model keeps a lower-cased `search_text` column with two GIN indexes (see `search_indexes`):
- pg_trgm trigrams serve queries of three or more characters;
- `hs_grams()` (every single character and pair of characters, defined in migration
  hotelsales.0003) serves one- and two-character queries, which trigrams cannot: a Chinese name such as
  王芳 is only two characters long.
Both are followed by a plain LIKE, so the index only narrows and the answer is exact.

Every search term a page takes goes through `clean_query` (`query_param` reads it from the address): PostgreSQL
refuses a NUL in text, and nobody types a search of more than MAX_QUERY_LENGTH characters.
"""

import unicodedata

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.db.models import F, Func

MAX_QUERY_LENGTH = 100


class Grams(Func):
    function = "hs_grams"
    output_field = ArrayField(models.TextField())


def search_indexes(prefix: str) -> list[GinIndex]:
    return [
        GinIndex(OpClass(F("search_text"), name="gin_trgm_ops"), name=f"{prefix}_search_trgm"),
        GinIndex(Grams(F("search_text")), name=f"{prefix}_search_grams"),
    ]


def clean_query(text: str) -> str:
    """The search term as typed, without control characters (NUL among them), runs of spaces or what goes past
    MAX_QUERY_LENGTH."""
    text = "".join(" " if unicodedata.category(char) == "Cc" else char for char in text)
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def query_param(request, name: str = "q") -> str:
    """A search term from the query string, cleaned (see clean_query); empty when missing."""
    return clean_query(request.GET.get(name, ""))


def normalise_query(text: str) -> str:
    return clean_query(text).lower()


def grams(text: str) -> list[str]:
    """The index keys every row matching `text` must contain (as hs_grams() computes them in SQL)."""
    if len(text) == 1:
        return [text]
    return sorted({text[i : i + 2] for i in range(len(text) - 1)})


def matching(queryset: models.QuerySet, text: str) -> models.QuerySet:
    """Rows whose search_text contains `text` (normalised); all rows when `text` is blank."""
    query = normalise_query(text)
    if not query:
        return queryset
    if len(query) < 3:
        queryset = queryset.alias(search_grams=Grams(F("search_text"))).filter(search_grams__contains=grams(query))
    return queryset.filter(search_text__contains=query)
