import Synchronization

/// Values derived from the database, kept until the next write. Callers tag each lookup with
/// the database generation they read before their read transaction began, so an entry is
/// never older than the snapshot that produced it; any write empties the cache.
final class GenerationCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct State {
        var generation: UInt64 = 0
        var values: [Key: Value] = [:]
    }
    private let state = Mutex(State())
    private let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    func value(_ key: Key, generation: UInt64) -> Value? {
        state.withLock { state in
            guard state.generation == generation else { return nil }
            return state.values[key]
        }
    }

    func store(_ value: Value, for key: Key, generation: UInt64) {
        state.withLock { state in
            if generation > state.generation { state = State(generation: generation) }
            guard generation == state.generation else { return }   // a newer write has been seen
            if state.values.count >= limit { state.values.removeAll(keepingCapacity: true) }
            state.values[key] = value
        }
    }

    /// The cached value, or `compute()` stored under `generation`; no caching without one
    /// (inside a write transaction the data is in flux).
    func value(_ key: Key, generation: UInt64?, compute: () throws -> Value) rethrows -> Value {
        guard let generation else { return try compute() }
        if let cached = value(key, generation: generation) { return cached }
        let fresh = try compute()
        store(fresh, for: key, generation: generation)
        return fresh
    }
}
