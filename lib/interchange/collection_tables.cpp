#include "interchange/collection_table.hpp"

#include "iro/date.hpp"
#include "iro/error.hpp"
#include "iro/store.hpp"
#include "store/json_convert.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>

namespace iro::detail {

using nlohmann::json;

std::string_view kind_name(ColumnKind kind) {
    switch (kind) {
    case ColumnKind::Id: return "id";
    case ColumnKind::Integer: return "integer";
    case ColumnKind::Real: return "real";
    case ColumnKind::Text: return "text";
    case ColumnKind::Date: return "date";
    case ColumnKind::Enum: return "enum";
    case ColumnKind::Bool: return "bool";
    case ColumnKind::Reference: return "reference";
    case ColumnKind::List: return "list";
    case ColumnKind::Object: return "object";
    }
    return "?";
}

// ---- ids ----

void IdResolver::begin_table(Collection collection, std::set<std::int64_t> pending) {
    current_ = collection;
    pending_ = std::move(pending);
    deferral_ = true;
}

std::optional<std::int64_t> IdResolver::mapped(Collection c, std::int64_t file_id) const {
    const auto table = ids_->find(c);
    if (table == ids_->end()) return std::nullopt;
    const auto it = table->second.find(file_id);
    if (it == table->second.end()) return std::nullopt;
    return it->second;
}

bool IdResolver::created(Collection c, std::int64_t store_id) const {
    const auto it = created_.find(c);
    return it != created_.end() && it->second.count(store_id) > 0;
}

void IdResolver::record_added(Collection c, std::optional<std::int64_t> file_id, std::int64_t store_id) {
    created_[c].insert(store_id);
    if (file_id) (*ids_)[c][*file_id] = store_id;
}

std::int64_t IdResolver::resolve(Collection target, const std::string& field, std::int64_t file_id) {
    if (auto id = mapped(target, file_id)) return *id;
    if (target == current_ && deferral_ && pending_.count(file_id)) throw RowDeferred{};
    if (!created(target, file_id) && table_for(target).exists(*store_, file_id)) return file_id;
    throw ValidationError(field, std::to_string(file_id),
                          fmt::format("the id of one of the {} in the store or earlier in the import", to_string(target)));
}

namespace {

// ---- reading nested JSON values (list cells) ----

std::string shown(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(-1, ' ', false, json::error_handler_t::replace); }

[[noreturn]] void bad(const std::string& field, const json& v, std::string_view expected) {
    throw ValidationError(field, shown(v), expected);
}

void only_keys(const json& o, std::initializer_list<std::string_view> keys, const std::string& path) {
    if (!o.is_object()) bad(path, o, "a JSON object");
    for (const auto& [key, value] : o.items())
        if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
            std::string names;
            for (auto k : keys) names += (names.empty() ? "" : ", ") + std::string(k);
            bad(path + "." + key, value, "no such member; the members are " + names);
        }
}

const json& member(const json& o, const char* key) {
    static const json null_value;
    const auto it = o.find(key);
    return it == o.end() ? null_value : *it;
}

std::string get_text(const json& o, const char* key, const std::string& path) {
    const auto& v = member(o, key);
    if (v.is_null()) return {};
    if (!v.is_string()) bad(path + "." + key, v, "a JSON string");
    return v.get<std::string>();
}

std::int64_t get_integer(const json& v, const std::string& field) {
    if (!v.is_number_integer()) bad(field, v, "an integer");
    if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) bad(field, v, "an integer");
    return v.get<std::int64_t>();
}

int get_int(const json& v, const std::string& field) {
    const auto n = get_integer(v, field);
    if (n < INT32_MIN || n > INT32_MAX) bad(field, v, "an integer between -2147483648 and 2147483647");
    return static_cast<int>(n);
}

double get_number(const json& v, const std::string& field) {
    if (!v.is_number()) bad(field, v, "a number");
    return v.get<double>();
}

std::optional<Date> get_opt_date(const json& o, const char* key, const std::string& path) {
    const auto& v = member(o, key);
    if (v.is_null()) return std::nullopt;
    if (!v.is_string()) bad(path + "." + key, v, "a date YYYY-MM-DD or null");
    return parse_date(v.get<std::string>(), path + "." + key);
}

template <class E>
E get_enum(const json& v, const std::string& field) {
    if (!v.is_string()) bad(field, v, "one of: " + enum_choices<E>());
    if (auto e = try_enum_from_string<E>(v.get<std::string>())) return *e;
    bad(field, v, "one of: " + enum_choices<E>());
}

const json& as_array(const json& v, const std::string& field) {
    if (!v.is_array()) bad(field, v, "a JSON array");
    return v;
}

std::string item(const std::string& column, std::size_t k) { return fmt::format("{}[{}]", column, k); }

json opt_date_json(const std::optional<Date>& d) { return d ? json(format_date(*d)) : json(nullptr); }

template <class Tag>
json opt_id_json(const std::optional<Id<Tag>>& id) {
    return id ? json(id->value()) : json(nullptr);
}

template <class Tag>
std::optional<Id<Tag>> opt_ref_of(const json& v, Collection target, const std::string& field, IdResolver& ids) {
    if (v.is_null()) return std::nullopt;
    return Id<Tag>{ids.resolve(target, field, get_integer(v, field))};
}

template <class Tag>
Id<Tag> ref_of(const json& v, Collection target, const std::string& field, IdResolver& ids) {
    return Id<Tag>{ids.resolve(target, field, get_integer(v, field))};
}

template <class Tag>
json id_list_json(const std::vector<Id<Tag>>& ids) {
    json out = json::array();
    for (auto id : ids) out.push_back(id.value());
    return out;
}

template <class Tag>
std::vector<Id<Tag>> id_list_of(const json& v, Collection target, const std::string& column, IdResolver& ids) {
    std::vector<Id<Tag>> out;
    const auto& a = as_array(v, column);
    for (std::size_t k = 0; k < a.size(); ++k) out.push_back(ref_of<Tag>(a[k], target, item(column, k), ids));
    return out;
}

