/// A journal entry behind one reference, with its cost worked out once: the ring's lock is
/// then held only to swap pointers. Storing the entry's value itself meant copying and
/// destroying a dozen references under the lock, and request threads queued on it (a fifth of
/// a one-id validation's CPU went to the lock and the entries it copied).
final class JournalRecord: Sendable {
    let entry: JournalEntry
    /// `entry.cost`, charged against the journal's byte budget.
    let cost: Int

    init(_ entry: JournalEntry) {
        self.entry = entry
        cost = entry.cost
    }
}
