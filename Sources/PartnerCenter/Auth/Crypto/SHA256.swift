/// FIPS 180-4 SHA-256 in pure Swift, so token signing needs no third-party crypto package.
///
/// Incremental: `update` any number of times, then `finalize` once. Whole blocks are
/// compressed straight from the caller's bytes; only a partial tail is buffered.
struct SHA256 {
    static let digestCount = 32
    static let blockCount = 64

    // Chaining state; internal only so the compression function can live in its own file.
    var h0: UInt32 = 0x6a09_e667
    var h1: UInt32 = 0xbb67_ae85
    var h2: UInt32 = 0x3c6e_f372
    var h3: UInt32 = 0xa54f_f53a
    var h4: UInt32 = 0x510e_527f
    var h5: UInt32 = 0x9b05_688c
    var h6: UInt32 = 0x1f83_d9ab
    var h7: UInt32 = 0x5be0_cd19

    /// Bytes of an incomplete block carried over to the next `update` (fewer than 64).
    private var pending: [UInt8] = []
    private var messageLength: UInt64 = 0

    init() {
        pending.reserveCapacity(Self.blockCount)
    }

    static func hash(_ bytes: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { update($0) }
    }

    mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) {
        messageLength &+= UInt64(bytes.count)
        var offset = 0
        if !pending.isEmpty {
            let taken = min(Self.blockCount - pending.count, bytes.count)
            pending.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[0..<taken]))
            offset = taken
            guard pending.count == Self.blockCount else { return }
            // Swapped out rather than copied: compressing reads the block while mutating
            // self, and a copy would make the later reuse of `pending` reallocate.
            var block: [UInt8] = []
            swap(&block, &pending)
            block.withUnsafeBufferPointer { compress($0) }
            block.removeAll(keepingCapacity: true)
            pending = block
        }
        while bytes.count - offset >= Self.blockCount {
            compress(UnsafeBufferPointer(rebasing: bytes[offset..<offset + Self.blockCount]))
            offset += Self.blockCount
        }
        if offset < bytes.count {
            pending.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[offset...]))
        }
    }

    /// Pads with 0x80, zeros and the 64-bit big-endian bit length, then returns the digest.
    mutating func finalize() -> [UInt8] {
        let bitLength = messageLength &* 8
        var tail = pending
        tail.append(0x80)
        let paddedCount = tail.count <= 56 ? 64 : 128
        tail.append(contentsOf: repeatElement(0, count: paddedCount - 8 - tail.count))
        for shift in stride(from: 56, through: 0, by: -8) {
            tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
        }
        tail.withUnsafeBufferPointer { buffer in
            compress(UnsafeBufferPointer(rebasing: buffer[0..<64]))
            if buffer.count == 128 {
                compress(UnsafeBufferPointer(rebasing: buffer[64..<128]))
            }
        }
        pending.removeAll(keepingCapacity: true)

        var digest: [UInt8] = []
        digest.reserveCapacity(Self.digestCount)
        for word in [h0, h1, h2, h3, h4, h5, h6, h7] {
            digest.append(UInt8(truncatingIfNeeded: word >> 24))
            digest.append(UInt8(truncatingIfNeeded: word >> 16))
            digest.append(UInt8(truncatingIfNeeded: word >> 8))
            digest.append(UInt8(truncatingIfNeeded: word))
        }
        return digest
    }
}
