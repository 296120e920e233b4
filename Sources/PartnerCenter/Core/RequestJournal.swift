import Dispatch
import Foundation
import Synchronization

/// The request journal (`/_sim/requests`, WireMock's `/__admin/requests`): every request the app
/// answered except the control plane's, newest first, kept in memory within two bounds
/// (entries and bytes). Not part of the world: reset, seed and snapshot restore leave it
/// alone; only `clear()` empties it.
///
/// Recording runs on every request, so it copies no body and encodes nothing: an entry shares
/// the request's strings and arrays, and the one lock is held only to put it in its slot.
public final class RequestJournal: Sendable {
    /// Most entries kept; 0 records nothing.
    public let capacity: Int
    /// Most bytes the entries may hold together (JournalEntry.cost).
    public let byteBudget: Int
    private let ring: Mutex<JournalRing>

    /// Request bodies are kept up to this many bytes (`bodyTruncated` says when one was cut).
    public static let bodyLimit = 64 * 1024
    /// 10,000 typical API requests (~1 KB each) fit several times over; 500 bodies at the
    /// 64 KiB limit fill it.
    public static let defaultByteBudget = 32 * 1024 * 1024

    public init(capacity: Int, byteBudget: Int = RequestJournal.defaultByteBudget) {
        self.capacity = max(0, capacity)
        self.byteBudget = max(0, byteBudget)
        ring = Mutex(JournalRing(capacity: self.capacity, byteBudget: self.byteBudget))
    }

    /// When a request's handling began: taken first thing, so its duration and time cover all of it.
    public struct Start: Sendable {
        let uptimeNanoseconds: UInt64
        /// The simulated clock, whole milliseconds since 1970.
        let milliseconds: Int64
    }

    public func start(_ clock: SimClock) -> Start {
        // Off (capacity 0) reads no clock: nothing will be recorded.
        guard capacity > 0 else { return Start(uptimeNanoseconds: 0, milliseconds: 0) }
        return Start(uptimeNanoseconds: DispatchTime.now().uptimeNanoseconds, milliseconds: Timestamp.wholeMilliseconds(clock.now))
    }

    /// Stores `record` (JournalRecording builds it from a request and its response).
    func append(_ record: JournalRecord) {
        guard capacity > 0 else { return }
        let dropped = ring.withLock { $0.append(record) }
        // The entries that made room are freed here, after the lock: freeing a request's
        // strings and arrays is the slow part of dropping one.
        withExtendedLifetime(dropped) {}
    }

    /// How many entries match `filter`, and the newest `limit` of them with their sequence
    /// numbers. The filter runs under the lock (a few comparisons an entry); what it returns
    /// is references to the entries.
    func entries(matching filter: JournalFilter, limit: Int) -> (total: Int, items: [(sequence: Int, entry: JournalEntry)]) {
        let found = ring.withLock { $0.matching(filter, limit: limit) }
        return (found.total, found.items.map { ($0.sequence, $0.record.entry) })
    }

    func count(matching filter: JournalFilter) -> Int {
        ring.withLock { $0.count(matching: filter) }
    }

    /// Empties the journal and answers how many entries it held.
    func clear() -> Int {
        let removed = ring.withLock { $0.removeAll() }
        return removed.count   // the entries themselves are freed now, outside the lock
    }

    /// Entries and bytes held now (tests).
    var usage: (count: Int, bytes: Int) {
        ring.withLock { ($0.count, $0.bytes) }
    }
}
