import HTTP

/// What a fault rule does to a request it fires on: answer it with an error status, drop the
/// connection, delay the answer, or a delay with either of the other two.
struct FaultEffect: Sendable, Equatable {
    /// Where a dropped connection happens relative to the request's own work.
    enum Drop: String, Sendable, CaseIterable {
        /// The handler never runs: nothing changed, and the client sees the connection close.
        case beforeCommit
        /// The handler runs and its transaction commits (its answer stored for an idempotent
        /// retry); the answer is discarded and the connection closed.
        case afterCommit
    }

    /// A fixed delay, or one drawn uniformly from a range for each request, in milliseconds.
    enum Delay: Sendable, Equatable {
        case fixed(Int)
        case random(min: Int, max: Int)
    }

    /// An answer instead of the handler's: the status and the error body's code and
    /// description (defaults per status: `FaultAnswers`).
    struct Answer: Sendable, Equatable {
        let status: Int
        let code: FaultCode?
        let description: String?
        /// Seconds for Retry-After; a 429 without one says 1.
        let retryAfter: Int?
    }

    let answer: Answer?
    let drop: Drop?
    let delay: Delay?

    /// The longest delay a rule may ask for: a client timeout test needs seconds, and a held
    /// response keeps its connection (and a body reservation) busy.
    static let maximumDelayMilliseconds = 60_000
}

/// The `code` of a fault's error body: Partner Center's codes are numbers, but a rule may name
/// any code its client expects, so a string that is not a number is sent as given.
enum FaultCode: Sendable, Equatable {
    case number(Int)
    case text(String)
}
