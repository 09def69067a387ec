"""How many communities of practice a programme's cities form: one rule for every page that counts them.

No Django. The planner (`values.planner.model.Instance.community_count`) imports nothing of ours, so it
computes the same figure itself; tests/core/test_communities.py proves the two agree.
"""


def community_count(cities: int, community_size: int) -> int:
    """The number of communities the planner forms for this many cities (0 for none).

    The nearest whole number of communities of `community_size` (Python's `round`, as the planner), at
    least one, and never a community of a single city (each needs a partner to pair with).
    """
    if cities <= 0:
        return 0
    return max(1, min(round(cities / community_size), cities // 2))
