import SQLite

/// SIM-2: a change that happens as the simulated clock passes a stored time (an enrollment's
/// verification, a term's end, a transfer's expiry). Each capability implements its own; the
/// app lists them once (`PartnerCenterApp.transitions`), in the order they are applied.
protocol TimeBasedTransition: SendableMetatype {
    /// A query returning a row when something is due at `?1` (the current time as text): the
    /// once-a-second ticker asks it on a reader and takes the write lock only when one answers.
    static var dueQuery: String { get }
    /// Applies everything due at `context.now`, each change recorded at the moment it fell due.
    static func apply(_ context: OperationContext, _ db: Connection) throws
}

/// The registered transitions, applied in order at the start of every write, when the clock
/// moves and by the ticker.
struct TransitionSchedule: Sendable {
    let transitions: [any TimeBasedTransition.Type]

    func apply(_ context: OperationContext, _ db: Connection) throws {
        for transition in transitions { try transition.apply(context, db) }
    }

    /// Whether any transition is due at `nowText`.
    func anythingDue(_ db: Connection, nowText: String) throws -> Bool {
        guard !transitions.isEmpty else { return false }
        return try db.queryOne(dueQuery, [nowText]) != nil
    }

    /// One statement asking every transition at once (the ticker runs it every second).
    private var dueQuery: String {
        var queries: [String] = []
        for transition in transitions { queries.append(transition.dueQuery) }
        return queries.joined(separator: "\nUNION ALL\n") + "\nLIMIT 1"
    }
}
