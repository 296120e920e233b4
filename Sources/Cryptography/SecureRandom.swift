import COpenSSL

/// Bytes from libcrypto's CSPRNG, for keys, secrets and opaque tokens.
public enum SecureRandom {
    public static func bytes(_ count: Int) -> [UInt8] {
        guard count > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: count)
        if RAND_bytes(&bytes, Int32(count)) != 1 {
            // RAND_bytes fails only if its seed source is unavailable; the system generator
            // (getrandom on Linux) is a CSPRNG too.
            var generator = SystemRandomNumberGenerator()
            for index in bytes.indices { bytes[index] = generator.next() }
        }
        return bytes
    }
}
