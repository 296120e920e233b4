import Foundation
import Synchronization

/// Lowercase GUIDs and PLA/PGA numbers. After a reset with an id seed the sequence is
/// reproducible (spec/api.md "IDs"); otherwise it is random.
public final class IDGenerator: Sendable {
    private struct State {
        var seeded: Bool
        var state: UInt64
    }
    private let state: Mutex<State>

    public init(seed: UInt64? = nil) {
        state = Mutex(State(seeded: seed != nil, state: seed ?? 0))
    }

    public func reseed(_ seed: UInt64?) {
        state.withLock { $0 = State(seeded: seed != nil, state: seed ?? 0) }
    }

    private func next() -> UInt64 {
        state.withLock { s in
            guard s.seeded else { return UInt64.random(in: .min ... .max) }
            // SplitMix64: tiny, well distributed, and its whole state is one integer.
            s.state &+= 0x9E37_79B9_7F4A_7C15
            var z = s.state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// A version-4-shaped lowercase GUID.
    public func guid() -> String {
        var high = next()
        var low = next()
        high = (high & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
        low = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        let hex = String(high, radix: 16).leftPadded(to: 16) + String(low, radix: 16).leftPadded(to: 16)
        let chars = Array(hex)
        return String(chars[0..<8]) + "-" + String(chars[8..<12]) + "-" + String(chars[12..<16]) + "-"
            + String(chars[16..<20]) + "-" + String(chars[20..<32])
    }

    /// A numeric account id of `digits` digits (PLA and PGA ids are 6 to 10 digits).
    public func accountNumber(digits: Int = 7) -> String {
        var lower: UInt64 = 1
        for _ in 1..<digits { lower *= 10 }
        return String(lower + next() % (lower * 9))
    }
}

extension String {
    func leftPadded(to length: Int, with pad: Character = "0") -> String {
        count >= length ? self : String(repeating: pad, count: length - count) + self
    }
}
