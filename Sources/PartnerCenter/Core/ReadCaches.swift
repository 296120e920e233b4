import Synchronization

/// Values the read path derives from the database, kept until the next write (see
/// GenerationCache): one set per simulator instance, shared by every operation. Each
/// capability declares its own cache (an extension with a `CacheKey`), so this kernel type
/// knows none of them.
final class ReadCaches: Sendable {
    /// Names one cache: its key and value types and how many entries it keeps.
    struct CacheKey<Key: Hashable & Sendable, Value: Sendable>: Sendable {
        let name: String
        let limit: Int
    }

    private let caches = Mutex<[String: any Sendable]>([:])

    /// The cache `key` names, created on first use.
    func cache<Key, Value>(_ key: CacheKey<Key, Value>) -> GenerationCache<Key, Value> {
        caches.withLock { caches in
            if let existing = caches[key.name] as? GenerationCache<Key, Value> { return existing }
            let created = GenerationCache<Key, Value>(limit: key.limit)
            caches[key.name] = created
            return created
        }
    }
}