template <class E>
json enum_list_json(const std::vector<E>& values) {
    json out = json::array();
    for (auto e : values) out.push_back(std::string(to_string(e)));
    return out;
}

template <class E>
std::vector<E> enum_list_of(const json& v, const std::string& column) {
    std::vector<E> out;
    const auto& a = as_array(v, column);
    for (std::size_t k = 0; k < a.size(); ++k) out.push_back(get_enum<E>(a[k], item(column, k)));
    return out;
}

std::vector<std::string> text_list_of(const json& v, const std::string& column) {
    std::vector<std::string> out;
    const auto& a = as_array(v, column);
    for (std::size_t k = 0; k < a.size(); ++k) {
        if (!a[k].is_string()) bad(item(column, k), a[k], "a JSON string");
        out.push_back(a[k].get<std::string>());
    }
    return out;
}

json documents_json(const std::vector<DocumentRef>& docs) {
    json out = json::array();
    for (const auto& d : docs) out.push_back({{"title", d.title}, {"location", d.location}, {"sha256", d.sha256}});
    return out;
}

std::vector<DocumentRef> documents_of(const json& v, const std::string& column) {
    std::vector<DocumentRef> out;
    const auto& a = as_array(v, column);
    for (std::size_t k = 0; k < a.size(); ++k) {
        const auto path = item(column, k);
        only_keys(a[k], {"title", "location", "sha256"}, path);
        out.push_back({get_text(a[k], "title", path), get_text(a[k], "location", path), get_text(a[k], "sha256", path)});
    }
    return out;
}

json money_json(const Money& m) { return {{"amount", m.amount}, {"currency", m.currency}}; }

Money money_of(const json& v, const std::string& path) {
    only_keys(v, {"amount", "currency"}, path);
    return {get_number(member(v, "amount"), path + ".amount"), get_text(v, "currency", path)};
}

MobilityQuota quota_of(const json& v, const std::string& path, IdResolver& ids) {
    only_keys(v,
              {"sending", "receiving", "sending_unit", "receiving_unit", "type", "academic_years", "mobilities_per_year",
               "total_months_per_year", "total_days_per_year", "subject_areas", "eqf_levels", "language_skills", "blended"},
              path);
    MobilityQuota q;
    q.sending = ref_of<InstitutionTag>(member(v, "sending"), Collection::Institutions, path + ".sending", ids);
    q.receiving = ref_of<InstitutionTag>(member(v, "receiving"), Collection::Institutions, path + ".receiving", ids);
    q.sending_unit = opt_ref_of<UnitTag>(member(v, "sending_unit"), Collection::Units, path + ".sending_unit", ids);
    q.receiving_unit = opt_ref_of<UnitTag>(member(v, "receiving_unit"), Collection::Units, path + ".receiving_unit", ids);
    q.type = get_enum<MobilityType>(member(v, "type"), path + ".type");
    for (const auto& y : text_list_of(member(v, "academic_years").is_null() ? json::array() : member(v, "academic_years"),
                                      path + ".academic_years"))
        q.academic_years.push_back(AcademicYear::parse(y));
    if (const auto& m = member(v, "mobilities_per_year"); !m.is_null()) q.mobilities_per_year = get_int(m, path + ".mobilities_per_year");
    if (const auto& m = member(v, "total_months_per_year"); !m.is_null())
        q.total_months_per_year = get_number(m, path + ".total_months_per_year");
    if (const auto& m = member(v, "total_days_per_year"); !m.is_null()) q.total_days_per_year = get_int(m, path + ".total_days_per_year");
    if (const auto& m = member(v, "subject_areas"); !m.is_null()) q.subject_areas = text_list_of(m, path + ".subject_areas");
    if (const auto& m = member(v, "eqf_levels"); !m.is_null()) {
        const auto& a = as_array(m, path + ".eqf_levels");
        for (std::size_t k = 0; k < a.size(); ++k) q.eqf_levels.push_back(get_int(a[k], item(path + ".eqf_levels", k)));
    }
    if (const auto& m = member(v, "language_skills"); !m.is_null()) {
        const auto& a = as_array(m, path + ".language_skills");
        for (std::size_t k = 0; k < a.size(); ++k) {
            const auto p = item(path + ".language_skills", k);
            only_keys(a[k], {"language", "level"}, p);
            q.language_skills.push_back({get_text(a[k], "language", p), get_enum<CefrLevel>(member(a[k], "level"), p + ".level")});
        }
    }
    if (const auto& m = member(v, "blended"); !m.is_null()) {
        if (!m.is_boolean()) bad(path + ".blended", m, "true or false");
        q.blended = m.get<bool>();
    }
    return q;
}

// ---- columns ----

template <class T>
struct Col {
    ColumnInfo info;
    std::function<json(const T&)> get;
    std::function<void(T&, const json&, IdResolver&)> set;  // the cell is never an absent value
};

template <class T>
Col<T> text(std::string name, std::string T::*m, bool required = false) {
    return {{name, ColumnKind::Text, required, false},
            [m](const T& t) { return json(t.*m); },
            [m](T& t, const json& v, IdResolver&) { t.*m = v.get<std::string>(); }};
}

template <class T>
Col<T> integer(std::string name, int T::*m) {
    return {{name, ColumnKind::Integer, false, false},
            [m](const T& t) { return json(t.*m); },
            [m, name](T& t, const json& v, IdResolver&) { t.*m = get_int(v, name); }};
}

template <class T>
Col<T> real(std::string name, double T::*m) {
    return {{name, ColumnKind::Real, false, false},
            [m](const T& t) { return json(t.*m); },
            [m](T& t, const json& v, IdResolver&) { t.*m = v.get<double>(); }};
}

template <class T>
Col<T> boolean(std::string name, bool T::*m) {
    return {{name, ColumnKind::Bool, false, false},
            [m](const T& t) { return json(t.*m); },
            [m](T& t, const json& v, IdResolver&) { t.*m = v.get<bool>(); }};
}

