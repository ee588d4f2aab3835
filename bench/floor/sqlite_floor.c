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

int floor_load(const char* path, const floor_table* tables, int table_count, char* error, int error_size) {
    sqlite3* db = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) return fail(db, error, error_size, path);
    if (sqlite3_exec(db, "PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536; PRAGMA journal_mode = WAL; BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        return fail(db, error, error_size, "begin");
    for (int k = 0; k < table_count; ++k)
        if (insert_table(db, &tables[k], error, error_size)) return 1;
    if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) return fail(db, error, error_size, "commit");
    if (sqlite3_close(db) != SQLITE_OK) return fail(NULL, error, error_size, "close");
    return 0;
}
