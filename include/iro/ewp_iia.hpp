#pragma once
// Erasmus Without Paper (EWP) inter-institutional agreements, IIA API v7: the iia-hash,
// reading and writing iias-get-response documents, importing them as agreements, exporting
// an agreement, and comparing a partner's copy with ours.
//
// The iia-hash is the lower-case hex SHA-256 of the "text-to-hash" that the official
// transform_version_7.xsl produces for an iia; iia_text_to_hash() is that text, computed in
// C++ with the XSL's exact rules (including that it looks for terminated-as-a-whole and for
// not-yet-defined / v6-value markers in the whole document, not only in the one iia).
//
// Errors: XML that does not parse, a root other than a v7 iias-get-response and missing or
// misplaced elements are FormatError naming the element path ("iia[1]/partner[2]/hei-id");
// a value of the wrong shape (academic year, number, date, boolean) is ValidationError whose
// field() is that path; a partner HEI that is not stored is NotFoundError naming its hei-id;
// a document larger than kMaxDocumentBytes (or ImportOptions::max_bytes) is ValidationError.
// Academic years are read as iro's AcademicYear ("2025/2026"); the southern-hemisphere form
// "2025/2025" that EWP also allows is refused there, though iia_hash() hashes it like any text.

#include "iro/academic_year.hpp"
#include "iro/date.hpp"
#include "iro/ids.hpp"
#include "iro/mobility_quota.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iro {
class Store;
}

namespace iro::ewp {

// The XML namespace of iias-get-response v7 and of the EWP contact type.
inline constexpr std::string_view kIiasNamespace =
    "https://github.com/erasmus-without-paper/ewp-specs-api-iias/blob/stable-v7/endpoints/get-response.xsd";
inline constexpr std::string_view kContactNamespace = "https://github.com/erasmus-without-paper/ewp-specs-types-contact/tree/stable-v1";

// The largest document any reader here accepts (hash_iias, iia_text_to_hash, iia_hash,
// read_iias_get_response, import_iias, diff_iia): 64 MiB. A larger one is refused before it is
// parsed, with a ValidationError whose field() is "xml" and whose message names the limit.
// An iias-get-response of a thousand IIAs is a few megabytes.
inline constexpr std::size_t kMaxDocumentBytes = std::size_t{64} << 20;

// ---- The iia-hash ------------------------------------------------------------------------

// What transform_version_7.xsl outputs for one iia.
struct HashedIia {
    std::string iia_id;        // the first partner's iia-id, as the XSL labels its output
    std::string text_to_hash;  // UTF-8
    std::string iia_hash;      // SHA-256 of text_to_hash, lower-case hex
    bool valid_for_approval = true;  // false when the document has not-yet-defined or v6-value markers

    friend bool operator==(const HashedIia&, const HashedIia&) = default;
};

// Every iia of the document, in document order.
std::vector<HashedIia> hash_iias(std::string_view get_response_xml);

// One iia: with an id, the iia whose first partner (else any partner) has that iia-id;
// without one, the only iia of the document (ValidationError when there are several).
std::string iia_text_to_hash(std::string_view get_response_xml, std::string_view iia_id = {});
std::string iia_hash(std::string_view get_response_xml, std::string_view iia_id = {});

// ---- The document, as values ---------------------------------------------------------------

struct SubjectArea {
    std::string isced_f_code;   // four digits, "0314"
    std::string v6_value;       // the code approved under IIA v6, for agreements not changed since
    std::string clarification;  // isced-clarification

    friend bool operator==(const SubjectArea&, const SubjectArea&) = default;
};

struct LanguageSkill {
    std::string language;    // xs:language, "en"
    std::string cefr_level;  // "A1" ... "C2", empty when not given
    std::optional<SubjectArea> subject_area;
    bool not_yet_defined = false;

    friend bool operator==(const LanguageSkill&, const LanguageSkill&) = default;
};

// One cooperation condition (student-studies-mobility-spec and its three siblings).
struct MobilitySpec {
    MobilityType type = MobilityType::StudentStudies;
    std::string sending_hei_id;
    std::string sending_ounit_id;  // empty: none
    std::string receiving_hei_id;
    std::string receiving_ounit_id;
    AcademicYear first_year;  // receiving-first-academic-year-id
    AcademicYear last_year;   // receiving-last-academic-year-id
    int mobilities_per_year = 1;
    bool mobilities_not_yet_defined = false;
    std::vector<LanguageSkill> language_skills;
    std::vector<SubjectArea> subject_areas;
    std::string other_info_terms;
    std::optional<double> total_months_per_year;  // student mobility
    bool blended = false;                         // student mobility
    std::vector<int> eqf_levels;                  // student mobility
    std::optional<double> total_days_per_year;    // staff mobility

    friend bool operator==(const MobilitySpec&, const MobilitySpec&) = default;
};

struct Partner {
    std::string hei_id;  // SCHAC code, "uw.edu.pl"
    std::string ounit_id;
    std::string iia_id;    // this partner's own identifier of the agreement
    std::string iia_code;  // its human-readable code
    std::string signing_contact_name;
    std::string signing_contact_email;
    std::optional<Date> signing_date;

