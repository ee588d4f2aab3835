#include "iro/country.hpp"

#include "iro/error.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace iro {
namespace {

using R = WorldRegion;

// Sub-region names, spelled once so the table cannot drift into variant spellings.
constexpr std::string_view kNorthernAfrica = "Northern Africa";
constexpr std::string_view kSubSaharanAfrica = "Sub-Saharan Africa";
constexpr std::string_view kLatinAmerica = "Latin America and the Caribbean";
constexpr std::string_view kNorthernAmerica = "Northern America";
constexpr std::string_view kCentralAsia = "Central Asia";
constexpr std::string_view kEasternAsia = "Eastern Asia";
constexpr std::string_view kSouthEasternAsia = "South-eastern Asia";
constexpr std::string_view kSouthernAsia = "Southern Asia";
constexpr std::string_view kWesternAsia = "Western Asia";
constexpr std::string_view kEasternEurope = "Eastern Europe";
constexpr std::string_view kNorthernEurope = "Northern Europe";
constexpr std::string_view kSouthernEurope = "Southern Europe";
constexpr std::string_view kWesternEurope = "Western Europe";
constexpr std::string_view kAustraliaNewZealand = "Australia and New Zealand";
constexpr std::string_view kMelanesia = "Melanesia";
constexpr std::string_view kMicronesia = "Micronesia";
constexpr std::string_view kPolynesia = "Polynesia";
// M49 gives Antarctica no sub-region; reuse the region name so every entry has one.
constexpr std::string_view kAntarctica = "Antarctica";

constexpr bool A = true;   // League of Arab States member
constexpr bool M = true;   // World Bank MENA
constexpr bool n = false;

// The 249 ISO 3166-1 codes plus XK (Kosovo), which partner registries use.
// Sorted by code: find_country relies on it for binary search (checked below).
// M49 places a few remote territories in a region by administration or proximity
// (BV and GS in South America, TF and IO in Eastern Africa, HM in Australia and
// New Zealand, UM in Micronesia), so only AQ is left in Antarctica.
constexpr std::array<Country, 250> kCountries{{
    {"AD", "Andorra", R::Europe, kSouthernEurope, n, n},
    {"AE", "United Arab Emirates", R::Asia, kWesternAsia, A, M},
    {"AF", "Afghanistan", R::Asia, kSouthernAsia, n, n},
    {"AG", "Antigua and Barbuda", R::Americas, kLatinAmerica, n, n},
    {"AI", "Anguilla", R::Americas, kLatinAmerica, n, n},
    {"AL", "Albania", R::Europe, kSouthernEurope, n, n},
    {"AM", "Armenia", R::Asia, kWesternAsia, n, n},
    {"AO", "Angola", R::Africa, kSubSaharanAfrica, n, n},
    {"AQ", "Antarctica", R::Antarctica, kAntarctica, n, n},
    {"AR", "Argentina", R::Americas, kLatinAmerica, n, n},
    {"AS", "American Samoa", R::Oceania, kPolynesia, n, n},
    {"AT", "Austria", R::Europe, kWesternEurope, n, n},
    {"AU", "Australia", R::Oceania, kAustraliaNewZealand, n, n},
    {"AW", "Aruba", R::Americas, kLatinAmerica, n, n},
    {"AX", "Åland Islands", R::Europe, kNorthernEurope, n, n},
    {"AZ", "Azerbaijan", R::Asia, kWesternAsia, n, n},
    {"BA", "Bosnia and Herzegovina", R::Europe, kSouthernEurope, n, n},
    {"BB", "Barbados", R::Americas, kLatinAmerica, n, n},
    {"BD", "Bangladesh", R::Asia, kSouthernAsia, n, n},
    {"BE", "Belgium", R::Europe, kWesternEurope, n, n},
    {"BF", "Burkina Faso", R::Africa, kSubSaharanAfrica, n, n},
    {"BG", "Bulgaria", R::Europe, kEasternEurope, n, n},
    {"BH", "Bahrain", R::Asia, kWesternAsia, A, M},
    {"BI", "Burundi", R::Africa, kSubSaharanAfrica, n, n},
    {"BJ", "Benin", R::Africa, kSubSaharanAfrica, n, n},
    {"BL", "Saint Barthélemy", R::Americas, kLatinAmerica, n, n},
    {"BM", "Bermuda", R::Americas, kNorthernAmerica, n, n},
    {"BN", "Brunei Darussalam", R::Asia, kSouthEasternAsia, n, n},
    {"BO", "Bolivia (Plurinational State of)", R::Americas, kLatinAmerica, n, n},
    {"BQ", "Bonaire, Sint Eustatius and Saba", R::Americas, kLatinAmerica, n, n},
    {"BR", "Brazil", R::Americas, kLatinAmerica, n, n},
    {"BS", "Bahamas", R::Americas, kLatinAmerica, n, n},
    {"BT", "Bhutan", R::Asia, kSouthernAsia, n, n},
    {"BV", "Bouvet Island", R::Americas, kLatinAmerica, n, n},
    {"BW", "Botswana", R::Africa, kSubSaharanAfrica, n, n},
    {"BY", "Belarus", R::Europe, kEasternEurope, n, n},
    {"BZ", "Belize", R::Americas, kLatinAmerica, n, n},
    {"CA", "Canada", R::Americas, kNorthernAmerica, n, n},
    {"CC", "Cocos (Keeling) Islands", R::Oceania, kAustraliaNewZealand, n, n},
    {"CD", "Congo, Democratic Republic of the", R::Africa, kSubSaharanAfrica, n, n},
    {"CF", "Central African Republic", R::Africa, kSubSaharanAfrica, n, n},
    {"CG", "Congo", R::Africa, kSubSaharanAfrica, n, n},
    {"CH", "Switzerland", R::Europe, kWesternEurope, n, n},
    {"CI", "Côte d'Ivoire", R::Africa, kSubSaharanAfrica, n, n},
    {"CK", "Cook Islands", R::Oceania, kPolynesia, n, n},
    {"CL", "Chile", R::Americas, kLatinAmerica, n, n},
    {"CM", "Cameroon", R::Africa, kSubSaharanAfrica, n, n},
    {"CN", "China", R::Asia, kEasternAsia, n, n},
    {"CO", "Colombia", R::Americas, kLatinAmerica, n, n},
    {"CR", "Costa Rica", R::Americas, kLatinAmerica, n, n},
    {"CU", "Cuba", R::Americas, kLatinAmerica, n, n},
    {"CV", "Cabo Verde", R::Africa, kSubSaharanAfrica, n, n},
    {"CW", "Curaçao", R::Americas, kLatinAmerica, n, n},
    {"CX", "Christmas Island", R::Oceania, kAustraliaNewZealand, n, n},
    {"CY", "Cyprus", R::Asia, kWesternAsia, n, n},
    {"CZ", "Czechia", R::Europe, kEasternEurope, n, n},
    {"DE", "Germany", R::Europe, kWesternEurope, n, n},
    {"DJ", "Djibouti", R::Africa, kSubSaharanAfrica, A, M},
    {"DK", "Denmark", R::Europe, kNorthernEurope, n, n},
    {"DM", "Dominica", R::Americas, kLatinAmerica, n, n},
    {"DO", "Dominican Republic", R::Americas, kLatinAmerica, n, n},
    {"DZ", "Algeria", R::Africa, kNorthernAfrica, A, M},
    {"EC", "Ecuador", R::Americas, kLatinAmerica, n, n},
    {"EE", "Estonia", R::Europe, kNorthernEurope, n, n},
    {"EG", "Egypt", R::Africa, kNorthernAfrica, A, M},
    {"EH", "Western Sahara", R::Africa, kNorthernAfrica, n, n},
    {"ER", "Eritrea", R::Africa, kSubSaharanAfrica, n, n},
    {"ES", "Spain", R::Europe, kSouthernEurope, n, n},
    {"ET", "Ethiopia", R::Africa, kSubSaharanAfrica, n, n},
    {"FI", "Finland", R::Europe, kNorthernEurope, n, n},
    {"FJ", "Fiji", R::Oceania, kMelanesia, n, n},
    {"FK", "Falkland Islands (Malvinas)", R::Americas, kLatinAmerica, n, n},
    {"FM", "Micronesia (Federated States of)", R::Oceania, kMicronesia, n, n},
    {"FO", "Faroe Islands", R::Europe, kNorthernEurope, n, n},
    {"FR", "France", R::Europe, kWesternEurope, n, n},
    {"GA", "Gabon", R::Africa, kSubSaharanAfrica, n, n},
    {"GB", "United Kingdom of Great Britain and Northern Ireland", R::Europe, kNorthernEurope, n, n},
    {"GD", "Grenada", R::Americas, kLatinAmerica, n, n},
    {"GE", "Georgia", R::Asia, kWesternAsia, n, n},
    {"GF", "French Guiana", R::Americas, kLatinAmerica, n, n},
    {"GG", "Guernsey", R::Europe, kNorthernEurope, n, n},
    {"GH", "Ghana", R::Africa, kSubSaharanAfrica, n, n},
    {"GI", "Gibraltar", R::Europe, kSouthernEurope, n, n},
    {"GL", "Greenland", R::Americas, kNorthernAmerica, n, n},
    {"GM", "Gambia", R::Africa, kSubSaharanAfrica, n, n},
    {"GN", "Guinea", R::Africa, kSubSaharanAfrica, n, n},
    {"GP", "Guadeloupe", R::Americas, kLatinAmerica, n, n},
    {"GQ", "Equatorial Guinea", R::Africa, kSubSaharanAfrica, n, n},
    {"GR", "Greece", R::Europe, kSouthernEurope, n, n},
    {"GS", "South Georgia and the South Sandwich Islands", R::Americas, kLatinAmerica, n, n},
    {"GT", "Guatemala", R::Americas, kLatinAmerica, n, n},
    {"GU", "Guam", R::Oceania, kMicronesia, n, n},
    {"GW", "Guinea-Bissau", R::Africa, kSubSaharanAfrica, n, n},
    {"GY", "Guyana", R::Americas, kLatinAmerica, n, n},
    {"HK", "Hong Kong", R::Asia, kEasternAsia, n, n},
    {"HM", "Heard Island and McDonald Islands", R::Oceania, kAustraliaNewZealand, n, n},
    {"HN", "Honduras", R::Americas, kLatinAmerica, n, n},
    {"HR", "Croatia", R::Europe, kSouthernEurope, n, n},
    {"HT", "Haiti", R::Americas, kLatinAmerica, n, n},
    {"HU", "Hungary", R::Europe, kEasternEurope, n, n},
    {"ID", "Indonesia", R::Asia, kSouthEasternAsia, n, n},
    {"IE", "Ireland", R::Europe, kNorthernEurope, n, n},
    {"IL", "Israel", R::Asia, kWesternAsia, n, M},
    {"IM", "Isle of Man", R::Europe, kNorthernEurope, n, n},
    {"IN", "India", R::Asia, kSouthernAsia, n, n},
    {"IO", "British Indian Ocean Territory", R::Africa, kSubSaharanAfrica, n, n},
    {"IQ", "Iraq", R::Asia, kWesternAsia, A, M},
    {"IR", "Iran (Islamic Republic of)", R::Asia, kSouthernAsia, n, M},
    {"IS", "Iceland", R::Europe, kNorthernEurope, n, n},
    {"IT", "Italy", R::Europe, kSouthernEurope, n, n},
    {"JE", "Jersey", R::Europe, kNorthernEurope, n, n},
    {"JM", "Jamaica", R::Americas, kLatinAmerica, n, n},
    {"JO", "Jordan", R::Asia, kWesternAsia, A, M},
    {"JP", "Japan", R::Asia, kEasternAsia, n, n},
    {"KE", "Kenya", R::Africa, kSubSaharanAfrica, n, n},
    {"KG", "Kyrgyzstan", R::Asia, kCentralAsia, n, n},
    {"KH", "Cambodia", R::Asia, kSouthEasternAsia, n, n},
    {"KI", "Kiribati", R::Oceania, kMicronesia, n, n},
    {"KM", "Comoros", R::Africa, kSubSaharanAfrica, A, n},
    {"KN", "Saint Kitts and Nevis", R::Americas, kLatinAmerica, n, n},
    {"KP", "Korea (Democratic People's Republic of)", R::Asia, kEasternAsia, n, n},
    {"KR", "Korea, Republic of", R::Asia, kEasternAsia, n, n},
    {"KW", "Kuwait", R::Asia, kWesternAsia, A, M},
    {"KY", "Cayman Islands", R::Americas, kLatinAmerica, n, n},
    {"KZ", "Kazakhstan", R::Asia, kCentralAsia, n, n},
    {"LA", "Lao People's Democratic Republic", R::Asia, kSouthEasternAsia, n, n},
    {"LB", "Lebanon", R::Asia, kWesternAsia, A, M},
    {"LC", "Saint Lucia", R::Americas, kLatinAmerica, n, n},
    {"LI", "Liechtenstein", R::Europe, kWesternEurope, n, n},
    {"LK", "Sri Lanka", R::Asia, kSouthernAsia, n, n},
    {"LR", "Liberia", R::Africa, kSubSaharanAfrica, n, n},
    {"LS", "Lesotho", R::Africa, kSubSaharanAfrica, n, n},
    {"LT", "Lithuania", R::Europe, kNorthernEurope, n, n},
    {"LU", "Luxembourg", R::Europe, kWesternEurope, n, n},
    {"LV", "Latvia", R::Europe, kNorthernEurope, n, n},
    {"LY", "Libya", R::Africa, kNorthernAfrica, A, M},
    {"MA", "Morocco", R::Africa, kNorthernAfrica, A, M},
    {"MC", "Monaco", R::Europe, kWesternEurope, n, n},
    {"MD", "Moldova, Republic of", R::Europe, kEasternEurope, n, n},
    {"ME", "Montenegro", R::Europe, kSouthernEurope, n, n},
    {"MF", "Saint Martin (French part)", R::Americas, kLatinAmerica, n, n},
    {"MG", "Madagascar", R::Africa, kSubSaharanAfrica, n, n},
    {"MH", "Marshall Islands", R::Oceania, kMicronesia, n, n},
    {"MK", "North Macedonia", R::Europe, kSouthernEurope, n, n},
    {"ML", "Mali", R::Africa, kSubSaharanAfrica, n, n},
    {"MM", "Myanmar", R::Asia, kSouthEasternAsia, n, n},
    {"MN", "Mongolia", R::Asia, kEasternAsia, n, n},
    {"MO", "Macao", R::Asia, kEasternAsia, n, n},
    {"MP", "Northern Mariana Islands", R::Oceania, kMicronesia, n, n},
    {"MQ", "Martinique", R::Americas, kLatinAmerica, n, n},
    {"MR", "Mauritania", R::Africa, kSubSaharanAfrica, A, n},
    {"MS", "Montserrat", R::Americas, kLatinAmerica, n, n},
    {"MT", "Malta", R::Europe, kSouthernEurope, n, M},
    {"MU", "Mauritius", R::Africa, kSubSaharanAfrica, n, n},
    {"MV", "Maldives", R::Asia, kSouthernAsia, n, n},
    {"MW", "Malawi", R::Africa, kSubSaharanAfrica, n, n},
    {"MX", "Mexico", R::Americas, kLatinAmerica, n, n},
    {"MY", "Malaysia", R::Asia, kSouthEasternAsia, n, n},
    {"MZ", "Mozambique", R::Africa, kSubSaharanAfrica, n, n},
    {"NA", "Namibia", R::Africa, kSubSaharanAfrica, n, n},
    {"NC", "New Caledonia", R::Oceania, kMelanesia, n, n},
    {"NE", "Niger", R::Africa, kSubSaharanAfrica, n, n},
    {"NF", "Norfolk Island", R::Oceania, kAustraliaNewZealand, n, n},
    {"NG", "Nigeria", R::Africa, kSubSaharanAfrica, n, n},
    {"NI", "Nicaragua", R::Americas, kLatinAmerica, n, n},
    {"NL", "Netherlands, Kingdom of the", R::Europe, kWesternEurope, n, n},
    {"NO", "Norway", R::Europe, kNorthernEurope, n, n},
    {"NP", "Nepal", R::Asia, kSouthernAsia, n, n},
    {"NR", "Nauru", R::Oceania, kMicronesia, n, n},
    {"NU", "Niue", R::Oceania, kPolynesia, n, n},
    {"NZ", "New Zealand", R::Oceania, kAustraliaNewZealand, n, n},
    {"OM", "Oman", R::Asia, kWesternAsia, A, M},
    {"PA", "Panama", R::Americas, kLatinAmerica, n, n},
    {"PE", "Peru", R::Americas, kLatinAmerica, n, n},
    {"PF", "French Polynesia", R::Oceania, kPolynesia, n, n},
    {"PG", "Papua New Guinea", R::Oceania, kMelanesia, n, n},
    {"PH", "Philippines", R::Asia, kSouthEasternAsia, n, n},
    {"PK", "Pakistan", R::Asia, kSouthernAsia, n, n},
    {"PL", "Poland", R::Europe, kEasternEurope, n, n},
    {"PM", "Saint Pierre and Miquelon", R::Americas, kNorthernAmerica, n, n},
    {"PN", "Pitcairn", R::Oceania, kPolynesia, n, n},
    {"PR", "Puerto Rico", R::Americas, kLatinAmerica, n, n},
    {"PS", "Palestine, State of", R::Asia, kWesternAsia, A, M},
    {"PT", "Portugal", R::Europe, kSouthernEurope, n, n},
    {"PW", "Palau", R::Oceania, kMicronesia, n, n},
    {"PY", "Paraguay", R::Americas, kLatinAmerica, n, n},
    {"QA", "Qatar", R::Asia, kWesternAsia, A, M},
    {"RE", "Réunion", R::Africa, kSubSaharanAfrica, n, n},
    {"RO", "Romania", R::Europe, kEasternEurope, n, n},
    {"RS", "Serbia", R::Europe, kSouthernEurope, n, n},
    {"RU", "Russian Federation", R::Europe, kEasternEurope, n, n},
    {"RW", "Rwanda", R::Africa, kSubSaharanAfrica, n, n},
    {"SA", "Saudi Arabia", R::Asia, kWesternAsia, A, M},
    {"SB", "Solomon Islands", R::Oceania, kMelanesia, n, n},
    {"SC", "Seychelles", R::Africa, kSubSaharanAfrica, n, n},
    {"SD", "Sudan", R::Africa, kNorthernAfrica, A, n},
    {"SE", "Sweden", R::Europe, kNorthernEurope, n, n},
    {"SG", "Singapore", R::Asia, kSouthEasternAsia, n, n},
    {"SH", "Saint Helena, Ascension and Tristan da Cunha", R::Africa, kSubSaharanAfrica, n, n},
    {"SI", "Slovenia", R::Europe, kSouthernEurope, n, n},
    {"SJ", "Svalbard and Jan Mayen", R::Europe, kNorthernEurope, n, n},
    {"SK", "Slovakia", R::Europe, kEasternEurope, n, n},
    {"SL", "Sierra Leone", R::Africa, kSubSaharanAfrica, n, n},
    {"SM", "San Marino", R::Europe, kSouthernEurope, n, n},
    {"SN", "Senegal", R::Africa, kSubSaharanAfrica, n, n},
    {"SO", "Somalia", R::Africa, kSubSaharanAfrica, A, n},
    {"SR", "Suriname", R::Americas, kLatinAmerica, n, n},
    {"SS", "South Sudan", R::Africa, kSubSaharanAfrica, n, n},
    {"ST", "Sao Tome and Principe", R::Africa, kSubSaharanAfrica, n, n},
    {"SV", "El Salvador", R::Americas, kLatinAmerica, n, n},
    {"SX", "Sint Maarten (Dutch part)", R::Americas, kLatinAmerica, n, n},
    {"SY", "Syrian Arab Republic", R::Asia, kWesternAsia, A, M},
    {"SZ", "Eswatini", R::Africa, kSubSaharanAfrica, n, n},
    {"TC", "Turks and Caicos Islands", R::Americas, kLatinAmerica, n, n},
    {"TD", "Chad", R::Africa, kSubSaharanAfrica, n, n},
    {"TF", "French Southern Territories", R::Africa, kSubSaharanAfrica, n, n},
    {"TG", "Togo", R::Africa, kSubSaharanAfrica, n, n},
    {"TH", "Thailand", R::Asia, kSouthEasternAsia, n, n},
    {"TJ", "Tajikistan", R::Asia, kCentralAsia, n, n},
    {"TK", "Tokelau", R::Oceania, kPolynesia, n, n},
    {"TL", "Timor-Leste", R::Asia, kSouthEasternAsia, n, n},
    {"TM", "Turkmenistan", R::Asia, kCentralAsia, n, n},
    {"TN", "Tunisia", R::Africa, kNorthernAfrica, A, M},
    {"TO", "Tonga", R::Oceania, kPolynesia, n, n},
    {"TR", "Türkiye", R::Asia, kWesternAsia, n, n},
    {"TT", "Trinidad and Tobago", R::Americas, kLatinAmerica, n, n},
    {"TV", "Tuvalu", R::Oceania, kPolynesia, n, n},
    {"TW", "Taiwan, Province of China", R::Asia, kEasternAsia, n, n},
    {"TZ", "Tanzania, United Republic of", R::Africa, kSubSaharanAfrica, n, n},
    {"UA", "Ukraine", R::Europe, kEasternEurope, n, n},
    {"UG", "Uganda", R::Africa, kSubSaharanAfrica, n, n},
    {"UM", "United States Minor Outlying Islands", R::Oceania, kMicronesia, n, n},
    {"US", "United States of America", R::Americas, kNorthernAmerica, n, n},
    {"UY", "Uruguay", R::Americas, kLatinAmerica, n, n},
    {"UZ", "Uzbekistan", R::Asia, kCentralAsia, n, n},
    {"VA", "Holy See", R::Europe, kSouthernEurope, n, n},
    {"VC", "Saint Vincent and the Grenadines", R::Americas, kLatinAmerica, n, n},
    {"VE", "Venezuela (Bolivarian Republic of)", R::Americas, kLatinAmerica, n, n},
    {"VG", "Virgin Islands (British)", R::Americas, kLatinAmerica, n, n},
    {"VI", "Virgin Islands (U.S.)", R::Americas, kLatinAmerica, n, n},
    {"VN", "Viet Nam", R::Asia, kSouthEasternAsia, n, n},
    {"VU", "Vanuatu", R::Oceania, kMelanesia, n, n},
    {"WF", "Wallis and Futuna", R::Oceania, kPolynesia, n, n},
    {"WS", "Samoa", R::Oceania, kPolynesia, n, n},
    // Not in ISO 3166-1: the user-assigned code that GeoNames, ROR and the EU use for Kosovo.
    {"XK", "Kosovo", R::Europe, kSouthernEurope, n, n},
    {"YE", "Yemen", R::Asia, kWesternAsia, A, M},
    {"YT", "Mayotte", R::Africa, kSubSaharanAfrica, n, n},
    {"ZA", "South Africa", R::Africa, kSubSaharanAfrica, n, n},
    {"ZM", "Zambia", R::Africa, kSubSaharanAfrica, n, n},
    {"ZW", "Zimbabwe", R::Africa, kSubSaharanAfrica, n, n},
}};

constexpr bool is_alpha2(std::string_view code) {
    return code.size() == 2 && code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' &&
           code[1] <= 'Z';
}

// Binary search is only correct on a strictly increasing table, so a misplaced or
// duplicated row must fail the build rather than make lookups silently miss.
constexpr bool table_is_well_formed() {
    for (std::size_t i = 0; i < kCountries.size(); ++i) {
        if (!is_alpha2(kCountries[i].code)) return false;
        if (i > 0 && !(kCountries[i - 1].code < kCountries[i].code)) return false;
    }
    return true;
}
static_assert(table_is_well_formed(), "country table must be sorted, unique, upper-case alpha-2");

constexpr std::string_view kExpected = "an ISO 3166-1 alpha-2 code such as 'PS' or 'DE'";

} // namespace

