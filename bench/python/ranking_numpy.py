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
computed once, the changed rows are summed together, and the scenarios that rescale the
table to the same bounds are ranked together by binary search in one sorted array of keys. The results
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

    def without_one(self, s: np.ndarray, at: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The least and greatest of `s` with the row `at[k]` left out, for every k."""
        order = np.argsort(s, kind="stable")
        low = np.where(at == order[0], s[order[1]], s[order[0]])
        high = np.where(at == order[-1], s[order[-2]], s[order[-1]])
        return low, high

    def ranked(self, sums: np.ndarray, at: np.ndarray, value: np.ndarray, lo: np.ndarray, hi: np.ndarray):
        """(total, rank, tied, label) of row `at[k]` when its sum is `value[k]` and the table is
        rescaled to (lo[k], hi[k]), for every scenario k. Scenarios sharing bounds share one
        sorted table of keys; the row's own old key is left out of its counts."""
        spread = hi - lo
        total = np.where(spread > 0, 1.0 + 99.0 * (value - lo) / np.where(spread > 0, spread, 1.0), 100.0)
        mine = self.key(total, self.rank_factor)
        rank = np.empty(len(at), dtype=np.int64)
        tied = np.empty(len(at), dtype=bool)
        pairs, group = np.unique(np.stack([lo, hi], axis=1), axis=0, return_inverse=True)
        for g, (low, high) in enumerate(pairs):
            k = np.nonzero(group.ravel() == g)[0]
            keys = self.key(self.total(sums, low, high), self.rank_factor)
            ordered = np.sort(keys)
            m, own = mine[k], keys[at[k]]
            right = np.searchsorted(ordered, m, side="right")
            rank[k] = len(keys) - right - (own > m) + 1
            tied[k] = right - np.searchsorted(ordered, m, side="left") - (own == m) > 0
        return total, rank, tied, self.labels(rank, tied)

    def what_ifs(self, x: np.ndarray, s: np.ndarray, scenarios: list[tuple[int, dict[str, float]]]):
        """Before and after of every scenario, as arrays (see ranked)."""
        at = np.array([a for a, _ in scenarios])
        rows = x[at].copy()
        column = {code: k for k, code in enumerate(self.codes)}
        for k, (_, changes) in enumerate(scenarios):
            for code, score in changes.items():
                rows[k, column[code]] = score
        new = self.sums(rows)
        # A set bound stays; a bound taken from the table moves with the changed row.
        lo, hi = self.bounds(s)
        lo_before, hi_before = np.full(len(at), lo), np.full(len(at), hi)
        rest_lo, rest_hi = self.without_one(s, at)
        lo_after = lo_before if self.scale_min is not None else np.minimum(rest_lo, new)
        hi_after = hi_before if self.scale_max is not None else np.maximum(rest_hi, new)
        return (self.ranked(s, at, s[at], lo_before, hi_before), self.ranked(s, at, new, lo_after, hi_after))


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
        return numpy_qs.what_ifs(x, numpy_qs.sums(x), scenarios)

    mine, theirs = iro_table(), numpy_table()
    ok = (np.allclose(mine["total"].to_numpy(float), theirs["total"].to_numpy(), rtol=0, atol=1e-9)
          and np.allclose(mine["weighted_sum"].to_numpy(float), theirs["weighted_sum"].to_numpy(), rtol=0, atol=1e-9)
          and np.array_equal(mine["rounded_total"].to_numpy(float), theirs["rounded_total"].to_numpy())
          and list(mine["rank"]) == list(theirs["rank"]) and list(mine["tied"]) == list(theirs["tied"])
          and list(mine["label"]) == list(theirs["label"]) and list(mine["name"]) == list(theirs["name"]))
    if not ok:
        raise SystemExit("score_table: iro and numpy disagree")
    results = iro_what_ifs()
    before, after = numpy_what_ifs()
    if len(results) != SCENARIOS:
        raise SystemExit(f"what_if: iro gave {len(results)} results for {SCENARIOS} scenarios")
    for k, r in enumerate(results):
        for got, (total, rank, tied, label) in ((r.before, before), (r.after, after)):
            want = (float(total[k]), int(rank[k]), bool(tied[k]), str(label[k]))
            if abs(got.total - want[0]) > 1e-9 or (got.rank, got.tied, got.label) != want[1:]:
                raise SystemExit(f"what_if {k}: iro {got} numpy {want}")

    records = []
    for key, what, with_iro, with_numpy in (
        ("ranking_score_table", f"score and rank a {ROWS}-row QS-WUR 2026 table", iro_table, numpy_table),
        ("ranking_what_if", f"{SCENARIOS} what-if scenarios on the {ROWS}-row table", iro_what_ifs, numpy_what_ifs),
    ):
        one, _ = common.best_of(with_iro, 1)
        repeats = common.repeats_for(one, 6.0, 2, 15)
        iro_s, base_s = common.take_turns(with_iro, with_numpy, repeats)
        records.append(common.record(key, what, iro_s, "numpy vectorised", base_s, 1.0, "iro not slower",
                                     scale=args.scale, rows=ROWS, checked=True, repeats=repeats,
                                     note="the same table at every scale"))
    common.emit(records, args.out)


if __name__ == "__main__":
    main()
