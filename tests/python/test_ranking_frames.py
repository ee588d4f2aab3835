"""Methodology.score_table and overall on DataFrames: the answer's columns, types and index,
every numeric column form read alike, names given back as they were, and a QS-shaped table
whose ranks and labels agree with Methodology.rank and Methodology.band."""

import numpy as np
import pandas as pd
import pytest

import iro
import iro.rankings as rk

SCORED_COLUMNS = ["name", "weighted_sum", "total", "rounded_total", "rank", "label", "tied", "refused"]


def two(**fields):
    """a weighs 0.6, b 0.4."""
    return iro.Methodology(system="TEST", year=2025, name="Two indicators",
                           indicators=[iro.RankingIndicator(code="a", name="A", weight=0.6),
                                       iro.RankingIndicator(code="b", name="B", weight=0.4)], **fields)


def qs_shaped(rows, seed=3):
    """QS-WUR 2026 indicator scores at one decimal (many ties), about 8% missing."""
    qs = rk.methodology("QS-WUR", 2026)
    rng = np.random.default_rng(seed)
    data = {"institution": [f"University {k:04d}" for k in range(rows)]}
    for i in qs.indicators:
        scores = np.round(rng.uniform(1.0, 100.0, rows), 1)
        scores[rng.random(rows) < 0.08] = np.nan
        data[i.code] = scores
    return qs, pd.DataFrame(data, index=pd.RangeIndex(1000, 1000 + rows))


def test_the_answer_has_its_columns_types_and_the_frames_index():
    df = pd.DataFrame({"who": ["Alpha", "Beta", "Gamma", "Delta"], "a": [100.0, 50.0, 20.0, np.nan],
                       "b": [50.0, 100.0, 20.0, np.nan], "other": ["x", "y", "z", "w"]}, index=["p", "q", "r", "s"])
    out = two().score_table(df, name_column="who")
    assert list(out.columns) == SCORED_COLUMNS
    assert [str(t) for t in out.dtypes] == ["object", "float64", "float64", "float64", "Int64", "object", "bool", "object"]
    assert out.index.equals(df.index)
    assert out["name"].to_list() == ["Alpha", "Beta", "Gamma", "Delta"]
    assert out["weighted_sum"].to_list() == pytest.approx([80.0, 70.0, 20.0, 0.0])
    assert out["rank"].to_list() == [1, 2, 3, 4]
    assert out["label"].to_list() == ["1", "2", "3", "4"]
    assert out["refused"].to_list() == ["", "", "", ""]
    # Without a name column the index labels name the rows, as text.
    numbered = two().score_table(df.set_index(pd.Index([7, 8, 9, 10])))
    assert numbered["name"].to_list() == ["7", "8", "9", "10"]
    # overall is the total column alone.
    overall = two().overall(df)
    assert overall.name == "overall"
    assert overall.index.equals(df.index)
    assert overall.to_list() == out["total"].to_list()


def test_refused_rows_have_no_rank_and_say_why():
    df = pd.DataFrame({"a": [100.0, np.nan, 20.0], "b": [50.0, 100.0, 20.0]}, index=["A", "B", "C"])
    out = two(missing="refuse").score_table(df)
    assert out["rank"].isna().to_list() == [False, True, False]
    assert out["rank"].dropna().to_list() == [1, 2]
    assert np.isnan(out.loc["B", "total"]) and np.isnan(out.loc["B", "weighted_sum"])
    assert out.loc["B", "label"] == ""
    assert "no score for 'a'" in out.loc["B", "refused"]
    assert np.isnan(two(missing="refuse").overall(df)["B"])


@pytest.mark.parametrize("form", ["float64", "float32", "int64", "uint8", "Int64", "Float64", "object"])
def test_every_numeric_column_form_scores_alike(form):
    plain = pd.DataFrame({"a": [100.0, 50.0, np.nan, 20.0], "b": [50.0, 100.0, 20.0, 20.0]}, index=list("ABCD"))
    if form in ("float64", "float32", "Float64", "object"):
        df = plain.astype(form)
        if form == "object":
            df.loc["C", "a"] = None
    else:
        df = plain.fillna(0).astype(form)
        if form == "Int64":
            df.loc["C", "a"] = pd.NA
    want = plain.copy()
    if form in ("int64", "uint8"):
        want = want.fillna(0)  # these forms cannot hold a missing score
    pd.testing.assert_frame_equal(two().score_table(df), two().score_table(want))
    pd.testing.assert_series_equal(two().overall(df), two().overall(want))


def test_names_come_back_as_plain_text():
    class Name(str):
        pass

    df = pd.DataFrame({"who": [Name("Alpha"), "Beta"], "a": [1.0, 2.0]})
    names = two().score_table(df, name_column="who")["name"].to_list()
    assert names == ["Alpha", "Beta"]
    assert [type(n) for n in names] == [str, str]
    with pytest.raises(iro.ArgumentTypeError) as e:
        two().score_table(pd.DataFrame({"who": ["Alpha", 3], "a": [1.0, 2.0]}), name_column="who")
    assert "invalid df['who'] '3': expected a str" in str(e.value)


def test_a_qs_shaped_table_ranks_and_labels_as_rank_and_band_do():
    qs, df = qs_shaped(1200)
    out = qs.score_table(df, name_column="institution")
    assert out.index.equals(df.index)
    assert out["name"].to_list() == df["institution"].to_list()
    ranks = qs.rank(out["total"])
    assert ranks.to_list() == out["rank"].to_list()
    assert out["tied"].any() and (out["rank"] > 500).any()
    assert qs.band(out["rank"], tied=out["tied"].to_list()).to_list() == out["label"].to_list()
    assert out["label"].str.contains("-").any() and out["label"].str.startswith("=").any()
    assert out["rounded_total"].to_list() == [rk.round_total(t, qs.total_decimals) for t in out["total"]]
    # The table scored row by row through what_if gives the same total and rank.
    for name in ["University 0000", "University 0600", "University 1199"]:
        before = qs.what_if(df, name, {}, name_column="institution").before
        row = out.loc[out["name"] == name].iloc[0]
        assert (before.total, before.rank, before.tied, before.label) == (row["total"], row["rank"], row["tied"], row["label"])


def test_bad_frames_are_refused_as_before():
    qs, df = qs_shaped(5)
    broken = df.copy()
    broken.loc[1002, "ar"] = -np.inf
    with pytest.raises(iro.ValidationError) as e:
        qs.score_table(broken, name_column="institution")
    assert "invalid df['ar'] at 1002 '-inf': expected a finite score, or NaN for a missing one" in str(e.value)
    with pytest.raises(iro.ArgumentTypeError) as e:
        qs.overall(df.assign(er=df["er"].astype(str)))
    assert "invalid df['er']" in str(e.value)
    duplicated = pd.concat([df[["ar"]], df[["ar"]]], axis=1)
    with pytest.raises(iro.ValidationError) as e:
        qs.overall(duplicated)
    assert "invalid df['ar'] '2 columns': expected one column per indicator code" in str(e.value)
