"""Loads of many rows leave the planner's statistics of the tables they wrote refreshed (hotelsales.db)."""

import pytest

from hotelsales.db import ANALYZE_AFTER_ROWS, analyze_after_load
from marketing.models import Lead
from tests.helpers import last_analyzed

pytestmark = pytest.mark.django_db


def test_a_large_load_analyses_its_tables_once_it_commits(django_capture_on_commit_callbacks):
    before = last_analyzed(Lead)
    with django_capture_on_commit_callbacks(execute=True):
        analyze_after_load(Lead, rows=ANALYZE_AFTER_ROWS)
        assert last_analyzed(Lead) == before

    assert last_analyzed(Lead) not in (None, before)


def test_a_small_load_leaves_the_statistics_to_autovacuum(django_capture_on_commit_callbacks):
    before = last_analyzed(Lead)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        analyze_after_load(Lead, rows=ANALYZE_AFTER_ROWS - 1)

    assert callbacks == []
    assert last_analyzed(Lead) == before
