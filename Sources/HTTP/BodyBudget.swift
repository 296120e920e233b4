import Synchronization

/// The server-wide budget for request bodies in flight (`maxInFlightBodyBytes`).
///
/// Reservations are exact and explicit: a request reserves its declared Content-Length when its
/// head completes, or each chunk's size as the chunk header arrives; the connection releases
/// the reservation when the request's handler has finished or the connection closes. A
/// reservation that would take the total over the limit is refused (the request gets 503).
final class BodyBudget: Sendable {
    let limit: Int
    private let used = Atomic<Int>(0)

    init(limit: Int) {
        self.limit = max(0, limit)
    }

    /// Bytes currently reserved across all connections.
    var reserved: Int {
        used.load(ordering: .relaxed)
    }

    func reserve(_ bytes: Int) -> Bool {
        guard bytes > 0 else { return true }
        var current = used.load(ordering: .relaxed)
        while true {
            guard bytes <= limit - current else { return false }
            let (exchanged, original) = used.compareExchange(
                expected: current, desired: current + bytes, ordering: .relaxed)
            if exchanged { return true }
            current = original
        }
    }

    func release(_ bytes: Int) {
        guard bytes > 0 else { return }
        used.subtract(bytes, ordering: .relaxed)
    }
}
