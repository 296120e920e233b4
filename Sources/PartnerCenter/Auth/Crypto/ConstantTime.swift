/// Compares byte strings in time that depends only on their lengths, so checking a token
/// signature does not reveal how many leading bytes of a forgery were right.
func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    // Lengths are public (a SHA-256 MAC is always 32 bytes), so an early exit leaks nothing.
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for i in a.indices {
        difference |= a[i] ^ b[i]
    }
    return difference == 0
}
