#pragma once
// Reads every row iro wrote into a database back into memory as floor tables, so the floor
// program inserts exactly the same rows into the same schema.

#include "../floor/sqlite_floor.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace iro::bench {

class FloorTables {
public:
    // Every table with rows, in creation order (parents before children), the FTS index as
    // (rowid, folded), its shadow tables and `meta` left out: the schema's own template has them.
    static FloorTables read(const std::string& path);

    const floor_table* tables() const { return tables_.data(); }
    int count() const { return static_cast<int>(tables_.size()); }
    std::int64_t rows() const;

private:
    struct Table {
        std::string name;
        std::vector<std::string> names;
        std::vector<const char*> pointers;
        std::vector<floor_cell> cells;
        std::string texts;  // every text cell of the table, end to end
    };

    std::vector<std::unique_ptr<Table>> owned_;
    std::vector<floor_table> tables_;
};

} // namespace iro::bench
