"""Reads for benchmarking. (The benchmarking engineer completes this module.)"""


def benchmark_for_measure(measure, period):
    """The benchmark position of a council measure in a period, or None when it is not linked.

    Returns a dict: {"metric", "period", "group", "group_name", "n", "median", "rank", "quartile",
    "rank_text", "mads_from_median"}."""
    return None
