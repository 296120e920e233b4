#ifndef PCSIM_CSQLITE_SHIM_H
#define PCSIM_CSQLITE_SHIM_H
#include <sqlite3.h>

// Swift cannot call C variadic functions, and SQLITE_TRANSIENT is a macro cast Swift
// cannot import; these wrappers expose what the SQLite module needs.
static inline int pcsim_sqlite3_config_multithread(void) {
    return sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
}
// Memory statistics make every sqlite3_malloc/free take a global mutex (and this SQLite build
// has no lookaside allocator, so that is every allocation); pcsim never reads the statistics.
// Only effective before SQLite initializes (before the first open).
static inline int pcsim_sqlite3_config_memstatus(int on) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, on);
}
static inline int pcsim_sqlite3_bind_text_transient(sqlite3_stmt *stmt, int index, const char *text, int length) {
    return sqlite3_bind_text(stmt, index, text, length, SQLITE_TRANSIENT);
}
static inline int pcsim_sqlite3_bind_blob_transient(sqlite3_stmt *stmt, int index, const void *bytes, int length) {
    return sqlite3_bind_blob(stmt, index, bytes, length, SQLITE_TRANSIENT);
}
static inline int pcsim_sqlite3_db_config_defensive(sqlite3 *db, int on) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, on, (int *)0);
}
#endif
