extension Database {
    /// The whole database as it is now, copied into memory (see DatabaseCopy).
    public func snapshot() throws -> DatabaseCopy {
        try snapshot(capturing: {}).copy
    }

    /// The whole database as it is now, copied into memory with SQLite's backup API while the
    /// writer is held, so no write runs during the copy; `capture` runs right after the copy,
    /// still holding the writer, to record state kept outside the database that writes change
    /// (it then matches the copy exactly).
    ///
    /// Readers are not stopped: on a file in WAL mode the copy reads its own snapshot.
    public func snapshot<T>(capturing capture: () throws -> T) throws -> (copy: DatabaseCopy, captured: T) {
        try writer.withConnection { live in
            let copy = try DatabaseCopy(copying: live)
            return (copy, try capture())
        }
    }

    /// Replaces the whole database with `copy`'s content, in one write transaction: readers
    /// (WAL) keep the snapshot they are in, and every read transaction that starts later sees
    /// the restored content, so no reader ever sees part of each. Holds the writer throughout.
    ///
    /// - `prepare` runs first, inside a transaction on the copy, given the current database
    ///   (for reading: it is not in a transaction) and the copy, to carry over what must
    ///   outlive the restore; what it changes stays changed in the copy.
    /// - With a watch installed, the observer hears `willReplaceAll` before the copy and
    ///   `didEnd` after `published`, which runs once the restored content is committed, still
    ///   holding the writer, to update state kept outside the database before any other
    ///   write can run.
    ///
    /// The watch's temporary triggers live in the writer's TEMP schema, which the copy does not
    /// touch: they keep firing on the restored tables. A failed copy changes nothing (the
    /// observer still hears `didEnd`, and `published` does not run).
    public func restore(from copy: DatabaseCopy, preparing prepare: (_ current: Connection, _ copy: Connection) throws -> Void = { _, _ in },
                        published: () -> Void = {}) throws {
        defer { writes.add(1, ordering: .sequentiallyConsistent) }
        try writer.withConnection { live in
            let pagesWritten = try copy.withConnection { memory -> Int in
                try memory.transaction(.immediate) { try prepare(live, memory) }
                let observer = live.changeCollector?.observer
                observer?.willReplaceAll()
                defer { observer?.didEnd() }
                try memory.copyMainDatabase(to: live)
                published()
                return (try? memory.pageCount()) ?? 0
            }
            checkpointAfterRestore(live, pagesWritten: pagesWritten)
        }
    }

    /// A restore writes every page to the WAL, but SQLite checkpoints automatically only after
    /// an ordinary COMMIT, not after a backup's: restores with no write between them grew the
    /// WAL by the whole database each time. So restores count the pages they wrote and
    /// checkpoint once that reaches the automatic checkpoint's threshold
    /// (`PRAGMA wal_autocheckpoint`, 1,000 pages by default), as SQLite would have. Not after
    /// every restore: the checkpoint's two fsyncs cost 20 times the copy of a small database.
    private func checkpointAfterRestore(_ live: Connection, pagesWritten: Int) {
        guard readers != nil else { return }   // in memory: no WAL
        let threshold = (try? live.autocheckpointPages()) ?? 1000
        let pending = restoredPages.add(pagesWritten, ordering: .relaxed).newValue
        guard threshold > 0, pending >= threshold else { return }
        restoredPages.store(0, ordering: .relaxed)
        live.checkpointPassively()
    }
}
