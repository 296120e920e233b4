#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import COpenSSL

/// One server's OpenSSL context, built by `HTTPServer.start()` from the configuration's PEM
/// files: TLS 1.2 or later, the server's cipher order, ALPN `http/1.1`, no renegotiation,
/// resumption by stateless tickets only, and per-connection buffers released while idle.
///
/// `@unchecked Sendable` is safe because the SSL_CTX is fully configured in `init` and never
/// changed afterwards; creating connections from a configured SSL_CTX on several threads is
/// what OpenSSL supports (its reference count is atomic, and with the session cache off there
/// is no shared cache to lock).
final class TLSContext: @unchecked Sendable {
    let context: OpaquePointer

    init(_ configuration: TLSConfiguration) throws(TLSConfigurationError) {
        // Any failure below leaves its reasons in this thread's OpenSSL error queue; they are
        // read into the message and the queue is left empty for whatever runs here next.
        defer { ERR_clear_error() }
        try TLSContext.checkReadable(configuration.certificateChainFile, "certificate chain")
        try TLSContext.checkReadable(configuration.privateKeyFile, "private key")
        guard let context = SSL_CTX_new(TLS_server_method()) else {
            throw TLSConfigurationError("TLS: OpenSSL could not create a context (\(TLSContext.openSSLReason()))")
        }
        self.context = context
        let mismatch = TLSConfigurationError(
            "TLS: the private key in '\(configuration.privateKeyFile)' does not belong to the certificate in '\(configuration.certificateChainFile)'")
        // An encrypted key would make OpenSSL prompt for a pass phrase on the terminal; a
        // callback that supplies none turns that into a load error instead.
        SSL_CTX_set_default_passwd_cb(context) { _, _, _, _ in 0 }
        guard SSL_CTX_use_certificate_chain_file(context, configuration.certificateChainFile) == 1 else {
            throw TLSConfigurationError(
                "TLS: the certificate chain file '\(configuration.certificateChainFile)' holds no usable PEM certificate (\(TLSContext.openSSLReason()))")
        }
        guard SSL_CTX_use_PrivateKey_file(context, configuration.privateKeyFile, SSL_FILETYPE_PEM) == 1 else {
            // OpenSSL checks the key against the certificate as it loads it.
            if ERR_GET_REASON(ERR_peek_error()) == X509_R_KEY_VALUES_MISMATCH {
                throw mismatch
            }
            throw TLSConfigurationError(
                "TLS: the private key file '\(configuration.privateKeyFile)' holds no usable unencrypted PEM private key (\(TLSContext.openSSLReason()))")
        }
        guard SSL_CTX_check_private_key(context) == 1 else {
            throw mismatch
        }
        _ = pcsim_SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION)
        _ = SSL_CTX_set_options(
            context,
            pcsim_SSL_OP_CIPHER_SERVER_PREFERENCE() | pcsim_SSL_OP_NO_RENEGOTIATION() | pcsim_SSL_OP_NO_COMPRESSION())
        // RELEASE_BUFFERS: an idle connection keeps no 16 KB record buffers. MOVING_WRITE_BUFFER:
        // the plaintext being sealed lives in a Swift array that may move between calls.
        _ = pcsim_SSL_CTX_set_mode(context, Int(SSL_MODE_RELEASE_BUFFERS | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER))
        // Stateless tickets still resume sessions (TLS 1.2 and 1.3); a server-side cache would
        // hold up to 20,480 sessions in memory for nothing.
        _ = pcsim_SSL_CTX_set_session_cache_mode(context, Int(SSL_SESS_CACHE_OFF))
        _ = SSL_CTX_set_num_tickets(context, 1)
        SSL_CTX_set_alpn_select_cb(context, TLSContext.selectHTTP11, nil)
    }

    deinit {
        SSL_CTX_free(context)
    }

    /// ALPN: the server speaks HTTP/1.1 only. A client that offers it gets it; one that offers
    /// only other protocols (h2) continues without ALPN rather than failing the handshake.
    private static let selectHTTP11: @convention(c) (
        OpaquePointer?, UnsafeMutablePointer<UnsafePointer<UInt8>?>?, UnsafeMutablePointer<UInt8>?,
        UnsafePointer<UInt8>?, UInt32, UnsafeMutableRawPointer?
    ) -> Int32 = { _, out, outLength, offered, offeredLength, _ in
        guard let out, let outLength, let offered else { return SSL_TLSEXT_ERR_NOACK }
        let wanted: [UInt8] = Array("http/1.1".utf8)
        // The offer is a list of length-prefixed names.
        var index = 0
        let total = Int(offeredLength)
        while index < total {
            let length = Int(offered[index])
            let start = index + 1
            guard start + length <= total else { break }
            if length == wanted.count && (0..<length).allSatisfy({ offered[start + $0] == wanted[$0] }) {
                out.pointee = offered + start
                outLength.pointee = UInt8(length)
                return SSL_TLSEXT_ERR_OK
            }
            index = start + length
        }
        return SSL_TLSEXT_ERR_NOACK
    }

    /// A missing or unreadable file gets the system's reason, which OpenSSL's own message
    /// ("system lib") would hide.
    private static func checkReadable(_ path: String, _ what: String) throws(TLSConfigurationError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            let reason = strerror(errno).map { String(cString: $0) } ?? "error \(errno)"
            throw TLSConfigurationError("TLS: cannot read the \(what) file '\(path)': \(reason)")
        }
        Socket.closeDescriptor(fd)
    }

    /// The first reason in this thread's OpenSSL error queue, as text.
    static func openSSLReason() -> String {
        let code = ERR_peek_error()
        guard code != 0 else { return "no reason given" }
        var text = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &text, text.count)
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
