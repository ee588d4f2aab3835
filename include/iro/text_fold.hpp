#pragma once
// Folding text for search: case, accents and Arabic letter variants.

#include <string>
#include <string_view>

namespace iro {

// Unicode-normalises (NFKD), drops combining marks, case-folds, and folds Arabic letter
// variants (أ إ آ ٱ -> ا, ة -> ه, ى -> ي) and removes tatweel. "Université" -> "universite",
// "الجامعة الأمريكية" -> "الجامعه الامريكيه". Invalid UTF-8 is replaced, never rejected.
std::string fold_for_search(std::string_view text);

} // namespace iro
