import Foundation
import Synchronization

/// Lowercase GUIDs and PLA/PGA numbers. After a reset with an id seed the sequence is
/// reproducible (spec/api.md "IDs"); otherwise it is random.
public final class IDGenerator: Sendable {
    private let state: Mutex<UInt64>

    public init(seed: UInt64? = nil) {
        // Unseeded generators start from system randomness once; drawing every id from the
        // system generator costs a system call each, which showed on hot paths.
        state = Mutex(seed ?? UInt64.random(in: .min ... .max))
    }

    public func reseed(_ seed: UInt64?) {
        state.withLock { $0 = seed ?? UInt64.random(in: .min ... .max) }
    }

    /// The whole state (SIM-3 snapshots): ids drawn after `restore(state:)` with it repeat the
    /// ids drawn after it was read. It lives in memory only (`ids.seed` of sim_settings is not
    /// used), so a snapshot keeps it beside its copy of the database.
    var currentState: UInt64 { state.withLock { $0 } }

    func restore(state value: UInt64) {
        state.withLock { $0 = value }
    }

    private func next() -> UInt64 {
        state.withLock { s in
            // SplitMix64: tiny, well distributed, and its whole state is one integer.
            s &+= 0x9E37_79B9_7F4A_7C15
            var z = s
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// A version-4-shaped lowercase GUID, written byte by byte: two of these are made for
    /// every request (request and correlation ids), so string slicing here showed in profiles.
    public func guid() -> String {
        let high = (next() & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
        let low = (next() & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        return String(unsafeUninitializedCapacity: 36) { buffer in
            let digits: StaticString = "0123456789abcdef"
            var position = 0
            for nibble in 0..<32 {
                // Dashes of the 8-4-4-4-12 layout.
                if nibble == 8 || nibble == 12 || nibble == 16 || nibble == 20 {
                    buffer[position] = UInt8(ascii: "-")
                    position += 1
                }
                let word = nibble < 16 ? high : low
                let value = Int((word >> UInt64(60 - (nibble % 16) * 4)) & 0xF)
                buffer[position] = digits.utf8Start[value]
                position += 1
            }
            return position
        }
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
