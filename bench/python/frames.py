"""Measure 6: office.visits.to_frame() of every visit against pandas.read_sql of the same columns.

iro builds the frame in C++ (ids, names of both institutions and units, the partner side
and its country and world region, dates, days, academic year, enums as categories). The
baseline is one SQL query joining visit to the display names, countries and unit names,
read with pandas.read_sql and sorted by start date and id, then given the same dtypes (datetime64 dates, nullable Int64
ids, the same categoricals) and the derived days / academic_year / partner_region
columns. The frames are checked equal before timing. Target: iro at least 3x faster.
"""

from __future__ import annotations

import os
import sqlite3

import pandas as pd

import common

iro = common.import_iro()

SQL = """
SELECT v.id, v.person_id AS person, v.direction, v.purpose, v.status,
       v.home_institution_id AS home_institution, hn.value AS home_institution_name,
       v.host_institution_id AS host_institution, sn.value AS host_institution_name,
       p.id AS partner, pn.value AS partner_name, p.country AS partner_country,
       v.home_unit_id AS home_unit, coalesce(hu.name, '') AS home_unit_name,
       v.host_unit_id AS host_unit, coalesce(su.name, '') AS host_unit_name,
       v.start_on AS start, v.end_on AS "end",
       v.agreement_id AS agreement, v.program_id AS program, v.mobility_type,
       v.lectures, v.teaching_hours, v.seminars, v.note
FROM visit v
JOIN institution_name hn ON hn.institution_id = v.home_institution_id AND hn.kind = 'display'
JOIN institution_name sn ON sn.institution_id = v.host_institution_id AND sn.kind = 'display'
JOIN institution p ON p.id = CASE WHEN v.direction = 'incoming' THEN v.home_institution_id ELSE v.host_institution_id END
JOIN institution_name pn ON pn.institution_id = p.id AND pn.kind = 'display'
LEFT JOIN org_unit hu ON hu.id = v.home_unit_id
LEFT JOIN org_unit su ON su.id = v.host_unit_id
"""

COLUMNS = ["id", "person", "direction", "purpose", "status", "home_institution", "home_institution_name",
           "host_institution", "host_institution_name", "partner", "partner_name", "partner_country",
           "partner_region", "home_unit", "home_unit_name", "host_unit", "host_unit_name", "start", "end", "days",
           "academic_year", "agreement", "program", "mobility_type", "lectures", "teaching_hours", "seminars", "note"]


def categories(enum) -> pd.CategoricalDtype:
    return pd.CategoricalDtype([str(e) for e in enum])


def pandas_frame(con, region_of: dict[str, str], cats: dict[str, pd.CategoricalDtype]) -> pd.DataFrame:
    df = pd.read_sql(SQL, con)
    # Sorted here, as iro sorts in memory: an ORDER BY start_on walks the date index and reads
    # every row at random, which made this baseline about 3 s slower at L.
    df = df.sort_values(["start", "id"], kind="stable", ignore_index=True)
    for c in ("home_unit", "host_unit", "agreement", "program"):
        df[c] = df[c].astype("Int64")
    df["start"] = pd.to_datetime(df["start"], format="%Y-%m-%d")
    df["end"] = pd.to_datetime(df["end"], format="%Y-%m-%d")
    df["days"] = (df["end"] - df["start"]).dt.days + 1
    first = df["start"].dt.year - (df["start"].dt.month < 9)
    df["academic_year"] = first.astype(str) + "/" + (first + 1).astype(str)
    df["partner_region"] = df["partner_country"].map(region_of).astype(cats["partner_region"])
    for c in ("direction", "purpose", "status", "mobility_type"):
        df[c] = df[c].astype(cats[c])
    return df[COLUMNS]


def main() -> None:
    args = common.parser(__doc__.splitlines()[0]).parse_args()
    path = os.path.join(args.work, "iro.db")
    # Both sides keep one connection open, as a notebook does.
    office = iro.open(path, create=False)
    con = sqlite3.connect(path)
    countries = iro.countries_frame()
    region_of = dict(zip(countries["code"], countries["region"].astype(str)))
    cats = {"direction": categories(iro.VisitDirection), "purpose": categories(iro.VisitPurpose),
            "status": categories(iro.VisitStatus), "mobility_type": categories(iro.MobilityType),
            "partner_region": categories(iro.WorldRegion)}

    def with_iro():
        return office.visits.to_frame()

    def with_pandas():
        return pandas_frame(con, region_of, cats)

    # The checked runs are timed too and count among each side's runs; then both take turns.
    iro_first, mine = common.best_of(with_iro, 1)
    base_first, theirs = common.best_of(with_pandas, 1)
    pd.testing.assert_frame_equal(mine.reset_index(drop=True), theirs.reset_index(drop=True), check_dtype=True)

    repeats = common.repeats_for(iro_first, 3.0, 1, 6)  # at L one pandas run takes about 20 s
    iro_s, base_s = common.take_turns(with_iro, with_pandas, repeats)
    iro_s, base_s = min(iro_first, iro_s), min(base_first, base_s)
    office.close()
    con.close()
    rec = common.record(
        "frames_visits", f"to_frame() of all {len(mine)} visits ({len(COLUMNS)} columns)", iro_s,
        "pandas.read_sql + sort + dtypes", base_s, 3.0, "iro >= 3x faster", scale=args.scale, rows=len(mine),
        checked=True, repeats=repeats + 1,
        differs=("none: same columns, values and dtypes (checked with assert_frame_equal); the baseline's SQL "
                 "joins the names and countries and pandas derives days, academic_year and partner_region"))
    common.emit([rec], args.out)


if __name__ == "__main__":
    main()
