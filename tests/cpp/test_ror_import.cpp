// The ROR data dump import: every modelled field of 400 real ROR v2.1 records kept,
// re-imports that update in place and count what changed, successors, validation errors that
// name the record and field and write nothing, skip_invalid, progress and cancellation,
// and the size limits.
#include "test_support.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

using namespace iro;
using namespace iro::test;
using Catch::Matchers::Contains;
using json = nlohmann::json;

namespace {
std::string sample_path() { return std::string(IRO_TEST_DATA_DIR) + "/ror-v2-sample-400.json"; }

std::string sample_text() {
    std::ifstream in(sample_path(), std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

json sample() { return json::parse(sample_text()); }

// A valid ROR id for the number n (< 32^6), with its ISO 7064 mod 97-10 checksum.
std::string ror_id(std::uint64_t n) {
    constexpr std::string_view digits = "0123456789abcdefghjkmnpqrstvwxyz";
    std::string body(6, '0');
    for (int k = 5; k >= 0; --k, n /= 32) body[static_cast<std::size_t>(k)] = digits[n % 32];
    std::uint64_t value = 0;
    for (char c : body) value = value * 32 + digits.find(c);
    const auto check = 98 - ((value * 100) % 97);
    return "https://ror.org/0" + body + (check < 10 ? "0" : "") + std::to_string(check);
}

std::string text_or_empty(const json& v) { return v.is_null() ? std::string{} : v.get<std::string>(); }

// A missing key reads as null, as in ROR's schema.
json member(const json& object, const char* key) { return object.contains(key) ? object[key] : json(); }

template <class E>
std::vector<std::string> names_of(const std::vector<E>& values) {
    std::vector<std::string> out;
    for (auto v : values) out.emplace_back(to_string(v));
    return out;
}

bool contains(const json& list, const char* value) { return std::find(list.begin(), list.end(), value) != list.end(); }

// The mapping as ror_import.hpp documents it, written out independently of the importer.
InstitutionType expected_type(const json& types) {
    const std::pair<const char*, InstitutionType> order[] = {
        {"education", InstitutionType::University}, {"facility", InstitutionType::ResearchInstitute},
        {"funder", InstitutionType::Funder},        {"government", InstitutionType::GovernmentBody},
        {"nonprofit", InstitutionType::Foundation}, {"company", InstitutionType::Company}};
    for (const auto& [ror, type] : order)
        if (contains(types, ror)) return type;
    return InstitutionType::Other;
}

NameKind expected_kind(const json& types) {
    if (contains(types, "ror_display")) return NameKind::Display;
    if (contains(types, "label")) return NameKind::Label;
    if (contains(types, "alias")) return NameKind::Alias;
    return NameKind::Acronym;
}

std::string expected_wikidata(const json& r) {
    for (const auto& e : r["external_ids"])
        if (e["type"] == "wikidata") {
            if (!e["preferred"].is_null()) return e["preferred"];
            if (e["all"].size() == 1) return e["all"][0];
        }
    return {};
}

std::string expected_website(const json& r) {
    for (const auto& l : r["links"])
        if (l["type"] == "website") return l["value"];
    return {};
}

std::optional<double> optional_number(const json& v) {
    if (v.is_null()) return std::nullopt;
    return v.get<double>();
}

// Compares what the store holds for one record with the record's JSON, field by field.
void check_kept(const Store& store, const json& r) {
    INFO("record " << r["id"].get<std::string>());
    const auto found = store.institutions().find_by_ror(r["id"].get<std::string>());
    REQUIRE(found.has_value());
    const auto& i = *found;
    const auto d = ror_details(store, i.id);

    CHECK(i.identifiers.ror == r["id"]);
    CHECK(d.id == r["id"]);
    REQUIRE(i.names.size() == r["names"].size());
    REQUIRE(d.names.size() == r["names"].size());
    for (std::size_t k = 0; k < r["names"].size(); ++k) {
        const auto& n = r["names"][k];
        CHECK(i.names[k].value == n["value"]);
        CHECK(i.names[k].lang == text_or_empty(n["lang"]));
        CHECK(i.names[k].kind == expected_kind(n["types"]));
        CHECK(d.names[k].value == n["value"]);
        CHECK(d.names[k].lang == text_or_empty(n["lang"]));
        CHECK(names_of(d.names[k].types) == n["types"].get<std::vector<std::string>>());
    }
    CHECK(names_of(d.types) == r["types"].get<std::vector<std::string>>());
    CHECK(i.type == expected_type(r["types"]));
    CHECK(to_string(d.status) == r["status"].get<std::string>());
    CHECK(i.status == (r["status"] == "active" ? InstitutionStatus::Active : InstitutionStatus::Inactive));

    const auto& first = r["locations"][0]["geonames_details"];
    CHECK(i.country == first["country_code"]);
    CHECK(i.city == first["name"]);
    REQUIRE(d.locations.size() == r["locations"].size());
    for (std::size_t k = 0; k < r["locations"].size(); ++k) {
        const auto& l = r["locations"][k];
        const auto& g = l["geonames_details"];
        CHECK(d.locations[k].geonames_id == l["geonames_id"].get<std::int64_t>());
        CHECK(d.locations[k].name == g["name"]);
        CHECK(d.locations[k].country_code == text_or_empty(member(g, "country_code")));
        CHECK(d.locations[k].country_name == text_or_empty(member(g, "country_name")));
        CHECK(d.locations[k].subdivision_code == text_or_empty(member(g, "country_subdivision_code")));
        CHECK(d.locations[k].subdivision_name == text_or_empty(member(g, "country_subdivision_name")));
        CHECK(d.locations[k].continent_code == text_or_empty(member(g, "continent_code")));
        CHECK(d.locations[k].continent_name == text_or_empty(member(g, "continent_name")));
        CHECK(d.locations[k].lat == optional_number(member(g, "lat")));
        CHECK(d.locations[k].lng == optional_number(member(g, "lng")));
    }

    REQUIRE(d.relationships.size() == r["relationships"].size());
    for (std::size_t k = 0; k < r["relationships"].size(); ++k) {
        const auto& rel = r["relationships"][k];
        CHECK(to_string(d.relationships[k].type) == rel["type"].get<std::string>());
        CHECK(d.relationships[k].id == rel["id"]);
        CHECK(d.relationships[k].label == rel["label"]);
    }

    REQUIRE(d.external_ids.size() == r["external_ids"].size());
    for (std::size_t k = 0; k < r["external_ids"].size(); ++k) {
        const auto& e = r["external_ids"][k];
        CHECK(to_string(d.external_ids[k].type) == e["type"].get<std::string>());
        CHECK(d.external_ids[k].all == e["all"].get<std::vector<std::string>>());
        CHECK(d.external_ids[k].preferred == text_or_empty(e["preferred"]));
    }
    CHECK(i.identifiers.wikidata == expected_wikidata(r));

    REQUIRE(d.links.size() == r["links"].size());
    for (std::size_t k = 0; k < r["links"].size(); ++k) {
        CHECK(to_string(d.links[k].type) == r["links"][k]["type"].get<std::string>());
        CHECK(d.links[k].value == r["links"][k]["value"]);
    }
    CHECK(i.website == expected_website(r));

    CHECK(d.domains == r["domains"].get<std::vector<std::string>>());
    if (r["established"].is_null()) CHECK_FALSE(d.established.has_value());
    else CHECK(d.established == r["established"].get<int>());
    CHECK(format_date(d.created) == r["admin"]["created"]["date"]);
    CHECK(format_date(d.last_modified) == r["admin"]["last_modified"]["date"]);
    CHECK(d.schema_version == r["admin"]["last_modified"]["schema_version"]);
}

// The dump without the audit log, whose entries carry timestamps.
std::string data_dump(const Store& store) {
    std::istringstream in(store.logical_dump());
    std::string out;
    std::string line;
    bool in_audit = false;
    while (std::getline(in, line)) {
        if (line.starts_with("table ")) in_audit = line.starts_with("table audit_log ");
        if (!in_audit) out += line + "\n";
    }
    return out;
}

// Every refused import must leave the store exactly as it was, audit log included.
template <class Fn>
void check_refused_unchanged(Store& store, Fn&& fn) {
    const auto before = store.logical_dump();
    fn();
    CHECK(store.logical_dump() == before);
}

json record_template(const std::string& id, const std::string& name, const std::string& status) {
    return json{{"id", id},
                {"names", {{{"value", name}, {"types", {"ror_display", "label"}}, {"lang", "en"}}}},
                {"types", {"education"}},
                {"status", status},
                {"locations", {{{"geonames_id", 282457}, {"geonames_details", {{"name", "Hebron"}, {"country_code", "PS"}}}}}},
                {"relationships", json::array()},
                {"external_ids", json::array()},
                {"links", json::array()},
                {"domains", json::array()},
                {"established", nullptr},
                {"admin",
                 {{"created", {{"date", "2024-05-01"}, {"schema_version", "2.1"}}},
                  {"last_modified", {{"date", "2025-06-01"}, {"schema_version", "2.1"}}}}}};
}

void add_successor(json& record, const std::string& successor) {
    record["relationships"].push_back({{"type", "successor"}, {"id", successor}, {"label", "Successor"}});
}
} // namespace

TEST_CASE("the ROR sample imports with every modelled field kept", "[ror]") {
    TestStore t(GENERATE(false, true));
    const bool from_file = GENERATE(false, true);
    const auto result = from_file ? import_ror_file(t.store, sample_path()) : import_ror(t.store, sample_text());
    CHECK(result.read == 400);
    CHECK(result.added == 400);
    CHECK(result.updated == 0);
    CHECK(result.unchanged == 0);
    CHECK(result.withdrawn == 1);  // the sample has one withdrawn record
    CHECK(result.merged == 0);     // no successor named in the sample is in it
    CHECK(result.skipped == 0);
    CHECK(result.problems.empty());
    CHECK(t.store.institutions().count(InstitutionFilter{.include_home = true}) == 400);

    for (const auto& r : sample()) check_kept(t.store, r);

    // Added records are covered by the import's one entry, with its counts.
    const auto latest = t.store.audit().latest(1).front();
    CHECK(latest.entity == "ror_import");
    CHECK(json::parse(latest.after)["added"] == 400);
    CHECK(t.store.audit().size() == 1);
}

TEST_CASE("imported Arabic names are found by name search", "[ror]") {
    auto store = Store::open(":memory:");
    import_ror(store, sample_text());
    const auto first = [&](const char* query) {
        const auto found = store.institutions().search(query);
        return found.empty() ? std::string("<none>") : found.front().display_name();
    };
    CHECK(first("الجامعة الأمريكية بالبحرين") == "American University of Bahrain");
    CHECK(first("الجامعه الامريكيه") == "American University of Bahrain");
    CHECK(first("جامعة النيلين") == "Al-Neelain University");
    CHECK(first("وكالة الفضاء المصرية") == "Egyptian Space Agency");
    CHECK(first("جامعة الفجيرة") == "Fujairah University");
}

TEST_CASE("re-importing the same dump changes nothing and never duplicates", "[ror]") {
    TestStore t(GENERATE(false, true));
    import_ror(t.store, sample_text());
    const auto before = data_dump(t.store);
    const auto audit_before = t.store.audit().size();

    const auto again = import_ror_file(t.store, sample_path());
    CHECK(again.read == 400);
    CHECK(again.unchanged == 400);
    CHECK(again.added == 0);
    CHECK(again.updated == 0);
    CHECK(again.withdrawn == 0);
    CHECK(again.merged == 0);
    CHECK(t.store.institutions().count(InstitutionFilter{.include_home = true}) == 400);
    CHECK(data_dump(t.store) == before);
    CHECK(t.store.audit().size() == audit_before + 1);  // the import's own entry only
}

TEST_CASE("a newer dump updates records in place and counts each change", "[ror]") {
    TestStore t(GENERATE(false, true));
    import_ror(t.store, sample_text());
    auto& reg = t.store.institutions();

    auto dump = sample();
    // A renamed record, a record withdrawn, a new record and an inactive record (index 20,
    // no relationships yet) whose successor is in the store.
    const std::string renamed = dump[0]["id"], withdrawn = dump[1]["id"], inactive = dump[20]["id"], successor = dump[3]["id"];
    REQUIRE(dump[20]["status"] == "inactive");
    REQUIRE(dump[20]["relationships"].empty());
    REQUIRE(dump[1]["status"] == "active");
    for (auto& n : dump[0]["names"])
        if (contains(n["types"], "ror_display")) n["value"] = "Interactions Culturelles et Discursives (renamed)";
    dump[1]["status"] = "withdrawn";
    add_successor(dump[20], successor);
    const auto fresh = ror_id(123456);
    REQUIRE_FALSE(reg.find_by_ror(fresh).has_value());
    dump.push_back(record_template(fresh, "Hebron Institute of Newly Added Studies", "active"));

    const auto ids_before = std::vector<InstitutionId>{reg.find_by_ror(renamed)->id, reg.find_by_ror(withdrawn)->id,
                                                       reg.find_by_ror(inactive)->id, reg.find_by_ror(successor)->id};
    const auto result = import_ror(t.store, dump.dump());
    CHECK(result.read == 401);
    CHECK(result.added == 1);
    CHECK(result.updated == 3);
    CHECK(result.unchanged == 397);
    CHECK(result.withdrawn == 1);
    CHECK(result.merged == 1);
    CHECK(result.skipped == 0);
    CHECK(reg.count(InstitutionFilter{.include_home = true}) == 401);

    // In place: the same ids, the new values.
    const auto r = *reg.find_by_ror(renamed);
    CHECK(r.id == ids_before[0]);
    CHECK(r.display_name() == "Interactions Culturelles et Discursives (renamed)");
    CHECK(reg.search("discursives renamed").front().id == r.id);
    const auto w = *reg.find_by_ror(withdrawn);
    CHECK(w.id == ids_before[1]);
    CHECK(w.status == InstitutionStatus::Inactive);
    CHECK(ror_details(t.store, w.id).status == RorStatus::Withdrawn);
    const auto m = *reg.find_by_ror(inactive);
    CHECK(m.id == ids_before[2]);
    CHECK(m.status == InstitutionStatus::Merged);
    CHECK(m.successor == ids_before[3]);
    CHECK(reg.find_by_ror(fresh)->display_name() == "Hebron Institute of Newly Added Studies");
    // The others match their JSON like every imported record (the merged one is Merged, not Inactive).
    for (std::size_t k : {0u, 1u, 400u}) check_kept(t.store, dump[k]);
    // One audit entry for the whole import names what it changed.
    const auto entry = t.store.audit().latest(1).front();
    CHECK(entry.entity == "ror_import");
    const auto summary = json::parse(entry.after);
    CHECK(summary["merges"] == json::array({json{{"id", m.id.value()}, {"into", ids_before[3].value()}}}));
    CHECK(summary["updated_ids"].size() == static_cast<std::size_t>(summary["updated"].get<int>()));
    CHECK(t.store.audit().for_entity("institution", m.id.value()).empty());

    // The newer dump again: nothing left to change.
    const auto again = import_ror(t.store, dump.dump());
    CHECK(again.unchanged == 401);
    CHECK(again.updated == 0);
    CHECK(again.merged == 0);
    CHECK(again.withdrawn == 0);
    CHECK(reg.find_by_ror(inactive)->status == InstitutionStatus::Merged);
}

TEST_CASE("successors are resolved after the whole dump is written", "[ror]") {
    auto store = Store::open(":memory:");
    auto& reg = store.institutions();
    const auto a = ror_id(1001), b = ror_id(1002), c = ror_id(1003), gone = ror_id(1004);

    SECTION("a successor later in the same dump") {
        auto old = record_template(a, "Old College", "inactive");
        add_successor(old, gone);  // not in the store: skipped in favour of the next one
        add_successor(old, b);
        const json dump = {old, record_template(b, "New University", "active")};
        const auto result = import_ror(store, dump.dump());
        CHECK(result.added == 2);
        CHECK(result.merged == 1);
        CHECK(reg.find_by_ror(a)->status == InstitutionStatus::Merged);
        CHECK(reg.find_by_ror(a)->successor == reg.find_by_ror(b)->id);
    }
    SECTION("a successor arriving in a later, partial dump") {
        auto old = record_template(a, "Old College", "withdrawn");
        add_successor(old, b);
        const auto first = import_ror(store, json::array({old}).dump());
        CHECK(first.merged == 0);
        CHECK(first.withdrawn == 1);
        CHECK(reg.find_by_ror(a)->status == InstitutionStatus::Inactive);
        const auto second = import_ror(store, json::array({record_template(b, "New University", "active")}).dump());
        CHECK(second.added == 1);
        CHECK(second.merged == 1);
        CHECK(reg.find_by_ror(a)->successor == reg.find_by_ror(b)->id);
    }
    SECTION("a merged record updated by a newer dump stays merged and is not counted again") {
        auto old = record_template(a, "Old College", "inactive");
        add_successor(old, b);
        const auto successor = record_template(b, "New University", "active");
        CHECK(import_ror(store, json{old, successor}.dump()).merged == 1);
        old["names"][0]["value"] = "Old College of Hebron";
        const auto again = import_ror(store, json{old, successor}.dump());
        CHECK(again.updated == 1);
        CHECK(again.unchanged == 1);
        CHECK(again.merged == 0);
        CHECK(reg.find_by_ror(a)->display_name() == "Old College of Hebron");
        CHECK(reg.find_by_ror(a)->successor == reg.find_by_ror(b)->id);
    }
    SECTION("an active record naming a successor is not merged") {
        auto odd = record_template(a, "Still Active College", "active");
        add_successor(odd, c);
        const json dump = {odd, record_template(c, "Other University", "active")};
        CHECK(import_ror(store, dump.dump()).merged == 0);
        CHECK(reg.find_by_ror(a)->status == InstitutionStatus::Active);
    }
}

TEST_CASE("an import keeps what ROR does not know about an institution", "[ror]") {
    TestStore t(GENERATE(false, true));
    auto& reg = t.store.institutions();
    const auto id = ror_id(2024);
    auto home = make_institution("Palestine Polytechnic University", "PS", true);
    home.identifiers.ror = id;
    home.identifiers.erasmus = "PS HEBRON01";
    home.identifiers.pic = "123456789";
    home.website = "https://www.ppu.edu";
    const auto home_id = reg.add(home);
    CHECK_FALSE(find_ror_details(t.store, home_id).has_value());
    CHECK_THROWS_AS(ror_details(t.store, home_id), NotFoundError);

    auto record = record_template(id, "Palestine Polytechnic University", "active");
    record["names"].push_back({{"value", "جامعة بوليتكنك فلسطين"}, {"types", {"label"}}, {"lang", "ar"}});
    const auto result = import_ror(t.store, json::array({record}).dump());
    CHECK(result.updated == 1);
    const auto after = reg.get(home_id);
    CHECK(after.is_home);
    CHECK(after.identifiers.erasmus == "PS HEBRON01");
    CHECK(after.identifiers.pic == "123456789");
    CHECK(after.website == "https://www.ppu.edu");  // the record has no website link
    CHECK(after.names.size() == 2);
    CHECK(ror_details(t.store, home_id).names.size() == 2);

    // The home institution must stay active.
    record["status"] = "inactive";
    check_refused_unchanged(t.store, [&] {
        try {
            import_ror(t.store, json::array({record}).dump());
            FAIL("accepted");
        } catch (const RorRecordError& e) {
            CHECK(e.field() == "status");
            CHECK_THAT(e.what(), Contains("home institution"));
        }
    });
}

TEST_CASE("a bad record stops the import with the record and field named, and nothing written", "[ror][errors]") {
    TestStore t(GENERATE(false, true));
    SmallOffice office(t.store);
    import_ror(t.store, json{sample()[10], sample()[11]}.dump());

    struct Case {
        const char* what;
        std::size_t index;
        std::function<void(json&)> spoil;
        const char* field;
    };
    const std::vector<Case> cases = {
        {"wrong type for names", 5, [](json& r) { r["names"] = "Université"; }, "names"},
        {"no names", 5, [](json& r) { r.erase("names"); }, "names"},
        {"empty names", 5, [](json& r) { r["names"] = json::array(); }, "names"},
        {"no display name", 5, [](json& r) { for (auto& n : r["names"]) n["types"] = {"alias"}; }, "names"},
        {"blank name", 6, [](json& r) { r["names"][0]["value"] = "  "; }, "names[0].value"},
        {"control character in a name", 6, [](json& r) { r["names"][0]["value"] = "A\x01" "B"; }, "names[0].value"},
        {"unknown name type", 6, [](json& r) { r["names"][0]["types"] = {"nickname"}; }, "names[0].types[0]"},
        {"bad ROR checksum", 7, [](json& r) { r["id"] = "https://ror.org/0109gxs87"; }, "id"},
        {"id not a string", 7, [](json& r) { r["id"] = 12; }, "id"},
        {"unknown country", 9, [](json& r) { r["locations"][0]["geonames_details"]["country_code"] = "ZZ"; },
         "locations[0].geonames_details.country_code"},
        {"no country", 9, [](json& r) { r["locations"][0]["geonames_details"].erase("country_code"); },
         "locations[0].geonames_details.country_code"},
        {"no locations", 9, [](json& r) { r["locations"] = json::array(); }, "locations"},
        {"unknown status", 12, [](json& r) { r["status"] = "dormant"; }, "status"},
        {"unknown type", 12, [](json& r) { r["types"] = {"university"}; }, "types[0]"},
        {"bad relationship id", 35, [](json& r) { r["relationships"][0]["id"] = "https://ror.org/0xxxxxxx1"; },
         "relationships[0].id"},
        {"bad Wikidata id", 0, [](json& r) { r["external_ids"][0]["preferred"] = "wikidata:1"; }, "external_ids[0].preferred"},
        {"impossible date", 13, [](json& r) { r["admin"]["last_modified"]["date"] = "2025-02-30"; }, "admin.last_modified.date"},
        {"established not a year", 14, [](json& r) { r["established"] = "1998"; }, "established"},
        {"record not an object", 15, [](json& r) { r = json::array({1, 2}); }, "record"},
        {"repeated id", 16, [](json& r) { r["id"] = sample()[2]["id"]; }, "id"},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        auto dump = sample();
        c.spoil(dump[c.index]);
        check_refused_unchanged(t.store, [&] {
            try {
                import_ror(t.store, dump.dump());
                FAIL("accepted");
            } catch (const RorRecordError& e) {
                CHECK(e.index() == static_cast<std::int64_t>(c.index));
                CHECK(e.field() == c.field);
                CHECK_THAT(e.what(), Contains("ROR record " + std::to_string(c.index)) && Contains(c.field) && Contains("expected"));
                if (dump[c.index].is_object() && dump[c.index]["id"].is_string()) {
                    CHECK(e.ror() == dump[c.index]["id"]);
                    CHECK_THAT(e.what(), Contains(e.ror()));
                }
            }
        });
    }
}

TEST_CASE("malformed JSON is a FormatError with the byte offset, and nothing is written", "[ror][errors]") {
    auto store = Store::open(":memory:");
    import_ror(store, json::array({sample()[0]}).dump());
    const auto text = sample_text();
    check_refused_unchanged(store, [&] {
        // Cut in the middle of the file: the parser fails at the end of the input.
        const auto cut = text.substr(0, text.size() / 2);
        CHECK_THROWS_AS(import_ror(store, cut), FormatError);
        CHECK_THROWS_WITH(import_ror(store, cut), Contains("at byte " + std::to_string(cut.size())) && Contains("in record"));
        // Offsets count from 0: the '}' where a value should be, the end of "[[1, 2".
        CHECK_THROWS_WITH(import_ror(store, "[{\"id\": }]"), Contains("at byte 8") && Contains("in record 0"));
        CHECK_THROWS_WITH(import_ror(store, "[[1, 2"), Contains("at byte 6"));
        CHECK_THROWS_WITH(import_ror(store, "[] []"), Contains("at byte"));
        CHECK_THROWS_AS(import_ror(store, ""), FormatError);
        CHECK_THROWS_AS(import_ror(store, "[\"\xC3\x28\"]"), FormatError);  // invalid UTF-8
        // A single record is not a dump.
        CHECK_THROWS_AS(import_ror(store, sample()[0].dump()), FormatError);
        CHECK_THROWS_WITH(import_ror(store, sample()[0].dump()), Contains("must be a JSON array"));
        CHECK_THROWS_AS(import_ror(store, "\"text\""), FormatError);
    });
    const auto result = import_ror(store, "[]");
    CHECK(result.read == 0);
    CHECK(result.added == 0);
}

TEST_CASE("skip_invalid imports the good records and reports the bad ones", "[ror]") {
    TestStore t(GENERATE(false, true));
    auto dump = sample();
    const std::string bad_country = dump[9]["id"], bad_names = dump[250]["id"];
    dump[9]["locations"][0]["geonames_details"]["country_code"] = "ZZ";
    dump[250]["names"] = 42;
    RorImportOptions options;
    options.skip_invalid = true;
    const auto result = import_ror(t.store, dump.dump(), options);
    CHECK(result.read == 400);
    CHECK(result.added == 398);
    CHECK(result.skipped == 2);
    REQUIRE(result.problems.size() == 2);
    CHECK(result.problems[0].index == 9);
    CHECK(result.problems[0].ror == bad_country);
    CHECK(result.problems[0].field == "locations[0].geonames_details.country_code");
    CHECK_THAT(result.problems[0].message, Contains("ROR record 9") && Contains("'ZZ'"));
    CHECK(result.problems[1].index == 250);
    CHECK(result.problems[1].field == "names");
    CHECK_FALSE(t.store.institutions().find_by_ror(bad_country).has_value());
    CHECK_FALSE(t.store.institutions().find_by_ror(bad_names).has_value());
    CHECK(t.store.institutions().count() == 398);

    // Problems beyond max_problems are counted, not listed.
    auto store = Store::open(":memory:");
    options.max_problems = 1;
    const auto capped = import_ror(store, dump.dump(), options);
    CHECK(capped.skipped == 2);
    CHECK(capped.problems.size() == 1);
}

TEST_CASE("the progress callback reports and can cancel", "[ror]") {
    TestStore t(GENERATE(false, true));
    const auto text = sample_text();
    std::vector<std::array<std::uint64_t, 3>> calls;
    RorImportOptions options;
    options.progress_every = 100;
    options.progress = [&](std::uint64_t records, std::uint64_t bytes, std::uint64_t total) {
        calls.push_back({records, bytes, total});
        return true;
    };
    import_ror_file(t.store, sample_path(), options);
    REQUIRE(calls.size() == 5);  // every 100 records, and once at the end
    for (std::size_t k = 0; k < 4; ++k) {
        CHECK(calls[k][0] == 100 * (k + 1));
        CHECK(calls[k][2] == text.size());
        CHECK(calls[k][1] < text.size());
        if (k > 0) CHECK(calls[k][1] > calls[k - 1][1]);
    }
    CHECK(calls[4] == std::array<std::uint64_t, 3>{400, text.size(), text.size()});

    auto store = Store::open(":memory:");
    SmallOffice office(store);
    options.progress = [](std::uint64_t records, std::uint64_t, std::uint64_t) { return records < 200; };
    check_refused_unchanged(store, [&] {
        CHECK_THROWS_AS(import_ror(store, text, options), ImportCancelledError);
        CHECK_THROWS_WITH(import_ror(store, text, options), Contains("cancelled") && Contains("200 records"));
    });
    options.progress_every = 0;
    CHECK_THROWS_AS(import_ror(store, text, options), ValidationError);
}

TEST_CASE("size limits are typed errors that write nothing", "[ror][errors]") {
    TestStore t(GENERATE(false, true));
    SmallOffice office(t.store);
    const auto text = sample_text();
    RorImportOptions options;
    options.max_bytes = text.size() - 1;
    check_refused_unchanged(t.store, [&] {
        CHECK_THROWS_AS(import_ror(t.store, text, options), ValidationError);
        CHECK_THROWS_WITH(import_ror_file(t.store, sample_path(), options), Contains("max_bytes"));
        options.max_bytes = text.size();
        options.max_record_bytes = 1000;
        try {
            import_ror(t.store, text, options);
            FAIL("accepted");
        } catch (const RorRecordError& e) {
            CHECK(e.field() == "record");
            CHECK(e.ror() == sample()[static_cast<std::size_t>(e.index())]["id"].get<std::string>());
            CHECK_THAT(e.what(), Contains("max_record_bytes"));
        }
        // A record nested far deeper than any ROR record.
        const auto deep = "[{\"id\": " + std::string(100, '[') + std::string(100, ']') + "}]";
        CHECK_THROWS_AS(import_ror(t.store, deep, {}), RorRecordError);
        CHECK_THROWS_AS(import_ror_file(t.store, t.dir.file("missing.json")), NotFoundError);
    });
    options.max_record_bytes = 64 * 1024;  // each sample record fits
    CHECK(import_ror(t.store, text, options).added == 400);
}

TEST_CASE("records are found by strings, escapes and brackets alone, in memory and in a file", "[ror]") {
    auto records = sample();
    // Names and unknown keys holding every byte that opens, ends or separates a record.
    json tricky = json::array();
    for (std::size_t k = 0; k < 3; ++k) {
        auto r = records[k];
        r["names"][0]["value"] = "Quote \" brace } bracket ] comma , backslash \\ open [{ " + std::to_string(k);
        r["x-nested"] = json::parse(R"({"a": [[["]", "\\"], {"b": "}\\\"{"}]], "c": -1.5e3, "d": [true, false, null]})");
        tricky.push_back(r);
    }
    // Whitespace of every kind around the elements, and a dump written out over many lines.
    const std::string text =
        " \t\r\n[\n" + tricky[0].dump(2) + " ,\t" + tricky[1].dump() + ",\r\n" + tricky[2].dump(4, '\t') + "\n]\n ";
    TestStore t(true);
    const auto file = t.dir.file("tricky.json");
    std::ofstream(file, std::ios::binary) << text;
    for (const bool from_file : {false, true}) {
        auto store = Store::open(":memory:");
        const auto result = from_file ? import_ror_file(store, file) : import_ror(store, text);
        CHECK(result.added == 3);
        for (std::size_t k = 0; k < 3; ++k) {
            const auto stored = store.institutions().find_by_ror(tricky[k]["id"].get<std::string>());
            REQUIRE(stored.has_value());
            CHECK(ror_details(store, stored->id).names[0].value == tricky[k]["names"][0]["value"].get<std::string>());
        }
    }
}

