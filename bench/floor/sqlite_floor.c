#include "sqlite_floor.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(sqlite3* db, char* error, int error_size, const char* what) {
    snprintf(error, (size_t)error_size, "%s: %s", what, db ? sqlite3_errmsg(db) : "cannot open");
    if (db) {
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        sqlite3_close(db);
    }
    return 1;
}

static int insert_table(sqlite3* db, const floor_table* t, char* error, int error_size) {
    /* "INSERT INTO name (a, b) VALUES (?, ?)": names come from the schema, never from data. */
    size_t size = strlen(t->name) + 64;
    for (int c = 0; c < t->column_count; ++c) size += strlen(t->columns[c]) + 6;
    char* sql = malloc(size);
    if (!sql) return fail(db, error, error_size, "out of memory");
    size_t used = (size_t)snprintf(sql, size, "INSERT INTO %s (", t->name);
    for (int c = 0; c < t->column_count; ++c)
        used += (size_t)snprintf(sql + used, size - used, "%s%s", c ? ", " : "", t->columns[c]);
    used += (size_t)snprintf(sql + used, size - used, ") VALUES (");
    for (int c = 0; c < t->column_count; ++c) used += (size_t)snprintf(sql + used, size - used, "%s?", c ? ", " : "");
    snprintf(sql + used, size - used, ")");

    sqlite3_stmt* st = NULL;
    const int prepared = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    free(sql);
    if (prepared != SQLITE_OK) return fail(db, error, error_size, t->name);
    const floor_cell* cell = t->cells;
    for (sqlite3_int64 r = 0; r < t->row_count; ++r) {
        for (int c = 1; c <= t->column_count; ++c, ++cell) {
            switch (cell->type) {
            case FLOOR_INTEGER: sqlite3_bind_int64(st, c, cell->integer); break;
            case FLOOR_REAL: sqlite3_bind_double(st, c, cell->real); break;
            case FLOOR_TEXT: sqlite3_bind_text(st, c, cell->text, cell->text_size, SQLITE_STATIC); break;
            default: sqlite3_bind_null(st, c); break;
            }
        }
        if (sqlite3_step(st) != SQLITE_DONE) {
            sqlite3_finalize(st);
            return fail(db, error, error_size, t->name);
        }
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return 0;
}

/* The plain indexes go before the rows and come back after them, built by one sort each:
 * the cheapest way SQLite offers to fill an empty schema. Unique indexes stay. */
static int drop_plain_indexes(sqlite3* db, char** recreate, char* error, int error_size) {
    sqlite3_stmt* st = NULL;
    if (sqlite3_prepare_v2(db,
                           "SELECT group_concat(sql, ';'), group_concat('DROP INDEX \"' || name || '\"', ';') FROM sqlite_schema "
                           "WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE %'",
                           -1, &st, NULL) != SQLITE_OK)
        return fail(db, error, error_size, "reading the indexes");
    /* Copied out: the query must be finished before the schema can change. */
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        return fail(db, error, error_size, "reading the indexes");
    }
    const int found = sqlite3_column_type(st, 0) != SQLITE_NULL;
    *recreate = found ? sqlite3_mprintf("%s", (const char*)sqlite3_column_text(st, 0)) : NULL;
    char* drop = found ? sqlite3_mprintf("%s", (const char*)sqlite3_column_text(st, 1)) : NULL;
    sqlite3_finalize(st);
    const int failed = found && (!*recreate || !drop || sqlite3_exec(db, drop, NULL, NULL, NULL) != SQLITE_OK);
    sqlite3_free(drop);
    if (failed) {
        sqlite3_free(*recreate);
        *recreate = NULL;
        return fail(db, error, error_size, "dropping the indexes");
    }
    return 0;
}

int floor_load(const char* path, const floor_table* tables, int table_count, char* error, int error_size) {
    sqlite3* db = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) return fail(db, error, error_size, path);
    if (sqlite3_exec(db, "PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536; PRAGMA journal_mode = WAL; BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        return fail(db, error, error_size, "begin");
    char* recreate = NULL;
    if (drop_plain_indexes(db, &recreate, error, error_size)) return 1;
    for (int k = 0; k < table_count; ++k)
        if (insert_table(db, &tables[k], error, error_size)) {
            sqlite3_free(recreate);
            return 1;
        }
    const int rebuilt = recreate ? sqlite3_exec(db, recreate, NULL, NULL, NULL) : SQLITE_OK;
    sqlite3_free(recreate);
    if (rebuilt != SQLITE_OK) return fail(db, error, error_size, "building the indexes");
    if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) return fail(db, error, error_size, "commit");
    if (sqlite3_close(db) != SQLITE_OK) return fail(NULL, error, error_size, "close");
    return 0;
}
