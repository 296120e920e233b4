import HTTP

/// What fault injection decided for one request: an answer instead of the handler's (a status
/// rule, a drop before commit, the throttle's 429), and what happens to whichever answer the
/// request gets (a delay, a drop after commit, the access-log marks).
struct FaultDecision: Sendable {
    /// The rule that fired; nil when the throttle refused the request.
    let faultId: String?
    /// Sent instead of running the handler.
    let preempting: HTTPResponse?
    /// The handler runs and commits; its answer is discarded and the connection dropped.
    let dropsAfterHandling: Bool
    let delay: Duration

    /// The log field naming the rule (the journal's `fault`).
    static let faultField = "fault"
    /// The log field marking a `--throttle` refusal.
    static let throttledField = "throttled"

    /// A dropped connection answers nothing: the status 0 the access log and the journal
    /// report for it is no HTTP status, as an HTTP client library reports a network error.
    static let noAnswer = HTTPStatus(code: 0, reason: "Connection dropped")

    static func throttled(retryAfter seconds: Int) -> FaultDecision {
        FaultDecision(faultId: nil, preempting: FaultAnswers.throttled(retryAfter: seconds), dropsAfterHandling: false, delay: .zero)
    }

    init(faultId: String?, preempting: HTTPResponse?, dropsAfterHandling: Bool, delay: Duration) {
        self.faultId = faultId
        self.preempting = preempting
        self.dropsAfterHandling = dropsAfterHandling
        self.delay = delay
    }

    /// The decision for `rule`, which fired on a request to `rawPath`, with its delay drawn.
    init(_ rule: FaultRule, rawPath: String, delayMilliseconds: Int) {
        var preempting: HTTPResponse?
        if let answer = rule.effect.answer {
            preempting = FaultAnswers.answer(answer, rawPath: rawPath)
        } else if rule.effect.drop == .beforeCommit {
            var dropped = HTTPResponse(status: Self.noAnswer)
            dropped.dropsConnection = true
            preempting = dropped
        }
        self.init(faultId: rule.id, preempting: preempting, dropsAfterHandling: rule.effect.drop == .afterCommit,
                  delay: .milliseconds(delayMilliseconds))
    }

    /// Applies the decision to the request's answer (the handler's or `preempting`).
    func finish(_ response: inout HTTPResponse) {
        if delay > .zero { response.delay = delay }
        if dropsAfterHandling { response.dropsConnection = true }
        if let faultId {
            response.logFields.append((Self.faultField, faultId))
        } else {
            response.logFields.append((Self.throttledField, "true"))
        }
    }
}
