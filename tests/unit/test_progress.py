"""Progress bars never warn about a missing notebook widget."""

from __future__ import annotations

import warnings

from simfin import progress


def test_without_ipywidgets_the_text_bar_is_used_and_nothing_warns(monkeypatch):
    monkeypatch.setattr(progress, "find_spec", lambda name: None)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        bar = progress.progress_bar(range(3), disable=True)
        assert list(bar) == [0, 1, 2]
    from tqdm.std import tqdm

    assert type(bar) is tqdm