template <class T>
Col<T> date(std::string name, Date T::*m, bool required = false) {
    return {{name, ColumnKind::Date, required, false},
            [m](const T& t) { return json(format_date(t.*m)); },
            [m, name](T& t, const json& v, IdResolver&) { t.*m = parse_date(v.get<std::string>(), name); }};
}

template <class T>
Col<T> opt_date(std::string name, std::optional<Date> T::*m) {
    return {{name, ColumnKind::Date, false, true},
            [m](const T& t) { return opt_date_json(t.*m); },
            [m, name](T& t, const json& v, IdResolver&) {
                if (v.is_null()) t.*m = std::nullopt;
                else t.*m = parse_date(v.get<std::string>(), name);
            }};
}

template <class T, class E>
Col<T> enumeration(std::string name, E T::*m, bool required = false) {
    return {{name, ColumnKind::Enum, required, false},
            [m](const T& t) { return json(std::string(to_string(t.*m))); },
            [m, name](T& t, const json& v, IdResolver&) { t.*m = get_enum<E>(v, name); }};
}

template <class T, class E>
Col<T> opt_enumeration(std::string name, std::optional<E> T::*m) {
    return {{name, ColumnKind::Enum, false, true},
            [m](const T& t) { return t.*m ? json(std::string(to_string(*(t.*m)))) : json(nullptr); },
            [m, name](T& t, const json& v, IdResolver&) {
                if (v.is_null()) t.*m = std::nullopt;
                else t.*m = get_enum<E>(v, name);
            }};
}

template <class T, class Tag>
Col<T> reference(std::string name, Id<Tag> T::*m, Collection target, bool required = false) {
    return {{name, ColumnKind::Reference, required, false},
            [m](const T& t) { return json((t.*m).value()); },
            [m, name, target](T& t, const json& v, IdResolver& ids) { t.*m = ref_of<Tag>(v, target, name, ids); }};
}

template <class T, class Tag>
Col<T> opt_reference(std::string name, std::optional<Id<Tag>> T::*m, Collection target) {
    return {{name, ColumnKind::Reference, false, true},
            [m](const T& t) { return opt_id_json(t.*m); },
            [m, name, target](T& t, const json& v, IdResolver& ids) { t.*m = opt_ref_of<Tag>(v, target, name, ids); }};
}

template <class T>
Col<T> list(std::string name, bool required, std::function<json(const T&)> get,
            std::function<void(T&, const json&, IdResolver&)> set) {
    return {{std::move(name), ColumnKind::List, required, false}, std::move(get), std::move(set)};
}

// ---- tables ----

template <class T>
class CollectionTableOf final : public CollectionTable {
public:
    Collection self{};
    std::vector<Col<T>> cols;  // cols[0] is the id
    std::function<std::vector<T>(const Store&)> all;
    std::function<std::optional<T>(const Store&, std::int64_t)> load;
    std::function<std::int64_t(Store&, const T&)> add;
    std::function<void(Store&, const T&)> update;
    std::function<std::int64_t(const T&)> id_of;
    std::function<void(T&, std::int64_t)> set_id;

    void finish() {
        for (const auto& c : cols) infos_.push_back(c.info);
    }

    const std::vector<ColumnInfo>& columns() const override { return infos_; }

    std::vector<std::vector<json>> export_rows(const Store& store) const override {
        auto records = all(store);
        std::sort(records.begin(), records.end(), [&](const T& a, const T& b) { return id_of(a) < id_of(b); });
        std::vector<std::vector<json>> rows;
        rows.reserve(records.size());
        for (const auto& r : records) {
            std::vector<json> row;
            row.reserve(cols.size());
            for (const auto& c : cols) row.push_back(c.get(r));
            rows.push_back(std::move(row));
        }
        return rows;
    }

    bool exists(const Store& store, std::int64_t id) const override { return id > 0 && load(store, id).has_value(); }

    RowOutcome apply(Store& store, const Cells& cells, IdResolver& ids) const override {
        std::optional<std::int64_t> file_id;
        if (cells[0] && !cells[0]->is_null()) file_id = cells[0]->get<std::int64_t>();
        std::optional<T> existing;
        if (file_id) {
            if (auto target = ids.mapped(self, *file_id)) existing = load(store, *target);
            else if (!ids.created(self, *file_id)) existing = load(store, *file_id);
        }
        T value = existing ? *existing : T{};
        for (std::size_t k = 1; k < cols.size(); ++k)
            if (cells[k]) cols[k].set(value, *cells[k], ids);
        if (existing) {
            if (value == *existing) return RowOutcome::Unchanged;
            update(store, value);
            return RowOutcome::Updated;
        }
        set_id(value, 0);
        ids.record_added(self, file_id, add(store, value));
        return RowOutcome::Added;
    }

private:
    std::vector<ColumnInfo> infos_;
};

template <class T>
std::optional<T> found(const std::function<T()>& get) {
    try {
        return get();
    } catch (const NotFoundError&) {
        return std::nullopt;
    }
}

template <class T, class Tag>
void common(CollectionTableOf<T>& t, Collection self, Id<Tag> T::*id) {
    t.self = self;
    t.cols.push_back({{"id", ColumnKind::Id, false, true}, [id](const T& r) { return json((r.*id).value()); },
                      [](T&, const json&, IdResolver&) {}});
    t.id_of = [id](const T& r) { return (r.*id).value(); };
    t.set_id = [id](T& r, std::int64_t v) { r.*id = Id<Tag>{v}; };
}