TEST_CASE("a dump's elements that are not objects are invalid records, not malformed JSON", "[ror]") {
    auto store = Store::open(":memory:");
    RorImportOptions options;
    options.skip_invalid = true;
    const auto result = import_ror(store, "[1, \"text\", true, null, -2.5e1, [], " + sample()[0].dump() + "]", options);
    CHECK(result.read == 7);
    CHECK(result.added == 1);
    REQUIRE(result.skipped == 6);
    for (const auto& p : result.problems) {
        CHECK(p.field == "record");
        CHECK_THAT(p.message, Contains("a JSON object"));
    }
    CHECK_THAT(result.problems[1].message, Contains("'text'"));
    CHECK_THAT(result.problems[4].message, Contains("'-25.0'"));
}

TEST_CASE("a key written twice in a record counts with its last value", "[ror]") {
    auto record = sample()[0];
    REQUIRE(record["status"] == "active");
    auto text = record.dump();
    text.insert(1, R"("status": "withdrawn", )");
    auto store = Store::open(":memory:");
    const auto result = import_ror(store, "[" + text + "]");
    CHECK(result.added == 1);
    CHECK(result.withdrawn == 0);
    const auto stored = store.institutions().find_by_ror(record["id"].get<std::string>());
    REQUIRE(stored.has_value());
    CHECK(ror_details(store, stored->id).status == RorStatus::Active);
}

