import CSQLite

/// How a top-level transaction takes its locks.
public enum TransactionKind: Sendable {
    /// Locks on first use; right for reads, which then see one snapshot throughout.
    case deferred
    /// Takes the write lock at BEGIN, so a writer never fails half-way with SQLITE_BUSY
    /// when upgrading from a read lock.
    case immediate
}

extension Connection {
    /// True while a transaction is open on this connection.
    public var isInTransaction: Bool {
        guard let handle else { return false }
        return sqlite3_get_autocommit(handle) == 0
    }

    /// Runs `body` in a transaction: COMMIT when it returns, ROLLBACK when anything throws, and the
    /// thrown error is rethrown unchanged. Inside an open transaction this nests as a SAVEPOINT
    /// (`kind` is then irrelevant), so a failing inner block undoes only its own work.
    public func transaction<T>(_ kind: TransactionKind = .immediate, _ body: () throws -> T) throws -> T {
        try transaction(kind, beforeCommit: {}, body)
    }

    /// `transaction`, with `beforeCommit` run after `body` returned and before COMMIT (inside
    /// the transaction; what it throws rolls back like `body`'s errors). Ignored when nested.
    func transaction<T>(_ kind: TransactionKind, beforeCommit: () throws -> Void, _ body: () throws -> T) throws -> T {
        if isInTransaction { return try savepoint(body) }
        switch kind {
        case .deferred: try run("BEGIN DEFERRED TRANSACTION")
        case .immediate: try run("BEGIN IMMEDIATE TRANSACTION")
        }
        let result: T
        do {
            result = try body()
            try beforeCommit()
        } catch {
            rollbackQuietly()
            throw error
        }
        do {
            try run("COMMIT TRANSACTION")
        } catch {
            // A failed COMMIT (e.g. a deferred foreign key) can leave the transaction open.
            rollbackQuietly()
            throw error
        }
        return result
    }

    private func savepoint<T>(_ body: () throws -> T) throws -> T {
        savepointDepth += 1
        defer { savepointDepth -= 1 }
        let name = "pcsim_savepoint_\(savepointDepth)"
        try run("SAVEPOINT \(name)")
        let result: T
        do {
            result = try body()
        } catch {
            // Some errors make SQLite roll back the whole transaction itself; then there is no
            // savepoint left to undo and the outer transaction will see the failure.
            if isInTransaction {
                try? run("ROLLBACK TO SAVEPOINT \(name)")
                try? run("RELEASE SAVEPOINT \(name)")
            }
            throw error
        }
        try run("RELEASE SAVEPOINT \(name)")
        return result
    }

    private func rollbackQuietly() {
        // Errors like SQLITE_FULL roll back automatically; ROLLBACK would then fail for nothing.
        guard isInTransaction else { return }
        try? run("ROLLBACK TRANSACTION")
    }
}
