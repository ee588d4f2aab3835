"""Measure 5: iro's analyses from Python against pandas computing the same results.

Each analysis is one record: agreements expiring within 90 days, dormant agreements (no
activity or visit in 12 months), quota utilisation of every quota line and year, mobility
balance per partner over a period, the KPI set of a year, and a name search. iro runs
through its Python API (office.agreements.expiring_frame, office.dormant_agreements,
office.quota_utilisation, office.mobility_balance, office.kpis, office.institutions.search);
the baseline reads the tables it needs with pandas.read_sql (timed: that is what an analyst
would do), with plain row conditions in its SQL, and computes the same result with
vectorised pandas, following the definitions in lib/analytics/*.cpp and
lib/store/agreements.cpp (in_force_on with tacit renewals, add_months clamping, academic
years from 1 September). Each side keeps one connection open across runs. The ids and
numbers are checked equal before timing, then the two sides take turns. iro's frames also
carry display columns (names, titles, partner lists) the baseline does not build; each
record's `differs` says which. For expiring, the list of ExpiringAgreement objects (whole
agreements) and the same list with parties only are reported beside the frame.
Target: iro at least 10x faster for each analysis.
"""

from __future__ import annotations

import datetime
import os
import re
import sqlite3

import numpy as np
import pandas as pd

import common

iro = common.import_iro()

ENTERED = ["in_force", "expired", "renewed", "terminated"]
PROFESSOR_ROLES = ["visiting_professor", "faculty", "researcher"]


# ---------------------------------------------------------------- shared pandas functions

def read(con, sql: str, params: tuple = ()) -> pd.DataFrame:
    return pd.read_sql(sql, con, params=params)


def dates(s: pd.Series) -> pd.Series:
    return pd.to_datetime(s, format="%Y-%m-%d")


def read_agreements(con, where: str = "") -> pd.DataFrame:
    a = read(con, "SELECT id, kind, status, in_force_from, valid_until, terminated_on, tacit_renewal_years, "
                  "notice_days FROM agreement" + (f" WHERE {where}" if where else ""))
    for c in ("in_force_from", "valid_until", "terminated_on"):
        a[c] = dates(a[c])
    return a


def add_years_clamped(d: pd.Series, years: pd.Series) -> pd.Series:
    """add_months(d, 12 * years): same month, the day clamped to the month's length."""
    y = d.dt.year + years
    m = d.dt.month
    first = pd.to_datetime(pd.DataFrame({"year": y, "month": m, "day": 1}))
    last = (first + pd.offsets.MonthEnd(0)).dt.day
    return first + pd.to_timedelta(np.minimum(d.dt.day, last) - 1, unit="D")


def period_end(a: pd.DataFrame, on: pd.Timestamp) -> pd.Series:
    end = a["valid_until"].copy()
    tacit = a["tacit_renewal_years"]
    step = (tacit > 0) & (end < on)
    while step.any():
        end[step] = add_years_clamped(end[step], tacit[step])
        step = (tacit > 0) & (end < on)
    return end


def in_force_on(a: pd.DataFrame, on: pd.Timestamp) -> pd.Series:
    entered = a["status"].isin(ENTERED) & a["in_force_from"].notna() & (a["in_force_from"] <= on)
    running = a["terminated_on"].isna() | (on < a["terminated_on"])
    closed = a["status"].isin(["renewed", "expired"])
    until_ok = a["valid_until"].isna() | (on <= a["valid_until"])
    end = period_end(a, on)
    end_ok = end.isna() | (on <= end)
    return entered & running & np.where(closed, until_ok, end_ok)


def add_months(d: datetime.date, months: int) -> datetime.date:
    ym = d.year * 12 + d.month - 1 + months
    y, m = divmod(ym, 12)
    m += 1
    last = (datetime.date(y + (m == 12), m % 12 + 1, 1) - datetime.timedelta(days=1)).day
    return datetime.date(y, m, min(d.day, last))