TEST_CASE("nesting, huge numbers and long gaps stop the import with the record named", "[ror][errors]") {
    const auto record = sample()[0];
    const auto id = record["id"].get<std::string>();
    // The record with an unknown key appended: the importer ignores its value once read.
    const auto with = [&](const std::string& value) {
        auto text = record.dump();
        text.insert(text.size() - 1, ", \"x-extra\": " + value);
        return "[" + text + "]";
    };
    // The record is one level; 31 more arrays make 32, the most a record may nest.
    const auto nested = [&](int arrays) { return with(std::string(arrays, '[') + std::string(arrays, ']')); };
    auto store = Store::open(":memory:");
    CHECK(import_ror(store, nested(31)).added == 1);
    RorImportOptions fits;
    fits.max_record_bytes = record.dump().size();
    CHECK(import_ror(store, "[" + record.dump() + "]", fits).unchanged == 1);
    check_refused_unchanged(store, [&] {
        try {
            import_ror(store, nested(32));
            FAIL("accepted");
        } catch (const RorRecordError& e) {
            CHECK(e.index() == 0);
            CHECK(e.ror() == id);
            CHECK_THAT(e.what(), Contains("nested deeper than 32 levels"));
        }
        // An integer past 64 bits: the record is refused even when invalid records are skipped.
        RorImportOptions skip;
        skip.skip_invalid = true;
        for (const auto& options : {RorImportOptions{}, skip}) {
            try {
                import_ror(store, with("123456789012345678901234567890"), options);
                FAIL("accepted");
            } catch (const RorRecordError& e) {
                CHECK(e.index() == 0);
                CHECK(e.field() == "record");
                CHECK_THAT(e.what(), Contains("a 64-bit integer or a double"));
            }
        }
        // A number past a double's range is malformed JSON, with its offset.
        const auto overflow = with("1e400");
        CHECK_THROWS_AS(import_ror(store, overflow), FormatError);
        CHECK_THROWS_WITH(import_ror(store, overflow),
                          Contains("at byte " + std::to_string(overflow.size() - 3)) && Contains("number overflow"));
        // A record of exactly max_record_bytes + 1 bytes: the strict reader lets one more byte
        // through, so the error is the fast reader's own, without the id.
        RorImportOptions exact;
        exact.max_record_bytes = record.dump().size() - 1;
        try {
            import_ror(store, "[" + record.dump() + "]", exact);
            FAIL("accepted");
        } catch (const RorRecordError& e) {
            CHECK(e.index() == 0);
            CHECK(e.field() == "record");
            CHECK(e.ror().empty());
            CHECK_THAT(e.what(), Contains("more than " + std::to_string(exact.max_record_bytes) + " bytes"));
        }
        // Whitespace between records counts against max_record_bytes too.
        RorImportOptions small;
        small.max_record_bytes = 64 * 1024;
        const auto gap = "[" + record.dump() + "," + std::string(64 * 1024 + 1, ' ') + record.dump() + "]";
        CHECK_THROWS_AS(import_ror(store, gap, small), FormatError);
        // The span starts after the first record's last byte and ends at its 65,537th byte.
        const auto gap_ends = 1 + record.dump().size() + small.max_record_bytes + 1;
        CHECK_THROWS_WITH(import_ror(store, gap, small), Contains("without a record at byte " + std::to_string(gap_ends)) &&
                                                             Contains("after record 0"));
    });
}

