import CSQLite

extension Connection {
    /// Replaces the content of `destination`'s main database with this connection's main
    /// database, page by page, with SQLite's online backup API, in one step: the destination
    /// changes in one write transaction that commits at the end (a failure rolls it back and
    /// leaves the destination as it was), and the source is read in one read transaction, so
    /// the copy is one consistent state even while other connections write to the source file.
    ///
    /// Neither connection may be inside a transaction. Page sizes: an empty in-memory
    /// destination takes the source's; a destination that has content (or is in WAL mode) must
    /// already have the source's page size, else SQLite refuses with SQLITE_READONLY, checked
    /// here first to give a clear error.
    func copyMainDatabase(to destination: Connection) throws {
        let source = try requireHandle()
        let target = try destination.requireHandle()
        guard !isInTransaction, !destination.isInTransaction else {
            throw SQLiteError(extendedCode: SQLiteError.misuse, message: "a database copy cannot start inside a transaction")
        }
        let sourcePageSize = try pageSize()
        let targetPageSize = try destination.pageSize()
        if sourcePageSize != targetPageSize, try destination.pageCount() > 0 || !Self.isInMemory(path: destination.path) {
            throw SQLiteError(extendedCode: SQLiteError.readOnly,
                              message: "cannot copy a database of \(sourcePageSize)-byte pages over one of \(targetPageSize)-byte pages")
        }
        guard let backup = sqlite3_backup_init(target, "main", source, "main") else {
            throw SQLiteError.from(database: target, resultCode: sqlite3_errcode(target), sql: nil)
        }
        // -1: every page in one step, so the destination is never seen half copied and the
        // source is read from one snapshot. SQLITE_BUSY means the destination's lock was held
        // past its busy timeout (another process writing the file); SQLITE_LOCKED that the
        // source was being written through this process's own connection. Neither can happen
        // while both connections are held exclusively, as Database does; either is reported,
        // with the destination unchanged (finish rolls the unfinished copy back).
        let stepped = sqlite3_backup_step(backup, -1)
        let finished = sqlite3_backup_finish(backup)
        // The destination's cached statements stay: the copy bumped its schema cookie, so
        // each re-prepares itself (sqlite3_prepare_v3) on its next use.
        guard stepped == SQLITE_DONE else {
            throw SQLiteError.from(database: target, resultCode: stepped == SQLITE_OK ? finished : stepped, sql: nil)
        }
        guard finished == SQLITE_OK else { throw SQLiteError.from(database: target, resultCode: finished, sql: nil) }
    }

    /// Copies what the WAL holds into the database file as far as readers allow, without
    /// waiting for them (SQLITE_CHECKPOINT_PASSIVE), as SQLite's automatic checkpoint does.
    /// Best effort: a checkpoint that cannot finish leaves a longer WAL, never wrong data.
    func checkpointPassively() {
        guard let handle else { return }
        _ = sqlite3_wal_checkpoint_v2(handle, "main", SQLITE_CHECKPOINT_PASSIVE, nil, nil)
    }

    /// `PRAGMA wal_autocheckpoint`: the WAL size, in pages, at which a COMMIT checkpoints.
    func autocheckpointPages() throws -> Int {
        guard case .integer(let pages) = try scalar("PRAGMA wal_autocheckpoint") else { return 0 }
        return Int(pages)
    }

    func pageSize() throws -> Int {
        guard case .integer(let size) = try scalar("PRAGMA main.page_size") else { return 0 }
        return Int(size)
    }

    func pageCount() throws -> Int {
        guard case .integer(let count) = try scalar("PRAGMA main.page_count") else { return 0 }
        return Int(count)
    }
}