def dormant_from(a, activity, visits, on: datetime.date, months: int = 12) -> pd.DataFrame:
    """(id, last_used) of the agreements in force on `on` with no use since add_months(on, -months)."""
    day = on.isoformat()
    uses = pd.concat([
        activity.loc[activity["agreement_id"].notna() & (activity["start_on"] <= day), ["agreement_id", "start_on"]],
        visits.loc[visits["agreement_id"].notna() & (visits["status"] != "cancelled") & (visits["start_on"] <= day),
                   ["agreement_id", "start_on"]],
    ])
    last = uses.groupby("agreement_id")["start_on"].max()
    active = a.loc[in_force_on(a, pd.Timestamp(on)), ["id"]]
    active["last_used"] = dates(active["id"].map(last))
    since = pd.Timestamp(add_months(on, -months))
    out = active[active["last_used"].isna() | (active["last_used"] < since)]
    return out.sort_values("id").reset_index(drop=True)


def quota_from(quota, years, visits) -> pd.DataFrame:
    v = visits[visits["agreement_id"].notna() & (visits["status"] != "cancelled") & visits["mobility_type"].notna()]
    start = dates(v["start_on"])
    used = (v.assign(start_year=start.dt.year - (start.dt.month < 9))
            .groupby(["agreement_id", "mobility_type", "home_institution_id", "host_institution_id", "start_year"])
            .size().rename("used").reset_index())
    used["agreement_id"] = used["agreement_id"].astype("int64")
    lines = quota.merge(years, left_on="id", right_on="quota_id")
    out = lines.merge(used, how="left",
                      left_on=["agreement_id", "mobility_type", "sending_id", "receiving_id", "start_year"],
                      right_on=["agreement_id", "mobility_type", "home_institution_id", "host_institution_id",
                                "start_year"])
    out["used"] = out["used"].fillna(0).astype("int64")
    out = out.sort_values(["agreement_id", "start_year", "position"]).reset_index(drop=True)
    return out[["agreement_id", "start_year", "sending_id", "receiving_id", "mobility_type", "mobilities_per_year",
                "used"]]


def regions_per_agreement(pairs: pd.DataFrame, region_of: dict[str, str]) -> dict[str, int]:
    """Agreements counted once per region of any of their (non-home) partners."""
    r = pairs.assign(region=pairs["country"].map(region_of)).dropna(subset=["region"])
    return r.drop_duplicates(["agreement_id", "region"])["region"].value_counts().to_dict()


# ---------------------------------------------------------------- the baselines

def pandas_expiring(con, on: datetime.date, within: int) -> pd.DataFrame:
    a = read_agreements(con, "status = 'in_force' AND valid_until IS NOT NULL")
    ts = pd.Timestamp(on)
    a = a[in_force_on(a, ts)].copy()
    a["ends_on"] = period_end(a, ts)
    a["days_left"] = (a["ends_on"] - ts).dt.days
    a = a[(a["days_left"] >= 0) & (a["days_left"] <= within)].copy()
    a["notice_by"] = (a["ends_on"] - pd.to_timedelta(a["notice_days"], unit="D")).where(a["notice_days"] > 0)
    return a.sort_values(["days_left", "id"]).reset_index(drop=True)[["id", "ends_on", "days_left", "notice_by"]]


def pandas_dormant(con, on: datetime.date) -> pd.DataFrame:
    # No date condition in SQL: SQLite would then walk the start-date index over nearly every
    # row, many times slower than these reads; dormant_from filters the dates.
    a = read_agreements(con)
    activity = read(con, "SELECT agreement_id, start_on FROM activity WHERE agreement_id IS NOT NULL")
    visits = read(con, "SELECT agreement_id, status, start_on FROM visit "
                       "WHERE agreement_id IS NOT NULL AND status <> 'cancelled'")
    return dormant_from(a, activity, visits, on)


