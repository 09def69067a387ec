"""The planner's answers with their explanations in English (`str` of each), to compare with known sentences."""

from dataclasses import replace


def in_english(result):
    """An `Infeasible` or `TimedOut` whose reasons are the English sentences; anything else as it is."""
    reasons = getattr(result, "reasons", None)
    if reasons is None:
        return result
    return replace(result, reasons=tuple(str(reason) for reason in reasons))
