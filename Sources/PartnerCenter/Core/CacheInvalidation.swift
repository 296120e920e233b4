/// What one changed row makes a cache drop: entries by key, entries by tag (every entry whose
/// value carries the tag, e.g. the tenant a facts entry belongs to), or everything.
struct CacheInvalidation<Key: Hashable & Sendable>: Sendable {
    var keys: [Key] = []
    var tags: [String] = []
    var everything = false

    static var none: CacheInvalidation { CacheInvalidation() }
    static var all: CacheInvalidation { CacheInvalidation(everything: true) }
}