    friend bool operator==(const Partner&, const Partner&) = default;
};

struct Iia {
    std::vector<Partner> partners;  // two; the first is the HEI whose copy this is
    bool in_effect = false;
    bool terminated_as_a_whole = false;
    std::vector<MobilitySpec> specs;  // in document order
    std::string iia_hash;             // as declared in the document; computed when written

    friend bool operator==(const Iia&, const Iia&) = default;
};

// Reads every iia of an iias-get-response v7.
std::vector<Iia> read_iias_get_response(std::string_view get_response_xml);

// Writes an iias-get-response v7 (UTF-8, namespaces as in the official example). Each iia's
// iia-hash is computed from the written text; cooperation conditions are written in the
// order the schema requires (student studies, traineeships, staff teaching, staff training).
std::string write_iias_get_response(const std::vector<Iia>& iias);

// ---- Agreements ---------------------------------------------------------------------------
//
// An imported IIA becomes an agreement of kind erasmus_iia with the home institution and the
// partner as parties (home first), signatories and signing dates from the signing contacts,
// one quota per cooperation condition (years from receiving-first to receiving-last) and the
// status in_force when the IIA is in effect and both partners signed (in force from the later
// signature), awaiting_signature otherwise. The home institution's iia-code becomes the
// agreement's reference.
//
// What iro's agreement has no field for (iia-ids, iia-codes, ounit-ids that match no unit
// code, signing e-mails, not-yet-defined and v6-value markers, ISCED clarifications, other
// terms, language skills without a CEFR level) is kept beside the agreement, so that the
// export of an unchanged agreement is the same document with the same iia-hash. Once a quota
// is edited, its cooperation condition is written from the quota: ounit-ids, clarifications
// and other terms carry over, the not-yet-defined and v6-value markers go, as EWP requires.
//
// Partner HEIs are found by their SCHAC code (Identifiers::schac). A missing one is refused
// unless its country is given in ImportOptions::new_partner_countries; it is then added as a
// university named after its hei-id, to be completed by hand. Units are matched by code
// (OrgUnit::code equal to the ounit-id).

struct ImportOptions {
    // hei-id -> ISO 3166-1 alpha-2 country, for partners to add when they are not stored.
    std::map<std::string, std::string, std::less<>> new_partner_countries;
    // The date recorded as proposed_on when neither partner gives a signing date, and as the
    // termination date of an IIA terminated as a whole; today when empty.
    std::optional<Date> received_on;
    // Import only this iia (matched as in iia_hash); empty: every iia of the document.
    std::string iia_id;
    // The largest document import_iias accepts, at most kMaxDocumentBytes; larger input is a
    // ValidationError (field "xml") naming the limit, before anything is parsed.
    std::size_t max_bytes = kMaxDocumentBytes;
};

struct ImportReport {
    std::vector<AgreementId> agreements;          // one per imported iia, in document order
    std::vector<InstitutionId> new_institutions;  // partners added from new_partner_countries
    std::vector<std::string> warnings;            // "iia[1]/...: what iro did not keep, and why"

    friend bool operator==(const ImportReport&, const ImportReport&) = default;
};

// Imports the IIAs of an iias-get-response v7. All or nothing: on any error the store is
// unchanged. An IIA already imported (same iia-id of the same HEI) is a ConflictError.
ImportReport import_iias(Store& store, std::string_view get_response_xml, const ImportOptions& options = {});

// Our copy of an agreement as an IIA: the home institution first, then the partner. Refused
// (ValidationError naming the field) for what an IIA cannot express: other than two parties,
// a party without SCHAC code, a quota with no or non-consecutive academic years, with 0
// mobilities, with ISCED codes of fewer than four digits, EQF levels on staff mobility, or a
// student-studies / staff-teaching quota without a recommended language skill. The iia_hash
// is left empty: write_iias_get_response computes it.
Iia to_iia(const Store& store, AgreementId agreement);

// to_iia written as an iias-get-response with that one iia and its iia-hash.
std::string export_iia(const Store& store, AgreementId agreement);

// ---- Comparing copies ---------------------------------------------------------------------

struct Difference {
    std::string path;  // "cooperation-conditions/staff-teacher-mobility-spec[1]/mobilities-per-year"
    std::string ours;
    std::string theirs;  // empty on either side: the element is absent there

    friend bool operator==(const Difference&, const Difference&) = default;
};

// Field-level differences. Partners are matched by hei-id ("partner[uw.edu.pl]/iia-code"),
// cooperation conditions by kind and position within their kind. The iia-hash itself is not
// compared: each side's copy lists itself first, so the hashes of two equal copies differ.
std::vector<Difference> diff(const Iia& ours, const Iia& theirs);

// A partner's copy (one iia of their get-response, chosen as in iia_hash) against our stored
// agreement. Empty when they agree on every field.
std::vector<Difference> diff_iia(const Store& store, AgreementId ours, std::string_view their_get_response_xml,
                                 std::string_view iia_id = {});

} // namespace iro::ewp