def pandas_quota(con) -> pd.DataFrame:
    quota = read(con, "SELECT id, agreement_id, position, sending_id, receiving_id, mobility_type, "
                      "mobilities_per_year FROM mobility_quota")
    years = read(con, "SELECT quota_id, start_year FROM mobility_quota_year")
    visits = read(con, "SELECT agreement_id, status, mobility_type, home_institution_id, host_institution_id, start_on "
                       "FROM visit WHERE agreement_id IS NOT NULL AND status <> 'cancelled' AND mobility_type IS NOT NULL")
    return quota_from(quota, years, visits)


def display_names(con, ids: pd.Series) -> pd.Series:
    """The display name of each institution in `ids`, as iro picks it: its first name of kind
    'display', else its first name."""
    names = read(con, "SELECT institution_id, value FROM institution_name WHERE kind = 'display' "
                      "ORDER BY institution_id, position")
    out = ids.map(names.drop_duplicates("institution_id").set_index("institution_id")["value"])
    if out.isna().any():
        first = read(con, "SELECT institution_id, value FROM institution_name ORDER BY institution_id, position")
        out = out.fillna(ids.map(first.drop_duplicates("institution_id").set_index("institution_id")["value"]))
    return out


def pandas_balance(con, start: datetime.date, end: datetime.date) -> pd.DataFrame:
    v = read(con, "SELECT direction, home_institution_id, host_institution_id FROM visit "
                  "WHERE status <> 'cancelled' AND start_on >= ? AND start_on <= ?", (start.isoformat(), end.isoformat()))
    inst = read(con, "SELECT id, country FROM institution")
    incoming = v["direction"] == "incoming"
    m = pd.DataFrame({"partner": np.where(incoming, v["home_institution_id"], v["host_institution_id"]),
                      "incoming": incoming.to_numpy(), "outgoing": (~incoming).to_numpy()})
    out = m.groupby("partner")[["incoming", "outgoing"]].sum().reset_index()
    out["partner_name"] = display_names(con, out["partner"])
    out["country"] = out["partner"].map(inst.set_index("id")["country"])
    return out.sort_values("partner").reset_index(drop=True)