TEST_CASE("a dump may open with a UTF-8 byte order mark", "[ror]") {
    const auto text = "\xEF\xBB\xBF[" + sample()[0].dump() + "]";
    TestStore t(true);
    const auto file = t.dir.file("bom.json");
    std::ofstream(file, std::ios::binary) << text;
    auto store = Store::open(":memory:");
    CHECK(import_ror(store, text).added == 1);
    CHECK(import_ror_file(store, file).unchanged == 1);
    // Only at the start.
    CHECK_THROWS_AS(import_ror(store, "[\xEF\xBB\xBF" + sample()[0].dump() + "]"), FormatError);
}

TEST_CASE("a file's records may straddle the reader's 256 KiB windows anywhere", "[ror]") {
    const auto records = sample();
    // The first record padded so that an escaped quote, then a number between the records,
    // falls across the first window's end.
    const auto dump = [&](std::size_t pad) {
        auto first = records[0];
        first["x-pad"] = std::string(pad, 'a') + "\"b\\";
        return "[" + first.dump() + ",1234567," + records[1].dump() + "]";
    };
    constexpr std::size_t window = 256 * 1024;
    const auto unpadded = dump(0);
    const auto escape = unpadded.find("\\\"b");
    const auto number = unpadded.find(",1234567,") + 1;
    TestStore t(true);
    RorImportOptions skip;
    skip.skip_invalid = true;
    for (const auto at : {escape, number})
        for (std::size_t shift = 0; shift < 4; ++shift) {
            // The byte at `at` is the first window's last, then one of the next window's first.
            const auto text = dump(window - 1 - at + shift);
            REQUIRE(text.size() > window);
            const auto file = t.dir.file("straddle.json");
            std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
            auto store = Store::open(":memory:");
            const auto result = import_ror_file(store, file, skip);
            CHECK(result.added == 2);
            REQUIRE(result.problems.size() == 1);
            CHECK(result.problems[0].index == 1);
            CHECK_THAT(result.problems[0].message, Contains("'1234567'"));
        }
}

TEST_CASE("an error names a long id of a refused record by its first 64 bytes", "[ror][errors]") {
    auto record = sample()[0];
    const std::string long_id = "https://ror.org/" + std::string(200, 'x');
    record["id"] = long_id;
    const auto shortened = long_id.substr(0, 64) + "...";
    auto store = Store::open(":memory:");
    check_refused_unchanged(store, [&] {
        // An invalid id: named by the fast reader's record.
        try {
            import_ror(store, "[" + record.dump() + "]");
            FAIL("accepted");
        } catch (const RorRecordError& e) {
            CHECK(e.field() == "id");
            CHECK(e.ror() == shortened);
        }
        // A record over the size limit: named by the strict reader, which re-reads the dump.
        RorImportOptions small;
        small.max_record_bytes = 1024;
        try {
            import_ror(store, "[" + record.dump() + "]", small);
            FAIL("accepted");
        } catch (const RorRecordError& e) {
            CHECK(e.field() == "record");
            CHECK(e.ror() == shortened);
        }
    });
}
