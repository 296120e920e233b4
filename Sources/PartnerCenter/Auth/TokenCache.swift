/// Verified tokens by their text (TokenKey), bounded by the bytes they hold rather than by
/// their number (a count limit let 10,000 large tokens take hundreds of MB). Full means the oldest
/// insertions go first, one at a time, until the new entry fits: a hot client's token stays
/// unless thousands of newer ones pushed it out, and the cache never empties at once.
///
/// Not thread-safe by itself: TokenService keeps it behind a readers-writer lock.
struct TokenCache {
    struct Entry {
        let principal: Principal
        let expiresAt: Double
    }

    /// What an entry costs besides its strings: the principal's fixed part, the dictionary
    /// slot and the queue slot.
    static let entryOverhead = 256

    let byteLimit: Int
    private var entries: [TokenKey: Entry] = [:]
    /// Keys in insertion order; `head` is the oldest still live (dropped ones are compacted away).
    private var order: [TokenKey] = []
    private var head = 0
    private(set) var bytes = 0

    init(byteLimit: Int) {
        self.byteLimit = byteLimit
    }

    var count: Int { entries.count }

    /// The entry of the token `token` spells, looked up without copying it.
    func entry(_ token: Substring) -> Entry? { entries[TokenKey(token)] }

    func entry(_ token: String) -> Entry? { entry(Substring(token)) }

    /// The token text and the principal's strings (a token's oid can be most of its size).
    static func cost(_ token: String, _ entry: Entry) -> Int {
        cost(utf8Count: token.utf8.count, entry)
    }

    private static func cost(utf8Count: Int, _ entry: Entry) -> Int {
        utf8Count + entry.principal.objectId.utf8.count + entry.principal.tenantId.utf8.count + entryOverhead
    }

    mutating func insert(_ token: String, _ entry: Entry) {
        let token = TokenKey(owning: token)
        // Two threads may verify the same token at once: keep one copy, charged once.
        guard entries[token] == nil else { return }
        let cost = Self.cost(utf8Count: token.text.utf8.count, entry)
        guard cost <= byteLimit else { return }
        while bytes + cost > byteLimit, head < order.count {
            let oldest = order[head]
            head += 1
            if let removed = entries.removeValue(forKey: oldest) { bytes -= Self.cost(utf8Count: oldest.text.utf8.count, removed) }
        }
        // Reclaim the queue's dead prefix once it is the larger part.
        if head > 1024 && head * 2 > order.count {
            order.removeFirst(head)
            head = 0
        }
        entries[token] = entry
        order.append(token)
        bytes += cost
    }
}