def pandas_kpis(con, year: int, region_of: dict[str, str]) -> dict:
    f, t = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    fs, tsr = f.isoformat(), t.isoformat()
    a = read_agreements(con)
    parties = read(con, "SELECT agreement_id, institution_id FROM agreement_party")
    areas = read(con, "SELECT agreement_id, area FROM agreement_area")
    inst = read(con, "SELECT id, country, is_home FROM institution")
    activity = read(con, "SELECT agreement_id, start_on FROM activity WHERE agreement_id IS NOT NULL")
    # Every figure below leaves cancelled visits out.
    visits = read(con, "SELECT person_id, direction, status, agreement_id, mobility_type, home_institution_id, "
                       "host_institution_id, start_on FROM visit WHERE status <> 'cancelled'")
    people = read(con, "SELECT id, role FROM person")
    quota = read(con, "SELECT id, agreement_id, position, sending_id, receiving_id, mobility_type, "
                      "mobilities_per_year FROM mobility_quota")
    years = read(con, "SELECT quota_id, start_year FROM mobility_quota_year")
    applications = read(con, "SELECT call_id, status FROM application")
    calls = read(con, "SELECT id, deadline FROM call")
    k: dict = {}
    partners = parties.merge(inst[inst["is_home"] == 0], left_on="institution_id", right_on="id")

    new = a[a["status"].isin(ENTERED) & (a["in_force_from"] >= pd.Timestamp(f)) & (a["in_force_from"] <= pd.Timestamp(t))]
    new_pairs = partners[partners["agreement_id"].isin(new["id"])]
    new_with_partner = new[new["id"].isin(new_pairs["agreement_id"])]
    k["new_agreements"] = len(new_with_partner)
    k["new_by_kind"] = new_with_partner["kind"].value_counts().to_dict()
    k["new_by_region"] = regions_per_agreement(new_pairs, region_of)
    k["new_by_area"] = areas[areas["agreement_id"].isin(new["id"])]["area"].value_counts().to_dict()

    active = a[in_force_on(a, pd.Timestamp(t))]
    k["active_agreements"] = len(active)
    k["active_by_kind"] = active["kind"].value_counts().to_dict()
    k["active_by_area"] = areas[areas["agreement_id"].isin(active["id"])]["area"].value_counts().to_dict()
    k["active_by_region"] = regions_per_agreement(partners[partners["agreement_id"].isin(active["id"])], region_of)
    k["dormant_agreements"] = len(dormant_from(a, activity, visits, t))
    k["dormant_share"] = k["dormant_agreements"] / k["active_agreements"] if k["active_agreements"] else 0.0

    v = visits[(visits["status"] != "cancelled") & (visits["start_on"] >= fs) & (visits["start_on"] <= tsr)]
    k["incoming_visits"] = int((v["direction"] == "incoming").sum())
    k["outgoing_visits"] = int((v["direction"] == "outgoing").sum())
    k["mobility_balance"] = k["incoming_visits"] - k["outgoing_visits"]
    professors = people.loc[people["role"].isin(PROFESSOR_ROLES), "id"]
    k["visiting_professors"] = int(((v["direction"] == "incoming") & v["person_id"].isin(professors)).sum())

    x = applications.merge(calls, left_on="call_id", right_on="id")
    x = x[(x["deadline"] >= fs) & (x["deadline"] <= tsr)]
    k["applications"] = int((x["status"] != "draft").sum())
    k["accepted_applications"] = int(x["status"].isin(["accepted", "completed"]).sum())
    decided = int(x["status"].isin(["accepted", "completed", "rejected"]).sum())
    k["application_success_rate"] = k["accepted_applications"] / decided if decided else 0.0

    first_year = f.year if f.month >= 9 else f.year - 1
    last_year = t.year if t.month >= 9 else t.year - 1
    q = quota_from(quota, years, visits)
    q = q[(q["start_year"] >= first_year) & (q["start_year"] <= last_year)]
    k["quota_used"] = int(q["used"].sum())
    k["quota_allowed"] = int(q["mobilities_per_year"].sum())
    k["quota_utilisation"] = k["quota_used"] / k["quota_allowed"] if k["quota_allowed"] else 0.0
    return k


def fold(s: pd.Series) -> pd.Series:
    return s.str.normalize("NFKD").str.replace(r"[\u0300-\u036f\u064b-\u065f\u0670\u0640]", "", regex=True).str.casefold()


def pandas_search(con, text: str) -> pd.DataFrame:
    names = read(con, "SELECT institution_id, value, kind FROM institution_name")
    folded = fold(names["value"])
    words = [w for w in re.split(r"[^0-9a-z\u0080-\U0010ffff]+", fold(pd.Series([text]))[0]) if w]
    hit = None
    for w in words:
        per_name = folded.str.contains(r"(?:^|[^0-9a-z\u0080-\U0010ffff])" + re.escape(w), regex=True)
        per_institution = per_name.groupby(names["institution_id"]).any()
        hit = per_institution if hit is None else hit & per_institution
    ids = hit[hit].index
    display = names[(names["kind"] == "display") & names["institution_id"].isin(ids)]
    return display[["institution_id", "value"]].reset_index(drop=True)


# ---------------------------------------------------------------- checks

def same_dates(x: pd.Series, y: pd.Series) -> bool:
    """Equal datetime columns, NaT where the other has NaT."""
    x = pd.to_datetime(x).reset_index(drop=True)
    y = pd.to_datetime(y).reset_index(drop=True)
    return len(x) == len(y) and bool((x.isna() == y.isna()).all()) and bool((x[x.notna()] == y[y.notna()]).all())


