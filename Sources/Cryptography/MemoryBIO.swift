import COpenSSL

/// Reading what libcrypto wrote into a memory BIO (BIO_get_mem_data is a macro Swift cannot call).
enum MemoryBIO {
    static func drain(_ bio: OpaquePointer) -> [UInt8] {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = BIO_read(bio, &chunk, Int32(chunk.count))
            guard count > 0 else { break }
            result.append(contentsOf: chunk.prefix(Int(count)))
        }
        return result
    }
}
