#include "sample/sample_partners.hpp"

#include <string>

namespace iro::detail {

namespace {
#include "sample/sample_partners.inc"

// Every record's names lie inside the name table; a bad offset must fail the build.
constexpr bool names_in_range() {
    for (const auto& p : kSamplePartners)
        if (p.name_count == 0 || p.first_name + p.name_count > std::size(kSampleNames)) return false;
    return true;
}
static_assert(names_in_range(), "sample_partners.inc: name offsets out of range");
} // namespace

std::span<const SamplePartner> sample_partners() noexcept { return kSamplePartners; }

Institution to_institution(const SamplePartner& partner) {
    Institution i;
    i.type = partner.type;
    i.status = partner.status;
    i.country = std::string(partner.country);
    i.city = std::string(partner.city);
    i.website = std::string(partner.website);
    i.identifiers.ror = std::string(partner.ror);
    i.identifiers.wikidata = std::string(partner.wikidata);
    for (std::size_t k = 0; k < partner.name_count; ++k) {
        const auto& n = kSampleNames[partner.first_name + k];
        i.names.push_back(Name{std::string(n.value), std::string(n.lang), n.kind});
    }
    return i;
}

Institution sample_home_institution() {
    Institution home;
    home.type = InstitutionType::University;
    home.names = {Name{"Palestine Polytechnic University", "en", NameKind::Display},
                  Name{"جامعة بوليتكنك فلسطين", "ar", NameKind::Label},
                  Name{"PPU", "en", NameKind::Acronym}};
    home.country = "PS";
    home.city = "Hebron";
    home.website = "https://www.ppu.edu";
    home.identifiers.schac = "ppu.edu";
    home.is_home = true;
    return home;
}

} // namespace iro::detail