std::unique_ptr<CollectionTable> institutions() {
    auto t = std::make_unique<CollectionTableOf<Institution>>();
    using T = Institution;
    common(*t, Collection::Institutions, &T::id);
    t->cols.push_back(enumeration("type", &T::type));
    t->cols.push_back(list<T>(
        "names", true,
        [](const T& r) {
            json out = json::array();
            for (const auto& n : r.names) out.push_back({{"value", n.value}, {"lang", n.lang}, {"kind", to_string(n.kind)}});
            return out;
        },
        [](T& r, const json& v, IdResolver&) {
            r.names.clear();
            const auto& a = as_array(v, "names");
            for (std::size_t k = 0; k < a.size(); ++k) {
                const auto path = item("names", k);
                only_keys(a[k], {"value", "lang", "kind"}, path);
                Name n{get_text(a[k], "value", path), get_text(a[k], "lang", path), NameKind::Label};
                if (const auto& kind = member(a[k], "kind"); !kind.is_null()) n.kind = get_enum<NameKind>(kind, path + ".kind");
                r.names.push_back(std::move(n));
            }
        }));
    t->cols.push_back(text("country", &T::country, true));
    t->cols.push_back(text("city", &T::city));
    t->cols.push_back(text("website", &T::website));
    const auto identifier = [](std::string name, std::string Identifiers::*m) {
        return Col<T>{{name, ColumnKind::Text, false, false},
                      [m](const T& r) { return json(r.identifiers.*m); },
                      [m](T& r, const json& v, IdResolver&) { r.identifiers.*m = v.get<std::string>(); }};
    };
    t->cols.push_back(identifier("ror", &Identifiers::ror));
    t->cols.push_back(identifier("erasmus", &Identifiers::erasmus));
    t->cols.push_back(identifier("schac", &Identifiers::schac));
    t->cols.push_back(identifier("pic", &Identifiers::pic));
    t->cols.push_back(identifier("wikidata", &Identifiers::wikidata));
    t->cols.push_back(enumeration("status", &T::status));
    t->cols.push_back(opt_reference("successor", &T::successor, Collection::Institutions));
    t->cols.push_back(boolean("is_home", &T::is_home));
    t->all = [](const Store& s) {
        InstitutionFilter f;
        f.include_home = true;
        return s.institutions().find(f);
    };
    t->load = [](const Store& s, std::int64_t id) { return found<T>([&] { return s.institutions().get(InstitutionId{id}); }); };
    t->add = [](Store& s, const T& r) { return s.institutions().add(r).value(); };
    t->update = [](Store& s, const T& r) { s.institutions().update(r); };
    t->finish();
    return t;
}

std::unique_ptr<CollectionTable> units() {
    auto t = std::make_unique<CollectionTableOf<OrgUnit>>();
    using T = OrgUnit;
    common(*t, Collection::Units, &T::id);
    t->cols.push_back(reference("institution", &T::institution, Collection::Institutions, true));
    t->cols.push_back(opt_reference("parent", &T::parent, Collection::Units));
    t->cols.push_back(enumeration("kind", &T::kind));
    t->cols.push_back(text("name", &T::name, true));
    t->cols.push_back(text("code", &T::code));
    t->all = [](const Store& s) { return s.units().all(); };
    t->load = [](const Store& s, std::int64_t id) { return found<T>([&] { return s.units().get(UnitId{id}); }); };
    t->add = [](Store& s, const T& r) { return s.units().add(r).value(); };
    t->update = [](Store& s, const T& r) { s.units().update(r); };
    t->finish();
    return t;
}

std::unique_ptr<CollectionTable> contacts() {
    auto t = std::make_unique<CollectionTableOf<Contact>>();
    using T = Contact;
    common(*t, Collection::Contacts, &T::id);
    t->cols.push_back(reference("institution", &T::institution, Collection::Institutions, true));
    t->cols.push_back(opt_reference("unit", &T::unit, Collection::Units));
    t->cols.push_back(text("name", &T::name, true));
    t->cols.push_back(text("role", &T::role));
    t->cols.push_back(text("email", &T::email));
    t->cols.push_back(text("phone", &T::phone));
    t->all = [](const Store& s) { return s.contacts().all(); };
    t->load = [](const Store& s, std::int64_t id) { return found<T>([&] { return s.contacts().get(ContactId{id}); }); };
    t->add = [](Store& s, const T& r) { return s.contacts().add(r).value(); };
    t->update = [](Store& s, const T& r) { s.contacts().update(r); };
    t->finish();
    return t;
}

std::unique_ptr<CollectionTable> people() {
    auto t = std::make_unique<CollectionTableOf<Person>>();
    using T = Person;
    common(*t, Collection::People, &T::id);
    t->cols.push_back(text("given_name", &T::given_name, true));
    t->cols.push_back(text("family_name", &T::family_name, true));
    t->cols.push_back(enumeration("role", &T::role));
    t->cols.push_back(opt_reference("affiliation", &T::affiliation, Collection::Institutions));
    t->cols.push_back(opt_reference("unit", &T::unit, Collection::Units));
    t->cols.push_back(text("nationality", &T::nationality));
    t->cols.push_back(text("email", &T::email));
    t->cols.push_back(list<T>(
        "isced_codes", false, [](const T& r) { return json(r.expertise.isced_codes); },
        [](T& r, const json& v, IdResolver&) { r.expertise.isced_codes = text_list_of(v, "isced_codes"); }));
    t->cols.push_back(list<T>(
        "keywords", false, [](const T& r) { return json(r.expertise.keywords); },
        [](T& r, const json& v, IdResolver&) { r.expertise.keywords = text_list_of(v, "keywords"); }));
    t->cols.push_back(boolean("erased", &T::erased));
    t->all = [](const Store& s) { return s.people().find(); };
    t->load = [](const Store& s, std::int64_t id) { return found<T>([&] { return s.people().get(PersonId{id}); }); };
    // A new person cannot be added erased: add, then erase (the anonymous token is new).
    t->add = [](Store& s, const T& r) {
        auto copy = r;
        copy.erased = false;
        const auto id = s.people().add(copy);
        if (r.erased) s.people().erase(id);
        return id.value();
    };
    t->update = [](Store& s, const T& r) { s.people().update(r); };
    t->finish();
    return t;
}

