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
    private let caches: [String: any InvalidatedByChanges]
    /// Every table a cache derives from, with the union of the key columns they need.
    let watchedTables: [WatchedTable]

    /// A write that changed more rows than this (a world reset or seed) empties every cache
    /// instead of mapping each row.
    static let wholesaleChanges = 5_000

    init(_ declarations: [Declaration]) {
        var caches: [String: any InvalidatedByChanges] = [:]
        var columns: [String: [String]] = [:]
        var order: [String] = []
        for declaration in declarations {
            precondition(caches[declaration.name] == nil, "two read caches named \(declaration.name)")
            caches[declaration.name] = declaration.make(epoch)
            for watch in declaration.watches {
                if columns[watch.table] == nil { order.append(watch.table) }
                for column in watch.keyColumns where columns[watch.table]?.contains(column) != true {
                    columns[watch.table, default: []].append(column)
                }
            }
        }
        self.caches = caches
        watchedTables = order.map { WatchedTable($0, keyColumns: columns[$0] ?? []) }
    }

    /// The cache `key` declares; it must be among the declarations the instance was built with.
    func cache<Key, Value>(_ key: CacheKey<Key, Value>) -> KeyedCache<Key, Value> {
        guard let cache = caches[key.name] as? KeyedCache<Key, Value> else {
            preconditionFailure("the read cache \(key.name) is not declared in PartnerCenterApp.readCaches")
        }
        return cache
    }

}

extension ReadCaches: ChangeObserver {
    func willCommit(_ changes: [RowChange]) {
        epoch.writeWillCommit()
        if changes.count > Self.wholesaleChanges {
            for cache in caches.values { cache.removeAll() }
            return
        }
        for cache in caches.values { cache.invalidate(changes) }
    }

    func didEnd() {
        epoch.writeEnded()
    }
}
