import COpenSSL

/// HMAC (RFC 2104) over SHA-256, from libcrypto.
public enum HMACSHA256 {
    public static func authenticationCode(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var code = [UInt8](repeating: 0, count: SHA256.digestCount)
        var length: UInt32 = 0
        // An empty key is a valid HMAC key; libcrypto wants a non-null pointer for it.
        let keyBytes = key.isEmpty ? [0] : key
        _ = keyBytes.withUnsafeBytes { keyPointer in
            message.withUnsafeBufferPointer { messagePointer in
                HMAC(EVP_sha256(), keyPointer.baseAddress, Int32(key.count),
                     messagePointer.baseAddress, messagePointer.count, &code, &length)
            }
        }
        return code
    }
}