// Renewals exist only through Agreements::renew. A renewed agreement is added as in force;
// its successor (the row whose predecessor it is) is then made by renew(), which marks the
// predecessor renewed, and given the row's fields and final status.
std::int64_t add_agreement(Store& s, const Agreement& r) {
    auto& agreements = s.agreements();
    if (!r.predecessor) {
        auto copy = r;
        if (copy.status == AgreementStatus::Renewed) copy.status = AgreementStatus::InForce;
        // Abandoned before it entered force: recorded as proposed, then terminated.
        if (r.status == AgreementStatus::Terminated && !r.in_force_from && r.terminated_on) {
            copy.status = AgreementStatus::Proposed;
            copy.terminated_on.reset();
            const auto id = agreements.add(copy);
            agreements.terminate(id, *r.terminated_on);
            return id.value();
        }
        return agreements.add(copy).value();
    }
    if (r.status != AgreementStatus::InForce && r.status != AgreementStatus::Expired && r.status != AgreementStatus::Renewed &&
        r.status != AgreementStatus::Terminated)
        throw ValidationError("status", std::string(to_string(r.status)),
                              "in_force, expired, renewed or terminated for a renewal (a row with a predecessor)");
    const auto id = agreements.renew(*r.predecessor, r.proposed_on, r.in_force_from.value_or(r.proposed_on), r.valid_until);
    const auto made = agreements.get(id);
    auto edited = r;
    edited.id = id;
    edited.status = made.status;
    edited.predecessor = made.predecessor;
    edited.terminated_on = made.terminated_on;
    if (!(edited == made)) agreements.update(edited);
    if (r.status == AgreementStatus::Terminated) {
        if (!r.terminated_on) throw ValidationError("terminated_on", "", "a date, since status is 'terminated'");
        agreements.terminate(id, *r.terminated_on);
    } else if (r.status == AgreementStatus::Expired) {
        if (!r.valid_until) throw ValidationError("valid_until", "", "a date, since status is 'expired'");
        agreements.expire(id, Date{std::chrono::sys_days(*r.valid_until) + std::chrono::days{1}});
    }
    return id.value();
}

std::unique_ptr<CollectionTable> agreements() {
    auto t = std::make_unique<CollectionTableOf<Agreement>>();
    using T = Agreement;
    common(*t, Collection::Agreements, &T::id);
    t->cols.push_back(enumeration("kind", &T::kind));
    t->cols.push_back(text("title", &T::title, true));
    t->cols.push_back(text("reference", &T::reference));
    t->cols.push_back(list<T>(
        "parties", true,
        [](const T& r) {
            json out = json::array();
            for (const auto& p : r.parties)
                out.push_back({{"institution", p.institution.value()},
                               {"unit", opt_id_json(p.unit)},
                               {"signed_on", opt_date_json(p.signed_on)},
                               {"signatory", p.signatory}});
            return out;
        },
        [](T& r, const json& v, IdResolver& ids) {
            r.parties.clear();
            const auto& a = as_array(v, "parties");
            for (std::size_t k = 0; k < a.size(); ++k) {
                const auto path = item("parties", k);
                only_keys(a[k], {"institution", "unit", "signed_on", "signatory"}, path);
                Party p;
                p.institution = ref_of<InstitutionTag>(member(a[k], "institution"), Collection::Institutions,
                                                       path + ".institution", ids);
                p.unit = opt_ref_of<UnitTag>(member(a[k], "unit"), Collection::Units, path + ".unit", ids);
                p.signed_on = get_opt_date(a[k], "signed_on", path);
                p.signatory = get_text(a[k], "signatory", path);
                r.parties.push_back(std::move(p));
            }
        }));
    t->cols.push_back(list<T>(
        "areas", true, [](const T& r) { return enum_list_json(r.areas); },
        [](T& r, const json& v, IdResolver&) { r.areas = enum_list_of<Area>(v, "areas"); }));
    t->cols.push_back(enumeration("status", &T::status));
    t->cols.push_back(date("proposed_on", &T::proposed_on, true));
    t->cols.push_back(opt_date("in_force_from", &T::in_force_from));
    t->cols.push_back(opt_date("valid_until", &T::valid_until));
    t->cols.push_back(opt_date("terminated_on", &T::terminated_on));
    t->cols.push_back(integer("tacit_renewal_years", &T::tacit_renewal_years));
    t->cols.push_back(integer("notice_days", &T::notice_days));
    t->cols.push_back(opt_reference("predecessor", &T::predecessor, Collection::Agreements));
    t->cols.push_back(list<T>(
        "quotas", false,
        [](const T& r) {
            json out = json::array();
            for (const auto& q : r.quotas) out.push_back(detail::quota_json(q));
            return out;
        },
        [](T& r, const json& v, IdResolver& ids) {
            r.quotas.clear();
            const auto& a = as_array(v, "quotas");
            for (std::size_t k = 0; k < a.size(); ++k) r.quotas.push_back(quota_of(a[k], item("quotas", k), ids));
        }));
    t->cols.push_back(list<T>(
        "documents", false, [](const T& r) { return documents_json(r.documents); },
        [](T& r, const json& v, IdResolver&) { r.documents = documents_of(v, "documents"); }));
    t->cols.push_back(text("note", &T::note));
    t->all = [](const Store& s) { return s.agreements().find(); };
    t->load = [](const Store& s, std::int64_t id) { return found<T>([&] { return s.agreements().get(AgreementId{id}); }); };
    t->add = add_agreement;
    t->update = [](Store& s, const T& r) { s.agreements().update(r); };
    t->finish();
    return t;
}

