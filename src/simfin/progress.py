"""Progress bars for long runs: tqdm's notebook widget where it can be drawn, else text.

``tqdm.auto`` picks the widget inside Jupyter but warns ("IProgress not found") when
ipywidgets is not installed, a warning an advisor's notebook should not show. Here the
widget is used only when ipywidgets can be imported; otherwise the plain text bar, which
Jupyter shows as well.
"""

from __future__ import annotations

from importlib.util import find_spec
from typing import Any

__all__ = ["progress_bar"]


def progress_bar(*args: Any, **kwargs: Any):
    """A ``tqdm`` progress bar (arguments as for ``tqdm.tqdm``)."""
    if find_spec("ipywidgets") is not None:
        from tqdm.auto import tqdm
    else:
        from tqdm.std import tqdm
    return tqdm(*args, **kwargs)
