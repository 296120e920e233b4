import COpenSSL

/// One connection's TLS engine. OpenSSL works on two memory BIOs, never on the socket: the
/// connection keeps doing its own non-blocking `recv`/`send` on its Dispatch sources, feeds
/// received ciphertext in with `receive`, and sends what `pendingCiphertext` hands out. So
/// every deadline, byte count and backpressure rule of the plain connection applies unchanged.
///
/// Used only on its connection's serial queue. OpenSSL's error queue is per thread and
/// connection queues share Dispatch's threads, so every call path clears it before and after.
final class TLSSession {
    enum State {
        case handshaking
        case established
        /// The client spoke plain HTTP to the TLS port; it is answered in plain text and closed.
        case plaintextRefused
        /// A fatal TLS error (garbage, an alert, a failed handshake): only closing is left.
        case failed
    }

    enum ReadOutcome {
        /// Input consumed; any plaintext was handed over (there may be handshake bytes to send).
        case progress
        /// The peer sent close_notify: no more requests will come.
        case peerClosed
        case failed
        /// The first byte was an ASCII letter: an HTTP request, not a TLS record.
        case plainHTTP
    }

    /// Plaintext sealed per TLS record (the protocol's maximum), and records sealed per send:
    /// large responses go out in sends of about 64 KB while the write BIO holds one record.
    static let recordPlaintext = 16_384
    static let recordsPerSend = 4
    private static let wireCapacity = recordsPerSend * (recordPlaintext + 256)

    private(set) var state = State.handshaking
    private var ssl: OpaquePointer?
    private let readBIO: OpaquePointer
    private let writeBIO: OpaquePointer
    private var sawFirstByte = false
    private var closeNotifyQueued = false
    /// Ciphertext taken from the write BIO and not yet sent: `wire[wireStart..<wireEnd]`.
    /// Allocated while there is something to send, freed when the connection goes idle.
    private var wire: UnsafeMutableRawBufferPointer?
    private var wireStart = 0
    private var wireEnd = 0

    /// nil when OpenSSL cannot allocate the connection's objects.
    init?(context: TLSContext) {
        ERR_clear_error()
        guard let ssl = SSL_new(context.context) else {
            ERR_clear_error()
            return nil
        }
        guard let readBIO = BIO_new(BIO_s_mem()), let writeBIO = BIO_new(BIO_s_mem()) else {
            SSL_free(ssl)
            ERR_clear_error()
            return nil
        }
        // The SSL object owns both BIOs from here on; SSL_free frees them.
        SSL_set_bio(ssl, readBIO, writeBIO)
        SSL_set_accept_state(ssl)
        self.ssl = ssl
        self.readBIO = readBIO
        self.writeBIO = writeBIO
    }

    deinit {
        release()
    }

    var isEstablished: Bool {
        state == .established
    }

    /// Whether ciphertext was received that has not become plaintext yet (part of a record,
    /// kept in OpenSSL's record layer or still in the read BIO).
    var hasBufferedInput: Bool {
        guard let ssl else { return false }
        return SSL_has_pending(ssl) == 1 || pcsim_BIO_pending(readBIO) > 0
    }

