// Erasmus Without Paper IIA API v7: the value types and free functions in the private
// submodule _iro._ewp (the public face is the pure-Python module iro.ewp), and the Office
// methods import_iias, to_iia, export_iia and diff_iia.

#include "bind.hpp"
#include "daily_work.hpp"
#include "interchange.hpp"
#include "office.hpp"
#include "value_class.hpp"

#include "iro/ewp_iia.hpp"

#include <filesystem>
#include <fmt/format.h>

namespace iro::python {

#define IRO_EWP_BOUND_AS(Type, PyName)              \
    template <>                                     \
    struct BoundAs<ewp::Type> {                     \
        static constexpr bool bound = true;         \
        using type = ewp::Type;                     \
        static constexpr const char* name = PyName; \
    };
IRO_EWP_BOUND_AS(HashedIia, "ewp.HashedIia")
IRO_EWP_BOUND_AS(SubjectArea, "ewp.SubjectArea")
IRO_EWP_BOUND_AS(LanguageSkill, "ewp.LanguageSkill")
IRO_EWP_BOUND_AS(MobilitySpec, "ewp.MobilitySpec")
IRO_EWP_BOUND_AS(Partner, "ewp.Partner")
IRO_EWP_BOUND_AS(Iia, "ewp.Iia")
IRO_EWP_BOUND_AS(ImportReport, "ewp.ImportReport")
IRO_EWP_BOUND_AS(Difference, "ewp.Difference")
#undef IRO_EWP_BOUND_AS

namespace {

template <class T>
bool equal(const T& a, const T& b) {
    return a == b;
}

// The classes live in _iro._ewp but are used as iro.ewp.X: say so in reprs and in pickles.
template <class T>
void public_module(py::class_<T>& cls) {
    cls.attr("__module__") = "iro.ewp";
}

std::string optional_text(const std::string& s) {
    return s.empty() ? "-" : s;
}

// The document from xml= or path=; a file larger than `max_bytes` is refused before it is read.
std::string ewp_document(py::handle xml, py::handle path, const char* field, std::size_t max_bytes,
                         std::string_view limit_name) {
    if (xml.is_none() && !path.is_none()) {
        std::error_code ec;
        const auto file = file_path_arg(path, "path");
        const auto size = std::filesystem::file_size(file, ec);
        if (!ec && size > max_bytes)
            throw ValidationError(field, fmt::format("a file of {} bytes", size),
                                  fmt::format("an EWP document of at most {} bytes ({}); the file is '{}'", max_bytes,
                                              limit_name, file));
    }
    return document_arg(xml, path, field);
}

std::string ewp_document(py::handle xml, py::handle path, const char* field) {
    return ewp_document(xml, path, field, ewp::kMaxDocumentBytes, "ewp::kMaxDocumentBytes");
}

ewp::ImportOptions import_options(py::handle countries, py::handle received_on, py::handle iia_id, py::handle max_bytes) {
    ewp::ImportOptions o;
    if (!max_bytes.is_none()) {
        const auto n = int64_from_py(max_bytes, "max_bytes");
        if (n < 1) throw ValidationError("max_bytes", std::to_string(n), "at least 1 byte");
        o.max_bytes = static_cast<std::size_t>(n);
    }
    if (!countries.is_none()) {
        if (!PyDict_Check(countries.ptr()))
            wrong_type("new_partner_countries", countries, "a dict {hei_id: country code}");
        for (auto item : py::reinterpret_borrow<py::dict>(countries)) {
            auto hei = from_py<std::string>(item.first, "new_partner_countries");
            auto country = from_py<std::string>(item.second, "new_partner_countries[" + hei + "]");
            o.new_partner_countries.emplace(std::move(hei), std::move(country));
        }
    }
    o.received_on = from_py<std::optional<Date>>(received_on, "received_on");
    o.iia_id = from_py<std::string>(iia_id, "iia_id");
    return o;
}

void bind_ewp_values(py::module_& e) {
    auto hashed = ValueClass<ewp::HashedIia>(e, "HashedIia", "One iia of a document as transform_version_7.xsl hashes it.")
                      .field("iia_id", &ewp::HashedIia::iia_id, "The first partner's iia-id.")
                      .field("text_to_hash", &ewp::HashedIia::text_to_hash, "The text the XSL produces for the iia.")
                      .field("iia_hash", &ewp::HashedIia::iia_hash, "SHA-256 of text_to_hash, lower-case hex.")
                      .field("valid_for_approval", &ewp::HashedIia::valid_for_approval,
                             "False when the document has not-yet-defined or v6-value markers.")
                      .finish([](const ewp::HashedIia& h) { return fmt::format("<HashedIia {} {}>", quoted_text(h.iia_id), h.iia_hash); },
                              equal<ewp::HashedIia>);
    public_module(hashed);

    auto subject = ValueClass<ewp::SubjectArea>(e, "SubjectArea", "An ISCED-F subject area of a cooperation condition.")
                       .field("isced_f_code", &ewp::SubjectArea::isced_f_code, "Four digits, '0314'.")
                       .field("v6_value", &ewp::SubjectArea::v6_value, "The code approved under IIA v6, or ''.")
                       .field("clarification", &ewp::SubjectArea::clarification, "isced-clarification, or ''.")
                       .finish(
                           [](const ewp::SubjectArea& s) {
                               return fmt::format("<SubjectArea {}{}>", optional_text(s.isced_f_code),
                                                  s.clarification.empty() ? "" : " " + quoted_text(s.clarification));
                           },
                           equal<ewp::SubjectArea>);
    public_module(subject);

    auto skill = ValueClass<ewp::LanguageSkill>(e, "LanguageSkill", "A recommended language skill of a cooperation condition.")
                     .field("language", &ewp::LanguageSkill::language, "xs:language, 'en'.")
                     .field("cefr_level", &ewp::LanguageSkill::cefr_level, "'A1' to 'C2', or '' when not given.")
                     .field("subject_area", &ewp::LanguageSkill::subject_area, "The SubjectArea it applies to, or None.")
                     .field("not_yet_defined", &ewp::LanguageSkill::not_yet_defined, "The not-yet-defined marker.")
                     .finish(
                         [](const ewp::LanguageSkill& l) {
                             return fmt::format("<LanguageSkill {} {}>", l.language, optional_text(l.cefr_level));
                         },
                         equal<ewp::LanguageSkill>);
    public_module(skill);

    auto spec =
        ValueClass<ewp::MobilitySpec>(e, "MobilitySpec", "One cooperation condition of an IIA (a *-mobility-spec element).")
            .field("type", &ewp::MobilitySpec::type, "iro.MobilityType.")
            .field("sending_hei_id", &ewp::MobilitySpec::sending_hei_id, "Sending HEI's SCHAC code.")
            .field("sending_ounit_id", &ewp::MobilitySpec::sending_ounit_id, "Sending unit, or ''.")
            .field("receiving_hei_id", &ewp::MobilitySpec::receiving_hei_id, "Receiving HEI's SCHAC code.")
            .field("receiving_ounit_id", &ewp::MobilitySpec::receiving_ounit_id, "Receiving unit, or ''.")
            .field("first_year", &ewp::MobilitySpec::first_year, "receiving-first-academic-year-id, an iro.AcademicYear.")
            .field("last_year", &ewp::MobilitySpec::last_year, "receiving-last-academic-year-id, an iro.AcademicYear.")
            .field("mobilities_per_year", &ewp::MobilitySpec::mobilities_per_year, "Mobilities per academic year.")
            .field("mobilities_not_yet_defined", &ewp::MobilitySpec::mobilities_not_yet_defined,
                   "The not-yet-defined marker on mobilities-per-year.")
            .field("language_skills", &ewp::MobilitySpec::language_skills, "iro.ewp.LanguageSkill list.")
            .field("subject_areas", &ewp::MobilitySpec::subject_areas, "iro.ewp.SubjectArea list.")
            .field("other_info_terms", &ewp::MobilitySpec::other_info_terms, "Other terms, or ''.")
            .field("total_months_per_year", &ewp::MobilitySpec::total_months_per_year, "Student mobility: total months, or None.")
            .field("blended", &ewp::MobilitySpec::blended, "Student mobility: blended.")
            .field("eqf_levels", &ewp::MobilitySpec::eqf_levels, "Student mobility: EQF levels.")
            .field("total_days_per_year", &ewp::MobilitySpec::total_days_per_year, "Staff mobility: total days, or None.")
            .finish(
                [](const ewp::MobilitySpec& s) {
                    return fmt::format("<MobilitySpec {} {}->{} {} to {} x{}>", to_string(s.type), s.sending_hei_id,
                                       s.receiving_hei_id, s.first_year.to_string(), s.last_year.to_string(),
                                       s.mobilities_per_year);
                },
                equal<ewp::MobilitySpec>);
    public_module(spec);

    auto partner = ValueClass<ewp::Partner>(e, "Partner", "One partner of an IIA, with its own id and code of the agreement.")
                       .field("hei_id", &ewp::Partner::hei_id, "SCHAC code, 'uw.edu.pl'.")
                       .field("ounit_id", &ewp::Partner::ounit_id, "Organisational unit, or ''.")
                       .field("iia_id", &ewp::Partner::iia_id, "This partner's identifier of the agreement.")
                       .field("iia_code", &ewp::Partner::iia_code, "Its human-readable code.")
                       .field("signing_contact_name", &ewp::Partner::signing_contact_name, "Who signed, or ''.")
                       .field("signing_contact_email", &ewp::Partner::signing_contact_email, "Their e-mail, or ''.")
                       .field("signing_date", &ewp::Partner::signing_date, "datetime.date of the signature, or None.")
                       .finish(
                           [](const ewp::Partner& p) {
                               return fmt::format("<Partner {} iia_id={}>", p.hei_id, quoted_text(p.iia_id));
                           },
                           equal<ewp::Partner>);
    public_module(partner);

    auto iia = ValueClass<ewp::Iia>(e, "Iia", "An inter-institutional agreement as IIA API v7 describes it.")
                   .field("partners", &ewp::Iia::partners, "Two iro.ewp.Partner values; the first is the copy's owner.")
                   .field("in_effect", &ewp::Iia::in_effect, "in-effect.")
                   .field("terminated_as_a_whole", &ewp::Iia::terminated_as_a_whole, "terminated-as-a-whole.")
                   .field("specs", &ewp::Iia::specs, "iro.ewp.MobilitySpec list, in document order.")
                   .field("iia_hash", &ewp::Iia::iia_hash, "As declared in the document; write_iias() computes it.")
                   .finish(
                       [](const ewp::Iia& i) {
                           std::string heis;
                           for (const auto& p : i.partners) heis += (heis.empty() ? "" : ",") + p.hei_id;
                           return fmt::format("<Iia {} {} conditions{}>", heis.empty() ? "-" : heis, i.specs.size(),
                                              i.in_effect ? " in effect" : "");
                       },
                       equal<ewp::Iia>);
    public_module(iia);

    auto report = ValueClass<ewp::ImportReport>(e, "ImportReport", "What office.import_iias() did.")
                      .field("agreements", &ewp::ImportReport::agreements, "Agreement ids, one per imported iia.")
                      .field("new_institutions", &ewp::ImportReport::new_institutions,
                             "Institution ids of partners added from new_partner_countries.")
                      .field("warnings", &ewp::ImportReport::warnings, "What iro did not keep, and why.")
                      .finish(
                          [](const ewp::ImportReport& r) {
                              return fmt::format("<ImportReport {} agreements, {} new institutions, {} warnings>",
                                                 r.agreements.size(), r.new_institutions.size(), r.warnings.size());
                          },
                          equal<ewp::ImportReport>);
    public_module(report);

    auto difference = ValueClass<ewp::Difference>(e, "Difference", "A field on which two copies of an IIA differ.")
                          .field("path", &ewp::Difference::path, "'partner[uw.edu.pl]/iia-code'.")
                          .field("ours", &ewp::Difference::ours, "Our value; '' when absent on our side.")
                          .field("theirs", &ewp::Difference::theirs, "Their value; '' when absent on theirs.")
                          .finish(
                              [](const ewp::Difference& d) {
                                  return fmt::format("<Difference {}: {} != {}>", d.path, quoted_text(d.ours), quoted_text(d.theirs));
                              },
                              equal<ewp::Difference>);
    public_module(difference);
}

void bind_ewp_functions(py::module_& e) {
    e.def(
        "hash_iias",
        [](py::object xml, py::object path) {
            const auto text = ewp_document(xml, path, "xml");
            std::vector<ewp::HashedIia> hashed;
            {
                py::gil_scoped_release nogil;
                hashed = ewp::hash_iias(text);
            }
            return to_py(hashed);
        },
        py::arg("xml") = py::none(), py::kw_only(), py::arg("path") = py::none(),
        "Every iia of an iias-get-response v7 with its text-to-hash and iia-hash.");
    e.def(
        "iia_text_to_hash",
        [](py::object xml, py::object iia_id, py::object path) {
            const auto text = ewp_document(xml, path, "xml");
            const auto id = from_py<std::string>(iia_id, "iia_id");
            py::gil_scoped_release nogil;
            return ewp::iia_text_to_hash(text, id);
        },
        py::arg("xml") = py::none(), py::arg("iia_id") = "", py::kw_only(), py::arg("path") = py::none(),
        "The text-to-hash of one iia.");
    e.def(
        "iia_hash",
        [](py::object xml, py::object iia_id, py::object path) {
            const auto text = ewp_document(xml, path, "xml");
            const auto id = from_py<std::string>(iia_id, "iia_id");
            py::gil_scoped_release nogil;
            return ewp::iia_hash(text, id);
        },
        py::arg("xml") = py::none(), py::arg("iia_id") = "", py::kw_only(), py::arg("path") = py::none(),
        "The iia-hash of one iia: the one with this iia-id, or the only one of the document.");
    e.def(
        "read_iias",
        [](py::object xml, py::object path) {
            const auto text = ewp_document(xml, path, "xml");
            std::vector<ewp::Iia> iias;
            {
                py::gil_scoped_release nogil;
                iias = ewp::read_iias_get_response(text);
            }
            return to_py(iias);
        },
        py::arg("xml") = py::none(), py::kw_only(), py::arg("path") = py::none(),
        "Every iia of an iias-get-response v7, as iro.ewp.Iia values.");
    e.def(
        "write_iias",
        [](py::object iias) {
            const auto values = from_py<std::vector<ewp::Iia>>(iias, "iias");
            std::string text;
            {
                py::gil_scoped_release nogil;
                text = ewp::write_iias_get_response(values);
            }
            return to_py(text);
        },
        py::arg("iias"), "An iias-get-response v7 with these iias, each with its computed iia-hash.");
    e.def(
        "diff",
        [](py::object ours, py::object theirs) {
            return to_py(ewp::diff(from_py<ewp::Iia>(ours, "ours"), from_py<ewp::Iia>(theirs, "theirs")));
        },
        py::arg("ours"), py::arg("theirs"), "Field-level differences between two copies of an IIA.");
}

void bind_ewp_office(py::module_&) {
    add_method<Office>(
        "import_iias",
        [](Office& o, py::object xml, py::object path, py::object countries, py::object received_on, py::object iia_id,
           py::object max_bytes) {
            const auto options = import_options(countries, received_on, iia_id, max_bytes);
            const auto text = ewp_document(xml, path, "xml", options.max_bytes, "max_bytes");
            return to_py(o.core->run([&](Store& s) { return ewp::import_iias(s, text, options); }));
        },
        py::arg("xml") = py::none(), py::kw_only(), py::arg("path") = py::none(), py::arg("new_partner_countries") = py::none(),
        py::arg("received_on") = py::none(), py::arg("iia_id") = "", py::arg("max_bytes") = py::none(),
        "Imports the IIAs of an iias-get-response v7 (str, bytes, or path=) as erasmus_iia agreements between the "
        "home institution and each partner. A partner HEI not stored is refused (NotFoundError) unless its country is "
        "given in new_partner_countries {hei_id: country}. A document over max_bytes (default and ceiling 64 MiB) is a "
        "ValidationError. All or nothing. Returns an iro.ewp.ImportReport.");
    add_method<Office>(
        "to_iia",
        [](Office& o, py::object agreement) {
            const auto id = id_arg<AgreementId>(*o.core, agreement, "agreement");
            return to_py(o.core->run([&](Store& s) { return ewp::to_iia(s, id); }));
        },
        py::arg("agreement"), "Our copy of an agreement as an iro.ewp.Iia (home institution first).");
    add_method<Office>(
        "export_iia",
        [](Office& o, py::object agreement) {
            const auto id = id_arg<AgreementId>(*o.core, agreement, "agreement");
            return to_py(o.core->run([&](Store& s) { return ewp::export_iia(s, id); }));
        },
        py::arg("agreement"), "The agreement as an iias-get-response v7 document (str) with its iia-hash.");
    add_method<Office>(
        "diff_iia",
        [](Office& o, py::object agreement, py::object xml, py::object iia_id, py::object path) {
            const auto id = id_arg<AgreementId>(*o.core, agreement, "agreement");
            const auto text = ewp_document(xml, path, "their_xml");
            const auto iia = from_py<std::string>(iia_id, "iia_id");
            return to_py(o.core->run([&](Store& s) { return ewp::diff_iia(s, id, text, iia); }));
        },
        py::arg("agreement"), py::arg("their_xml") = py::none(), py::arg("iia_id") = "", py::kw_only(),
        py::arg("path") = py::none(),
        "A partner's copy (an iias-get-response) against our stored agreement: a list of iro.ewp.Difference, empty "
        "when they agree on every field.");
}

} // namespace

void bind_ewp(py::module_& m) {
    auto e = m.def_submodule("_ewp", "Erasmus Without Paper IIA API v7; used through iro.ewp.");
    bind_ewp_values(e);
    bind_ewp_functions(e);
    bind_ewp_office(m);
}

} // namespace iro::python
