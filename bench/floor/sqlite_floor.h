/* The floor for bulk loading: the plain SQLite C API, one prepared INSERT per table, bound
 * and stepped row by row inside one transaction, with the plain (non-unique) indexes dropped
 * first and built after the rows. No validation, no audit, no objects: what no library can
 * beat on the same schema and the same rows. */
#ifndef IRO_BENCH_SQLITE_FLOOR_H
#define IRO_BENCH_SQLITE_FLOOR_H

#include <sqlite3.h>

#ifdef __cplusplus
extern "C" {
#endif

enum floor_type { FLOOR_NULL, FLOOR_INTEGER, FLOOR_REAL, FLOOR_TEXT };

typedef struct {
    int type; /* enum floor_type */
    sqlite3_int64 integer;
    double real;
    const char* text; /* FLOOR_TEXT: not NUL-terminated */
    int text_size;
} floor_cell;

typedef struct {
    const char* name;
    int column_count;
    const char* const* columns;
    sqlite3_int64 row_count;
    const floor_cell* cells; /* row_count * column_count, row by row */
} floor_table;

/* Opens `path` (a database that already has the schema), applies the connection settings iro
 * uses (foreign keys on, secure delete, 64 MiB page cache, in-memory temporary storage,
 * WAL), drops the plain indexes, inserts every table in order and builds the indexes again,
 * all in one transaction, and closes.
 * Returns 0, or writes a message to `error` and returns 1. */
int floor_load(const char* path, const floor_table* tables, int table_count, char* error, int error_size);

#ifdef __cplusplus
}
#endif

#endif
