#include "iro/money.hpp"

#include "iro/error.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <fmt/format.h>

namespace iro {

namespace {
// ISO 4217 alphabetic codes of currencies in circulation (fund and precious-metal codes
// left out). Sorted for binary search.
constexpr std::array<std::string_view, 154> kCurrencies{
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BHD", "BIF",
    "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF", "CLP", "CNY", "COP", "CRC",
    "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS",
    "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD",
    "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL",
    "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MYR", "MZN", "NAD",
    "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD",
    "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SYP", "SZL",
    "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU", "UZS", "VES", "VND",
    "VUV", "WST", "XAF", "XCD", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWL"};

constexpr bool is_sorted_table() {
    for (std::size_t i = 1; i < kCurrencies.size(); ++i)
        if (!(kCurrencies[i - 1] < kCurrencies[i])) return false;
    return true;
}
static_assert(is_sorted_table(), "keep the currency table sorted and free of duplicates");
} // namespace

bool is_currency_code(std::string_view code) noexcept {
    return std::binary_search(kCurrencies.begin(), kCurrencies.end(), code);
}

void validate(const Money& money, std::string_view field) {
    if (!is_currency_code(money.currency))
        throw ValidationError(fmt::format("{}.currency", field), money.currency, "an ISO 4217 currency code such as 'EUR', 'USD' or 'JOD'");
    if (!std::isfinite(money.amount) || money.amount < 0 || money.amount > 1e15)
        throw ValidationError(fmt::format("{}.amount", field), fmt::format("{}", money.amount), "a finite amount from 0");
}

} // namespace iro
