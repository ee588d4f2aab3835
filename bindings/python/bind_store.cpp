// Office (an opened store), iro.open(), the audit log, the office report and the sample data.

#include "bind.hpp"
#include "office.hpp"

#include "iro/document_ref.hpp"
#include "iro/office_report.hpp"
#include "iro/sample_data.hpp"
#include "iro/sample_dataset.hpp"

#include <fmt/format.h>

namespace iro::python {

namespace {

std::string path_arg(py::handle path, const char* field = "path") {
    // pathlib.Path and other os.PathLike objects stand for their path.
    if (!PyUnicode_Check(path.ptr()) && py::hasattr(path, "__fspath__"))
        return from_py<std::string>(py::module_::import("os").attr("fspath")(path), field);
    return from_py<std::string>(path, field);
}

// A DocumentRef, or a location given as a str or os.PathLike.
DocumentRef document_arg(py::handle document) {
    if (PyUnicode_Check(document.ptr()) || py::hasattr(document, "__fspath__"))
        return DocumentRef{"", path_arg(document, "document"), ""};
    return from_py<DocumentRef>(document, "document");
}

ReportOptions report_options(const py::kwargs& kwargs) {
    check_keywords(kwargs, {"audit_entries", "top_countries", "list_in_force", "column_width", "short_lists"},
                   "the report options");
    ReportOptions o;
    if (kwargs.contains("audit_entries")) o.audit_entries = from_py<int>(kwargs["audit_entries"], "audit_entries");
    if (kwargs.contains("top_countries")) o.top_countries = from_py<int>(kwargs["top_countries"], "top_countries");
    if (kwargs.contains("list_in_force")) o.list_in_force = from_py<bool>(kwargs["list_in_force"], "list_in_force");
    if (kwargs.contains("column_width")) o.column_width = from_py<int>(kwargs["column_width"], "column_width");
    if (kwargs.contains("short_lists")) o.short_lists = from_py<int>(kwargs["short_lists"], "short_lists");
    return o;
}

template <class K, class V, class Fn>
py::dict map_to_py(const std::map<K, V>& m, Fn value) {
    py::dict out;
    for (const auto& [k, v] : m) out[to_py(k)] = value(v);
    return out;
}

py::dict tally_to_py(const Tally& t) {
    py::dict d;
    d["all"] = t.all;
    d["in_force"] = t.in_force;
    return d;
}

py::list lines_to_py(const std::vector<AgreementLine>& lines) {
    py::list out;
    for (const auto& l : lines) {
        py::dict d;
        d["id"] = to_py(l.id);
        d["reference"] = to_py(l.reference);
        d["title"] = to_py(l.title);
        d["kind"] = to_py(l.kind);
        d["status"] = to_py(l.status);
        d["partners"] = to_py(l.partners);
        d["ends_on"] = to_py(l.ends_on);
        d["days_left"] = l.days_left;
        d["renews_tacitly"] = l.renews_tacitly;
        d["notice_by"] = to_py(l.notice_by);
        out.append(d);
    }
    return out;
}

py::list usage_to_py(const std::vector<UsageLine>& lines) {
    py::list out;
    for (const auto& l : lines) {
        py::dict d;
        d["id"] = to_py(l.id);
        d["reference"] = to_py(l.reference);
        d["title"] = to_py(l.title);
        d["partners"] = to_py(l.partners);
        d["in_force_from"] = to_py(l.in_force_from);
        d["last_used"] = to_py(l.last_used);
        out.append(d);
    }
    return out;
}

py::list calls_to_py(const std::vector<CallLine>& lines) {
    py::list out;
    for (const auto& l : lines) {
        py::dict d;
        d["id"] = l.id.value();
        d["program"] = l.program.value();
        d["program_name"] = to_py(l.program_name);
        d["kind"] = to_py(l.kind);
        py::list audiences;
        for (auto a : l.audiences) audiences.append(to_py(a));
        d["audiences"] = audiences;
        d["provider"] = to_py(l.provider);
        d["title"] = to_py(l.title);
        d["opens_on"] = to_py(l.opens_on);
        d["deadline"] = to_py(l.deadline);
        d["days_left"] = l.days_left;
        d["places"] = l.places;
        if (l.funding) {
            py::dict money;
            money["amount"] = l.funding->amount;
            money["currency"] = to_py(l.funding->currency);
            d["funding"] = money;
        } else {
            d["funding"] = py::none();
        }
        out.append(d);
    }
    return out;
}

py::list visits_to_py(const std::vector<VisitLine>& lines) {
    py::list out;
    for (const auto& l : lines) {
        py::dict d;
        d["id"] = l.id.value();
        d["direction"] = to_py(l.direction);
        d["purpose"] = to_py(l.purpose);
        d["status"] = to_py(l.status);
        d["partner"] = to_py(l.partner);
        d["partner_name"] = to_py(l.partner_name);
        d["partner_country"] = to_py(l.partner_country);
        d["start"] = to_py(l.start);
        d["end"] = to_py(l.end);
        d["agreement_reference"] = to_py(l.agreement_reference);
        d["program_name"] = to_py(l.program_name);
        out.append(d);
    }
    return out;
}

py::dict counts_to_py(const std::map<std::string, std::int64_t>& counts) {
    py::dict out;
    for (const auto& [k, v] : counts) out[to_py(k)] = v;
    return out;
}

py::dict kpis_to_py(const ReportKpis& r) {
    const auto& k = r.kpis;
    py::dict d;
    d["year"] = r.year;
    d["from"] = to_py(k.from);
    d["to"] = to_py(k.to);
    d["new_agreements"] = k.new_agreements;
    d["new_by_region"] = counts_to_py(k.new_by_region);
    d["new_by_kind"] = counts_to_py(k.new_by_kind);
    d["new_by_area"] = counts_to_py(k.new_by_area);
    d["active_agreements"] = k.active_agreements;
    d["active_by_region"] = counts_to_py(k.active_by_region);
    d["active_by_kind"] = counts_to_py(k.active_by_kind);
    d["active_by_area"] = counts_to_py(k.active_by_area);
    d["dormant_agreements"] = k.dormant_agreements;
    d["dormant_share"] = k.dormant_share;
    d["incoming_visits"] = k.incoming_visits;
    d["outgoing_visits"] = k.outgoing_visits;
    d["mobility_balance"] = k.mobility_balance;
    d["visiting_professors"] = k.visiting_professors;
    d["applications"] = k.applications;
    d["accepted_applications"] = k.accepted_applications;
    d["application_success_rate"] = k.application_success_rate;
    d["quota_used"] = k.quota_used;
    d["quota_allowed"] = k.quota_allowed;
    d["quota_utilisation"] = k.quota_utilisation;
    d["accredited_scopes"] = k.accredited_scopes;
    d["accreditations_expiring"] = k.accreditations_expiring;
    d["open_accreditation_cases"] = k.open_accreditation_cases;
    d["overdue_evidence"] = k.overdue_evidence;
    d["overdue_follow_ups"] = k.overdue_follow_ups;
    return d;
}

// The summary as plain Python data (dicts keyed by enum members), ready for pandas.Series.
py::dict summary_to_py(OfficeCore& core, const OfficeSummary& s) {
    const auto count = [](std::int64_t n) { return py::int_(n); };
    py::dict d;
    d["on"] = to_py(s.on);
    d["home"] = s.home ? core.to_py_stored(*s.home) : py::none();
    d["home_units"] = map_to_py(s.home_units, count);
    d["home_contacts"] = s.home_contacts;
    d["agreements"] = s.agreements;
    d["in_force"] = s.in_force;
    d["multilateral"] = s.multilateral;
    d["by_status"] = map_to_py(s.by_status, count);
    d["by_kind"] = map_to_py(s.by_kind, tally_to_py);
    d["by_region"] = map_to_py(s.by_region, tally_to_py);
    d["by_area"] = map_to_py(s.by_area, tally_to_py);
    d["in_force_list"] = lines_to_py(s.in_force_list);
    d["expiring"] = lines_to_py(s.expiring);
    py::dict within;
    for (std::size_t i = 0; i < kExpiringBands.size(); ++i) within[py::int_(kExpiringBands[i])] = s.expiring_within[i];
    d["expiring_within"] = within;
    d["partners"] = s.partners;
    d["active_partners"] = s.active_partners;
    d["partners_by_scope"] = map_to_py(s.partners_by_scope, count);
    py::list countries;
    for (const auto& c : s.partners_by_country) {
        py::dict cd;
        cd["code"] = to_py(c.code);
        cd["name"] = to_py(c.name);
        cd["partners"] = c.partners;
        countries.append(cd);
    }
    d["partners_by_country"] = countries;
    d["dormant"] = usage_to_py(s.dormant);
    d["never_used"] = usage_to_py(s.never_used);
    d["open_calls"] = calls_to_py(s.open_calls);
    d["deadlines"] = calls_to_py(s.deadlines);
    py::dict visits;
    for (const auto& [direction, t] : s.visits) {
        py::dict td;
        td["this_year"] = t.this_year;
        td["started"] = t.started;
        td["ongoing"] = t.ongoing;
        visits[to_py(direction)] = td;
    }
    d["visits"] = visits;
    d["ongoing_visits"] = visits_to_py(s.ongoing_visits);
    py::list professors;
    for (const auto& c : s.visiting_professors) {
        py::dict cd;
        cd["code"] = to_py(c.code);
        cd["name"] = to_py(c.name);
        cd["visits"] = c.visits;
        cd["lectures"] = c.lectures;
        cd["teaching_hours"] = c.teaching_hours;
        professors.append(cd);
    }
    d["visiting_professors"] = professors;
    d["quota_year"] = to_py(s.quota_year);
    py::list quotas;
    for (const auto& q : s.quota_use) {
        py::dict qd;
        qd["agreement"] = to_py(q.agreement);
        qd["reference"] = to_py(q.reference);
        qd["title"] = to_py(q.title);
        qd["partner"] = to_py(q.partner);
        qd["direction"] = to_py(q.direction);
        qd["type"] = to_py(q.type);
        qd["used"] = q.used;
        qd["allowed"] = q.allowed;
        qd["share"] = q.share;
        quotas.append(qd);
    }
    d["quota_use"] = quotas;
    d["balance_from"] = to_py(s.balance_from);
    py::list balance;
    for (const auto& b : s.mobility_balance) {
        py::dict bd;
        bd["partner"] = to_py(b.partner);
        bd["partner_name"] = to_py(b.partner_name);
        bd["country"] = to_py(b.country);
        bd["incoming"] = b.incoming;
        bd["outgoing"] = b.outgoing;
        bd["total"] = b.total();
        bd["balance"] = b.balance();
        balance.append(bd);
    }
    d["mobility_balance"] = balance;
    d["kpis"] = kpis_to_py(s.kpis);
    d["latest_audit"] = to_py(s.latest_audit);
    return d;
}

py::dict counts_to_py(const SampleCounts& c) {
    py::dict d;
    d["institutions"] = c.institutions;
    d["agreements"] = c.agreements;
    d["quota_lines"] = c.quota_lines;
    d["people"] = c.people;
    d["activities"] = c.activities;
    d["visits"] = c.visits;
    return d;
}

py::dict sample_to_py(const SampleSummary& s) {
    py::dict d;
    d["institutions"] = s.institutions;
    d["partners"] = s.partners;
    d["units"] = s.units;
    d["contacts"] = s.contacts;
    d["agreements"] = s.agreements;
    d["people"] = s.people;
    d["activities"] = s.activities;
    d["programs"] = s.programs;
    d["calls"] = s.calls;
    d["applications"] = s.applications;
    d["visits"] = s.visits;
    d["centre_links"] = s.centre_links;
    return d;
}

void bind_audit(py::module_& m) {
    py::class_<AuditView>(m, "AuditLog", "The audit log: one entry for every change made through the office.")
        .def(refused_constructor<AuditView>("AuditLog", "office.audit"))
        .def(
            "latest",
            [](AuditView& v, py::object limit) {
                const auto n = from_py<int>(limit, "limit");
                return to_py(v.core->run([&](Store& s) { return s.audit().latest(n); }));
            },
            py::arg("limit") = 20, "The newest entries, newest first.")
        .def(
            "for_entity",
            [](AuditView& v, py::object entity, py::object id) {
                v.core->check_origin(entity);
                std::string name;
                std::int64_t key = 0;
                // An object returned by the office stands for its entity and id.
                if (py::isinstance<Stored<Institution>>(entity)) name = "institution";
                else if (py::isinstance<Stored<Agreement>>(entity)) name = "agreement";
                else if (py::isinstance<Stored<OrgUnit>>(entity)) name = "unit";
                else if (py::isinstance<Stored<Contact>>(entity)) name = "contact";
                if (!name.empty()) {
                    if (!id.is_none()) throw ArgumentTypeError("id", text_of(id), "no id when an object is given");
                    key = int64_from_py(entity.attr("id"), "id");
                } else {
                    name = from_py<std::string>(entity, "entity");
                    key = from_py<std::int64_t>(id, "id");
                }
                return to_py(v.core->run([&](Store& s) { return s.audit().for_entity(name, key); }));
            },
            py::arg("entity"), py::arg("id") = py::none(),
            "Every entry about one entity, oldest first: for_entity('agreement', 12) or for_entity(agreement).")
        .def("__len__", [](AuditView& v) { return v.core->run([](Store& s) { return s.audit().size(); }); })
        .def("__repr__", [](AuditView& v) { return fmt::format("<iro.AuditLog of '{}'>", v.core->path()); });
}

void bind_office(py::module_& m) {
    py::class_<Office>(m, "Office",
                       "An opened office store (iro.open). Use it as a context manager or call close(); after close every "
                       "call raises StorageError. Safe to share between threads: calls are serialised.")
        .def(refused_constructor<Office>("Office", "iro.open(path)"))
        .def_property_readonly(
            "institutions", [](Office& o) -> InstitutionsView& { return o.institutions; }, py::return_value_policy::reference_internal,
            "The institutions (iro.Institutions).")
        .def_property_readonly(
            "units", [](Office& o) -> UnitsView& { return o.units; }, py::return_value_policy::reference_internal,
            "The organisational units (iro.OrgUnits).")
        .def_property_readonly(
            "contacts", [](Office& o) -> ContactsView& { return o.contacts; }, py::return_value_policy::reference_internal,
            "The contacts (iro.Contacts).")
        .def_property_readonly(
            "agreements", [](Office& o) -> AgreementsView& { return o.agreements; }, py::return_value_policy::reference_internal,
            "The agreements (iro.Agreements).")
        .def_property_readonly(
            "audit", [](Office& o) -> AuditView& { return o.audit; }, py::return_value_policy::reference_internal,
            "The audit log (iro.AuditLog).")
        .def_property_readonly(
            "home", [](Office& o) { return o.core->to_py_stored(o.core->run([](Store& s) { return s.institutions().home(); })); },
            "The home institution; NotFoundError when none is set.")
        .def_property(
            "actor", [](Office& o) { return to_py(o.core->run([](Store& s) { return s.actor(); })); },
            [](Office& o, py::object actor) {
                auto name = from_py<std::string>(actor, "actor");
                o.core->run([&](Store& s) { s.set_actor(std::move(name)); });
            },
            "Who is making changes: recorded in the audit log and in transitions.")
        .def_property_readonly("path", [](Office& o) { return to_py(o.core->path()); }, "The database path, or ':memory:'.")
        .def_property_readonly(
            "schema_version", [](Office& o) { return o.core->run([](Store& s) { return s.schema_version(); }); },
            "The schema version of the open database.")
        .def_property_readonly_static(
            "latest_schema_version", [](py::object) { return Store::latest_schema_version(); },
            "The schema version this build writes.")
        .def_property(
            "regional_countries",
            [](Office& o) { return to_py(o.core->run([](Store& s) { return s.institutions().regional_countries(); })); },
            [](Office& o, py::object codes) {
                auto list = from_py<std::vector<std::string>>(codes, "regional_countries");
                o.core->run([&](Store& s) { s.institutions().set_regional_countries(std::move(list)); });
            },
            "The ISO codes counted as regional (default: derived from the home country).")
        .def_property_readonly(
            "document_root",
            [](Office& o) -> py::object {
                auto root = o.core->run([](Store& s) { return s.document_root(); });
                if (root.empty()) return py::none();
                return to_py(root);
            },
            "The directory document references must stay inside (iro.open(document_root=...)), or None.")
        .def(
            "document_path",
            [](Office& o, py::object document) {
                const auto ref = document_arg(document);
                return to_py(o.core->run([&](Store& s) { return s.document_path(ref); }));
            },
            py::arg("document"),
            "The local file an iro.DocumentRef (or a location string) names, inside the document root, with symbolic "
            "links resolved. ValidationError without a document root, for a URL, or for a path leading outside the root.")
        .def(
            "verify_document",
            [](Office& o, py::object document) {
                const auto ref = from_py<DocumentRef>(document, "document");
                return o.core->run([&](Store& s) { return s.verify_document(ref); });
            },
            py::arg("document"),
            "Whether the file of an iro.DocumentRef has the SHA-256 it records. ValidationError as for document_path() "
            "or when no sha256 is recorded; NotFoundError when the file cannot be opened.")
        .def(
            "logical_dump", [](Office& o) { return to_py(o.core->run([](Store& s) { return s.logical_dump(); })); },
            "Every row of every table as text: equal dumps mean equal data.")
        .def(
            "report",
            [](Office& o, py::object on, py::kwargs options) {
                const auto date = from_py<std::optional<Date>>(on, "on").value_or(today());
                const auto opts = report_options(options);
                return to_py(o.core->run([&](Store& s) { return office_report(s, date, opts); }));
            },
            py::arg("on") = py::none(),
            "The plain-text office report on a date (default today). Options: audit_entries, top_countries, "
            "list_in_force, column_width, short_lists.")
        .def(
            "summary",
            [](Office& o, py::object on, py::kwargs options) {
                const auto date = from_py<std::optional<Date>>(on, "on").value_or(today());
                const auto opts = report_options(options);
                const auto summary = o.core->run([&](Store& s) { return summarize(s, date, opts); });
                return summary_to_py(*o.core, summary);
            },
            py::arg("on") = py::none(),
            "The numbers behind the report as a dict, same options as report(). Counts of bound enums are keyed by "
            "their members (which equal their names as strings).")
        .def("close", [](Office& o) { o.core->close(); }, "Closes the store; later calls raise StorageError. Idempotent.")
        .def_property_readonly("closed", [](Office& o) { return !o.core->is_open(); }, "Whether close() was called.")
        .def("__enter__", [](py::object self) { return self; })
        .def(
            "__exit__", [](Office& o, py::object, py::object, py::object) { o.core->close(); }, py::arg("exc_type"),
            py::arg("exc_value"), py::arg("traceback"))
        .def("__repr__", [](Office& o) {
            return fmt::format("<iro.Office '{}' {}>", o.core->path(), o.core->is_open() ? "open" : "closed");
        });
}

} // namespace

void bind_store(py::module_& m) {
    bind_audit(m);
    bind_office(m);

    m.def(
        "open",
        [](py::object path, py::object actor, py::object create, py::object busy_timeout_ms, py::object document_root) {
            const auto p = path_arg(path);
            OpenOptions options;
            options.actor = from_py<std::string>(actor, "actor");
            options.create = from_py<bool>(create, "create");
            options.busy_timeout_ms = from_py<int>(busy_timeout_ms, "busy_timeout_ms");
            if (!document_root.is_none()) options.document_root = path_arg(document_root, "document_root");
            auto store = [&] {
                py::gil_scoped_release nogil;
                return Store::open(p, options);
            }();
            return Office(std::make_shared<OfficeCore>(std::move(store), p));
        },
        py::arg("path"), py::arg("actor") = "iro", py::arg("create") = true, py::arg("busy_timeout_ms") = 30000,
        py::arg("document_root") = py::none(),
        "Opens (or creates) an office store: a SQLite file, or ':memory:'. Returns an iro.Office. document_root: an "
        "existing directory that document references must stay inside.");
    m.def(
        "generate_sample_data",
        [](py::object office, py::object seed, py::object today_, py::object partners, py::object agreements) {
            if (!py::isinstance<Office>(office)) wrong_type("office", office, "an iro.Office (from iro.open)");
            auto core = office.cast<Office&>().core;
            SampleOptions o;
            const auto seed_value = from_py<std::int64_t>(seed, "seed");
            if (seed_value < 0) throw ValidationError("seed", std::to_string(seed_value), "a number from 0 to 2**63 - 1");
            o.seed = static_cast<std::uint64_t>(seed_value);
            if (!today_.is_none()) o.today = from_py<Date>(today_, "today");
            o.partners = from_py<int>(partners, "partners");
            o.agreements = from_py<int>(agreements, "agreements");
            return sample_to_py(core->run([&](Store& s) { return generate_sample_data(s, o); }));
        },
        py::arg("office"), py::arg("seed") = 42, py::arg("today") = py::none(), py::arg("partners") = 120,
        py::arg("agreements") = 200,
        "Fills an empty office with the deterministic sample office (Palestine Polytechnic University and real ROR "
        "partners). Same seed and today give the same data. Returns the counts written.");
    m.def(
        "sample_counts",
        [](py::object scale) { return counts_to_py(sample_counts(enum_from_string<SampleScale>(from_py<std::string>(scale, "scale")))); },
        py::arg("scale"),
        "The row counts of a sample dataset size: 'S' (about the demo), 'M' (a tenth of L) or 'L' (national scale: "
        "150,000 institutions, 20,000 agreements, 300,000 people, 200,000 activities, 1,000,000 visits).");
    m.def(
        "load_sample_dataset",
        [](py::object office, py::object scale, py::object seed, py::object today_) {
            if (!py::isinstance<Office>(office)) wrong_type("office", office, "an iro.Office (from iro.open)");
            auto core = office.cast<Office&>().core;
            const auto counts = sample_counts(enum_from_string<SampleScale>(from_py<std::string>(scale, "scale")));
            const auto seed_value = from_py<std::int64_t>(seed, "seed");
            if (seed_value < 0) throw ValidationError("seed", std::to_string(seed_value), "a number from 0 to 2**63 - 1");
            const Date on = today_.is_none() ? iro::today() : from_py<Date>(today_, "today");
            core->run([&](Store& s) {
                load_sample_dataset(s, make_sample_dataset(counts, static_cast<std::uint64_t>(seed_value), on));
            });
            return counts_to_py(counts);
        },
        py::arg("office"), py::arg("scale") = "S", py::arg("seed") = 42, py::arg("today") = py::none(),
        "Fills an empty office with a generated dataset of the given size through the bulk API, in one transaction "
        "(fictitious 'Bench University <n>' partners, agreements, people, activities and visits). Same scale, seed and "
        "today give the same rows. Returns the counts written.");
}

} // namespace iro::python
