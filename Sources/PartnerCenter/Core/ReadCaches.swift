import SQLite

/// Values the read path derives from the database, one set per simulator instance, shared by
/// every operation. Each capability declares its caches (a `CacheKey`: the tables it derives
/// from and what a changed row of them invalidates), the app lists them, and the database
/// reports every change of those tables' rows (Database.watch, this is the observer), so a
/// write drops exactly the entries it made stale and nothing else.
final class ReadCaches: Sendable {
    /// Names one cache: its key and value types, how many entries it keeps, which tables (and
    /// key columns) it is derived from, and what a changed row of them invalidates.
    struct CacheKey<Key: Hashable & Sendable, Value: Sendable>: Sendable {
        let name: String
        let limit: Int
        let watches: [WatchedTable]
        let invalidation: @Sendable (RowChange) -> CacheInvalidation<Key>

        init(name: String, limit: Int, watches: [WatchedTable],
             invalidation: @escaping @Sendable (RowChange) -> CacheInvalidation<Key>) {
            self.name = name
            self.limit = limit
            self.watches = watches
            self.invalidation = invalidation
        }
    }

    /// A cache declaration with its types erased, so the app can list them all.
    struct Declaration: Sendable {
        let name: String
        let watches: [WatchedTable]
        let make: @Sendable (ChangeEpoch) -> any InvalidatedByChanges

        init<Key, Value>(_ key: CacheKey<Key, Value>) {
            name = key.name
            watches = key.watches
            make = { epoch in KeyedCache(key, epoch: epoch) }
        }
    }

    let epoch = ChangeEpoch()
    private let declarations: [String: Declaration]
    /// Caches are made on first use, as the app asks for them: making one instantiates its
    /// generic types, which costs the runtime's type lookups, and startup has a budget.
    private let made = ReadWriteLock<[String: any InvalidatedByChanges]>([:])
    /// Every table a cache derives from, with the union of the key columns they need.
    let watchedTables: [WatchedTable]

    /// A write that changed more rows than this (a world reset or seed) empties every cache
    /// instead of mapping each row.
    static let wholesaleChanges = 5_000

    init(_ declarations: [Declaration]) {
        var byName: [String: Declaration] = [:]
        var columns: [String: [String]] = [:]
        var order: [String] = []
        for declaration in declarations {
            precondition(byName[declaration.name] == nil, "two read caches named \(declaration.name)")
            byName[declaration.name] = declaration
            for watch in declaration.watches {
                if columns[watch.table] == nil { order.append(watch.table) }
                for column in watch.keyColumns where columns[watch.table]?.contains(column) != true {
                    columns[watch.table, default: []].append(column)
                }
            }
        }
        self.declarations = byName
        watchedTables = order.map { WatchedTable($0, keyColumns: columns[$0] ?? []) }
    }

    /// The cache `key` declares; it must be among the declarations the instance was built with.
    func cache<Key, Value>(_ key: CacheKey<Key, Value>) -> KeyedCache<Key, Value> {
        if let existing = made.read({ $0[key.name] }) as? KeyedCache<Key, Value> { return existing }
        let cache = made.write { made -> (any InvalidatedByChanges)? in
            if let existing = made[key.name] { return existing }
            guard let declaration = declarations[key.name] else { return nil }
            // Made empty: a write announced meanwhile had nothing in it to drop, and a value
            // stored later is checked against the epoch like any other.
            let fresh = declaration.make(epoch)
            made[key.name] = fresh
            return fresh
        }
        guard let cache = cache as? KeyedCache<Key, Value> else {
            preconditionFailure("the read cache \(key.name) is not declared in PartnerCenterApp.readCaches")
        }
        return cache
    }

    private var madeCaches: [any InvalidatedByChanges] { made.read { Array($0.values) } }
}

extension ReadCaches: ChangeObserver {
    func willCommit(_ changes: [RowChange]) {
        epoch.writeWillCommit()
        let caches = madeCaches
        if changes.count > Self.wholesaleChanges {
            for cache in caches { cache.removeAll() }
            return
        }
        for cache in caches { cache.invalidate(changes) }
    }

    /// A restore (SIM-3) replaces every row at once: everything goes, and the odd epoch keeps
    /// a reader whose snapshot predates the restore from storing a value until it is over.
    func willReplaceAll() {
        epoch.writeWillCommit()
        for cache in madeCaches { cache.removeAll() }
    }

    func didEnd() {
        epoch.writeEnded()
    }
}
