"""Measure 8: scoring and ranking a QS-shaped table, and what-if scenarios, iro against numpy.

A 1,500-row table in the QS World University Rankings 2026 shape (the ten indicator scores
from 1 to 100 at one decimal, about 8% missing, fixed seed). iro: the built-in methodology's
score_table(df, name_column=...) (weighted sum with missing scores counting 0, min-max
rescaling to 1..100 over the table, totals rounded half away from zero at one decimal,
competition ranks decided at one decimal, published labels with '=' for ties and QS's
bands past 500), and 1,000 scenarios through what_if_many(df, [(row, changes), ...]), each changing one to three
scores of a random row. The baseline is vectorised numpy of the same formula (see
lib/ranking/scoring.cpp: the sum is taken indicator by indicator, as iro does, so totals
agree to the last bit), building the same frame; for the what-ifs, the table's sums are
computed once and each scenario replaces one row's sum and re-ranks that row. The results
are checked equal first (totals to 1e-9, ranks, ties and labels exactly).
Target: iro not slower (min_speedup 1).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

import common

iro = common.import_iro()

ROWS = 1_500
SCENARIOS = 1_000


def make_table(rows: int, codes: list[str], seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    data = {"institution": [f"University {k:04d}" for k in range(rows)]}
    for code in codes:
        scores = np.round(rng.uniform(1.0, 100.0, rows), 1)
        scores[rng.random(rows) < 0.08] = np.nan
        data[code] = scores
    return pd.DataFrame(data)


def make_scenarios(df: pd.DataFrame, codes: list[str], count: int, seed: int = 11) -> list[tuple[int, dict]]:
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(count):
        at = int(rng.integers(len(df)))
        picked = rng.choice(codes, size=int(rng.integers(1, 4)), replace=False)
        out.append((at, {str(c): float(np.round(rng.uniform(1.0, 100.0), 1)) for c in picked}))
    return out


class NumpyQs:
    """The QS formula of lib/ranking/scoring.cpp (missing = zero, min-max rescaled) in numpy."""

    def __init__(self, m) -> None:
        self.codes = [i.code for i in m.indicators]
        self.weights = np.array([i.weight for i in m.indicators])
        self.scale_min, self.scale_max = m.scale_min, m.scale_max
        self.total_factor = 10.0 ** m.total_decimals
        self.rank_factor = 10.0 ** m.rank_decimals
        self.exact_up_to = m.bands.exact_up_to
        self.mark_ties = m.bands.mark_ties
        self.band_first = np.array([b.first for b in m.bands.bands])
        self.band_text = np.array([f"{b.first}-{b.last}" if b.last is not None else f"{b.first}+"
                                   for b in m.bands.bands] + [""], dtype=object)
        self.band_last = np.array([b.last if b.last is not None else np.iinfo(np.int64).max for b in m.bands.bands])

    def sums(self, x: np.ndarray) -> np.ndarray:
        s = np.zeros(x.shape[0])
        for k, w in enumerate(self.weights):  # indicator by indicator, as iro adds them
            col = x[:, k]
            s = np.where(np.isnan(col), s, s + w * col)
        return s

    def bounds(self, s: np.ndarray) -> tuple[float, float]:
        lo = self.scale_min if self.scale_min is not None else s.min()
        hi = self.scale_max if self.scale_max is not None else s.max()
        return lo, hi

    @staticmethod
    def total(s, lo: float, hi: float):
        return 1.0 + 99.0 * (s - lo) / (hi - lo) if hi > lo else np.full_like(s, 100.0)

    @staticmethod
    def key(t, factor: float):
        v = t * factor * (1 + 1e-12)
        return np.sign(v) * np.floor(np.abs(v) + 0.5)  # std::round: half away from zero

    def labels(self, rank: np.ndarray, tied: np.ndarray) -> np.ndarray:
        exact = rank.astype(str).astype(object)
        if self.mark_ties:
            exact = np.where(tied, "=" + exact, exact)
        if self.exact_up_to is None:
            return exact
        b = np.searchsorted(self.band_first, rank, side="right") - 1
        inside = (b >= 0) & (rank <= self.band_last[np.maximum(b, 0)])
        banded = np.where(inside, self.band_text[np.maximum(b, 0)], "")
        return np.where(rank <= self.exact_up_to, exact, banded)

    def score_table(self, df: pd.DataFrame, name_column: str) -> pd.DataFrame:
        x = df[self.codes].to_numpy(dtype=float)
        s = self.sums(x)
        t = self.total(s, *self.bounds(s))
        rounded = self.key(t, self.total_factor) / self.total_factor
        keys = self.key(t, self.rank_factor)
        ordered = np.sort(keys)
        above = len(keys) - np.searchsorted(ordered, keys, side="right")
        same = np.searchsorted(ordered, keys, side="right") - np.searchsorted(ordered, keys, side="left")
        rank = above + 1
        tied = same > 1
        return pd.DataFrame({"name": df[name_column].to_numpy(), "weighted_sum": s, "total": t,
                             "rounded_total": rounded, "rank": rank, "label": self.labels(rank, tied), "tied": tied,
                             "refused": ""}, index=df.index)

    def what_if(self, x: np.ndarray, s: np.ndarray, at: int, changes: dict[str, float]) -> tuple[tuple, tuple]:
        """(total, rank, tied, label) of row `at` before and after the changes."""
        out = []
        row = x[at].copy()
        for code, score in changes.items():
            row[self.codes.index(code)] = score
        new = self.sums(row[None, :])[0]
        for value in (s[at], new):
            sums = s.copy()
            sums[at] = value
            lo, hi = self.bounds(sums)
            keys = self.key(self.total(sums, lo, hi), self.rank_factor)
            mine = keys[at]
            rank = int((keys > mine).sum()) + 1
            tied = bool((keys == mine).sum() > 1)
            total = float(self.total(np.array([value]), lo, hi)[0])
            out.append((total, rank, tied, str(self.labels(np.array([rank]), np.array([tied]))[0])))
        return out[0], out[1]


def main() -> None:
    args = common.parser(__doc__.splitlines()[0]).parse_args()
    qs = iro.rankings.methodology("QS-WUR", 2026)
    numpy_qs = NumpyQs(qs)
    df = make_table(ROWS, numpy_qs.codes)
    scenarios = make_scenarios(df, numpy_qs.codes, SCENARIOS)
    names = df["institution"].tolist()

    def iro_table():
        return qs.score_table(df, name_column="institution")

    def numpy_table():
        return numpy_qs.score_table(df, "institution")

    def iro_what_ifs():
        # The batch form, as the numpy code prepares the table once too.
        return qs.what_if_many(df, [(names[at], changes) for at, changes in scenarios], name_column="institution")

    def numpy_what_ifs():
        x = df[numpy_qs.codes].to_numpy(dtype=float)
        s = numpy_qs.sums(x)
        return [numpy_qs.what_if(x, s, at, changes) for at, changes in scenarios]

    mine, theirs = iro_table(), numpy_table()
    ok = (np.allclose(mine["total"].to_numpy(float), theirs["total"].to_numpy(), rtol=0, atol=1e-9)
          and np.allclose(mine["weighted_sum"].to_numpy(float), theirs["weighted_sum"].to_numpy(), rtol=0, atol=1e-9)
          and np.array_equal(mine["rounded_total"].to_numpy(float), theirs["rounded_total"].to_numpy())
          and list(mine["rank"]) == list(theirs["rank"]) and list(mine["tied"]) == list(theirs["tied"])
          and list(mine["label"]) == list(theirs["label"]) and list(mine["name"]) == list(theirs["name"]))
    if not ok:
        raise SystemExit("score_table: iro and numpy disagree")
    for r, (before, after) in zip(iro_what_ifs(), numpy_what_ifs()):
        for got, want in ((r.before, before), (r.after, after)):
            if abs(got.total - want[0]) > 1e-9 or (got.rank, got.tied, got.label) != want[1:]:
                raise SystemExit(f"what_if: iro {got} numpy {want}")

    records = []
    for key, what, with_iro, with_numpy in (
        ("ranking_score_table", f"score and rank a {ROWS}-row QS-WUR 2026 table", iro_table, numpy_table),
        ("ranking_what_if", f"{SCENARIOS} what-if scenarios on the {ROWS}-row table", iro_what_ifs, numpy_what_ifs),
    ):
        one, _ = common.best_of(with_iro, 1)
        repeats = common.repeats_for(one, 6.0, 2, 15)
        iro_s, _ = common.best_of(with_iro, repeats)
        base_s, _ = common.best_of(with_numpy, repeats)
        records.append(common.record(key, what, iro_s, "numpy vectorised", base_s, 1.0, "iro not slower",
                                     scale=args.scale, rows=ROWS, checked=True, repeats=repeats,
                                     note="the same table at every scale"))
    common.emit(records, args.out)


if __name__ == "__main__":
    main()
