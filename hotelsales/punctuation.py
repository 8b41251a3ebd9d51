"""Punctuation that differs between the languages. Chinese text takes full-width marks — lists run A、B、C,
clauses are parted by ；, a label ends in ： and an aside sits in （）, with no space around them — where
English writes ", ", "; ", ": " and " ( )". The catalogue holds each language's marks (message contexts name
them), so code and templates put words together through these helpers, never with marks of their own."""

from collections.abc import Iterable

from django.utils.translation import pgettext


def word_list(words: Iterable) -> str:
    """'breakfast, lunch, dinner' in English, '早餐、午餐、晚餐' in Chinese."""
    return pgettext("between the words of a list", ", ").join(str(word) for word in words)


def clause_list(clauses: Iterable) -> str:
    """'owes more than its limit; reached a dunning level' in English, with ； in Chinese."""
    return pgettext("between the clauses of a list", "; ").join(str(clause) for clause in clauses)


def label(text) -> str:
    """'Reason: ' in English, '原因：' in Chinese: a label and what parts it from the value that follows."""
    return pgettext("a label before its value", "%(label)s: ") % {"label": text}


def aside(text) -> str:
    """' (2 nights)' in English, '（2 晚）' in Chinese: words in brackets after what they qualify."""
    return pgettext("words in brackets after what they qualify", " (%(aside)s)") % {"aside": text}