    /// Takes received ciphertext, advances the handshake, and hands every byte of plaintext
    /// it yields to `plaintext`.
    func receive(_ ciphertext: UnsafeRawBufferPointer, plaintext: (UnsafeRawBufferPointer) -> Void) -> ReadOutcome {
        guard let ssl, state == .handshaking || state == .established, !ciphertext.isEmpty else {
            return state == .failed ? .failed : .progress
        }
        if !sawFirstByte {
            sawFirstByte = true
            // A TLS connection starts with a handshake record (0x16) or an SSLv2-style hello
            // (high bit set); no HTTP method starts with either, and every one starts with a letter.
            if (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(ciphertext[0]) {
                state = .plaintextRefused
                return .plainHTTP
            }
        }
        ERR_clear_error()
        guard BIO_write(readBIO, ciphertext.baseAddress, Int32(ciphertext.count)) == Int32(ciphertext.count) else {
            return fail()
        }
        if state == .handshaking {
            let result = SSL_do_handshake(ssl)
            if result != 1 {
                return wouldBlock(ssl, result) ? .progress : fail()
            }
            state = .established
        }
        return withUnsafeTemporaryAllocation(byteCount: TLSSession.recordPlaintext, alignment: 16) { buffer in
            // Only while there is something to read: an SSL_read that can only answer "want
            // more" would allocate a fresh 16 KB record buffer and keep it while idle.
            while pcsim_BIO_pending(readBIO) > 0 || SSL_pending(ssl) > 0 {
                let count = SSL_read(ssl, buffer.baseAddress, Int32(buffer.count))
                if count > 0 {
                    plaintext(UnsafeRawBufferPointer(rebasing: buffer[0..<Int(count)]))
                    continue
                }
                if SSL_get_error(ssl, count) == SSL_ERROR_ZERO_RETURN {
                    ERR_clear_error()
                    return .peerClosed
                }
                // Wanting more: the rest of a record has not arrived yet.
                return wouldBlock(ssl, count) ? .progress : fail()
            }
            return .progress
        }
    }

    /// Seals plaintext into records, at most `recordsPerSend` of them, into the (empty) wire
    /// buffer. Returns how many plaintext bytes were consumed, nil on a fatal error.
    func seal(_ plaintext: UnsafeRawBufferPointer) -> Int? {
        guard let ssl, state == .established else { return nil }
        ERR_clear_error()
        if wireStart == wireEnd {
            wireStart = 0
            wireEnd = 0
        }
        var consumed = 0
        for _ in 0..<TLSSession.recordsPerSend where consumed < plaintext.count {
            let length = min(plaintext.count - consumed, TLSSession.recordPlaintext)
            let written = SSL_write(ssl, plaintext.baseAddress! + consumed, Int32(length))
            guard written > 0 else {
                _ = fail()
                return nil
            }
            consumed += Int(written)
            // Move each record out at once, so the write BIO never holds more than one.
            guard moveCiphertextToWire() else { break }
        }
        return consumed
    }

    /// Ciphertext waiting to be sent (handshake messages, tickets, records, alerts), or nil.
    func pendingCiphertext() -> UnsafeRawBufferPointer? {
        if wireStart == wireEnd {
            wireStart = 0
            wireEnd = 0
            _ = moveCiphertextToWire()
        }
        guard let wire, wireStart < wireEnd else { return nil }
        return UnsafeRawBufferPointer(rebasing: wire[wireStart..<wireEnd])
    }

    /// Records that `count` bytes handed out by `pendingCiphertext` went out.
    func sent(_ count: Int) {
        wireStart += count
    }

    /// Queues close_notify once, on an established session (never after a fatal error, where
    /// OpenSSL forbids SSL_shutdown). Returns whether it queued something.
    func queueCloseNotify() -> Bool {
        guard let ssl, state == .established, !closeNotifyQueued else { return false }
        closeNotifyQueued = true
        ERR_clear_error()
        _ = SSL_shutdown(ssl)
        ERR_clear_error()
        return true
    }

    /// Between requests: the SSL object's record buffers (about 16 KB each when allocated) and
    /// an empty wire buffer are given back.
    func releaseIdleMemory() {
        if let ssl {
            // Returns 0 (and frees nothing) while a buffer holds data.
            _ = SSL_free_buffers(ssl)
        }
        if let wire, wireStart == wireEnd {
            wire.deallocate()
            self.wire = nil
            wireStart = 0
            wireEnd = 0
        }
    }

    /// Frees the SSL object (and its BIOs) and the wire buffer; later calls do nothing.
    func release() {
        if let ssl {
            SSL_free(ssl)
            self.ssl = nil
        }
        wire?.deallocate()
        wire = nil
        wireStart = 0
        wireEnd = 0
    }

    /// Appends what the write BIO holds to the wire buffer, as far as it has room.
    /// Returns false when the write BIO could not be emptied.
    private func moveCiphertextToWire() -> Bool {
        guard ssl != nil else { return true }  // released: the BIOs are gone
        let pending = Int(pcsim_BIO_pending(writeBIO))
        guard pending > 0 else { return true }
        let wire: UnsafeMutableRawBufferPointer
        if let existing = self.wire {
            wire = existing
        } else {
            wire = .allocate(byteCount: TLSSession.wireCapacity, alignment: 16)
            self.wire = wire
        }
        let room = wire.count - wireEnd
        guard room > 0 else { return false }
        let count = BIO_read(writeBIO, wire.baseAddress! + wireEnd, Int32(min(room, pending)))
        if count > 0 {
            wireEnd += Int(count)
        }
        return Int(count) == pending
    }

    private func wouldBlock(_ ssl: OpaquePointer, _ result: Int32) -> Bool {
        let error = SSL_get_error(ssl, result)
        return error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE
    }

    /// A fatal error: any alert OpenSSL queued stays in the write BIO to be sent once.
    private func fail() -> ReadOutcome {
        state = .failed
        ERR_clear_error()
        return .failed
    }
}
