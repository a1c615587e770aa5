import random
import statistics

import pytest

from kenes.insights.figures import Figures, Median, Share, histogram_median, merge_histograms
from kenes.insights.rebuild import dense_histogram


@pytest.mark.parametrize(
    "values",
    [[3], [1, 2], [5, 1, 9, 2], [0, 0, 0, 7], [15, 15, 16, 30, 2, 2, 8], list(range(60)), [4] * 11 + [20] * 10],
)
def test_median_from_histogram_equals_exact_median(values):
    histogram: dict[int, int] = {}
    for value in values:
        histogram[value] = histogram.get(value, 0) + 1
    assert histogram_median(histogram) == statistics.median(values)


def test_median_from_merged_histograms_equals_median_of_all_values():
    rng = random.Random(4)
    for _ in range(200):
        parts = [[rng.randint(0, 45) for _ in range(rng.randint(0, 30))] for _ in range(rng.randint(1, 6))]
        everything = [v for part in parts for v in part]
        if not everything:
            continue
        # Stored rows hold dense lists (kenes.insights.rebuild.dense_histogram); sparse dicts merge too.
        sparse = [{str(v): part.count(v) for v in set(part)} for part in parts]
        dense = [dense_histogram(h) for h in sparse]
        assert histogram_median(merge_histograms(sparse)) == statistics.median(everything)
        assert histogram_median(merge_histograms(dense)) == statistics.median(everything)
        assert histogram_median(merge_histograms(dense[:1] + sparse[1:])) == statistics.median(everything)


def test_median_of_nothing_is_none():
    assert histogram_median({}) is None


def test_share_hidden_below_minimum_sample():
    assert Share(9, 9, 10).shown is False
    assert Share(9, 9, 10).percent is None
    assert Share(9, 10, 10).percent == 90
    assert Share(0, 0, 0).shown is False  # never divide by zero
    assert Share(2, 3, 1).percent == 67
    assert Share(1, 8, 1).percent == 13  # 12.5 rounds half up


def test_median_shown_only_with_enough_answers_and_open_top_bucket():
    assert Median({3: 9}, 10).value is None
    assert Median({3: 10}, 10).value == 3
    top = Median({60: 6, 2: 5}, 10)
    assert top.open_ended and top.display == "≥ 60"


def test_figures_add_up_rows_and_histograms(settings):
    settings.KENES_INDEX_MIN_SAMPLE = 2
    rows = [
        {"appeals_due": 2, "answered_on_time": 1, "answered": 2, "working_days_histogram": {"3": 1, "20": 1}},
        {"appeals_due": 1, "answered_on_time": 1, "answered": 1, "working_days_histogram": [0, 0, 0, 0, 0, 1]},
    ]
    figures = Figures.of(rows)
    assert figures.appeals_due == 3 and figures.answered_on_time == 2
    assert figures.on_time.percent == 67
    assert figures.median_days.value == 5
    assert figures.as_dict()["on_time_share"] == 0.6667
    assert figures.as_dict()["substance_share"] is None  # nothing rated
