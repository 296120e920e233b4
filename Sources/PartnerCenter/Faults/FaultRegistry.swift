import Foundation
import HTTP
import JSON
import Synchronization

/// The fault rules of one instance, in the order they were added, with their live counters.
/// Matching, the `times` countdown and the counters change under one lock, so two concurrent
/// requests never both take a rule's last firing.
final class FaultRegistry: Sendable {
    private struct Entry {
        let rule: FaultRule
        var remaining: Int?
        var matched = 0
    }

    private struct State {
        var entries: [Entry] = []
        var nextId = 1
    }

    private let state = Mutex(State())
    /// Rules held, read without the lock by every request: zero costs one atomic load.
    private let ruleCount = Atomic<Int>(0)
    /// Rules naming a tenant: only then does matching verify the caller's token.
    private let tenantRuleCount = Atomic<Int>(0)

    /// Bounds the memory and the per-request matching work; more is 409.
    static let maximumRules = 1_000

    var isEmpty: Bool { ruleCount.load(ordering: .relaxed) == 0 }
    var needsTenant: Bool { tenantRuleCount.load(ordering: .relaxed) > 0 }

    /// Adds the rule `make` builds from the next id; 409 when the registry is full.
    func add(_ make: (String) throws(APIError) -> FaultRule) throws(APIError) -> JSON {
        try state.withLock { state throws(APIError) -> JSON in
            guard state.entries.count < Self.maximumRules else {
                throw APIError.conflict(ErrorCode.faultRulesFull,
                                        "At most \(Self.maximumRules) fault rules can be held; delete some (DELETE /_sim/faults) first.")
            }
            let rule = try make("fault-\(state.nextId)")
            state.nextId += 1
            state.entries.append(Entry(rule: rule, remaining: rule.times))
            ruleCount.add(1, ordering: .relaxed)
            if rule.tenantId != nil { tenantRuleCount.add(1, ordering: .relaxed) }
            return rule.json(remaining: rule.times, matched: 0)
        }
    }

    /// Every rule with its live `remaining` and `matched`, in matching order.
    func list() -> [JSON] {
        state.withLock { state in state.entries.map { $0.rule.json(remaining: $0.remaining, matched: $0.matched) } }
    }

    /// Removes every rule; answers how many there were.
    func clear() -> Int {
        state.withLock { state in
            let count = state.entries.count
            state.entries.removeAll()
            ruleCount.store(0, ordering: .relaxed)
            tenantRuleCount.store(0, ordering: .relaxed)
            return count
        }
    }

    /// Removes one rule; false when no rule has that id.
    func remove(_ id: String) -> Bool {
        state.withLock { state in
            guard let index = state.entries.firstIndex(where: { $0.rule.id == id }) else { return false }
            let removed = state.entries.remove(at: index)
            ruleCount.subtract(1, ordering: .relaxed)
            if removed.rule.tenantId != nil { tenantRuleCount.subtract(1, ordering: .relaxed) }
            return true
        }
    }

    /// The first rule, in order, that matches and fires (its `times` not used up, its
    /// probability drawn with `random`), counted as one firing; nil when none does. A rule
    /// that matches but whose draw fails lets the later rules try.
    func fire(method: HTTPMethod, path: [String], tenantId: String?, now: Date, random: () -> Double) -> FaultRule? {
        state.withLock { state in
            for index in state.entries.indices {
                let entry = state.entries[index]
                if entry.remaining == 0 { continue }
                guard entry.rule.matches(method: method, path: path, tenantId: tenantId, now: now) else { continue }
                if let probability = entry.rule.probability, probability < 1 {
                    guard probability > 0, random() < probability else { continue }
                }
                if let remaining = entry.remaining { state.entries[index].remaining = remaining - 1 }
                state.entries[index].matched += 1
                return entry.rule
            }
            return nil
        }
    }
}
