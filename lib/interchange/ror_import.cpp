#include "iro/ror_import.hpp"

#include "interchange/ror_record.hpp"
#include "interchange/ror_store.hpp"
#include "interchange/ror_stream.hpp"
#include "iro/store.hpp"
#include "store/database.hpp"
#include "store/json_convert.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <unordered_map>

namespace iro {

RorRecordError::RorRecordError(std::int64_t index, std::string ror, std::string field, std::string value,
                               std::string_view expected)
    : ValidationError(std::move(field), std::move(value), expected), index_(index), ror_(std::move(ror)) {
    message_ = ror_.empty() ? fmt::format("ROR record {}: {}", index_, ValidationError::what())
                            : fmt::format("ROR record {} ({}): {}", index_, ror_, ValidationError::what());
}

namespace {
using nlohmann::json;

enum class Outcome { Added, Updated, Unchanged };

struct State {
    InstitutionStatus status = InstitutionStatus::Active;
    std::optional<InstitutionId> successor;
    friend bool operator==(const State&, const State&) = default;
};

// An inactive or withdrawn record of this dump that names successors: whether it is Merged
// is decided once every record of the dump is in the store.
struct Pending {
    std::optional<State> before;  // nullopt when added by this import
    Outcome outcome = Outcome::Added;
};

// The 35-bit number inside a valid, normalised ROR id ("https://ror.org/0" + 6 characters +
// checksum): a compact key for spotting a record repeated in one dump.
std::uint64_t ror_key(const std::string& ror) {
    constexpr std::string_view crockford = "0123456789abcdefghjkmnpqrstvwxyz";
    std::uint64_t n = 0;
    for (char c : std::string_view(ror).substr(ror.size() - 9, 7)) n = n * 32 + crockford.find(c);
    return n;
}

class Importer {
public:
    Importer(Store& store, const RorImportOptions& options, std::uint64_t bytes_total)
        : store_(store), db_(detail::database_of(store)), options_(options), bytes_total_(bytes_total) {}

    void record(simdjson::dom::element j, std::int64_t index, std::uint64_t bytes_read) {
        ++result_.read;
        if (auto c = checked(j, index)) write(c->rec, c->stored);
        if (static_cast<std::uint64_t>(result_.read) % options_.progress_every == 0) report(bytes_read);
    }

    RorImportResult finish() {
        report(bytes_total_);
        resolve_successors();
        // The import's one audit entry: the counts, and which institutions it changed.
        const json summary = {{"read", result_.read},         {"added", result_.added},     {"updated", result_.updated},
                              {"unchanged", result_.unchanged}, {"withdrawn", result_.withdrawn}, {"merged", result_.merged},
                              {"skipped", result_.skipped},     {"updated_ids", updated_ids_}, {"merges", merges_}};
        db_.audit("ror_import", 0, "import", "", summary.dump());
        return std::move(result_);
    }

private:
    struct Checked {
        detail::RorRecord rec;
        std::optional<detail::RorStoredState> stored;
    };

    // The record mapped, validated and matched to the store; nullopt when skipped as invalid.
    std::optional<Checked> checked(simdjson::dom::element j, std::int64_t index) {
        try {
            auto rec = detail::read_ror_record(j);
            const auto [first, fresh] = seen_.emplace(ror_key(rec.details.id), index);
            if (!fresh)
                throw ValidationError("id", rec.details.id,
                                      fmt::format("a ROR id that appears once in the dump (it is also record {})", first->second));
            auto stored = detail::find_ror_state(db_, rec.details.id);
            if (stored && stored->is_home && rec.details.status != RorStatus::Active)
                throw ValidationError("status", std::string(to_string(rec.details.status)),
                                      "'active', since the record is the store's home institution");
            return Checked{std::move(rec), std::move(stored)};
        } catch (const ValidationError& e) {
            RorRecordError error(index, detail::raw_ror_id(j), e.field(), e.value(), e.expected());
            if (!options_.skip_invalid) throw error;
            ++result_.skipped;
            if (result_.problems.size() < options_.max_problems)
                result_.problems.push_back(RorImportProblem{index, error.ror(), error.field(), error.what()});
            return std::nullopt;
        }
    }

