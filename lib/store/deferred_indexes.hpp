#pragma once
// Large bulk writes build their tables' plain indexes once, after the rows are in, instead of
// row by row (private to the library). Sorting a million keys once costs a fraction of a
// million scattered inserts into each index of a file larger than the page cache: a million
// visits into their eight indexes took 12 to 19 s, the bare rows and eight builds about 7 s.

#include "store/database.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace iro::detail {

// Batches smaller than this keep their indexes: rebuilding would cost more than it saves.
constexpr std::size_t kDeferIndexesFrom = 10000;

// True when a batch of `batch_rows` into `table` (a rowid table) pays for building its
// indexes after: at least kDeferIndexesFrom rows, and no fewer than the table already holds.
bool worth_deferring_indexes(Database& db, std::string_view table, std::size_t batch_rows);

// Used inside a write transaction, around the inserts of one batch. With `defer`, it drops
// the non-unique indexes of `tables` under a savepoint; without, it does nothing. finish()
// recreates them from their stored SQL. Without finish() (an exception), the destructor
// rolls back to the savepoint, which restores every index and removes the batch's rows: the
// schema never loses an index, even when a caller catches the error and commits.
// Unique indexes always stay, because they enforce constraints row by row. The batch's own
// checks must not look rows up in `tables` through the dropped indexes.
class DeferredIndexes {
public:
    DeferredIndexes(Database& db, const std::vector<std::string>& tables, bool defer);
    ~DeferredIndexes();
    DeferredIndexes(const DeferredIndexes&) = delete;
    DeferredIndexes& operator=(const DeferredIndexes&) = delete;

    // Builds the dropped indexes; call once every row is in.
    void finish();

private:
    // Rolls back to the savepoint when the indexes are dropped and not yet rebuilt.
    void undo() noexcept;

    Database& db_;
    std::vector<std::string> create_statements_;
    bool deferring_ = false;
};

} // namespace iro::detail
