#pragma once
// Helpers shared by the C++ tests: temporary stores on ":memory:" or on a file, and a
// small office to work with.

#include "iro/iro.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <random>
#include <sstream>
#include <string>

namespace iro::test {

// A fresh directory under the system temp dir, removed with everything in it.
class TempDir {
public:
    TempDir() {
        std::random_device rd;
        path_ = std::filesystem::temp_directory_path() / ("iro-test-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::string file(const std::string& name) const { return (path_ / name).string(); }

private:
    std::filesystem::path path_;
};

// Opens a store in memory or in a temporary file; tests run on both through GENERATE.
struct TestStore {
    explicit TestStore(bool on_file) : store(Store::open(on_file ? dir.file("office.db") : ":memory:")) {}
    TempDir dir;
    Store store;
};

inline Institution make_institution(std::string name, std::string country, bool home = false) {
    Institution i;
    i.names = {{std::move(name), "en", NameKind::Display}};
    i.country = std::move(country);
    i.is_home = home;
    return i;
}

inline Date d(const char* text) { return parse_date(text); }

// A store's dump without the audit entry of a snapshot load (which the source never had)
// and without the store's uid: what must be equal after a snapshot round trip.
inline std::string dump_without_load_entry(const Store& store) {
    std::istringstream in(store.logical_dump());
    std::string out;
    std::string line;
    int removed = 0;
    while (std::getline(in, line)) {
        if (line.find("snapshot.load") != std::string::npos) {
            ++removed;
            continue;
        }
        // Each store keeps its own uid.
        if (line.find("store_uid |") != std::string::npos) continue;
        out += line + "\n";
    }
    // The audit_log header counts the removed entry.
    if (removed) {
        const auto at = out.find("table audit_log (");
        REQUIRE(at != std::string::npos);
        const auto open = at + std::string("table audit_log (").size();
        const auto close = out.find(' ', open);
        const auto count = std::stoll(out.substr(open, close - open));
        out.replace(open, close - open, std::to_string(count - removed));
    }
    return out;
}

// Home (PS) plus partners in Jordan (regional), Palestine (local), and Germany (international).
struct SmallOffice {
    explicit SmallOffice(Store& s) : store(s) {
        home = s.institutions().add(make_institution("Palestine Polytechnic University", "PS", true));
        jordan = s.institutions().add(make_institution("University of Jordan", "JO"));
        birzeit = s.institutions().add(make_institution("Birzeit University", "PS"));
        berlin = s.institutions().add(make_institution("Freie Universität Berlin", "DE"));
    }

    Agreement mou(InstitutionId partner, const char* title = "Memorandum of understanding") const {
        Agreement a;
        a.kind = AgreementKind::Mou;
        a.title = title;
        a.parties = {Party{home, {}, {}, {}}, Party{partner, {}, {}, {}}};
        a.areas = {Area::Research, Area::Education};
        a.proposed_on = d("2024-01-10");
        return a;
    }

    // An agreement signed by both sides and in force from `from` until `until`.
    AgreementId in_force(InstitutionId partner, const char* from, std::optional<const char*> until, const char* title = "In force") {
        auto a = mou(partner, title);
        a.status = AgreementStatus::InForce;
        a.in_force_from = d(from);
        if (until) a.valid_until = d(*until);
        a.proposed_on = d(from);
        for (auto& p : a.parties) p.signed_on = d(from);
        return store.agreements().add(a);
    }

    Store& store;
    InstitutionId home, jordan, birzeit, berlin;
};

} // namespace iro::test
