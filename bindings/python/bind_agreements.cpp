// Agreement and its lifecycle, ExpiringAgreement, and the office's agreement collection.

#include "bind.hpp"
#include "office.hpp"
#include "value_class.hpp"

#include <fmt/format.h>

#include <cctype>
#include <functional>

namespace iro::python {

namespace {

std::string quoted(const std::string& s) {
    return fmt::format("'{}'", s);
}

std::string agreement_repr(const Agreement& a) {
    std::string dates;
    if (a.in_force_from)
        dates = format_date(*a.in_force_from) + ".." + (a.valid_until ? format_date(*a.valid_until) : std::string("open-ended"));
    else if (a.proposed_on.ok())
        dates = "proposed " + format_date(a.proposed_on);
    else
        dates = "not dated";
    return fmt::format("<Agreement {} {} {} {} {}>", a.id.valid() ? std::to_string(a.id.value()) : std::string("(new)"),
                       quoted(a.title), to_string(a.kind), to_string(a.status), dates);
}

template <class IdType>
IdType id_arg(const OfficeCore& core, py::handle h, const char* field) {
    core.check_origin(h);
    return from_py<IdType>(h, field);
}

// Runs one lifecycle move and reads the agreement back, in one locked call.
Agreement move(OfficeCore& core, AgreementId id, const std::function<void(Agreements&)>& fn) {
    return core.run([&](Store& s) {
        fn(s.agreements());
        return s.agreements().get(id);
    });
}

// The arguments of a lifecycle call, converted while the GIL is held.
struct Move {
    static std::function<void(Agreements&)> transition(AgreementId id, py::handle status, py::handle on, py::handle note) {
        const auto to = from_py<AgreementStatus>(status, "status");
        const auto date = from_py<Date>(on, "on");
        const auto text = from_py<std::string>(note, "note");
        return [=](Agreements& a) { a.transition(id, to, date, text); };
    }
    static std::function<void(Agreements&)> sign(const OfficeCore& core, AgreementId id, py::handle party, py::handle on,
                                                 py::handle signatory) {
        const auto who = id_arg<InstitutionId>(core, party, "party");
        const auto date = from_py<Date>(on, "on");
        const auto name = from_py<std::string>(signatory, "signatory");
        return [=](Agreements& a) { a.sign(id, who, date, name); };
    }
    using Simple = void (Agreements::*)(AgreementId, Date, std::string_view);
    static std::function<void(Agreements&)> simple(Simple method, AgreementId id, py::handle on, py::handle note) {
        const auto date = from_py<Date>(on, "on");
        const auto text = from_py<std::string>(note, "note");
        return [=](Agreements& a) { (a.*method)(id, date, text); };
    }
};

struct Renewal {
    Date on;
    Date from;
    std::optional<Date> until;
    std::string note;

