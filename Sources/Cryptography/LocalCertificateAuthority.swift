import Foundation

/// pcsim's own certificate authority, kept in a directory (docs/decisions.md, "HTTPS
/// certificates"):
///
/// - `ca.pem`: the authority's certificate, what clients trust (mode 0644);
/// - `ca-key.pem`: its key, needed to issue server certificates again (0600);
/// - `server.pem`: the server certificate, then the authority's (the chain a server sends);
/// - `server-key.pem`: the server certificate's key (0600).
///
/// The authority is made once and never replaced by pcsim: a client trust store set up once
/// keeps working. The server certificate is issued again, by the same authority, when it is
/// missing, damaged, does not cover a requested name, or expires within `renewalWindow`.
public struct LocalCertificateAuthority: Sendable {
    public let directory: String

    static let day: TimeInterval = 86_400
    /// Ten years: longer than any local setup lives, so the one-time trust step is one-time.
    public static let authorityLifetime: TimeInterval = 3650 * day
    /// One year: under the 398 days browsers and Apple platforms accept from a public CA (and
    /// far under the 825 days Apple enforces for every CA, user-trusted ones included).
    public static let serverLifetime: TimeInterval = 365 * day
    /// A server certificate with less left than this is issued again at startup, so a
    /// long-running instance does not reach the end of its certificate.
    public static let renewalWindow: TimeInterval = 30 * day
    /// notBefore lies this far in the past: a client whose clock is behind (a VM after sleep,
    /// a clock kept in local time rather than UTC, up to 14 hours off) still accepts a new
    /// certificate. Total validity stays under 398 days.
    public static let backdating: TimeInterval = 1 * day

    /// What `prepare` did.
    public enum Outcome: Sendable, Equatable {
        /// A new authority and a server certificate (the directory had no `ca.pem`).
        case createdAuthority
        /// A new server certificate from the existing authority, and why.
        case issuedServerCertificate(reason: String)
        /// The files as they were.
        case reused
    }

    public struct Prepared: Sendable {
        public let identity: TLSIdentity
        public let outcome: Outcome
        /// The authority's SHA-256 fingerprint and subject, for the startup log.
        public let authorityFingerprint: String
        public let authoritySubject: String
    }

    /// `directory` may be relative; the paths handed out are absolute.
    public init(directory: String) {
        self.directory = TLSIdentity.absolute(directory)
    }

    public var caFile: String { file("ca.pem") }
    public var caKeyFile: String { file("ca-key.pem") }
    public var certificateChainFile: String { file("server.pem") }
    public var privateKeyFile: String { file("server-key.pem") }

    /// The server certificate covers the loopback names plus `names`, in that order.
    public static func requestedNames(_ names: [CertificateName]) -> [CertificateName] {
        var seen = Set<CertificateName>()
        return (CertificateName.loopback + names).filter { seen.insert($0).inserted }
    }

    /// Makes or reuses the authority and a server certificate covering the loopback names and
    /// `names`, valid at `now`. Another process preparing the same directory at the same time
    /// waits for this one (a lock file), then reuses what it wrote.
    public func prepare(names: [CertificateName], now: Date = Date()) throws(CertificateFileError) -> Prepared {
        try PEMFiles.makeDirectory(directory)
        return try DirectoryLock.holding(directory) { () throws(CertificateFileError) -> Prepared in
            try prepareLocked(names: Self.requestedNames(names), now: now)
        }
    }

    private func prepareLocked(names requested: [CertificateName], now: Date) throws(CertificateFileError) -> Prepared {
        let authority: Certificate
        let authorityKey: CertificateKey?
        var keyProblem: String? = nil
        var leafProblem: String?
        let created: Bool
        if let bytes = try PEMFiles.read(caFile) {
            authority = try existingAuthority(bytes, now: now)
            switch loadAuthorityKey(for: authority) {
            case .success(let key): authorityKey = key
            case .failure(let problem): authorityKey = nil; keyProblem = problem.description
            }
            leafProblem = try serverCertificateProblem(authority: authority, requested: requested, now: now)
            created = false
        } else {
            // No ca.pem: nobody can trust this authority yet, so making one replaces nothing
            // (a ca-key.pem alone is what a crash between the two writes leaves).
            (authority, authorityKey) = try makeAuthority(now: now)
            leafProblem = "a new authority"
            created = true
        }
        guard let reason = leafProblem else {
            return try prepared(.reused, authority: authority)
        }
        guard let authorityKey else {
            throw CertificateFileError("""
                the server certificate must be issued again (\(reason)), but \(keyProblem ?? "the CA key is unusable"). \
                Restore \(caKeyFile), or delete \(directory) to start a new CA (clients must then trust the new ca.pem)
                """)
        }
        try issueServerCertificate(authority: authority, authorityKey: authorityKey, requested: requested, now: now)
        return try prepared(created ? .createdAuthority : .issuedServerCertificate(reason: reason), authority: authority)
    }

