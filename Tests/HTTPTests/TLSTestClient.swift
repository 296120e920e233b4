#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import COpenSSL
import HTTP

/// A deliberately dumb blocking TLS client (OpenSSL on a plain blocking socket): verifies the
/// server's certificate against the test certificate for 127.0.0.1, writes raw request bytes,
/// reads raw response bytes, and reports how the stream ended.
final class TLSTestClient {
    /// Owns the socket.
    let raw: TestClient
    private let context: OpaquePointer
    private let ssl: OpaquePointer
    private var pending: [UInt8] = []
    /// The memory BIO writes go to after `sealWithoutSending` (owned by `ssl`).
    private var heldWrites: OpaquePointer?
    /// Bytes asked for per read, and a pause after each (to play a slow reader).
    var readSize = 65_536
    var readPause: useconds_t = 0

    struct HandshakeFailed: Error, CustomStringConvertible {
        let description: String
    }

    var fd: Int32 { raw.fd }

    /// - Parameters:
    ///   - maxVersion: highest protocol version offered (0: the library's highest).
    ///   - alpn: protocols offered, in order (empty: no ALPN extension).
    init(port: Int, certificate: TestCertificate, receiveTimeout: Double = 5, maxVersion: Int32 = 0,
         alpn: [String] = ["http/1.1"]) throws {
        raw = try TestClient(port: port, receiveTimeout: receiveTimeout)
        guard let context = SSL_CTX_new(TLS_client_method()) else {
            throw HandshakeFailed(description: "SSL_CTX_new failed")
        }
        self.context = context
        SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
        _ = SSL_CTX_load_verify_locations(context, certificate.certificate, nil)
        if maxVersion != 0 {
            _ = pcsim_SSL_CTX_set_max_proto_version(context, maxVersion)
        }
        guard let ssl = SSL_new(context) else {
            SSL_CTX_free(context)
            throw HandshakeFailed(description: "SSL_new failed")
        }
        self.ssl = ssl
        _ = X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), "127.0.0.1")
        if !alpn.isEmpty {
            let wire = alpn.flatMap { [UInt8($0.utf8.count)] + Array($0.utf8) }
            _ = SSL_set_alpn_protos(ssl, wire, UInt32(wire.count))
        }
        _ = SSL_set_fd(ssl, raw.fd)
        let result = SSL_connect(ssl)
        guard result == 1 else {
            let reason = TLSTestClient.errorText(ssl, result)
            throw HandshakeFailed(description: "handshake failed: \(reason)")
        }
    }

    deinit {
        SSL_free(ssl)
        SSL_CTX_free(context)
        ERR_clear_error()
    }

    /// The protocol version negotiated, e.g. "TLSv1.3".
    var version: String {
        String(cString: SSL_get_version(ssl))
    }

    /// The ALPN protocol the server selected, or nil.
    var selectedProtocol: String? {
        var data: UnsafePointer<UInt8>?
        var length: UInt32 = 0
        SSL_get0_alpn_selected(ssl, &data, &length)
        guard let data, length > 0 else { return nil }
        return String(decoding: UnsafeBufferPointer(start: data, count: Int(length)), as: UTF8.self)
    }

    func setReceiveTimeout(_ seconds: Double) {
        raw.setReceiveTimeout(seconds)
    }

    func send(_ text: String) {
        send(Array(text.utf8))
    }

    /// One SSL_write: the bytes go out as one TLS record (or several, past 16 KB).
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        guard !bytes.isEmpty else { return true }
        let written = bytes.withUnsafeBytes { SSL_write(ssl, $0.baseAddress, Int32($0.count)) }
        ERR_clear_error()
        if heldWrites != nil {
            raw.send(takeHeldWrites())
        }
        return written == Int32(bytes.count)
    }

    /// Sends `bytes` one record per byte, `interval` apart, until the server has something to
    /// say (its answer or its close) or a write fails. Single-threaded: an SSL object must
    /// not be read and written from two threads at once.
    func drip(_ bytes: [UInt8], interval: useconds_t) {
        for byte in bytes {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            if poll(&poller, 1, 0) > 0 { return }
            if !send([byte]) { return }
            usleep(interval)
        }
    }

    /// Seals `text` as one record and returns its ciphertext instead of sending it, so a test
    /// can deliver it in pieces through `raw`. From then on every write goes through a memory
    /// BIO and is sent by `send` itself.
    func sealWithoutSending(_ text: String) -> [UInt8] {
        if heldWrites == nil, let memory = BIO_new(BIO_s_mem()) {
            SSL_set0_wbio(ssl, memory)
            heldWrites = memory
        }
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { SSL_write(ssl, $0.baseAddress, Int32($0.count)) }
        ERR_clear_error()
        return takeHeldWrites()
    }

    private func takeHeldWrites() -> [UInt8] {
        guard let heldWrites else { return [] }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while pcsim_BIO_pending(heldWrites) > 0 {
            let count = BIO_read(heldWrites, &chunk, Int32(chunk.count))
            guard count > 0 else { break }
            result.append(contentsOf: chunk[0..<Int(count)])
        }
        return result
    }

    /// Sends close_notify (the client is done sending; it may still read in TLS 1.3).
    func sendCloseNotify() {
        _ = SSL_shutdown(ssl)
        ERR_clear_error()
        if heldWrites != nil {
            raw.send(takeHeldWrites())
        }
    }

    enum ReadEnd: Equatable {
        /// The server sent close_notify.
        case closeNotify
        /// TCP end without close_notify.
        case eof
        case reset
        case timedOut
        case tlsError
    }

    func readResponse(isHead: Bool = false) -> TestResponse? {
        while true {
            if let response = TestResponse.parse(&pending, isHead: isHead) {
                return response
            }
            if readChunk(into: &pending) != nil {
                return TestResponse.parse(&pending, isHead: isHead)
            }
        }
    }

    /// Reads until the stream ends; returns the bytes (after any already buffered) and how it ended.
    func readAll() -> (bytes: [UInt8], end: ReadEnd) {
        var bytes = pending
        pending = []
        while true {
            if let end = readChunk(into: &bytes) {
                return (bytes, end)
            }
        }
    }

    /// After a response: does the server end the connection (close_notify or EOF) with nothing more?
    func isClosedByServer() -> Bool {
        let (bytes, end) = readAll()
        return bytes.isEmpty && (end == .closeNotify || end == .eof)
    }

    /// Reads at most `limit` plaintext bytes once; nil at the end of the stream.
    func read(upTo limit: Int) -> Int? {
        if !pending.isEmpty {
            let taken = min(pending.count, limit)
            pending.removeFirst(taken)
            return taken
        }
        var chunk = [UInt8](repeating: 0, count: limit)
        let count = chunk.withUnsafeMutableBytes { SSL_read(ssl, $0.baseAddress, Int32($0.count)) }
        if count > 0 { return Int(count) }
        ERR_clear_error()
        return nil
    }

    private func readChunk(into bytes: inout [UInt8]) -> ReadEnd? {
        var chunk = [UInt8](repeating: 0, count: readSize)
        let count = chunk.withUnsafeMutableBytes { SSL_read(ssl, $0.baseAddress, Int32($0.count)) }
        if count > 0 {
            bytes.append(contentsOf: chunk[0..<Int(count)])
            if readPause > 0 { usleep(readPause) }
            return nil
        }
        let savedErrno = errno
        let error = SSL_get_error(ssl, count)
        let reason = ERR_GET_REASON(ERR_peek_error())
        ERR_clear_error()
        switch error {
        case SSL_ERROR_ZERO_RETURN:
            return .closeNotify
        case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
            return .timedOut
        case SSL_ERROR_SYSCALL:
            if savedErrno == EINTR { return nil }
            if savedErrno == EAGAIN || savedErrno == EWOULDBLOCK { return .timedOut }
            if savedErrno == ECONNRESET { return .reset }
            return .eof
        default:
            if reason == SSL_R_UNEXPECTED_EOF_WHILE_READING { return .eof }
            if savedErrno == ECONNRESET { return .reset }
            return .tlsError
        }
    }

    private static func errorText(_ ssl: OpaquePointer, _ result: Int32) -> String {
        let error = SSL_get_error(ssl, result)
        let code = ERR_peek_error()
        var text = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &text, text.count)
        ERR_clear_error()
        return "SSL error \(error): " + String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
