import Synchronization

/// The request and correlation ids the app generates when a request brings none: two per
/// request, on every worker thread at once. Not the world's IDGenerator, so they never disturb
/// reproducible ids, and without its lock: the state is a Weyl sequence advanced by one atomic
/// add, so each call gets a state no other call got (distinct ids for 2^64 calls) and threads
/// never wait for each other. Each state is mixed by SplitMix64, as IDGenerator mixes its own.
final class EchoIDGenerator: Sendable {
    private let state: Atomic<UInt64>

    init(seed: UInt64 = UInt64.random(in: .min ... .max)) {
        state = Atomic(seed)
    }

    /// A version-4-shaped lowercase GUID (8-4-4-4-12), the form IDGenerator.guid() writes.
    func guid() -> String {
        let high = (next() & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
        let low = (next() & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        return String(unsafeUninitializedCapacity: 36) { buffer in
            var position = 0
            // Two hex digits per byte, most significant first; dashes after bytes 4, 6, 8, 10.
            for index in 0..<16 {
                if index == 4 || index == 6 || index == 8 || index == 10 {
                    buffer[position] = UInt8(ascii: "-")
                    position += 1
                }
                let word = index < 8 ? high : low
                let byte = Int(truncatingIfNeeded: word >> UInt64(56 - (index % 8) * 8))
                buffer[position] = Self.hexDigits[(byte >> 4) & 0xF]
                buffer[position + 1] = Self.hexDigits[byte & 0xF]
                position += 2
            }
            return position
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private func next() -> UInt64 {
        var z = state.wrappingAdd(0x9E37_79B9_7F4A_7C15, ordering: .relaxed).newValue
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