    // MARK: The authority

    private func existingAuthority(_ bytes: [UInt8], now: Date) throws(CertificateFileError) -> Certificate {
        let advice = "pcsim does not replace a CA that clients may trust: restore the file, or delete \(directory) to start a new CA (clients must then trust the new ca.pem)"
        let authority: Certificate
        do {
            authority = try Certificate(pem: bytes)
        } catch {
            throw CertificateFileError("the CA certificate \(caFile) cannot be read (\(error)); \(advice)")
        }
        guard authority.isCertificateAuthority, authority.allowsCertificateSigning else {
            throw CertificateFileError("\(caFile) is not a certificate authority (no CA:TRUE and keyCertSign); \(advice)")
        }
        guard authority.notAfter > now.addingTimeInterval(Self.renewalWindow) else {
            throw CertificateFileError("the CA certificate \(caFile) expires on \(Self.text(authority.notAfter)); delete \(directory) to start a new CA (clients must then trust the new ca.pem)")
        }
        return authority
    }

    private func loadAuthorityKey(for authority: Certificate) -> Result<CertificateKey, CertificateFileError> {
        do {
            guard let bytes = try PEMFiles.read(caKeyFile) else { return .failure(CertificateFileError("\(caKeyFile) does not exist")) }
            let key: CertificateKey
            do {
                key = try CertificateKey(pem: bytes)
            } catch {
                return .failure(CertificateFileError("\(caKeyFile) is not a PEM private key (\(error))"))
            }
            guard authority.matches(key) else { return .failure(CertificateFileError("\(caKeyFile) is not the key of \(caFile)")) }
            return .success(key)
        } catch {
            return .failure(error)
        }
    }

    private func makeAuthority(now: Date) throws(CertificateFileError) -> (Certificate, CertificateKey) {
        do {
            let key = try CertificateKey.generateP256()
            let authority = try CertificateIssuer.makeAuthority(
                key: key, commonName: Self.authorityCommonName(),
                notBefore: now.addingTimeInterval(-Self.backdating), notAfter: now.addingTimeInterval(Self.authorityLifetime))
            // The key first: a crash between the writes leaves no ca.pem, and the next start
            // makes a new authority instead of finding a certificate without its key.
            try PEMFiles.replace(caKeyFile, with: key.pem, mode: 0o600)
            try PEMFiles.replace(caFile, with: authority.pem, mode: 0o644)
            return (authority, key)
        } catch let error as CryptographyError {
            throw CertificateFileError("cannot make a CA in \(directory): \(error)")
        } catch let error as CertificateFileError {
            throw error
        } catch {
            throw CertificateFileError("cannot make a CA in \(directory): \(error)")
        }
    }

    /// "pcsim local CA (host 1a2b3c)": the host tells a trust store's entries apart by
    /// machine, the random part by directory (one machine may hold several).
    static func authorityCommonName() -> String {
        let host = String(ProcessInfo.processInfo.hostName.prefix(32))
        let suffix = SecureRandom.bytes(3).map { String(format: "%02x", $0) }.joined()
        return host.isEmpty ? "pcsim local CA (\(suffix))" : "pcsim local CA (\(host) \(suffix))"
    }

    // MARK: The server certificate