const Country* find_country(std::string_view alpha2) noexcept {
    // Rejecting malformed input up front keeps lower-case or 3-letter codes from matching.
    if (!is_alpha2(alpha2)) return nullptr;
    auto it = std::lower_bound(kCountries.begin(), kCountries.end(), alpha2,
                               [](const Country& c, std::string_view code) { return c.code < code; });
    if (it == kCountries.end() || it->code != alpha2) return nullptr;
    return &*it;
}

const Country& country(std::string_view alpha2) {
    if (const Country* c = find_country(alpha2)) return *c;
    throw ValidationError("country", std::string(alpha2), kExpected);
}

std::span<const Country> all_countries() noexcept {
    return kCountries;
}

std::vector<std::string> countries_in(WorldRegion region) {
    std::vector<std::string> out;
    for (const Country& c : kCountries)
        if (c.region == region) out.emplace_back(c.code);
    return out;
}

std::vector<std::string> default_regional_countries(std::string_view home_country) {
    const Country& home = country(home_country);
    const bool arab_or_mena = home.arab_world || home.mena;
    std::vector<std::string> out;
    // Walking the sorted table keeps the result sorted by code without a separate sort.
    for (const Country& c : kCountries) {
        const bool member = arab_or_mena ? (c.arab_world || c.mena) : c.subregion == home.subregion;
        if (member) out.emplace_back(c.code);
    }
    return out;
}

} // namespace iro
