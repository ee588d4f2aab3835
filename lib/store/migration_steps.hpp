#pragma once
// The schema steps compiled in from lib/store/schema/*.sql (see cmake/iro_embed_sql.cmake).

#include <string_view>
#include <vector>

namespace iro::detail {

struct MigrationStep {
    int version;            // the user_version the database has after this step
    std::string_view file;  // the .sql file it came from
    std::string_view sql;
};

const std::vector<MigrationStep>& migration_steps();

} // namespace iro::detail
