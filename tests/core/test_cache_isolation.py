"""Counters kept in the cache (the mail limit per client address) start at zero in every test, on the
process's memory cache and on a Redis that outlives the run alike."""

import pytest
from django.core.cache import cache


@pytest.mark.parametrize("attempt", [1, 2])
def test_a_counter_starts_at_zero_in_each_test(attempt):
    cache.add("isolation-counter", 0, timeout=3600)

    assert cache.incr("isolation-counter") == 1
