"""Rankings: methodologies, scoring tables of indicator scores, and the ranking trajectory.

A methodology says how an edition forms its totals, ranks and published labels::

    import iro

    qs = iro.rankings.methodology("QS-WUR", 2026)
    qs.overall(df, bounds=(5.2, 96.1))      # totals of every row, a Series aligned to df.index
    table = qs.score_table(df, name_column="institution", bounds=(5.2, 96.1))
    qs.what_if(df, "Palestine Polytechnic University", {"irn": 60}, name_column="institution")
    qs.gap_to_target(df, "Palestine Polytechnic University", "801-850", levers={"ar": 40, "irn": 80},
                     name_column="institution")

A table of indicator scores is a pandas DataFrame with one float column per indicator (or
component) code, NaN for a missing score; other columns are ignored. Rows are named by the
index, or by ``name_column``. Whole columns are converted at once and the scoring runs
without the GIL.

The office side (custom methodologies, published results, the home institution's figures) is
``office.rankings``; ``office.rankings.trajectory(system)`` gives the frame that
:func:`plot_trajectory` draws.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Iterable, Mapping, NamedTuple, Optional, Union

import pandas

from . import _iro
from ._iro import (
    GapResult,
    HomeIndicators,
    Methodology,
    MissingTreatment,
    PublishedResult,
    RankBand,
    RankingBands,
    RankingIndicator,
    Rankings,
    RobustnessResult,
    ScoredRow,
    TotalScaling,
    WhatIfResult,
)

if TYPE_CHECKING:
    import matplotlib.axes

__all__ = [
    "GapResult",
    "HomeIndicators",
    "Methodology",
    "MissingTreatment",
    "PublishedResult",
    "RankBand",
    "RankPosition",
    "RankingBands",
    "RankingIndicator",
    "Rankings",
    "RobustnessResult",
    "ScoredRow",
    "TotalScaling",
    "WhatIfResult",
    "competition_ranks",
    "editions",
    "format_rank",
    "has_methodology",
    "methodology",
    "parse_rank",
    "plot_trajectory",
    "read_results_csv",
    "round_total",
    "systems",
]


class RankPosition(NamedTuple):
    """A published rank read back: '12' is (12, 12, False), '=12' (12, 12, True), '801-850'
    (801, 850, False) and '1401+' (1401, None, False)."""

    first: int
    last: Optional[int]
    tied: bool

    @property
    def exact(self) -> bool:
        return self.last == self.first


def methodology(system: str, year: int) -> Methodology:
    """The built-in methodology of an edition: ARWU 2005 to this year, QS-WUR 2024 to 2026,
    THE-WUR 2016 and 2024 to this year. NotFoundError for any other edition (custom ones
    live in an office: ``office.rankings.methodology``)."""
    return Methodology.builtin(system, year)


def has_methodology(system: str, year: int) -> bool:
    """Whether the edition has a built-in methodology."""
    return _iro._has_builtin_methodology(system, year)


def editions() -> list[tuple[str, int]]:
    """Every edition with a built-in methodology, as (system, year), sorted."""
    return _iro._ranking_editions()


def systems() -> pandas.DataFrame:
    """The ranking systems iro knows by name: code, name, publisher."""
    return pandas.DataFrame(_iro._ranking_systems(), columns=["code", "name", "publisher"])


def parse_rank(text: str) -> RankPosition:
    """Reads a published rank: '12', '=12', '12=', '801-850' (an en dash too) or '1401+'.
    ValidationError for anything else."""
    first, last, tied = _iro._parse_rank(text)
    return RankPosition(first, last, tied)


def format_rank(position: Union[RankPosition, tuple[int, Optional[int], bool]]) -> str:
    """The canonical text of a rank position: '12', '=12', '801-850', '1401+'."""
    first, last, tied = position
    return _iro._format_rank(first, last, tied)


def round_total(value: float, decimals: int = 1) -> float:
    """``value`` rounded half away from zero to ``decimals`` (0 to 6), as published totals are
    (37.65, held as 37.6499..., still rounds to 37.7)."""
    return _iro._round_total(value, decimals)


def competition_ranks(totals: Iterable[float], decimals: int = 1) -> list[int]:
    """Competition ranks of totals compared at ``decimals``: 1 + the number of totals strictly
    higher once rounded; ties share a rank and the next rank is skipped (1, 2, 2, 4)."""
    return _iro._competition_ranks(list(totals), decimals)


def read_results_csv(
    text: Optional[str] = None,
    *,
    path: Union[str, os.PathLike[str], None] = None,
    columns: Mapping[str, str],
) -> pandas.DataFrame:
    """Reads a published table from CSV (``text``, or a UTF-8 file at ``path``) without storing
    it. ``columns`` maps header names to 'institution', 'rank', 'overall' or an indicator code;
    other columns are ignored. Returns institution, institution_id, rank, rank_first,
    rank_last, tied, overall and one column per indicator code (in the mapping's order), ready for
    :meth:`Methodology.score_table` with ``name_column="institution"``.
    FormatError for malformed CSV, ValidationError for a bad mapping or value."""
    return _iro._read_results_csv(columns, text, path)


def plot_trajectory(
    frame: pandas.DataFrame,
    ax: Optional["matplotlib.axes.Axes"] = None,
    *,
    label: Optional[str] = None,
    title: Optional[str] = None,
) -> "matplotlib.axes.Axes":
    """Draws the rank over the years (``office.rankings.trajectory(...)``, or any frame with a
    ``year`` column and either ``rank_first``/``rank_last`` or published ``rank`` labels).

    Rank 1 is at the top (the y axis is inverted). Exact ranks are points on the line; a band
    ('801-850') is drawn as a bar from its first to its last rank, and the line goes through
    its middle; an open band ('1401+') is marked at its first rank. Returns the Axes.
    """
    import matplotlib.pyplot as plt

    if "year" not in frame.columns:
        raise _iro.ValidationError(f"invalid frame: expected a 'year' column (got {list(frame.columns)})")
    data = frame.sort_values("year")
    if "rank_first" in data.columns:
        first = [None if pandas.isna(v) else int(v) for v in data["rank_first"]]
        last = [None if pandas.isna(v) else int(v) for v in data["rank_last"]] if "rank_last" in data.columns else first
    elif "rank" in data.columns:
        positions = [parse_rank(text) for text in data["rank"]]
        first = [p.first for p in positions]
        last = [p.last for p in positions]
    else:
        raise _iro.ValidationError(
            f"invalid frame: expected rank_first/rank_last or rank columns (got {list(frame.columns)})")

    if ax is None:
        _, ax = plt.subplots(figsize=(7, 3.5))
    years = [int(y) for y in data["year"]]
    middle = []
    for year, lo, hi in zip(years, first, last):
        if hi is not None and hi != lo:
            ax.vlines(year, lo, hi, linewidth=6, alpha=0.35, color="tab:blue")
            middle.append((lo + hi) / 2)
        else:
            middle.append(lo)
    ax.plot(years, middle, marker="o", color="tab:blue", label=label)
    for year, lo, hi, y in zip(years, first, last, middle):
        text = str(lo) if hi == lo else (f"{lo}+" if hi is None else f"{lo}-{hi}")
        ax.annotate(text, (year, y), textcoords="offset points", xytext=(6, 4), fontsize="small")
    if not ax.yaxis_inverted():
        ax.invert_yaxis()
    ax.set_xticks(years)
    ax.set_xlabel("edition")
    ax.set_ylabel("rank")
    if title is not None:
        ax.set_title(title)
    elif "institution" in data.columns and len(data):
        ax.set_title(f"Ranking trajectory of {data['institution'].iloc[-1]}")
    if label is not None:
        ax.legend()
    return ax