    /// Why the server certificate must be issued again; nil when it can be used as it is.
    private func serverCertificateProblem(authority: Certificate, requested: [CertificateName], now: Date)
        throws(CertificateFileError) -> String? {
        guard let chainBytes = try PEMFiles.read(certificateChainFile) else { return "\(certificateChainFile) does not exist" }
        guard let chain = try? Certificate.chain(pem: chainBytes) else { return "\(certificateChainFile) cannot be read" }
        guard let keyBytes = try PEMFiles.read(privateKeyFile) else { return "\(privateKeyFile) does not exist" }
        guard let key = try? CertificateKey(pem: keyBytes) else { return "\(privateKeyFile) cannot be read" }
        let leaf = chain[0]
        guard leaf.matches(key) else { return "\(privateKeyFile) is not the key of \(certificateChainFile)" }
        guard leaf.isSigned(by: authority) else { return "\(certificateChainFile) was not issued by \(caFile)" }
        guard chain.count == 2, chain[1].sha256Fingerprint == authority.sha256Fingerprint else {
            return "\(certificateChainFile) is not the server certificate followed by \(caFile)"
        }
        let missing = requested.filter { !leaf.names.contains($0) }
        guard missing.isEmpty else { return "it does not cover \(missing.map(\.description).joined(separator: ", "))" }
        guard leaf.notBefore <= now else { return "it is not valid before \(Self.text(leaf.notBefore))" }
        guard leaf.notAfter > now.addingTimeInterval(Self.renewalWindow) else { return "it expires on \(Self.text(leaf.notAfter))" }
        return nil
    }

    /// Writes a new server.pem (and server-key.pem when the old key cannot be read). The old
    /// key is kept otherwise, so a process that loaded the key a moment ago and reads the new
    /// chain still holds a matching pair. The names of the old certificate are kept too, when
    /// it came from this authority: two instances sharing the directory with different
    /// `--tls-name`s then settle on one certificate instead of issuing a new one at each start.
    private func issueServerCertificate(authority: Certificate, authorityKey: CertificateKey, requested: [CertificateName],
                                        now: Date) throws(CertificateFileError) {
        do {
            var names = requested
            if let bytes = try? PEMFiles.read(certificateChainFile), let old = try? Certificate.chain(pem: bytes).first,
               old.isSigned(by: authority) {
                names += old.names.filter { !names.contains($0) }
            }
            let existingKey = (try? PEMFiles.read(privateKeyFile)).flatMap { $0 }.flatMap { try? CertificateKey(pem: $0) }
            let key = try existingKey ?? CertificateKey.generateP256()
            let leaf = try CertificateIssuer.issueServerCertificate(
                key: key, names: names, authority: authority, authorityKey: authorityKey,
                notBefore: now.addingTimeInterval(-Self.backdating),
                notAfter: min(now.addingTimeInterval(Self.serverLifetime), authority.notAfter))
            if existingKey == nil {
                try PEMFiles.replace(privateKeyFile, with: key.pem, mode: 0o600)
            } else {
                PEMFiles.restrict(privateKeyFile, to: 0o600)   // a kept key file someone widened
            }
            try PEMFiles.replace(certificateChainFile, with: leaf.pem + authority.pem, mode: 0o644)
        } catch let error as CryptographyError {
            throw CertificateFileError("cannot issue a server certificate in \(directory): \(error)")
        } catch let error as CertificateFileError {
            throw error
        } catch {
            throw CertificateFileError("cannot issue a server certificate in \(directory): \(error)")
        }
    }

    /// The identity as written, read back from the files (what a server will load).
    private func prepared(_ outcome: Outcome, authority: Certificate) throws(CertificateFileError) -> Prepared {
        guard let bytes = try PEMFiles.read(certificateChainFile), let leaf = try? Certificate.chain(pem: bytes).first else {
            throw CertificateFileError("\(certificateChainFile) disappeared while pcsim was using it")
        }
        let identity = TLSIdentity(certificateChainFile: certificateChainFile, privateKeyFile: privateKeyFile, caFile: caFile,
                                   notBefore: leaf.notBefore, expires: leaf.notAfter, names: leaf.names)
        return Prepared(identity: identity, outcome: outcome, authorityFingerprint: authority.sha256Fingerprint,
                        authoritySubject: authority.subject)
    }

    private func file(_ name: String) -> String {
        (directory as NSString).appendingPathComponent(name)
    }

    static func text(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}
