/// The journal's entries, oldest dropped first when either bound is reached: `capacity`
/// entries or `byteBudget` bytes (JournalRecord.cost). A ring of slots, so recording neither
/// shifts nor reallocates once it is full. Not thread-safe by itself: RequestJournal keeps it
/// behind a lock, and releases what `append` dropped after unlocking.
struct JournalRing {
    /// A sequence number and a reference: what the lock's holder copies.
    struct Slot {
        let sequence: Int
        let record: JournalRecord
    }

    /// The records `append` dropped, handed back so their memory is freed outside the lock.
    struct Dropped {
        var first: JournalRecord?
        /// A budget full of small entries can drop several for one large one.
        var more: [JournalRecord] = []

        mutating func add(_ record: JournalRecord?) {
            guard let record else { return }
            if first == nil { first = record } else { more.append(record) }
        }

        var count: Int { (first == nil ? 0 : 1) + more.count }
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

    /// Stores `record` under the next sequence number, first dropping the oldest entries it
    /// needs room from (a record larger than the whole budget is kept alone).
    mutating func append(_ record: JournalRecord) -> Dropped {
        var dropped = Dropped()
        guard capacity > 0 else { return dropped }
        while count > 0 && (count == capacity || bytes + record.cost > byteBudget) {
            dropped.add(dropOldest())
        }
        let slot = Slot(sequence: nextSequence, record: record)
        nextSequence += 1
        if slots.count < capacity {
            // Growing: the entries run from `start` to the end, so the new one goes last.
            slots.append(slot)
        } else {
            slots[(start + count) % slots.count] = slot
        }
        count += 1
        bytes += record.cost
        return dropped
    }

    private mutating func dropOldest() -> JournalRecord? {
        let oldest = slots[start]?.record
        slots[start] = nil
        bytes -= oldest?.cost ?? 0
        count -= 1
        if count == 0 && slots.count < capacity {
            // Still growing: start again at the front rather than leave empty slots behind.
            slots.removeAll(keepingCapacity: true)
            start = 0
        } else {
            start = (start + 1) % slots.count
        }
        return oldest
    }

    /// The i-th newest slot (0 is the newest).
    private func newest(_ index: Int) -> Slot? {
        slots[(start + count - 1 - index) % slots.count]
    }

    /// How many entries match, and the first `limit` of them, newest first.
    func matching(_ filter: JournalFilter, limit: Int) -> (total: Int, items: [Slot]) {
        var total = 0
        var items: [Slot] = []
        items.reserveCapacity(min(limit, count))
        for index in 0..<count {
            guard let slot = newest(index), filter.matches(slot.record.entry) else { continue }
            total += 1
            if items.count < limit { items.append(slot) }
        }
        return (total, items)
    }

    func count(matching filter: JournalFilter) -> Int {
        (0..<count).reduce(0) { total, index in
            guard let slot = newest(index), filter.matches(slot.record.entry) else { return total }
            return total + 1
        }
    }

    /// Drops every entry (handed back, to be freed outside the lock); sequence numbers go on
    /// from where they were.
    mutating func removeAll() -> (count: Int, slots: [Slot?]) {
        let removed = (count, slots)
        slots = []
        start = 0
        count = 0
        bytes = 0
        return removed
    }
}
