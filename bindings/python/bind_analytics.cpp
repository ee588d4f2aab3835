// Analyses that span the office's data, as Office methods: dormant and unused agreements,
// mobility quota use, the mobility balance per partner, visiting professors, the KPI set
// (iro.KpiSet) and the iCalendar export of deadlines.

#include "bind.hpp"
#include "daily_work.hpp"
#include "frame.hpp"
#include "value_class.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>

namespace iro::python {

namespace {

// ---------------------------------------------------------------- KpiSet

using Counts = std::map<std::string, std::int64_t>;

// A by-region/kind/area map as a dict keyed by the enum's members (which equal their names).
template <NamedEnum E>
py::object counts_to_py(const Counts& counts) {
    py::dict d;
    for (const auto& [key, n] : counts) {
        const auto member = try_enum_from_string<E>(key);
        d[member ? to_py(*member) : to_py(key)] = py::int_(n);
    }
    return d;
}

template <NamedEnum E>
Counts counts_from_py(py::handle h, const std::string& field) {
    if (!PyDict_Check(h.ptr())) wrong_type(field, h, std::string("a dict of iro.") + PyEnum<E>::name + " to counts");
    Counts out;
    for (auto item : py::reinterpret_borrow<py::dict>(h)) {
        const auto key = std::string(to_string(from_py<E>(item.first, field)));
        out[key] = from_py<std::int64_t>(item.second, field + "[" + key + "]");
    }
    return out;
}

template <NamedEnum E>
void counts_field(ValueClass<KpiSet>& cls, const char* name, Counts KpiSet::*member, const char* doc) {
    cls.field(
        name, [member](const KpiSet& k) { return counts_to_py<E>(k.*member); },
        [member, name](KpiSet& k, py::handle v) { k.*member = counts_from_py<E>(v, name); }, doc);
}

// One row per KPI (by = ''), and one per region, kind or area under the counts they split.
Frame kpis_frame(const KpiSet& k) {
    std::vector<std::string> name, by, key;
    std::vector<double> value;
    const auto row = [&](const char* n, const char* b, const std::string& k_, double v) {
        name.emplace_back(n);
        by.emplace_back(b);
        key.push_back(k_);
        value.push_back(v);
    };
    const auto total = [&](const char* n, double v) { row(n, "", "", v); };
    const auto split = [&](const char* n, const char* b, const Counts& counts) {
        for (const auto& [k_, v] : counts) row(n, b, k_, static_cast<double>(v));
    };
    const auto as_double = [](std::int64_t v) { return static_cast<double>(v); };
    total("new_agreements", as_double(k.new_agreements));
    split("new_agreements", "region", k.new_by_region);
    split("new_agreements", "kind", k.new_by_kind);
    split("new_agreements", "area", k.new_by_area);
    total("active_agreements", as_double(k.active_agreements));
    split("active_agreements", "region", k.active_by_region);
    split("active_agreements", "kind", k.active_by_kind);
    split("active_agreements", "area", k.active_by_area);
    total("dormant_agreements", as_double(k.dormant_agreements));
    total("dormant_share", k.dormant_share);
    total("incoming_visits", as_double(k.incoming_visits));
    total("outgoing_visits", as_double(k.outgoing_visits));
    total("mobility_balance", as_double(k.mobility_balance));
    total("visiting_professors", as_double(k.visiting_professors));
    total("applications", as_double(k.applications));
    total("accepted_applications", as_double(k.accepted_applications));
    total("application_success_rate", k.application_success_rate);
    total("quota_used", as_double(k.quota_used));
    total("quota_allowed", as_double(k.quota_allowed));
    total("quota_utilisation", k.quota_utilisation);
    total("accredited_scopes", as_double(k.accredited_scopes));
    total("accreditations_expiring", as_double(k.accreditations_expiring));
    total("open_accreditation_cases", as_double(k.open_accreditation_cases));
    total("overdue_evidence", as_double(k.overdue_evidence));
    total("overdue_follow_ups", as_double(k.overdue_follow_ups));
    Frame f;
    f.text("name", std::move(name));
    f.text("by", std::move(by));
    f.text("key", std::move(key));
    f.float64("value", std::move(value));
    return f;
}

void bind_kpi_class(py::module_& m) {
    ValueClass<KpiSet> cls(m, "KpiSet",
                           "The office's key performance indicators for a period (office.kpis()): the same set as the "
                           "C++ API and the office report. to_frame() gives it as a tidy table.");
    cls.field("from_", &KpiSet::from, "First day of the period.")
        .field("to", &KpiSet::to, "Last day of the period.")
        .field("new_agreements", &KpiSet::new_agreements, "Agreements that entered into force within the period.");
    counts_field<WorldRegion>(cls, "new_by_region", &KpiSet::new_by_region,
                              "New agreements per partner region (each region once per agreement).");
    counts_field<AgreementKind>(cls, "new_by_kind", &KpiSet::new_by_kind, "New agreements per kind.");
    counts_field<Area>(cls, "new_by_area", &KpiSet::new_by_area, "New agreements per area of cooperation.");
    cls.field("active_agreements", &KpiSet::active_agreements, "Agreements in force on the last day.");
    counts_field<WorldRegion>(cls, "active_by_region", &KpiSet::active_by_region, "Active agreements per partner region.");
    counts_field<AgreementKind>(cls, "active_by_kind", &KpiSet::active_by_kind, "Active agreements per kind.");
    counts_field<Area>(cls, "active_by_area", &KpiSet::active_by_area, "Active agreements per area of cooperation.");
    cls.field("dormant_agreements", &KpiSet::dormant_agreements, "Active agreements with no use in the 12 months up to `to`.")
        .field("dormant_share", &KpiSet::dormant_share, "dormant_agreements / active_agreements (0 without active ones).")
        .field("incoming_visits", &KpiSet::incoming_visits, "Incoming visits (not cancelled) starting within the period.")
        .field("outgoing_visits", &KpiSet::outgoing_visits, "Outgoing visits (not cancelled) starting within the period.")
        .field("mobility_balance", &KpiSet::mobility_balance, "incoming_visits - outgoing_visits.")
        .field("visiting_professors", &KpiSet::visiting_professors,
               "Incoming visits by faculty, researchers and visiting professors.")
        .field("applications", &KpiSet::applications, "Applications (drafts left out) to calls with a deadline in the period.")
        .field("accepted_applications", &KpiSet::accepted_applications, "Of those, accepted or completed.")
        .field("application_success_rate", &KpiSet::application_success_rate, "Accepted / decided (0 when none is decided).")
        .field("quota_used", &KpiSet::quota_used, "Quota mobilities used over the academic years the period touches.")
        .field("quota_allowed", &KpiSet::quota_allowed, "Quota mobilities allowed over those years.")
        .field("quota_utilisation", &KpiSet::quota_utilisation, "quota_used / quota_allowed (0 when nothing is allowed).")
        .field("accredited_scopes", &KpiSet::accredited_scopes,
               "Programmes or the institution accredited on `to`, with or without conditions.")
        .field("accreditations_expiring", &KpiSet::accreditations_expiring, "Accreditations ending within 180 days after `to`.")
        .field("open_accreditation_cases", &KpiSet::open_accreditation_cases, "Accreditation cases still open on `to`.")
        .field("overdue_evidence", &KpiSet::overdue_evidence, "Required evidence past its due date on `to`.")
        .field("overdue_follow_ups", &KpiSet::overdue_follow_ups, "Accreditation follow-ups past their due date on `to`.")
        .finish(
            [](const KpiSet& k) {
                return fmt::format("<KpiSet {}..{} new {} active {} dormant {} visits in {} out {} applications {}>",
                                   k.from.ok() ? format_date(k.from) : "?", k.to.ok() ? format_date(k.to) : "?", k.new_agreements,
                                   k.active_agreements, k.dormant_agreements, k.incoming_visits, k.outgoing_visits,
                                   k.applications);
            },
            [](const KpiSet& a, const KpiSet& b) { return a == b; })
        .def(
            "to_frame", [](const KpiSet& k) { return kpis_frame(k).to_pandas(); },
            "The KPIs as a tidy DataFrame: name, by ('' for the KPI itself, or 'region', 'kind', 'area' for the rows "
            "that split it), key (the region, kind or area; '' otherwise) and value (float64).");
}

// ---------------------------------------------------------------- analysis frames

Frame usage_frame(Store& s, const std::vector<AgreementUsage>& rows, Date on) {
    const NameIndex names(s, party_ids(rows, [](const AgreementUsage& u) -> const Agreement& { return u.agreement; }));
    std::vector<std::int64_t> id;
    std::vector<std::string> reference, title, partners, partner_countries;
    std::vector<std::optional<AgreementKind>> kind;
    std::vector<std::optional<Date>> in_force_from, valid_until, last_used;
    std::vector<std::optional<std::int64_t>> idle_days;
    for (const auto& u : rows) {
        const auto& a = u.agreement;
        std::vector<InstitutionId> parties;
        for (const auto& p : a.parties) parties.push_back(p.institution);
        auto [partner_names, countries] = names.describe(parties);
        id.push_back(a.id.value());
        reference.push_back(a.reference);
        title.push_back(a.title);
        kind.emplace_back(a.kind);
        partners.push_back(std::move(partner_names));
        partner_countries.push_back(std::move(countries));
        in_force_from.push_back(a.in_force_from);
        valid_until.push_back(a.valid_until);
        last_used.push_back(u.last_used);
        idle_days.push_back(u.last_used ? std::optional<std::int64_t>(days_between(*u.last_used, on)) : std::nullopt);
    }
    Frame f;
    f.int64("id", std::move(id));
    f.text("reference", std::move(reference));
    f.text("title", std::move(title));
    f.category("kind", kind);
    f.text("partners", std::move(partners));
    f.text("partner_countries", std::move(partner_countries));
    f.date("in_force_from", in_force_from);
    f.date("valid_until", valid_until);
    f.date("last_used", last_used);
    f.optional_int64("days_since_use", idle_days);
    return f;
}

Frame quota_frame(Store& s, const std::vector<QuotaUse>& rows) {
    std::vector<InstitutionId> ends;
    for (const auto& q : rows) {
        ends.push_back(q.sending);
        ends.push_back(q.receiving);
    }
    const NameIndex names(s, ends);
    const auto names_by_slot = names.names_by_slot();
    std::vector<std::int64_t> agreement, sending, receiving, used, allowed;
    RepeatedText title, year;
    AcademicYear year_of_text{-1};
    std::string year_text;
    std::vector<std::int32_t> sending_name, receiving_name;
    std::vector<std::optional<VisitDirection>> direction;
    std::vector<std::optional<MobilityType>> type;
    std::vector<double> share;
    for (const auto& q : rows) {
        agreement.push_back(q.agreement.value());
        title.push_back(q.agreement_title);
        if (q.academic_year != year_of_text) year_text = (year_of_text = q.academic_year).to_string();
        year.push_back(year_text);
        sending.push_back(q.sending.value());
        sending_name.push_back(names.slot(q.sending));
        receiving.push_back(q.receiving.value());
        receiving_name.push_back(names.slot(q.receiving));
        if (names.home && q.receiving == *names.home) direction.emplace_back(VisitDirection::Incoming);
        else if (names.home && q.sending == *names.home) direction.emplace_back(VisitDirection::Outgoing);
        else direction.emplace_back(std::nullopt);
        type.emplace_back(q.type);
        used.push_back(q.used);
        allowed.push_back(q.allowed);
        share.push_back(q.share());
    }
    Frame f;
    f.int64("agreement", std::move(agreement));
    title.add_to(f, "agreement_title");
    year.add_to(f, "academic_year");
    f.int64("sending", std::move(sending));
    f.text_codes("sending_name", names_by_slot, std::move(sending_name));
    f.int64("receiving", std::move(receiving));
    f.text_codes("receiving_name", names_by_slot, std::move(receiving_name));
    f.category("direction", direction);
    f.category("type", type);
    f.int64("used", std::move(used));
    f.int64("allowed", std::move(allowed));
    f.float64("share", std::move(share));
    return f;
}

Frame balance_frame(const std::vector<MobilityBalance>& rows) {
    std::vector<std::int64_t> partner, incoming, outgoing, total, balance;
    std::vector<std::string> name, country;
    std::vector<std::optional<WorldRegion>> region;
    for (const auto& b : rows) {
        const Country* c = find_country(b.country);
        partner.push_back(b.partner.value());
        name.push_back(b.partner_name);
        country.push_back(b.country);
        region.push_back(c ? std::optional<WorldRegion>(c->region) : std::nullopt);
        incoming.push_back(b.incoming);
        outgoing.push_back(b.outgoing);
        total.push_back(b.incoming + b.outgoing);
        balance.push_back(b.balance());
    }
    Frame f;
    f.int64("partner", std::move(partner));
    f.text("partner_name", std::move(name));
    f.text("country", std::move(country));
    f.category("region", region);
    f.int64("incoming", std::move(incoming));
    f.int64("outgoing", std::move(outgoing));
    f.int64("total", std::move(total));
    f.int64("balance", std::move(balance));
    return f;
}

Frame professors_frame(const std::vector<VisitingProfessorCount>& rows) {
    std::vector<std::int64_t> year, visits, people, lectures;
    std::vector<std::optional<std::int64_t>> unit;
    std::vector<std::string> unit_name, country;
    std::vector<double> hours;
    for (const auto& c : rows) {
        year.push_back(c.year);
        unit.push_back(raw(c.host_unit));
        unit_name.push_back(c.host_unit_name);
        country.push_back(c.country);
        visits.push_back(c.visits);
        people.push_back(c.people);
        lectures.push_back(c.lectures);
        hours.push_back(c.teaching_hours);
    }
    Frame f;
    f.int64("year", std::move(year));
    f.optional_int64("host_unit", unit);
    f.text("host_unit_name", std::move(unit_name));
    f.text("country", std::move(country));
    f.int64("visits", std::move(visits));
    f.int64("people", std::move(people));
    f.int64("lectures", std::move(lectures));
    f.float64("teaching_hours", std::move(hours));
    return f;
}

// The C++ calls name the period's ends from/to; Python's arguments are start/end.
void check_period(Date start, Date end) {
    check_date(start, "start");
    check_date(end, "end");
    if (end < start) throw ValidationError("end", format_date(end), fmt::format("a date on or after start ({})", format_date(start)));
}

// ---------------------------------------------------------------- calendar

std::string path_arg(py::handle path) {
    // pathlib.Path and other os.PathLike objects stand for their path.
    if (!PyUnicode_Check(path.ptr()) && py::hasattr(path, "__fspath__"))
        return from_py<std::string>(py::module_::import("os").attr("fspath")(path), "path");
    return from_py<std::string>(path, "path");
}

// "" (the current time), a "YYYYMMDDTHHMMSSZ" text, or a datetime (naive ones are taken as UTC).
std::string stamp_arg(py::handle stamp) {
    if (stamp.is_none()) return {};
    if (PyUnicode_Check(stamp.ptr())) return from_py<std::string>(stamp, "stamp");
    py::object datetime = py::module_::import("datetime");
    if (py::isinstance(stamp, datetime.attr("datetime"))) {
        auto utc = py::reinterpret_borrow<py::object>(stamp);
        if (!stamp.attr("tzinfo").is_none()) utc = stamp.attr("astimezone")(datetime.attr("timezone").attr("utc"));
        return from_py<std::string>(utc.attr("strftime")("%Y%m%dT%H%M%SZ"), "stamp");
    }
    wrong_type("stamp", stamp, "a str 'YYYYMMDDTHHMMSSZ', a datetime.datetime or None");
}

// Writes `text` to a new file (or over an existing one when asked). ConflictError when the
// file exists and overwrite is false; StorageError when it cannot be written.
void write_text_file(const std::string& path, const std::string& text, bool overwrite) {
    py::gil_scoped_release nogil;
    // "x": fail if the file exists, checked and created in one step.
    std::FILE* file = std::fopen(path.c_str(), overwrite ? "wb" : "wbx");
    if (!file) {
        const int error = errno;
        if (error == EEXIST)
            throw ConflictError(fmt::format("'{}' already exists; pass overwrite=True to replace it", path));
        throw StorageError(fmt::format("cannot write '{}': {}", path, std::strerror(error)));
    }
    const bool written = std::fwrite(text.data(), 1, text.size(), file) == text.size();
    const int error = errno;
    if (std::fclose(file) != 0 || !written) {
        std::remove(path.c_str());
        throw StorageError(fmt::format("cannot write '{}': {}", path, std::strerror(error)));
    }
}

} // namespace

void bind_analytics(py::module_& m) {
    bind_kpi_class(m);

    add_method<Office>(
        "dormant_agreements",
        [](Office& o, py::object on, py::object months) {
            const auto date = date_or_today(on, "on");
            const auto n = from_py<int>(months, "months");
            return o.core->run([&](Store& s) { return usage_frame(s, dormant_agreements(s, date, n), date); }).to_pandas();
        },
        py::arg("on") = py::none(), py::arg("months") = 12,
        "Agreements in force on `on` (default today) with no cooperation activity and no visit (not cancelled) "
        "starting in the `months` months up to `on`: a use on the day `months` months before `on`, or later, keeps an "
        "agreement active. Columns: id, reference, title, kind, partners, partner_countries, in_force_from, "
        "valid_until, last_used (NaT: never), days_since_use (<NA>: never).");
    add_method<Office>(
        "unused_agreements",
        [](Office& o, py::object on) {
            const auto date = date_or_today(on, "on");
            return o.core->run([&](Store& s) { return usage_frame(s, unused_agreements(s, date), date); }).to_pandas();
        },
        py::arg("on") = py::none(),
        "Agreements in force on `on` (default today) with no activity and no visit since they entered into force; the "
        "columns of dormant_agreements().");
    add_method<Office>(
        "quota_utilisation",
        [](Office& o, py::object agreement, py::object academic_year) {
            const auto key = optional_id_arg<AgreementId>(*o.core, agreement, "agreement");
            const auto year = from_py<std::optional<AcademicYear>>(academic_year, "academic_year");
            return o.core->run([&](Store& s) {
                           if (key) s.agreements().get(*key);  // NotFoundError for an unknown agreement
                           return quota_frame(s, quota_utilisation(s, key, year));
                       })
                .to_pandas();
        },
        py::arg("agreement") = py::none(), py::arg("academic_year") = py::none(),
        "Mobility quota use: one row per quota line and academic year, of one agreement or all, of one academic year "
        "('2025/2026' or an AcademicYear) or all. A visit counts in the academic year it starts in (1 September to 31 "
        "August) against the line with its direction (sending -> receiving) and mobility type; cancelled visits do not "
        "count. Columns: agreement, agreement_title, academic_year, sending, sending_name, receiving, receiving_name, "
        "direction (seen from the home institution), type, used, allowed, share (used / allowed).");
    add_method<Office>(
        "mobility_balance",
        [](Office& o, py::object start, py::object end) {
            const auto to = date_or_today(end, "end");
            const auto from = start.is_none() ? add_months(to, -kBalanceMonths) : from_py<Date>(start, "start");
            check_period(from, to);
            return o.core->run([&](Store& s) { return balance_frame(mobility_balance(s, from, to)); }).to_pandas();
        },
        py::arg("start") = py::none(), py::arg("end") = py::none(),
        "Incoming and outgoing visits (not cancelled) per partner institution, for visits starting within [start, end] "
        "(end defaults to today, start to 12 months before end, as in the office report). Columns: partner, "
        "partner_name, country, region, incoming, outgoing, total, balance (incoming - outgoing).");
    add_method<Office>(
        "visiting_professors",
        [](Office& o, py::object year) {
            const auto y = from_py<std::optional<int>>(year, "year");
            return o.core->run([&](Store& s) { return professors_frame(visiting_professors(s, y)); }).to_pandas();
        },
        py::arg("year") = py::none(),
        "Incoming visits (not cancelled) by visiting professors, faculty and researchers, per calendar year of the "
        "start (one year or all), host unit and visitor's country. Columns: year, host_unit, host_unit_name, country, "
        "visits, people (distinct), lectures, teaching_hours.");
    add_method<Office>(
        "kpis",
        [](Office& o, py::object year, py::object start, py::object end) {
            if (!year.is_none() && (!start.is_none() || !end.is_none()))
                throw ArgumentTypeError("year", text_of(year), "either year or start and end, not both");
            if (start.is_none() != end.is_none()) {
                const bool missing_end = end.is_none();
                throw ArgumentTypeError(missing_end ? "end" : "start", "None",
                                        missing_end ? "a date, since start is given" : "a date, since end is given");
            }
            if (!start.is_none()) {
                const auto from = from_py<Date>(start, "start");
                const auto to = from_py<Date>(end, "end");
                check_period(from, to);
                return o.core->run([&](Store& s) { return compute_kpis(s, from, to); });
            }
            const int y = year.is_none() ? static_cast<int>(today().year()) : from_py<int>(year, "year");
            return o.core->run([&](Store& s) { return compute_kpis(s, y); });
        },
        py::arg("year") = py::none(), py::arg("start") = py::none(), py::arg("end") = py::none(),
        "The KPI set (iro.KpiSet) of a calendar year (default this year), or of the period [start, end]. Its "
        "to_frame() gives a tidy DataFrame.");
    add_method<Office>(
        "export_ics",
        [](Office& o, py::object path, py::object start, py::object end, py::object agreement_expiries,
           py::object call_deadlines, py::object visit_starts, py::object accreditation_deadlines, py::object stamp,
           py::object overwrite) {
            const auto file = path.is_none() ? std::optional<std::string>() : std::optional<std::string>(path_arg(path));
            CalendarOptions options;
            options.from = from_py<std::optional<Date>>(start, "start").value_or(Date{});
            options.to = from_py<std::optional<Date>>(end, "end").value_or(Date{});
            if (options.from.ok() && options.to.ok()) check_period(options.from, options.to);
            options.agreement_expiries = from_py<bool>(agreement_expiries, "agreement_expiries");
            options.call_deadlines = from_py<bool>(call_deadlines, "call_deadlines");
            options.visit_starts = from_py<bool>(visit_starts, "visit_starts");
            options.accreditation_deadlines = from_py<bool>(accreditation_deadlines, "accreditation_deadlines");
            options.stamp = stamp_arg(stamp);
            const auto replace = from_py<bool>(overwrite, "overwrite");
            const auto text = o.core->run([&](Store& s) { return export_ics(s, options); });
            if (file) write_text_file(*file, text, replace);
            return to_py(text);
        },
        py::arg("path") = py::none(), py::arg("start") = py::none(), py::arg("end") = py::none(),
        py::arg("agreement_expiries") = true, py::arg("call_deadlines") = true, py::arg("visit_starts") = true,
        py::arg("accreditation_deadlines") = true, py::arg("stamp") = py::none(), py::arg("overwrite") = false,
        "The office's deadlines as iCalendar (RFC 5545) text: agreement expiries (with reminders 180, 90 and 30 days "
        "before), call deadlines, visit starts (no personal names) and accreditation deadlines (evidence and "
        "follow-ups due, interim reports, site visits, accreditation expiries with reminders), within [start, end] "
        "when given. stamp fixes "
        "every DTSTAMP ('YYYYMMDDTHHMMSSZ' or a datetime; default now) for reproducible output. With `path` the text "
        "is also written there (CRLF line endings kept); an existing file raises ConflictError unless overwrite=True, "
        "and a file that cannot be written raises StorageError. Returns the text.");
}

} // namespace iro::python
