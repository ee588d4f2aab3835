#pragma once
// Single values (an institution, an agreement, a quota, a ranking methodology, an EWP IIA, ...)
// as archives: XML, text or binary (archive_format.hpp). The Python module pickles every value
// class through the text form.
//
// to_archive/from_archive exist for exactly the types with is_archivable_v<T> true. Each type
// has a class version: a change to a type's fields raises it, and archives of every older
// version keep loading. A damaged archive, an archive of another type, or one from a newer
// iro is a FormatError; lengths and counts are checked before anything is allocated.

#include "iro/academic_year.hpp"
#include "iro/accreditation.hpp"
#include "iro/accreditation_timeline.hpp"
#include "iro/agreement.hpp"
#include "iro/agreements.hpp"
#include "iro/archive_format.hpp"
#include "iro/audit.hpp"
#include "iro/collection_exchange.hpp"
#include "iro/contact.hpp"
#include "iro/country.hpp"
#include "iro/document_ref.hpp"
#include "iro/ewp_iia.hpp"
#include "iro/institution.hpp"
#include "iro/kpis.hpp"
#include "iro/mobility_quota.hpp"
#include "iro/money.hpp"
#include "iro/org_unit.hpp"
#include "iro/person.hpp"
#include "iro/activity.hpp"
#include "iro/visit.hpp"
#include "iro/centres.hpp"
#include "iro/program.hpp"
#include "iro/ranking_analysis.hpp"
#include "iro/ranking_bands.hpp"
#include "iro/ranking_home.hpp"
#include "iro/ranking_methodology.hpp"
#include "iro/ranking_results.hpp"
#include "iro/ror_import.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>

namespace iro {

template <class T>
struct is_archivable : std::false_type {};

template <class T>
inline constexpr bool is_archivable_v = is_archivable<T>::value;

#define IRO_ARCHIVABLE(T)                         \
    template <>                                   \
    struct is_archivable<T> : std::true_type {};
IRO_ARCHIVABLE(Name)
IRO_ARCHIVABLE(Identifiers)
IRO_ARCHIVABLE(Institution)
IRO_ARCHIVABLE(OrgUnit)
IRO_ARCHIVABLE(Contact)
IRO_ARCHIVABLE(AcademicYear)
IRO_ARCHIVABLE(LanguageSkill)
IRO_ARCHIVABLE(MobilityQuota)
IRO_ARCHIVABLE(DocumentRef)
IRO_ARCHIVABLE(Party)
IRO_ARCHIVABLE(Transition)
IRO_ARCHIVABLE(Agreement)
IRO_ARCHIVABLE(ExpiringAgreement)
IRO_ARCHIVABLE(AuditEntry)
IRO_ARCHIVABLE(Money)
IRO_ARCHIVABLE(Expertise)
IRO_ARCHIVABLE(Activity)
IRO_ARCHIVABLE(Person)
IRO_ARCHIVABLE(Visit)
IRO_ARCHIVABLE(Program)
IRO_ARCHIVABLE(Call)
IRO_ARCHIVABLE(Application)
IRO_ARCHIVABLE(ApplicationTransition)
IRO_ARCHIVABLE(CentreLink)
IRO_ARCHIVABLE(ExpertiseMatch)
IRO_ARCHIVABLE(KpiSet)
IRO_ARCHIVABLE(CountryRecord)
IRO_ARCHIVABLE(Criterion)
IRO_ARCHIVABLE(Framework)
IRO_ARCHIVABLE(AccreditationScope)
IRO_ARCHIVABLE(Decision)
IRO_ARCHIVABLE(AccreditationCase)
IRO_ARCHIVABLE(CaseTransition)
IRO_ARCHIVABLE(FollowUp)
IRO_ARCHIVABLE(Finding)
IRO_ARCHIVABLE(Evidence)
IRO_ARCHIVABLE(TimelineRules)
IRO_ARCHIVABLE(AccreditationTimeline)
IRO_ARCHIVABLE(RowProblem)
IRO_ARCHIVABLE(TableImportResult)
IRO_ARCHIVABLE(RorImportProblem)
IRO_ARCHIVABLE(RorImportResult)
IRO_ARCHIVABLE(RankingIndicator)
IRO_ARCHIVABLE(RankBand)
IRO_ARCHIVABLE(RankingBands)
IRO_ARCHIVABLE(Methodology)
IRO_ARCHIVABLE(ScoredRow)
IRO_ARCHIVABLE(WhatIfResult)
IRO_ARCHIVABLE(GapLever)
IRO_ARCHIVABLE(GapResult)
IRO_ARCHIVABLE(RobustnessResult)
IRO_ARCHIVABLE(PublishedResult)
IRO_ARCHIVABLE(HomeIndicators)
IRO_ARCHIVABLE(ewp::HashedIia)
IRO_ARCHIVABLE(ewp::SubjectArea)
IRO_ARCHIVABLE(ewp::LanguageSkill)
IRO_ARCHIVABLE(ewp::MobilitySpec)
IRO_ARCHIVABLE(ewp::Partner)
IRO_ARCHIVABLE(ewp::Iia)
IRO_ARCHIVABLE(ewp::ImportReport)
IRO_ARCHIVABLE(ewp::Difference)
#undef IRO_ARCHIVABLE

// The largest archive from_archive reads: 256 MiB. Larger input is a FormatError naming this
// limit, refused before anything is parsed. One text inside a value is at most 64 MiB.
inline constexpr std::size_t kMaxValueArchiveBytes = std::size_t{256} << 20;

// The value as an archive of the given format.
template <class T>
std::string to_archive(const T& value, ArchiveFormat format = ArchiveFormat::Text);

// The value back from an archive of any format (detected from its first bytes).
template <class T>
T from_archive(std::string_view bytes);

} // namespace iro
