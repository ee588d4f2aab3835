// iro ewp hash | diff: check an EWP iias-get-response's iia-hashes, and compare a partner's
// copy of an IIA with the stored agreement.

#include "commands.hpp"

#include <iro/error.hpp>
#include <iro/ewp_iia.hpp>

#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <optional>

namespace iro::cli {

namespace {

struct HashOptions {
    std::string file;
};

struct DiffOptions {
    StoreOptions store;
    std::int64_t agreement = 0;
    std::string file;
    std::string iia_id;
};

void run_hash(const HashOptions& o) {
    const auto xml = read_input(o.file, ewp::kMaxDocumentBytes);
    const auto hashed = ewp::hash_iias(xml);
    // The declared hashes come from reading the whole document, which also checks values
    // (academic years, dates) that the hash itself does not care about.
    std::optional<std::vector<ewp::Iia>> declared;
    std::string unread;
    try {
        declared = ewp::read_iias_get_response(xml);
    } catch (const ValidationError& e) {
        unread = e.what();
    }

    std::size_t differ = 0;
    std::string first_declared;
    std::string first_expected;
    for (std::size_t k = 0; k < hashed.size(); ++k) {
        const auto& h = hashed[k];
        std::string state;
        if (!declared || k >= declared->size()) {
            state = "unchecked";
        } else if ((*declared)[k].iia_hash.empty()) {
            state = "not-declared";
        } else if ((*declared)[k].iia_hash == h.iia_hash) {
            state = "matches";
        } else {
            state = "differs declared=" + (*declared)[k].iia_hash;
            if (differ++ == 0) {
                first_declared = (*declared)[k].iia_hash;
                first_expected = fmt::format("{} for iia[{}]", h.iia_hash, k + 1);
            }
        }
        std::cout << fmt::format("iia[{}] iia-id={} iia-hash={} {}{}\n", k + 1, h.iia_id.empty() ? "-" : h.iia_id,
                                 h.iia_hash, state, h.valid_for_approval ? "" : " not-valid-for-approval");
    }
    std::cout.flush();
    if (!unread.empty()) std::cerr << "iro: warning: declared hashes not checked: " << unread << "\n";
    if (differ > 0)
        throw ValidationError("iia-hash", first_declared,
                              fmt::format("{} ({} of {} declared hashes differ)", first_expected, differ, hashed.size()));
}

void run_diff(const DiffOptions& o) {
    const auto xml = read_input(o.file, ewp::kMaxDocumentBytes);
    const auto store = open_existing(o.store);
    const auto differences = ewp::diff_iia(store, AgreementId(o.agreement), xml, o.iia_id);
    if (differences.empty()) {
        std::cout << fmt::format("No differences between agreement {} and the copy in {}.\n", o.agreement, o.file);
        return;
    }
    std::cout << fmt::format("{} difference{} between agreement {} (ours) and {} (theirs):\n", differences.size(),
                             differences.size() == 1 ? "" : "s", o.agreement, o.file);
    for (const auto& d : differences) {
        std::cout << fmt::format("  {}\n    ours:   {}\n    theirs: {}\n", d.path, d.ours.empty() ? "(absent)" : d.ours,
                                 d.theirs.empty() ? "(absent)" : d.theirs);
    }
}

} // namespace

void add_ewp_commands(CLI::App& app, Context& context) {
    auto* ewp = app.add_subcommand("ewp", "Erasmus Without Paper tools: check iia-hashes, compare a partner's copy");
    ewp->require_subcommand(1);

    auto h = std::make_shared<HashOptions>();
    auto* hash = ewp->add_subcommand("hash", "Print the iia-id and iia-hash of each iia, and whether the declared hash matches");
    hash->add_option("FILE", h->file, "An iias-get-response v7; - reads standard input")->required();
    hash->footer(
        "One line per iia: iia[N] iia-id=ID iia-hash=HASH STATE, where STATE is matches,\n"
        "differs declared=HASH, not-declared or unchecked (the document has values iro cannot\n"
        "read; a warning on stderr says which). Exit 3 when a declared hash differs; the lines\n"
        "are printed all the same. No database needed.\n"
        "Example:\n"
        "  iro ewp hash partner-iias.xml\n");
    when_chosen(*hash, context, [h] { run_hash(*h); });

    auto d = std::make_shared<DiffOptions>();
    auto* diff = ewp->add_subcommand("diff", "Compare a partner's copy of an IIA with the stored agreement, field by field");
    add_store_options(*diff, d->store);
    diff->add_option("AGREEMENT_ID", d->agreement, "Our agreement's id")->required();
    diff->add_option("FILE", d->file, "The partner's iias-get-response v7; - reads standard input")->required();
    diff->add_option("--iia-id", d->iia_id, "Which iia of the file (default: the only one)")->type_name("ID");
    diff->footer(
        "The iia-hash itself is not compared (each side lists itself first). Exit 0 whether or\n"
        "not there are differences.\n"
        "Example:\n"
        "  iro ewp diff --db office.db 12 partner-iias.xml\n");
    when_chosen(*diff, context, [d] { run_diff(*d); });
}

} // namespace iro::cli