std::unique_ptr<CollectionTable> programs() {
    auto t = std::make_unique<CollectionTableOf<Program>>();
    using T = Program;
    common(*t, Collection::Programs, &T::id);
    t->cols.push_back(text("name", &T::name, true));
    t->cols.push_back(enumeration("kind", &T::kind));
    t->cols.push_back(opt_reference("provider", &T::provider, Collection::Institutions));
    t->cols.push_back(opt_reference("agreement", &T::agreement, Collection::Agreements));
    t->cols.push_back(list<T>(
        "audiences", true, [](const T& r) { return enum_list_json(r.audiences); },
        [](T& r, const json& v, IdResolver&) { r.audiences = enum_list_of<Audience>(v, "audiences"); }));
    t->cols.push_back(text("eligibility", &T::eligibility));
    t->cols.push_back(text("website", &T::website));
    t->all = [](const Store& s) { return s.programs().find(); };
    t->load = [](const Store& s, std::int64_t id) { return found<T>([&] { return s.programs().get(ProgramId{id}); }); };
    t->add = [](Store& s, const T& r) { return s.programs().add(r).value(); };
    t->update = [](Store& s, const T& r) { s.programs().update(r); };
    t->finish();
    return t;
}

std::unique_ptr<CollectionTable> calls() {
    auto t = std::make_unique<CollectionTableOf<Call>>();
    using T = Call;
    common(*t, Collection::Calls, &T::id);
    t->cols.push_back(reference("program", &T::program, Collection::Programs, true));
    t->cols.push_back(text("title", &T::title, true));
    t->cols.push_back(date("opens_on", &T::opens_on, true));
    t->cols.push_back(date("deadline", &T::deadline, true));
    t->cols.push_back(integer("places", &T::places));
    t->cols.push_back(Col<T>{{"funding_amount", ColumnKind::Real, false, true},
                             [](const T& r) { return r.funding ? json(r.funding->amount) : json(nullptr); },
                             [](T& r, const json& v, IdResolver&) {
                                 if (v.is_null()) {
                                     r.funding.reset();
                                 } else {
                                     if (!r.funding) r.funding = Money{};
                                     r.funding->amount = v.get<double>();
                                 }
                             }});
    t->cols.push_back(Col<T>{{"funding_currency", ColumnKind::Text, false, false},
                             [](const T& r) { return json(r.funding ? r.funding->currency : std::string()); },
                             [](T& r, const json& v, IdResolver&) {
                                 const auto currency = v.get<std::string>();
                                 if (r.funding) r.funding->currency = currency;
                                 else if (!currency.empty())
                                     throw ValidationError("funding_currency", currency, "no currency when funding_amount is empty");
                             }});
    t->cols.push_back(text("eligibility", &T::eligibility));
    t->all = [](const Store& s) { return s.programs().calls(); };
    t->load = [](const Store& s, std::int64_t id) { return found<T>([&] { return s.programs().get_call(CallId{id}); }); };
    t->add = [](Store& s, const T& r) { return s.programs().add_call(r).value(); };
    t->update = [](Store& s, const T& r) { s.programs().update_call(r); };
    t->finish();
    return t;
}

std::unique_ptr<CollectionTable> applications() {
    auto t = std::make_unique<CollectionTableOf<Application>>();
    using T = Application;
    common(*t, Collection::Applications, &T::id);
    t->cols.push_back(reference("call", &T::call, Collection::Calls, true));
    t->cols.push_back(reference("applicant", &T::applicant, Collection::People, true));
    t->cols.push_back(enumeration("audience", &T::audience));
    t->cols.push_back(opt_reference("unit", &T::unit, Collection::Units));
    t->cols.push_back(enumeration("status", &T::status));
    t->cols.push_back(date("created_on", &T::created_on, true));
    t->cols.push_back(text("note", &T::note));
    t->all = [](const Store& s) { return s.programs().applications(); };
    t->load = [](const Store& s, std::int64_t id) {
        return found<T>([&] { return s.programs().get_application(ApplicationId{id}); });
    };
    t->add = [](Store& s, const T& r) { return s.programs().apply(r).value(); };
    t->update = [](Store&, const T& r) {
        throw ConflictError(fmt::format("application {} is already stored and cannot be edited: its status changes only "
                                        "through transitions",
                                        r.id.value()));
    };
    t->finish();
    return t;
}

std::unique_ptr<CollectionTable> activities() {
    auto t = std::make_unique<CollectionTableOf<Activity>>();
    using T = Activity;
    common(*t, Collection::Activities, &T::id);
    t->cols.push_back(enumeration("type", &T::type));
    t->cols.push_back(text("title", &T::title, true));
    t->cols.push_back(list<T>(
        "partners", true, [](const T& r) { return id_list_json(r.partners); },
        [](T& r, const json& v, IdResolver& ids) {
            r.partners = id_list_of<InstitutionTag>(v, Collection::Institutions, "partners", ids);
        }));
    t->cols.push_back(opt_reference("agreement", &T::agreement, Collection::Agreements));
    t->cols.push_back(enumeration("area", &T::area));
    t->cols.push_back(date("start", &T::start, true));
    t->cols.push_back(opt_date("end", &T::end));
    t->cols.push_back(list<T>(
        "home_units", false, [](const T& r) { return id_list_json(r.home_units); },
        [](T& r, const json& v, IdResolver& ids) { r.home_units = id_list_of<UnitTag>(v, Collection::Units, "home_units", ids); }));
    t->cols.push_back(list<T>(
        "people", false, [](const T& r) { return id_list_json(r.people); },
        [](T& r, const json& v, IdResolver& ids) { r.people = id_list_of<PersonTag>(v, Collection::People, "people", ids); }));
    t->cols.push_back(text("outcome", &T::outcome));
    t->cols.push_back(integer("publications", &T::publications));
    t->cols.push_back(integer("participants", &T::participants));
    t->cols.push_back(list<T>(
        "funds", false,
        [](const T& r) {
            json out = json::array();
            for (const auto& m : r.funds) out.push_back(money_json(m));
            return out;
        },
        [](T& r, const json& v, IdResolver&) {
            r.funds.clear();
            const auto& a = as_array(v, "funds");
            for (std::size_t k = 0; k < a.size(); ++k) r.funds.push_back(money_of(a[k], item("funds", k)));
        }));
    t->cols.push_back(list<T>(
        "evidence", false, [](const T& r) { return documents_json(r.evidence); },
        [](T& r, const json& v, IdResolver&) { r.evidence = documents_of(v, "evidence"); }));
    t->all = [](const Store& s) { return s.activities().find(); };
    t->load = [](const Store& s, std::int64_t id) { return found<T>([&] { return s.activities().get(ActivityId{id}); }); };
    t->add = [](Store& s, const T& r) { return s.activities().add(r).value(); };
    t->update = [](Store& s, const T& r) { s.activities().update(r); };
    t->finish();
    return t;
}

