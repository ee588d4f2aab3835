#include "iro/text_fold.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace iro {

namespace {
// Arabic spellings that writers use interchangeably; folding them lets "الجامعة" find
// "الجامعه" and "أكاديمية" find "اكاديمية".
UChar32 fold_arabic(UChar32 c) {
    switch (c) {
    case 0x0622:  // آ
    case 0x0623:  // أ
    case 0x0625:  // إ
    case 0x0671:  // ٱ
        return 0x0627;  // ا
    case 0x0629:  // ة
        return 0x0647;  // ه
    case 0x0649:  // ى
        return 0x064A;  // ي
    default:
        return c;
    }
}
} // namespace

std::string fold_for_search(std::string_view text) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
    const icu::UnicodeString input = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    icu::UnicodeString decomposed = U_SUCCESS(status) ? nfkd->normalize(input, status) : input;
    if (U_FAILURE(status)) decomposed = input;

    icu::UnicodeString folded;
    for (int32_t i = 0; i < decomposed.length();) {
        const UChar32 c = decomposed.char32At(i);
        i += U16_LENGTH(c);
        // Combining marks carry accents, Arabic harakat and the hamza split off by NFKD.
        if (u_charType(c) == U_NON_SPACING_MARK || u_charType(c) == U_ENCLOSING_MARK) continue;
        if (c == 0x0640) continue;  // tatweel only stretches a word
        folded.append(u_foldCase(fold_arabic(c), U_FOLD_CASE_DEFAULT));
    }
    std::string out;
    folded.toUTF8String(out);
    return out;
}

} // namespace iro
