#pragma once
// Amounts of money with an ISO 4217 currency, e.g. grant funding or a scholarship.

#include <string>
#include <string_view>

namespace iro {

struct Money {
    double amount = 0;     // in the currency's major unit (euros, dollars, dinars)
    std::string currency;  // ISO 4217 alphabetic code, upper case: "EUR", "USD", "JOD", "ILS"

    friend bool operator==(const Money&, const Money&) = default;
};

// True for the ISO 4217 codes of currencies in use.
bool is_currency_code(std::string_view code) noexcept;

// Throws ValidationError naming `field` for an unknown currency or a negative, infinite
// or NaN amount.
void validate(const Money& money, std::string_view field = "money");

} // namespace iro
