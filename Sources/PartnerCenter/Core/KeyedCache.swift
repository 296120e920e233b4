import SQLite

/// Values derived from the database by the read path, each kept until a write changes a row
/// it was derived from (the cache's `CacheKey` maps changed rows to keys and tags; writes to
/// other rows and tables leave it alone).
///
/// Freshness: a write's invalidation runs inside its transaction just before COMMIT
/// (ChangeObserver.willCommit), and a value is stored only if no such write began since the
/// reader that computed it noted the epoch, before its read transaction started
/// (ChangeEpoch.admits, checked under the same lock as the removals). So after a commit no
/// entry older than it remains, and none can be added.
final class KeyedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct State {
        var values: [Key: Value] = [:]
        /// Keys stored with each tag, to drop them together; may name keys already dropped.
        var keysByTag: [String: [Key]] = [:]
    }
    private let state = ReadWriteLock(State())
    private let declaration: ReadCaches.CacheKey<Key, Value>
    private let epoch: ChangeEpoch

    init(_ declaration: ReadCaches.CacheKey<Key, Value>, epoch: ChangeEpoch) {
        self.declaration = declaration
        self.epoch = epoch
    }

    func value(_ key: Key) -> Value? {
        state.read { $0.values[key] }
    }

    /// The cached values of `keys`, in order, under one lock (a request looks up up to 100).
    func values(_ keys: [Key]) -> [Value?] {
        state.read { state in keys.map { state.values[$0] } }
    }

    /// One value to store, with the tags that drop it (see CacheInvalidation).
    struct Entry {
        let key: Key
        let value: Value
        var tags: [String] = []
    }

    /// Stores values a reader computed after noting `epoch`; nothing when a watched write
    /// began since (or `noted` is nil: inside a write, where the data is not committed).
    func store(_ entries: [Entry], noted: UInt64?) {
        guard let noted, !entries.isEmpty else { return }
        state.write { state in
            guard epoch.admits(noted) else { return }
            if state.values.count + entries.count > declaration.limit {
                state = State()
            }
            for entry in entries {
                let key = entry.key
                state.values[key] = entry.value
                for tag in entry.tags {
                    // Lists are short (the few ids of one tenant): a linear check keeps them free of repeats.
                    if state.keysByTag[tag]?.contains(key) != true { state.keysByTag[tag, default: []].append(key) }
                }
            }
        }
    }

    func store(_ value: Value, for key: Key, noted: UInt64?) {
        store([Entry(key: key, value: value)], noted: noted)
    }

    /// The cached value, or `compute()` stored under `noted`.
    func value(_ key: Key, noted: UInt64?, compute: () throws -> Value) rethrows -> Value {
        if noted != nil, let cached = value(key) { return cached }
        let fresh = try compute()
        store(fresh, for: key, noted: noted)
        return fresh
    }
}

extension KeyedCache: InvalidatedByChanges {
    func invalidate(_ changes: [RowChange]) {
        var keys: [Key] = []
        var tags: [String] = []
        for change in changes {
            let invalidation = declaration.invalidation(change)
            if invalidation.everything {
                removeAll()
                return
            }
            keys += invalidation.keys
            tags += invalidation.tags
        }
        guard !keys.isEmpty || !tags.isEmpty else { return }
        state.write { state in
            for key in keys { state.values[key] = nil }
            for tag in tags {
                guard let tagged = state.keysByTag.removeValue(forKey: tag) else { continue }
                for key in tagged { state.values[key] = nil }
            }
        }
    }

    func removeAll() {
        state.write { $0 = State() }
    }
}

/// A cache the read caches drop entries of when watched rows change.
protocol InvalidatedByChanges: Sendable {
    func invalidate(_ changes: [RowChange])
    func removeAll()
}