    static Renewal read(py::handle on, py::handle in_force_from, py::handle valid_until, py::handle note) {
        return {from_py<Date>(on, "on"), from_py<Date>(in_force_from, "in_force_from"),
                from_py<std::optional<Date>>(valid_until, "valid_until"), from_py<std::string>(note, "note")};
    }
    Agreement apply(OfficeCore& core, AgreementId id) const {
        return core.run([&](Store& s) { return s.agreements().get(s.agreements().renew(id, on, from, until, note)); });
    }
};

std::vector<Transition> history(OfficeCore& core, AgreementId id) {
    return core.run([&](Store& s) { return s.agreements().history(id); });
}

// Agreements have no text search in the library; titles and references are few and short,
// so they are folded and scanned here with the same folding as the institution search.
std::vector<Agreement> search_agreements(Store& s, const std::string& text, int limit) {
    if (limit < 1 || limit > 10'000) throw ValidationError("limit", std::to_string(limit), "a number from 1 to 10000");
    std::vector<std::string> words{""};
    for (char c : fold_for_search(text)) {
        const auto u = static_cast<unsigned char>(c);
        const bool separator = u < 0x80 && !std::isalnum(u);
        if (!separator) words.back() += c;
        else if (!words.back().empty()) words.emplace_back();
    }
    if (words.back().empty()) words.pop_back();
    std::vector<Agreement> out;
    if (words.empty()) return out;
    for (auto& a : s.agreements().find()) {
        const auto haystack = fold_for_search(a.title + "\n" + a.reference);
        bool all = true;
        for (const auto& w : words) all = all && haystack.find(w) != std::string::npos;
        if (!all) continue;
        out.push_back(std::move(a));
        if (out.size() == static_cast<std::size_t>(limit)) break;
    }
    return out;
}

using StoredAgreement = Stored<Agreement>;

// The office behind an Agreement object, for its lifecycle methods.
std::shared_ptr<OfficeCore> office_of(const StoredAgreement& a) {
    auto core = office_of(a.origin_token, a.origin, "Agreement", "agreements");
    if (!a.id.valid()) throw ValidationError("id", "0", "a stored agreement");
    return core;
}

// Replaces the object's fields with the stored state after a move, keeping its origin.
void refresh(StoredAgreement& self, Agreement fresh) {
    static_cast<Agreement&>(self) = std::move(fresh);
}

void bind_agreement_class(py::module_& m) {
    using B = StoredAgreement;
    auto cls =
        ValueClass<B>(m, "Agreement", "An agreement between the home institution and one or more partners.")
            .field("id", &Agreement::id, "Set by the office; 0 until stored.")
            .field("kind", &Agreement::kind, "AgreementKind.")
            .field("title", &Agreement::title, "Title.")
            .field("reference", &Agreement::reference, "The office's file number; optional, unique when given.")
            .field("parties", &Agreement::parties, "Party list: the home institution and at least one partner (a copy).")
            .field("areas", &Agreement::areas, "Area list, at least one, no repeats.")
            .field("status", &Agreement::status, "AgreementStatus; changed only by lifecycle moves.")
            .field("proposed_on", &Agreement::proposed_on, "datetime.date the agreement was proposed; None until set.")
            .field("in_force_from", &Agreement::in_force_from, "datetime.date it entered into force, or None.")
            .field("valid_until", &Agreement::valid_until, "Last day of validity, or None for open-ended.")
            .field("terminated_on", &Agreement::terminated_on, "Set by terminate().")
            .field("tacit_renewal_years", &Agreement::tacit_renewal_years, "0: no tacit renewal.")
            .field("notice_days", &Agreement::notice_days, "Termination notice period in days.")
            .field("predecessor", &Agreement::predecessor, "Id of the agreement this one renews, or None.")
            .field("quotas", &Agreement::quotas, "MobilityQuota list (a copy).")
            .field("documents", &Agreement::documents, "DocumentRef list (a copy).")
            .field("note", &Agreement::note, "Free text.")
            .finish([](const B& a) { return agreement_repr(a); },
                    [](const B& a, const B& b) { return static_cast<const Agreement&>(a) == static_cast<const Agreement&>(b); });

    cls.def_property_readonly("is_multilateral", [](const B& a) { return a.is_multilateral(); }, "More than two parties.")
        .def(
            "period_end", [](const B& a, py::object on) { return to_py(a.period_end(from_py<Date>(on, "on"))); }, py::arg("on"),
            "Last day of the validity period containing `on` (tacit renewals followed); None when open-ended.")
        .def(
            "in_force_on", [](const B& a, py::object on) { return a.in_force_on(from_py<Date>(on, "on")); }, py::arg("on"),
            "Whether the agreement is legally in force on that date.");

    // Lifecycle moves on the object itself: they go to the office that returned it and then
    // reload the object, so `a.sign(...); a.parties` shows the signature.
    cls.def(
           "transition",
           [](B& self, py::object status, py::object on, py::object note) {
               auto core = office_of(self);
               refresh(self, move(*core, self.id, Move::transition(self.id, status, on, note)));
           },
           py::arg("status"), py::arg("on"), py::arg("note") = "", "Moves to `status` (see office.agreements.transition).")
        .def(
            "sign",
            [](B& self, py::object party, py::object on, py::object signatory) {
                auto core = office_of(self);
                refresh(self, move(*core, self.id, Move::sign(*core, self.id, party, on, signatory)));
            },
            py::arg("party"), py::arg("on"), py::arg("signatory") = "", "Records one party's signature.")
        .def(
            "enter_into_force",
            [](B& self, py::object on, py::object note) {
                auto core = office_of(self);
                refresh(self, move(*core, self.id, Move::simple(&Agreements::enter_into_force, self.id, on, note)));
            },
            py::arg("on"), py::arg("note") = "", "Moves to in_force; every party must have signed.")
        .def(
            "terminate",
            [](B& self, py::object on, py::object note) {
                auto core = office_of(self);
                refresh(self, move(*core, self.id, Move::simple(&Agreements::terminate, self.id, on, note)));
            },
            py::arg("on"), py::arg("note") = "", "Terminates the agreement (or abandons the proposal).")
        .def(
            "expire",
            [](B& self, py::object on, py::object note) {
                auto core = office_of(self);
                refresh(self, move(*core, self.id, Move::simple(&Agreements::expire, self.id, on, note)));
            },
            py::arg("on"), py::arg("note") = "", "Marks the agreement expired; refused while it is still valid.")
        .def(
            "renew",
            [](B& self, py::object on, py::object in_force_from, py::object valid_until, py::object note) {
                auto core = office_of(self);
                const auto renewal = Renewal::read(on, in_force_from, valid_until, note);
                auto successor = renewal.apply(*core, self.id);
                refresh(self, core->run([&](Store& s) { return s.agreements().get(self.id); }));
                return core->to_py_stored(std::move(successor));
            },
            py::arg("on"), py::arg("in_force_from"), py::arg("valid_until") = py::none(), py::arg("note") = "",
            "Creates the successor agreement and marks this one renewed; returns the successor.")
        .def(
            "history",
            [](B& self) {
                auto core = office_of(self);
                return to_py(history(*core, self.id));
            },
            "Every recorded lifecycle move, oldest first.")
        .def(
            "refresh",
            [](B& self) {
                auto core = office_of(self);
                refresh(self, core->run([&](Store& s) { return s.agreements().get(self.id); }));
            },
            "Reloads the fields from the office.");
}

void bind_expiring_class(py::module_& m) {
    using B = Stored<ExpiringAgreement>;
    ValueClass<B>(m, "ExpiringAgreement", "An agreement whose current validity period ends within the asked window.")
        .field(
            "agreement",
            [](const B& e) -> py::object { return py::cast(Stored<Agreement>(e.agreement, e.origin_token, e.origin)); },
            [](B& e, py::handle v) { e.agreement = from_py<Agreement>(v, "agreement"); }, "The Agreement (a copy).")
        .field("ends_on", &ExpiringAgreement::ends_on, "Last day of the current period.")
        .field("days_left", &ExpiringAgreement::days_left, "Days from the asked date to ends_on.")
        .field("renews_tacitly", &ExpiringAgreement::renews_tacitly, "It renews unless notice is given.")
        .field("notice_by", &ExpiringAgreement::notice_by, "Last day to give notice, or None.")
        .finish(
            [](const B& e) {
                return fmt::format("<ExpiringAgreement {} {} ends {} ({} days left{})>", e.agreement.id.value(),
                                   quoted(e.agreement.title), e.ends_on.ok() ? format_date(e.ends_on) : std::string("?"),
                                   e.days_left, e.notice_by ? ", notice by " + format_date(*e.notice_by) : std::string());
            },
            // The library's ExpiringAgreement has no operator==.
            [](const B& a, const B& b) {
                return a.agreement == b.agreement && a.ends_on == b.ends_on && a.days_left == b.days_left &&
                       a.renews_tacitly == b.renews_tacitly && a.notice_by == b.notice_by;
            });
}

std::vector<Agreement> all_agreements(Store& s) {
    return s.agreements().find();
}

void bind_agreements_view(py::module_& m) {
    py::class_<AgreementsView>(m, "Agreements", "The office's agreements, their lifecycle and the weekly queries.")
        .def(refused_constructor<AgreementsView>("Agreements", "office.agreements"))
        .def(
            "add",
            [](AgreementsView& v, py::object agreement, py::kwargs fields) {
                py::object partners = keyword(fields, "partners");
                if (fields.contains("partners")) PyDict_DelItemString(fields.ptr(), "partners");
                const bool dated = !agreement.is_none() || fields.contains("proposed_on");
                auto value = value_from_call<Agreement>(*v.core, agreement, fields, "agreement");
                if (!dated) value.proposed_on = today();
                std::optional<std::vector<InstitutionId>> partner_ids;
                if (!partners.is_none()) {
                    v.core->check_origin(partners);
                    if (!value.parties.empty())
                        throw ValidationError("partners", text_of(partners), "either parties or partners, not both");
                    partner_ids = from_py<std::vector<InstitutionId>>(partners, "partners");
                }
                return v.core->to_py_stored(v.core->run([&](Store& s) {
                    if (partner_ids) {
                        value.parties.push_back(Party{s.institutions().home().id, {}, {}, {}});
                        for (auto id : *partner_ids) value.parties.push_back(Party{id, {}, {}, {}});
                    }
                    return s.agreements().get(s.agreements().add(value));
                }));
            },
            py::arg("agreement") = py::none(), py::pos_only(),
            "Validates and stores an agreement, given as an Agreement or as keyword fields. Keywords: Agreement's fields, "
            "plus partners=[ids or Institutions] as a shortcut for parties (the home institution is added first); "
            "proposed_on defaults to today. Returns the stored Agreement.")
        .def(
            "add_many",
            [](AgreementsView& v, py::object agreements) {
                v.core->check_origin(agreements);
                auto values = from_py<std::vector<Agreement>>(agreements, "agreements");
                return to_py(v.core->run([&](Store& s) { return s.agreements().add_many(std::move(values)); }));
            },
            py::arg("agreements"), "Stores many agreements in one transaction (all or nothing); returns their ids.")
        .def(
            "update",
            [](AgreementsView& v, py::object agreement) {
                v.core->check_origin(agreement);
                auto value = from_py<Agreement>(agreement, "agreement");
                return v.core->to_py_stored(v.core->run([&](Store& s) {
                    s.agreements().update(value);
                    return s.agreements().get(value.id);
                }));
            },
            py::arg("agreement"), "Replaces the editable fields (not status, history or renewal links); returns the stored Agreement.")
        .def(
            "get",
            [](AgreementsView& v, py::object id) {
                const auto key = id_arg<AgreementId>(*v.core, id, "id");
                return v.core->to_py_stored(v.core->run([&](Store& s) { return s.agreements().get(key); }));
            },
            py::arg("id"), "The agreement with this id (an int or an Agreement); NotFoundError otherwise.")
        .def(
            "find",
            [](AgreementsView& v, py::kwargs filters) {
                const auto f = agreement_filter(*v.core, filters);
                return v.core->to_py_stored(v.core->run([&](Store& s) { return s.agreements().find(f); }));
            },
            "Agreements matching the filters partner, country, region, scope, kind, status, area, home_unit, in_force_on.")
        .def(
            "count",
            [](AgreementsView& v, py::kwargs filters) {
                const auto f = agreement_filter(*v.core, filters);
                return v.core->run([&](Store& s) { return s.agreements().count(f); });
            },
            "How many agreements find() would return for the same filters.")
        .def(
            "search",
            [](AgreementsView& v, py::object text, py::object limit) {
                const auto t = from_py<std::string>(text, "text");
                const auto n = from_py<int>(limit, "limit");
                return v.core->to_py_stored(v.core->run([&](Store& s) { return search_agreements(s, t, n); }));
            },
            py::arg("text"), py::arg("limit") = 50,
            "Agreements whose title or reference contains every word of `text` (case, accents and Arabic letter variants "
            "folded), by id.")
        .def(
            "in_force_on",
            [](AgreementsView& v, py::object on) {
                const auto date = from_py<Date>(on, "on");
                return v.core->to_py_stored(v.core->run([&](Store& s) { return s.agreements().in_force_on(date); }));
            },
            py::arg("on"), "Agreements legally in force on that date.")
        .def(
            "expiring",
            [](AgreementsView& v, py::object within_days, py::object on, py::object parts) {
                const auto days = from_py<int>(within_days, "within_days");
                const auto date = from_py<std::optional<Date>>(on, "on").value_or(today());
                const auto which = from_py<AgreementParts>(parts, "parts");
                return v.core->to_py_stored(v.core->run([&](Store& s) { return s.agreements().expiring(date, days, which); }));
            },
            py::arg("within_days") = 90, py::arg("on") = py::none(), py::kw_only(), py::arg("parts") = "all",
            "In force on `on` (default today) with the current period ending within [on, on + within_days]; soonest first. "
            "parts=\"parties\" reads each agreement's parties but not its areas, quotas and documents, which are left "
            "empty: much faster for a listing.")
        .def(
            "transition",
            [](AgreementsView& v, py::object id, py::object status, py::object on, py::object note) {
                const auto key = id_arg<AgreementId>(*v.core, id, "id");
                return v.core->to_py_stored(move(*v.core, key, Move::transition(key, status, on, note)));
            },
            py::arg("id"), py::arg("status"), py::arg("on"), py::arg("note") = "",
            "Moves an agreement to `status` on date `on`; illegal moves raise ConflictError. Returns the Agreement.")
        .def(
            "sign",
            [](AgreementsView& v, py::object id, py::object party, py::object on, py::object signatory) {
                const auto key = id_arg<AgreementId>(*v.core, id, "id");
                return v.core->to_py_stored(move(*v.core, key, Move::sign(*v.core, key, party, on, signatory)));
            },
            py::arg("id"), py::arg("party"), py::arg("on"), py::arg("signatory") = "",
            "Records one party's signature (before the agreement is in force). Returns the Agreement.")
        .def(
            "enter_into_force",
            [](AgreementsView& v, py::object id, py::object on, py::object note) {
                const auto key = id_arg<AgreementId>(*v.core, id, "id");
                return v.core->to_py_stored(move(*v.core, key, Move::simple(&Agreements::enter_into_force, key, on, note)));
            },
            py::arg("id"), py::arg("on"), py::arg("note") = "",
            "Moves to in_force; every party must have signed; in_force_from defaults to `on`.")
        .def(
            "terminate",
            [](AgreementsView& v, py::object id, py::object on, py::object note) {
                const auto key = id_arg<AgreementId>(*v.core, id, "id");
                return v.core->to_py_stored(move(*v.core, key, Move::simple(&Agreements::terminate, key, on, note)));
            },
            py::arg("id"), py::arg("on"), py::arg("note") = "", "Terminates an agreement (or abandons a proposal).")
        .def(
            "expire",
            [](AgreementsView& v, py::object id, py::object on, py::object note) {
                const auto key = id_arg<AgreementId>(*v.core, id, "id");
                return v.core->to_py_stored(move(*v.core, key, Move::simple(&Agreements::expire, key, on, note)));
            },
            py::arg("id"), py::arg("on"), py::arg("note") = "", "Marks an agreement expired; refused before its validity ends.")
        .def(
            "renew",
            [](AgreementsView& v, py::object id, py::object on, py::object in_force_from, py::object valid_until, py::object note) {
                const auto key = id_arg<AgreementId>(*v.core, id, "id");
                return v.core->to_py_stored(Renewal::read(on, in_force_from, valid_until, note).apply(*v.core, key));
            },
            py::arg("id"), py::arg("on"), py::arg("in_force_from"), py::arg("valid_until") = py::none(), py::arg("note") = "",
            "Creates the successor agreement (in force from `in_force_from` until `valid_until`, None for open-ended) and "
            "marks this one renewed. Returns the successor.")
        .def(
            "history",
            [](AgreementsView& v, py::object id) { return to_py(history(*v.core, id_arg<AgreementId>(*v.core, id, "id"))); },
            py::arg("id"), "Every recorded lifecycle move of an agreement, oldest first.")
        .def(
            "__len__", [](AgreementsView& v) { return v.core->run([](Store& s) { return s.agreements().count(); }); },
            "Every stored agreement.")
        .def(
            "__iter__", [](AgreementsView& v) { return py::iter(v.core->to_py_stored(v.core->run(all_agreements))); },
            "Iterates over every stored agreement.")
        .def("__repr__", [](AgreementsView& v) { return fmt::format("<iro.Agreements of {}>", quoted(v.core->path())); });
}

} // namespace

AgreementFilter agreement_filter(const OfficeCore& core, const py::kwargs& kwargs) {
    check_keywords(kwargs,
                   {"partner", "country", "region", "scope", "kind", "status", "area", "home_unit", "in_force_on"},
                   "the agreement filters");
    core.check_origin(kwargs);
    AgreementFilter f;
    f.partner = from_py<std::optional<InstitutionId>>(keyword(kwargs, "partner"), "partner");
    f.country = from_py<std::optional<std::string>>(keyword(kwargs, "country"), "country");
    f.region = from_py<std::optional<WorldRegion>>(keyword(kwargs, "region"), "region");
    f.scope = from_py<std::optional<Scope>>(keyword(kwargs, "scope"), "scope");
    f.kind = from_py<std::optional<AgreementKind>>(keyword(kwargs, "kind"), "kind");
    f.status = from_py<std::optional<AgreementStatus>>(keyword(kwargs, "status"), "status");
    f.area = from_py<std::optional<Area>>(keyword(kwargs, "area"), "area");
    f.home_unit = from_py<std::optional<UnitId>>(keyword(kwargs, "home_unit"), "home_unit");
    f.in_force_on = from_py<std::optional<Date>>(keyword(kwargs, "in_force_on"), "in_force_on");
    return f;
}

void bind_agreements(py::module_& m) {
    bind_agreement_class(m);
    bind_expiring_class(m);
    bind_agreements_view(m);
    m.def(
        "validate",
        [](py::object value) {
            if (py::isinstance<Stored<Institution>>(value)) return validate(from_py<Institution>(value, "value"));
            if (py::isinstance<Stored<Agreement>>(value)) return validate(from_py<Agreement>(value, "value"));
            if (py::isinstance<MobilityQuota>(value)) return validate(from_py<MobilityQuota>(value, "value"));
            wrong_type("value", value, "an iro.Institution, iro.Agreement or iro.MobilityQuota");
        },
        py::arg("value"),
        "Checks the fields that need no store (what add() checks first); raises ValidationError naming the first bad field.");
}

} // namespace iro::python