std::unique_ptr<CollectionTable> visits() {
    auto t = std::make_unique<CollectionTableOf<Visit>>();
    using T = Visit;
    common(*t, Collection::Visits, &T::id);
    t->cols.push_back(reference("person", &T::person, Collection::People, true));
    t->cols.push_back(enumeration("direction", &T::direction));
    t->cols.push_back(enumeration("purpose", &T::purpose));
    t->cols.push_back(reference("home_institution", &T::home_institution, Collection::Institutions, true));
    t->cols.push_back(reference("host_institution", &T::host_institution, Collection::Institutions, true));
    t->cols.push_back(opt_reference("home_unit", &T::home_unit, Collection::Units));
    t->cols.push_back(opt_reference("host_unit", &T::host_unit, Collection::Units));
    t->cols.push_back(date("start", &T::start, true));
    t->cols.push_back(date("end", &T::end, true));
    t->cols.push_back(opt_reference("agreement", &T::agreement, Collection::Agreements));
    t->cols.push_back(opt_reference("program", &T::program, Collection::Programs));
    t->cols.push_back(opt_enumeration("mobility_type", &T::mobility_type));
    t->cols.push_back(enumeration("status", &T::status));
    t->cols.push_back(integer("lectures", &T::lectures));
    t->cols.push_back(real("teaching_hours", &T::teaching_hours));
    t->cols.push_back(integer("seminars", &T::seminars));
    t->cols.push_back(text("note", &T::note));
    t->all = [](const Store& s) { return s.visits().find(); };
    t->load = [](const Store& s, std::int64_t id) { return found<T>([&] { return s.visits().get(VisitId{id}); }); };
    t->add = [](Store& s, const T& r) { return s.visits().add(r).value(); };
    t->update = [](Store& s, const T& r) { s.visits().update(r); };
    t->finish();
    return t;
}

// ---- accreditation ----

json criteria_json(const std::vector<Criterion>& criteria) {
    json out = json::array();
    for (const auto& c : criteria)
        out.push_back({{"code", c.code}, {"title", c.title}, {"description", c.description}, {"parent", c.parent}, {"weight", c.weight}});
    return out;
}

std::vector<Criterion> criteria_of(const json& v, const std::string& column) {
    std::vector<Criterion> out;
    const auto& a = as_array(v, column);
    for (std::size_t k = 0; k < a.size(); ++k) {
        const auto path = item(column, k);
        only_keys(a[k], {"code", "title", "description", "parent", "weight"}, path);
        Criterion c{get_text(a[k], "code", path), get_text(a[k], "title", path), get_text(a[k], "description", path),
                    get_text(a[k], "parent", path), 1.0};
        if (const auto& w = member(a[k], "weight"); !w.is_null()) c.weight = get_number(w, path + ".weight");
        out.push_back(std::move(c));
    }
    return out;
}

std::unique_ptr<CollectionTable> frameworks() {
    auto t = std::make_unique<CollectionTableOf<Framework>>();
    using T = Framework;
    common(*t, Collection::Frameworks, &T::id);
    t->cols.push_back(reference("body", &T::body, Collection::Institutions, true));
    t->cols.push_back(text("name", &T::name, true));
    t->cols.push_back(text("version", &T::version));
    t->cols.push_back(list<T>(
        "criteria", true, [](const T& r) { return criteria_json(r.criteria); },
        [](T& r, const json& v, IdResolver&) { r.criteria = criteria_of(v, "criteria"); }));
    t->all = [](const Store& s) { return s.accreditations().frameworks(); };
    t->load = [](const Store& s, std::int64_t id) {
        return found<T>([&] { return s.accreditations().get_framework(FrameworkId{id}); });
    };
    t->add = [](Store& s, const T& r) { return s.accreditations().add_framework(r).value(); };
    t->update = [](Store&, const T& r) {
        throw ConflictError(fmt::format("framework {} is already stored and cannot be edited: a new version is a new framework",
                                        r.id.value()));
    };
    t->finish();
    return t;
}

// The shortest chain of transitions (no decisions) from `from` to `to`; empty when `to` is
// not reachable that way.
std::vector<CaseStatus> case_moves(CaseStatus from, CaseStatus to) {
    if (from == to) return {};
    std::map<CaseStatus, CaseStatus> came_from;
    std::vector<CaseStatus> frontier{from};
    while (!frontier.empty()) {
        std::vector<CaseStatus> next;
        for (auto s : frontier)
            for (const auto& [candidate, name] : EnumNames<CaseStatus>::table) {
                if (is_decision(candidate) || candidate == from || came_from.count(candidate) || !is_legal_transition(s, candidate))
                    continue;
                came_from[candidate] = s;
                if (candidate == to) {
                    std::vector<CaseStatus> path{to};
                    for (auto at = to; came_from.at(at) != from; at = came_from.at(at)) path.push_back(came_from.at(at));
                    std::reverse(path.begin(), path.end());
                    return path;
                }
                next.push_back(candidate);
            }
        frontier = std::move(next);
    }
    return {};
}

