#include "store/institution_names.hpp"

#include "iro/text_fold.hpp"

namespace iro::detail {

void append_search_name(std::string& text, std::string_view name) {
    text += fold_for_search(name);
    text += " \n ";
}

std::string search_text(const Institution& institution) {
    std::string text;
    for (const auto& n : institution.names) append_search_name(text, n.value);
    return text;
}

void write_names_and_search(Database& db, const Institution& institution, bool replace) {
    const auto id = static_cast<int64_t>(institution.id.value());
    if (replace) {
        auto& st = db.statement("DELETE FROM institution_name WHERE institution_id = ?");
        st.bind(1, id);
        st.exec();
    }
    for (std::size_t p = 0; p < institution.names.size(); ++p) {
        const auto& name = institution.names[p];
        auto& st = db.statement("INSERT INTO institution_name (institution_id, position, value, lang, kind) VALUES (?, ?, ?, ?, ?)");
        st.bind(1, id);
        st.bind(2, static_cast<int64_t>(p));
        st.bind(3, name.value);
        st.bind(4, name.lang);
        st.bind(5, std::string(to_string(name.kind)));
        st.exec();
    }
    if (replace) {
        auto& st = db.statement("DELETE FROM institution_search WHERE rowid = ?");
        st.bind(1, id);
        st.exec();
    }
    auto& st = db.statement("INSERT INTO institution_search (rowid, folded) VALUES (?, ?)");
    st.bind(1, id);
    st.bind(2, search_text(institution));
    st.exec();
}

} // namespace iro::detail
