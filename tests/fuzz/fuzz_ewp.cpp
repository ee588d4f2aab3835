// libFuzzer target for the EWP IIA code: parsing, hashing, writing, importing into an
// in-memory store that holds only the home institution (opened once, see fuzz_store.hpp),
// exporting and diffing. iro::Error is the expected answer to bad input; anything else (a
// crash, a sanitizer report, another exception) is a bug. It also checks two promises: a
// refused import writes nothing, and an export carries its own iia-hash.
//
// Build with clang, e.g.:
//   clang++-14 -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude -Ibuild/lib/generated/include \
//     tests/fuzz/fuzz_ewp.cpp build/lib/libiro.a -lSQLiteCpp -lsqlite3 -licuuc -lfmt -lpugixml -lcrypto
// and seed it with tests/data/ewp/iia-get-response-v7.xml.

#include "fuzz_store.hpp"

#include "iro/iro.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

iro::Store fresh_store() {
    auto store = iro::Store::open(":memory:");
    iro::Institution home;
    home.names = {{"University of Warsaw", "en", iro::NameKind::Display}};
    home.country = "PL";
    home.identifiers.schac = "uw.edu.pl";
    home.is_home = true;
    store.institutions().add(home);
    return store;
}

void hash_and_rewrite(std::string_view xml) {
    try {
        (void)iro::ewp::hash_iias(xml);
    } catch (const iro::Error&) {
    }
    try {
        const auto iias = iro::ewp::read_iias_get_response(xml);
        const auto written = iro::ewp::write_iias_get_response(iias);
        const auto hashed = iro::ewp::hash_iias(written);
        const auto reread = iro::ewp::read_iias_get_response(written);
        for (std::size_t k = 0; k < reread.size(); ++k)
            if (reread[k].iia_hash != hashed.at(k).iia_hash) std::abort();
    } catch (const iro::Error&) {
    }
}

void import_and_export(std::string_view xml) {
    static iro::fuzz::ReusedStore reused(fresh_store);
    auto& store = reused.store();
    iro::ewp::ImportOptions options;
    options.new_partner_countries = {{"hibo.no", "NO"}};
    options.received_on = iro::parse_date("2024-05-01");
    iro::ewp::ImportReport report;
    try {
        report = iro::ewp::import_iias(store, xml, options);
    } catch (const iro::Error&) {
        reused.after(true);  // aborts unless the refused import wrote nothing
        return;
    }
    for (auto id : report.agreements) {
        try {
            const auto exported = iro::ewp::export_iia(store, id);
            if (iro::ewp::read_iias_get_response(exported).at(0).iia_hash != iro::ewp::iia_hash(exported)) std::abort();
            (void)iro::ewp::diff_iia(store, id, xml);
        } catch (const iro::Error&) {
        }
    }
    reused.after(false);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view xml(reinterpret_cast<const char*>(data), size);
    hash_and_rewrite(xml);
    import_and_export(xml);
    return 0;
}
