"""Progress bars for long imports.

``office.import_ror(path, progress=True)`` draws a :class:`TqdmProgress` bar. Any callable
``progress(records, bytes_read, bytes_total)`` may be passed instead; returning ``False``
cancels the import (``iro.ImportCancelledError``) and nothing is written.
"""

from __future__ import annotations

from typing import Any, Optional


class TqdmProgress:
    """A progress callback that draws a tqdm bar in bytes (``tqdm.auto``: a widget in Jupyter,
    text on stderr elsewhere), with the records read so far beside it.

    The bar is created on the first call, when the input's size is known, and closed by
    :meth:`close` (``import_ror`` closes it; ``with TqdmProgress() as p:`` does too).
    """

    def __init__(self, desc: str = "import", **tqdm_options: Any) -> None:
        from tqdm.auto import tqdm  # imported here: iro itself does not need tqdm

        self._tqdm = tqdm
        self._desc = desc
        self._options = tqdm_options
        self._bar: Optional[Any] = None
        self.records = 0

    def __call__(self, records: int, bytes_read: int, bytes_total: int) -> bool:
        if self._bar is None:
            options = {"unit": "B", "unit_scale": True, "unit_divisor": 1024, "desc": self._desc}
            options.update(self._options)
            self._bar = self._tqdm(total=bytes_total, **options)
        self.records = records
        self._bar.update(bytes_read - self._bar.n)
        self._bar.set_postfix(records=records, refresh=False)
        return True

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()

    def __enter__(self) -> "TqdmProgress":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
