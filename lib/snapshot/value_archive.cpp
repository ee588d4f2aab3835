#include "iro/value_archive.hpp"

#include "snapshot/value_serialization.hpp"

#include <sstream>

namespace iro::detail {
namespace {

constexpr std::string_view kValueMagic = "iro-value";

// The name a value archive records for its type, checked on load.
template <class T> constexpr std::string_view archive_type_name();
#define IRO_TYPE_NAME(T) \
    template <> constexpr std::string_view archive_type_name<T>() { return #T; }
IRO_TYPE_NAME(Name)
IRO_TYPE_NAME(Identifiers)
IRO_TYPE_NAME(Institution)
IRO_TYPE_NAME(OrgUnit)
IRO_TYPE_NAME(Contact)
IRO_TYPE_NAME(AcademicYear)
IRO_TYPE_NAME(LanguageSkill)
IRO_TYPE_NAME(MobilityQuota)
IRO_TYPE_NAME(DocumentRef)
IRO_TYPE_NAME(Party)
IRO_TYPE_NAME(Transition)
IRO_TYPE_NAME(Agreement)
IRO_TYPE_NAME(ExpiringAgreement)
IRO_TYPE_NAME(AuditEntry)
IRO_TYPE_NAME(Money)
IRO_TYPE_NAME(Expertise)
IRO_TYPE_NAME(Activity)
IRO_TYPE_NAME(Person)
IRO_TYPE_NAME(Visit)
IRO_TYPE_NAME(Program)
IRO_TYPE_NAME(Call)
IRO_TYPE_NAME(Application)
IRO_TYPE_NAME(ApplicationTransition)
IRO_TYPE_NAME(CentreLink)
IRO_TYPE_NAME(ExpertiseMatch)
IRO_TYPE_NAME(KpiSet)
IRO_TYPE_NAME(CountryRecord)
IRO_TYPE_NAME(Criterion)
IRO_TYPE_NAME(Framework)
IRO_TYPE_NAME(AccreditationScope)
IRO_TYPE_NAME(Decision)
IRO_TYPE_NAME(AccreditationCase)
IRO_TYPE_NAME(CaseTransition)
IRO_TYPE_NAME(FollowUp)
IRO_TYPE_NAME(Finding)
IRO_TYPE_NAME(Evidence)
IRO_TYPE_NAME(TimelineRules)
IRO_TYPE_NAME(AccreditationTimeline)
IRO_TYPE_NAME(RowProblem)
IRO_TYPE_NAME(TableImportResult)
IRO_TYPE_NAME(RorImportProblem)
IRO_TYPE_NAME(RorImportResult)
IRO_TYPE_NAME(RankingIndicator)
IRO_TYPE_NAME(RankBand)
IRO_TYPE_NAME(RankingBands)
IRO_TYPE_NAME(Methodology)
IRO_TYPE_NAME(ScoredRow)
IRO_TYPE_NAME(WhatIfResult)
IRO_TYPE_NAME(GapLever)
IRO_TYPE_NAME(GapResult)
IRO_TYPE_NAME(RobustnessResult)
IRO_TYPE_NAME(PublishedResult)
IRO_TYPE_NAME(HomeIndicators)
IRO_TYPE_NAME(ewp::HashedIia)
IRO_TYPE_NAME(ewp::SubjectArea)
IRO_TYPE_NAME(ewp::LanguageSkill)
IRO_TYPE_NAME(ewp::MobilitySpec)
IRO_TYPE_NAME(ewp::Partner)
IRO_TYPE_NAME(ewp::Iia)
IRO_TYPE_NAME(ewp::ImportReport)
IRO_TYPE_NAME(ewp::Difference)
#undef IRO_TYPE_NAME

// Strings inside one value: the limit on a single text.
constexpr std::uint64_t kMaxValueTextBytes = std::uint64_t{64} << 20;

} // namespace
} // namespace iro::detail

namespace iro {

template <class T>
std::string to_archive(const T& value, ArchiveFormat format) {
    static_assert(is_archivable_v<T>, "to_archive needs a type listed in value_archive.hpp");
    std::ostringstream out;
    std::string magic(detail::kValueMagic);
    std::string type(detail::archive_type_name<T>());
    T copy = value;
    try {
        detail::write_archive(out, format, [&](auto& ar) {
            detail::archive_text(ar, "magic", magic);
            detail::archive_text(ar, "type", type);
            ar << boost::serialization::make_nvp("value", copy);
        });
    } catch (const Error&) {
        throw;
    } catch (const std::exception& e) {
        throw FormatError(fmt::format("writing a {} archive failed: {}", type, e.what()));
    }
    return std::move(out).str();
}

template <class T>
T from_archive(std::string_view bytes) {
    static_assert(is_archivable_v<T>, "from_archive needs a type listed in value_archive.hpp");
    const auto expected = detail::archive_type_name<T>();
    if (bytes.size() > kMaxValueArchiveBytes)
        throw FormatError(fmt::format("reading a {} archive: the input of {} bytes is over the limit of {} bytes "
                                      "(kMaxValueArchiveBytes)",
                                      expected, bytes.size(), kMaxValueArchiveBytes));
    detail::ArchiveReadState state;
    state.max_text_bytes = detail::kMaxValueTextBytes;
    T value{};
    detail::read_archive(bytes, fmt::format("reading a {} archive", expected), state, [&](auto& ar) {
        std::string magic;
        detail::archive_text(ar, "magic", magic);
        if (magic != detail::kValueMagic)
            detail::throw_archive_format_error(fmt::format("this is not an iro value archive (it starts with '{}')", magic.substr(0, 40)));
        std::string type;
        detail::archive_text(ar, "type", type);
        if (type != expected)
            detail::throw_archive_format_error(fmt::format("the archive holds a {}, not a {}", type.substr(0, 40), expected));
        ar >> boost::serialization::make_nvp("value", value);
    });
    return value;
}

#define IRO_INSTANTIATE(T)                                         \
    template std::string to_archive<T>(const T&, ArchiveFormat);  \
    template T from_archive<T>(std::string_view);
IRO_INSTANTIATE(Name)
IRO_INSTANTIATE(Identifiers)
IRO_INSTANTIATE(Institution)
IRO_INSTANTIATE(OrgUnit)
IRO_INSTANTIATE(Contact)
IRO_INSTANTIATE(AcademicYear)
IRO_INSTANTIATE(LanguageSkill)
IRO_INSTANTIATE(MobilityQuota)
IRO_INSTANTIATE(DocumentRef)
IRO_INSTANTIATE(Party)
IRO_INSTANTIATE(Transition)
IRO_INSTANTIATE(Agreement)
IRO_INSTANTIATE(ExpiringAgreement)
IRO_INSTANTIATE(AuditEntry)
IRO_INSTANTIATE(Money)
IRO_INSTANTIATE(Expertise)
IRO_INSTANTIATE(Activity)
IRO_INSTANTIATE(Person)
IRO_INSTANTIATE(Visit)
IRO_INSTANTIATE(Program)
IRO_INSTANTIATE(Call)
IRO_INSTANTIATE(Application)
IRO_INSTANTIATE(ApplicationTransition)
IRO_INSTANTIATE(CentreLink)
IRO_INSTANTIATE(ExpertiseMatch)
IRO_INSTANTIATE(KpiSet)
IRO_INSTANTIATE(CountryRecord)
IRO_INSTANTIATE(Criterion)
IRO_INSTANTIATE(Framework)
IRO_INSTANTIATE(AccreditationScope)
IRO_INSTANTIATE(Decision)
IRO_INSTANTIATE(AccreditationCase)
IRO_INSTANTIATE(CaseTransition)
IRO_INSTANTIATE(FollowUp)
IRO_INSTANTIATE(Finding)
IRO_INSTANTIATE(Evidence)
IRO_INSTANTIATE(TimelineRules)
IRO_INSTANTIATE(AccreditationTimeline)
IRO_INSTANTIATE(RowProblem)
IRO_INSTANTIATE(TableImportResult)
IRO_INSTANTIATE(RorImportProblem)
IRO_INSTANTIATE(RorImportResult)
IRO_INSTANTIATE(RankingIndicator)
IRO_INSTANTIATE(RankBand)
IRO_INSTANTIATE(RankingBands)
IRO_INSTANTIATE(Methodology)
IRO_INSTANTIATE(ScoredRow)
IRO_INSTANTIATE(WhatIfResult)
IRO_INSTANTIATE(GapLever)
IRO_INSTANTIATE(GapResult)
IRO_INSTANTIATE(RobustnessResult)
IRO_INSTANTIATE(PublishedResult)
IRO_INSTANTIATE(HomeIndicators)
IRO_INSTANTIATE(ewp::HashedIia)
IRO_INSTANTIATE(ewp::SubjectArea)
IRO_INSTANTIATE(ewp::LanguageSkill)
IRO_INSTANTIATE(ewp::MobilitySpec)
IRO_INSTANTIATE(ewp::Partner)
IRO_INSTANTIATE(ewp::Iia)
IRO_INSTANTIATE(ewp::ImportReport)
IRO_INSTANTIATE(ewp::Difference)
#undef IRO_INSTANTIATE

} // namespace iro