def check(name: str, ok: bool) -> None:
    if not ok:
        raise SystemExit(f"{name}: iro and pandas disagree")


def kpi_dict(k) -> dict:
    out = {}
    for field in ("new_agreements", "active_agreements", "dormant_agreements", "dormant_share", "incoming_visits",
                  "outgoing_visits", "mobility_balance", "visiting_professors", "applications",
                  "accepted_applications", "application_success_rate", "quota_used", "quota_allowed",
                  "quota_utilisation"):
        out[field] = getattr(k, field)
    for field in ("new_by_region", "new_by_kind", "new_by_area", "active_by_region", "active_by_kind",
                  "active_by_area"):
        out[field] = {str(key): n for key, n in getattr(k, field).items() if n}
    return out


def main() -> None:
    p = common.parser(__doc__.splitlines()[0])
    p.add_argument("--on", help="reference date (default: the day the dataset was loaded, from the audit log)")
    args = p.parse_args()
    path = os.path.join(args.work, "iro.db")
    # Both sides keep one connection open, as a notebook does: iro's office and pandas' sqlite3.
    con = sqlite3.connect(path)
    loaded_on = con.execute("SELECT substr(max(at), 1, 10) FROM audit_log").fetchone()[0]
    on = datetime.date.fromisoformat(args.on or loaded_on)
    # The same windows as the C++ queries measure: the year of `on`, and the 365 days up to it.
    kpi_year = on.year
    balance_start = on - datetime.timedelta(days=365)
    balance_end = on
    common_country = con.execute("SELECT country FROM institution WHERE is_home = 0 GROUP BY country "
                                 "ORDER BY count(*) DESC, country LIMIT 1").fetchone()[0]
    search_text = f"univ {common_country.lower()} 1"
    countries = iro.countries_frame()
    region_of = dict(zip(countries["code"], countries["region"].astype(str)))

    office = iro.open(path, create=False)
    # key: (what, iro, pandas, results agree, what iro returns beyond the baseline's columns)
    analyses = {
        "expiring_90_days": (
            f"agreements expiring within 90 days of {on}",
            lambda: office.agreements.expiring_frame(within_days=90, on=on),
            lambda: pandas_expiring(con, on, 90),
            lambda i, b: list(i["id"]) == list(b["id"]) and list(i["days_left"]) == list(b["days_left"])
            and same_dates(i["ends_on"], b["ends_on"]) and same_dates(i["notice_by"], b["notice_by"]),
            "iro's frame also has reference, title, kind, status, partners, partner_countries, in_force_from, "
            "valid_until, renews_tacitly, tacit_renewal_years and notice_days"),
        "dormant_agreements": (
            f"agreements in force on {on} unused for 12 months",
            lambda: office.dormant_agreements(on=on, months=12),
            lambda: pandas_dormant(con, on),
            lambda i, b: list(i["id"]) == list(b["id"]) and same_dates(i["last_used"], b["last_used"]),
            "iro's frame also has reference, title, kind, partners, partner_countries, in_force_from, valid_until "
            "and days_since_use"),
        "quota_utilisation": (
            "use of every quota line in every academic year",
            lambda: office.quota_utilisation(),
            lambda: pandas_quota(con),
            lambda i, b: list(i["agreement"]) == list(b["agreement_id"])
            and list(i["academic_year"]) == [f"{y}/{y + 1}" for y in b["start_year"]]
            and list(i["sending"]) == list(b["sending_id"]) and list(i["receiving"]) == list(b["receiving_id"])
            and list(i["type"].astype(str)) == list(b["mobility_type"])
            and list(i["allowed"]) == list(b["mobilities_per_year"]) and list(i["used"]) == list(b["used"]),
            "iro's frame also has agreement_title, sending_name, receiving_name, direction and share"),
        "mobility_balance": (
            f"incoming/outgoing visits per partner, {balance_start}..{balance_end}",
            lambda: office.mobility_balance(start=balance_start, end=balance_end),
            lambda: pandas_balance(con, balance_start, balance_end),
            lambda i, b: list(i["partner"]) == list(b["partner"]) and list(i["incoming"]) == list(b["incoming"])
            and list(i["outgoing"]) == list(b["outgoing"]) and list(i["partner_name"]) == list(b["partner_name"])
            and list(i["country"]) == list(b["country"]),
            "iro's frame also has region, total and balance"),
        "kpis": (
            f"the KPI set of {kpi_year} (accreditation KPIs left out of the baseline: no accreditation data)",
            lambda: office.kpis(year=kpi_year),
            lambda: pandas_kpis(con, kpi_year, region_of),
            lambda i, b: kpi_dict(i) == b,
            "iro also computes the five accreditation KPIs (zero here, checked)"),
        "name_search": (
            f"institutions whose names match every word of {search_text!r} as a prefix",
            lambda: office.institutions.search(search_text, limit=10_000),
            lambda: pandas_search(con, search_text),
            lambda i, b: sorted(x.id for x in i) == sorted(b["institution_id"]),
            "iro returns whole Institution objects ranked by relevance from its full-text index; the baseline "
            "folds every name (NFKD, marks removed, casefold) on each call and returns ids and display names"),
    }

    records = []
    for key, (what, with_iro, with_pandas, agree, differs) in analyses.items():
        # The checked runs are timed too and count among each side's runs; then both sides
        # take the same number of turns.
        iro_first, mine = common.best_of(with_iro, 1)
        base_first, theirs = common.best_of(with_pandas, 1)
        check(key, agree(mine, theirs))
        if key == "kpis":
            check("kpis (accreditation part is zero)", all(getattr(mine, f) == 0 for f in (
                "accredited_scopes", "accreditations_expiring", "open_accreditation_cases", "overdue_evidence",
                "overdue_follow_ups")))
        rounds = common.repeats_for(base_first, 3.0, 2, 8)
        iro_s, base_s = common.take_turns(with_iro, with_pandas, rounds)
        iro_s, base_s = min(iro_first, iro_s), min(base_first, base_s)
        size = len(mine) if hasattr(mine, "__len__") and key != "kpis" else None
        records.append(common.record(
            f"analysis_{key}", what, iro_s, "pandas.read_sql + pandas", base_s, 10.0, "iro >= 10x faster",
            scale=args.scale, checked=True, result_rows=size, repeats=rounds + 1, on=on.isoformat(), differs=differs))
        if key == "expiring_90_days":
            # The same analysis as lists of ExpiringAgreement objects: whole agreements, and
            # agreements with their parties only. Reported beside the frame, not targets.
            for parts, label in (("all", "whole agreements"), ("parties", "agreements with parties only")):
                def objects_of(parts=parts):
                    return office.agreements.expiring(within_days=90, on=on, parts=parts)
                first, objects = common.best_of(objects_of, 1)
                check(f"expiring objects, parts={parts}", [e.agreement.id for e in objects] == list(theirs["id"])
                      and [e.days_left for e in objects] == list(theirs["days_left"])
                      and [e.ends_on for e in objects] == [d.date() for d in theirs["ends_on"]]
                      and [e.notice_by for e in objects] == [None if pd.isna(d) else d.date() for d in theirs["notice_by"]])
                seconds = min(first, common.best_of(objects_of, rounds)[0])
                records.append(common.record(
                    f"analysis_{key}_objects_{parts}", f"{what}, as ExpiringAgreement objects ({label})", seconds,
                    "pandas.read_sql + pandas", base_s, 0.0, "reported", scale=args.scale, checked=True,
                    result_rows=len(objects), repeats=rounds + 1, on=on.isoformat()))
    office.close()
    con.close()
    common.emit(records, args.out)


if __name__ == "__main__":
    main()
