#pragma once
// An institution's names and its full-text search row (private to the library). Every writer
// of institutions (add, update, the ROR import and snapshot loads) goes through here, so the
// search text has one format.

#include "iro/institution.hpp"
#include "store/database.hpp"

#include <string>
#include <string_view>

namespace iro::detail {

// Appends one name to a search text: folded (fold_for_search) and closed by " \n ", so that
// a prefix search never runs from one name into the next.
void append_search_name(std::string& text, std::string_view name);

// The search text of all of an institution's names, in order.
std::string search_text(const Institution& institution);

// Writes the institution's name rows and its search row. `replace`: it had them before (an
// update), so the old ones are deleted first; a new institution has none.
void write_names_and_search(Database& db, const Institution& institution, bool replace);

} // namespace iro::detail