    void write(detail::RorRecord& rec, const std::optional<detail::RorStoredState>& stored) {
        InstitutionId id;
        Pending pending;
        if (!stored) {
            id = detail::insert_ror_institution(db_, rec.institution);
            rec.institution.id = id;
            detail::write_ror_details(db_, id, rec.details, rec.content_hash, false);
            // Added, updated and merged records are all covered by the import's one summary entry.
            ++result_.added;
            if (rec.details.status == RorStatus::Withdrawn) ++result_.withdrawn;
        } else {
            id = stored->id;
            pending.before = State{stored->status, stored->successor};
            if (stored->content_hash == rec.content_hash) {
                pending.outcome = Outcome::Unchanged;
                ++result_.unchanged;
            } else {
                pending.outcome = Outcome::Updated;
                update(rec, *stored);
            }
        }
        if (!rec.successors.empty()) pending_.emplace(id, pending);
    }

    void update(detail::RorRecord& rec, const detail::RorStoredState& stored) {
        const auto before = store_.institutions().get(stored.id);
        auto& after = rec.institution;
        after.id = before.id;
        after.is_home = before.is_home;
        after.identifiers.erasmus = before.identifiers.erasmus;
        after.identifiers.schac = before.identifiers.schac;
        after.identifiers.pic = before.identifiers.pic;
        if (after.website.empty()) after.website = before.website;
        if (after.identifiers.wikidata.empty()) after.identifiers.wikidata = before.identifiers.wikidata;
        detail::update_ror_institution(db_, after);
        detail::write_ror_details(db_, after.id, rec.details, rec.content_hash, true);
        updated_ids_.push_back(after.id.value());
        ++result_.updated;
        if (rec.details.status == RorStatus::Withdrawn && stored.ror_status != RorStatus::Withdrawn) ++result_.withdrawn;
    }

    // Runs over the whole store, so that a successor arriving now also merges a record
    // imported earlier.
    void resolve_successors() {
        for (const auto& [id, successor] : detail::mergeable_institutions(db_)) {
            const auto before = store_.institutions().get(id);
            auto after = before;
            after.status = InstitutionStatus::Merged;
            after.successor = successor;
            detail::set_institution_status(db_, id, after.status, after.successor);
            merges_.push_back(json{{"id", id.value()}, {"into", successor.value()}});
            const auto p = pending_.find(id);
            if (p != pending_.end() && p->second.outcome == Outcome::Unchanged) {
                --result_.unchanged;
                ++result_.updated;
            }
            // An updated record that was already merged into the same successor did not become merged now.
            const bool was_merged = p != pending_.end() && p->second.before == State{after.status, after.successor};
            if (!was_merged) ++result_.merged;
        }
    }

    void report(std::uint64_t bytes_read) {
        if (options_.progress && !options_.progress(static_cast<std::uint64_t>(result_.read), bytes_read, bytes_total_))
            throw ImportCancelledError(
                fmt::format("ROR import cancelled by the progress callback after {} records; nothing was written", result_.read));
    }

    Store& store_;
    detail::Database& db_;
    const RorImportOptions& options_;
    std::uint64_t bytes_total_;
    RorImportResult result_;
    std::unordered_map<std::uint64_t, std::int64_t> seen_;
    std::unordered_map<InstitutionId, Pending> pending_;
    json updated_ids_ = json::array();
    json merges_ = json::array();
};

void check(const RorImportOptions& options) {
    if (options.max_bytes == 0) throw ValidationError("max_bytes", "0", "at least 1 byte");
    if (options.max_record_bytes == 0) throw ValidationError("max_record_bytes", "0", "at least 1 byte");
    if (options.progress_every == 0) throw ValidationError("progress_every", "0", "at least 1 record");
}

template <class Stream>
RorImportResult run(Store& store, const RorImportOptions& options, std::uint64_t bytes_total, Stream&& stream) {
    check(options);
    auto& db = detail::database_of(store);
    const detail::RorStreamLimits limits{options.max_bytes, options.max_record_bytes};
    return db.write([&] {
        Importer importer(store, options, bytes_total);
        stream(limits, [&](simdjson::dom::element record, std::int64_t index, std::uint64_t bytes_read) {
            importer.record(record, index, bytes_read);
        });
        return importer.finish();
    });
}
} // namespace

RorImportResult import_ror(Store& store, std::string_view json_text, const RorImportOptions& options) {
    return run(store, options, json_text.size(), [&](const detail::RorStreamLimits& limits, const detail::RorRecordSink& sink) {
        detail::stream_ror_text(json_text, limits, sink);
    });
}

RorImportResult import_ror_file(Store& store, const std::string& path, const RorImportOptions& options) {
    const auto size = detail::ror_file_size(path);
    return run(store, options, size, [&](const detail::RorStreamLimits& limits, const detail::RorRecordSink& sink) {
        detail::stream_ror_file(path, limits, sink);
    });
}

} // namespace iro
