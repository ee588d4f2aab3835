// Builds against an installed iro and exercises it end to end; exits non-zero on failure.
#include <iro/iro.hpp>

#include <iostream>

int main() {
    try {
        auto store = iro::Store::open(":memory:");
        iro::Institution home;
        home.names = {{"Palestine Polytechnic University", "en", iro::NameKind::Display}};
        home.country = "PS";
        home.is_home = true;
        const auto home_id = store.institutions().add(home);

        iro::Institution partner;
        partner.names = {{"Universität Wien", "de", iro::NameKind::Display}};
        partner.country = "AT";
        const auto partner_id = store.institutions().add(partner);

        iro::Agreement mou;
        mou.title = "Memorandum of understanding";
        mou.parties = {{home_id, {}, {}, {}}, {partner_id, {}, {}, {}}};
        mou.areas = {iro::Area::Research};
        mou.proposed_on = iro::parse_date("2026-01-15");
        const auto id = store.agreements().add(mou);

        const bool ok = store.agreements().get(id).title == mou.title &&
                        store.institutions().search("universitat").size() == 1 &&
                        store.institutions().scope_of(store.institutions().get(partner_id)) == iro::Scope::International;
        std::cout << "iro " << IRO_VERSION_STRING << " consumer: " << (ok ? "ok" : "FAILED") << "\n";
        return ok ? 0 : 1;
    } catch (const iro::Error& e) {
        std::cerr << "iro error: " << e.what() << "\n";
        return 1;
    }
}
