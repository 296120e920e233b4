/// The journal's entries, oldest dropped first when either bound is reached: `capacity`
/// entries or `byteBudget` bytes (JournalEntry.cost). A ring of slots, so recording neither
/// shifts nor reallocates once it is full. Not thread-safe by itself: RequestJournal keeps it
/// behind a lock.
struct JournalRing {
    private struct Slot {
        let entry: JournalEntry
        let cost: Int
    }

    let capacity: Int
    let byteBudget: Int
    /// Grows to `capacity`, then stays: slot `(start + i) % slots.count` is the i-th oldest.
    /// While it grows, the entries are `slots[start...]` (appending keeps that true).
    private var slots: [Slot?] = []
    private var start = 0
    private(set) var count = 0
    private(set) var bytes = 0
    private var nextSequence = 1

    init(capacity: Int, byteBudget: Int) {
        self.capacity = capacity
        self.byteBudget = byteBudget
    }

    /// Stores `entry` under the next sequence number, first dropping the oldest entries it
    /// needs room from (an entry larger than the whole budget is kept alone).
    mutating func append(_ entry: JournalEntry, cost: Int) {
        guard capacity > 0 else { return }
        while count > 0 && (count == capacity || bytes + cost > byteBudget) {
            dropOldest()
        }
        var numbered = entry
        numbered.sequence = nextSequence
        nextSequence += 1
        let slot = Slot(entry: numbered, cost: cost)
        if slots.count < capacity {
            // Growing: the entries run from `start` to the end, so the new one goes last.
            slots.append(slot)
        } else {
            slots[(start + count) % slots.count] = slot
        }
        count += 1
        bytes += cost
    }

    private mutating func dropOldest() {
        bytes -= slots[start]?.cost ?? 0
        slots[start] = nil
        count -= 1
        if count == 0 && slots.count < capacity {
            // Still growing: start again at the front rather than leave empty slots behind.
            slots.removeAll(keepingCapacity: true)
            start = 0
        } else {
            start = (start + 1) % slots.count
        }
    }

    /// The i-th newest entry (0 is the newest).
    private func newest(_ index: Int) -> JournalEntry? {
        slots[(start + count - 1 - index) % slots.count]?.entry
    }

    /// How many entries match, and the first `limit` of them, newest first.
    func matching(_ filter: JournalFilter, limit: Int) -> (total: Int, items: [JournalEntry]) {
        var total = 0
        var items: [JournalEntry] = []
        items.reserveCapacity(min(limit, count))
        for index in 0..<count {
            guard let entry = newest(index), filter.matches(entry) else { continue }
            total += 1
            if items.count < limit { items.append(entry) }
        }
        return (total, items)
    }

    func count(matching filter: JournalFilter) -> Int {
        (0..<count).reduce(0) { total, index in
            guard let entry = newest(index), filter.matches(entry) else { return total }
            return total + 1
        }
    }

    /// Drops every entry; sequence numbers go on from where they were.
    mutating func removeAll() -> Int {
        let removed = count
        slots.removeAll()
        start = 0
        count = 0
        bytes = 0
        return removed
    }
}