// A case is opened in planning and moved to the row's status through transitions and
// decide(): a decision status is decided from decision_pending; an appeal (or a decision
// pending again) with a stored decision is reached by a denial with that decision first.
// Every move is dated on the decision's date, else the planned visit, else today.
std::int64_t add_case(Store& s, const AccreditationCase& r) {
    auto& acc = s.accreditations();
    const auto on = r.decision.decided_on.value_or(r.planned_visit.value_or(today()));
    const auto unreachable = [&] {
        return ValidationError("status", std::string(to_string(r.status)),
                               "a status reachable from planning with the row's decision (a decision status needs decided_on)");
    };
    const auto move = [&](CaseId id, CaseStatus from, CaseStatus to) {
        const auto path = case_moves(from, to);
        if (path.empty() && from != to) throw unreachable();
        for (auto step : path) acc.transition(id, step, on);
    };
    const bool decided = is_decision(r.status) || !(r.decision == Decision{});
    if (decided && !r.decision.decided_on) throw ValidationError("decided_on", "", "the date of the decision, since the case has one");
    const auto id = acc.open_case(r, on);
    if (is_decision(r.status)) {
        move(id, CaseStatus::Planning, CaseStatus::DecisionPending);
        acc.decide(id, r.status, r.decision);
    } else if (decided) {
        if (r.status != CaseStatus::Appeal && r.status != CaseStatus::DecisionPending) throw unreachable();
        move(id, CaseStatus::Planning, CaseStatus::DecisionPending);
        acc.decide(id, CaseStatus::Denied, r.decision);
        move(id, CaseStatus::Denied, CaseStatus::Appeal);
        move(id, CaseStatus::Appeal, r.status);
    } else {
        move(id, CaseStatus::Planning, r.status);
    }
    return id.value();
}

std::unique_ptr<CollectionTable> accreditation_cases() {
    auto t = std::make_unique<CollectionTableOf<AccreditationCase>>();
    using T = AccreditationCase;
    common(*t, Collection::AccreditationCases, &T::id);
    t->cols.push_back(reference("framework", &T::framework, Collection::Frameworks, true));
    t->cols.push_back(Col<T>{{"unit", ColumnKind::Reference, false, true},
                             [](const T& r) { return opt_id_json(r.scope.unit); },
                             [](T& r, const json& v, IdResolver& ids) {
                                 r.scope.unit = opt_ref_of<UnitTag>(v, Collection::Units, "unit", ids);
                             }});
    t->cols.push_back(Col<T>{{"degree", ColumnKind::Text, false, false},
                             [](const T& r) { return json(r.scope.degree); },
                             [](T& r, const json& v, IdResolver&) { r.scope.degree = v.get<std::string>(); }});
    t->cols.push_back(Col<T>{{"level", ColumnKind::Enum, false, true},
                             [](const T& r) { return r.scope.level ? json(std::string(to_string(*r.scope.level))) : json(nullptr); },
                             [](T& r, const json& v, IdResolver&) {
                                 if (v.is_null()) r.scope.level = std::nullopt;
                                 else r.scope.level = get_enum<DegreeLevel>(v, "level");
                             }});
    t->cols.push_back(enumeration("type", &T::type));
    t->cols.push_back(enumeration("status", &T::status));
    t->cols.push_back(opt_date("planned_visit", &T::planned_visit));
    const auto decision_date = [](std::string name, std::optional<Date> Decision::*m) {
        return Col<T>{{name, ColumnKind::Date, false, true},
                      [m](const T& r) { return opt_date_json(r.decision.*m); },
                      [m, name](T& r, const json& v, IdResolver&) {
                          if (v.is_null()) r.decision.*m = std::nullopt;
                          else r.decision.*m = parse_date(v.get<std::string>(), name);
                      }};
    };
    t->cols.push_back(decision_date("decided_on", &Decision::decided_on));
    t->cols.push_back(decision_date("valid_until", &Decision::valid_until));
    t->cols.push_back(decision_date("next_general_review", &Decision::next_general_review));
    t->cols.push_back(decision_date("interim_report_due", &Decision::interim_report_due));
    t->cols.push_back(decision_date("interim_visit", &Decision::interim_visit));
    t->cols.push_back(Col<T>{{"show_cause", ColumnKind::Bool, false, false},
                             [](const T& r) { return json(r.decision.show_cause); },
                             [](T& r, const json& v, IdResolver&) { r.decision.show_cause = v.get<bool>(); }});
    t->cols.push_back(text("note", &T::note));
    t->all = [](const Store& s) { return s.accreditations().cases(); };
    t->load = [](const Store& s, std::int64_t id) { return found<T>([&] { return s.accreditations().get_case(CaseId{id}); }); };
    t->add = add_case;
    t->update = [](Store& s, const T& r) { s.accreditations().update_case(r); };
    t->finish();
    return t;
}

std::unique_ptr<CollectionTable> make_table(Collection c) {
    switch (c) {
    case Collection::Institutions: return institutions();
    case Collection::Units: return units();
    case Collection::Contacts: return contacts();
    case Collection::People: return people();
    case Collection::Agreements: return agreements();
    case Collection::Programs: return programs();
    case Collection::Calls: return calls();
    case Collection::Applications: return applications();
    case Collection::Activities: return activities();
    case Collection::Visits: return visits();
    case Collection::Frameworks: return frameworks();
    case Collection::AccreditationCases: return accreditation_cases();
    case Collection::CentreExpertise: return centre_expertise_table();
    case Collection::CentreLinks: return centre_links_table();
    case Collection::RankingMethodologies: return ranking_methodologies_table();
    case Collection::RankingResults: return ranking_results_table();
    case Collection::HomeFigures: return home_figures_table();
    }
    throw ValidationError("collection", std::to_string(static_cast<int>(c)), "one of: " + enum_choices<Collection>());
}

} // namespace

const CollectionTable& table_for(Collection collection) {
    static const auto tables = [] {
        std::map<Collection, std::unique_ptr<CollectionTable>> out;
        for (auto c : all_collections()) out.emplace(c, make_table(c));
        return out;
    }();
    const auto it = tables.find(collection);
    if (it == tables.end())
        throw ValidationError("collection", std::to_string(static_cast<int>(collection)), "one of: " + enum_choices<Collection>());
    return *it->second;
}

} // namespace iro::detail

namespace iro {

std::vector<Collection> all_collections() {
    std::vector<Collection> out;
    for (const auto& [c, name] : EnumNames<Collection>::table) out.push_back(c);
    return out;
}

} // namespace iro
