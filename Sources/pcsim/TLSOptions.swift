import ArgumentParser
import Cryptography
import Foundation
import HTTP

/// `--tls` and its companions: HTTPS on the listen port, with a certificate from pcsim's local
/// CA (made on first start, kept in `--tls-dir`) or the user's own (`--tls-cert`, `--tls-key`).
struct TLSOptions: ParsableArguments {
    @Flag(help: "Serve HTTPS instead of HTTP on --port, with a certificate from pcsim's local CA (its ca.pem is what clients trust).")
    var tls = false

    @Option(name: .customLong("tls-name"),
            help: "Another DNS name or IP address for the generated certificate (repeatable; localhost, 127.0.0.1 and ::1 are always in it).")
    var tlsNames: [String] = []

    @Option(help: "Your own certificate chain (PEM, server certificate first) instead of a generated one; needs --tls-key, implies --tls.")
    var tlsCert: String?

    @Option(help: "The private key (PEM, unencrypted) of --tls-cert.")
    var tlsKey: String?

    @Option(help: "Where the local CA and the generated certificate live (default: pcsim-tls/ next to --db).")
    var tlsDir: String?

    /// Whether the server speaks HTTPS.
    var enabled: Bool { tls || tlsCert != nil }

    func validate() throws {
        guard (tlsCert == nil) == (tlsKey == nil) else {
            throw ValidationError("--tls-cert and --tls-key go together: give both (your own certificate chain and its key) or neither")
        }
        if tlsCert != nil {
            guard tlsNames.isEmpty else {
                throw ValidationError("--tls-name names go into a generated certificate; with --tls-cert the names are your certificate's own")
            }
            guard tlsDir == nil else { throw ValidationError("--tls-dir holds generated certificates; it has no use with --tls-cert") }
        } else if !tls && (!tlsNames.isEmpty || tlsDir != nil) {
            throw ValidationError("--tls-name and --tls-dir need --tls")
        }
        _ = try names()
    }

    /// The extra names, parsed.
    func names() throws -> [CertificateName] {
        var names: [CertificateName] = []
        for text in tlsNames {
            do {
                names.append(try CertificateName(parsing: text))
            } catch {
                throw ValidationError("--tls-name \(text): \(error.reason)")
            }
        }
        return names
    }

    /// The generated files' directory: `--tls-dir`, else `pcsim-tls` beside the database file
    /// (beside the default ./pcsim.sqlite with --in-memory, so the CA a user trusts stays put).
    func directory(database: String) -> String {
        if let tlsDir { return tlsDir }
        return URL(fileURLWithPath: database).deletingLastPathComponent().appendingPathComponent("pcsim-tls").path
    }

    /// The user's own pair (`--tls-cert`, `--tls-key`), checked now so a wrong pair stops the
    /// start with a message naming the file; nil without them. Reads only: call it before the
    /// database is opened, so a refused start creates nothing. `log` receives warnings.
    func ownIdentity(log: (String) -> Void) throws -> TLSIdentity? {
        guard let tlsCert, let tlsKey else { return nil }
        let identity: TLSIdentity
        do {
            identity = try TLSIdentity.userProvided(certificateChainFile: tlsCert, privateKeyFile: tlsKey)
        } catch {
            throw ValidationError("--tls-cert/--tls-key: \(error)")
        }
        if let problem = identity.dateProblem(now: Date()) { log("warning: \(problem); clients will refuse it") }
        return identity
    }

    /// With `--tls` alone: the local CA's server certificate, made or reused now; nil otherwise.
    /// Call it once the database opened (its folder then exists, and a database pcsim cannot
    /// use leaves no certificate directory behind). `log` receives what was done.
    func generatedIdentity(database: String, log: (String) -> Void) throws -> TLSIdentity? {
        guard tls, tlsCert == nil else { return nil }
        let authority = LocalCertificateAuthority(directory: directory(database: database))
        let prepared: LocalCertificateAuthority.Prepared
        do {
            prepared = try authority.prepare(names: try names())
        } catch {
            throw ValidationError("--tls: \(error)")
        }
        switch prepared.outcome {
        case .createdAuthority:
            log("created a local CA (\(prepared.authoritySubject), SHA-256 \(prepared.authorityFingerprint)): trust \(authority.caFile) in your clients")
        case .issuedServerCertificate(let reason):
            log("issued a new server certificate from the local CA in \(authority.directory) (\(reason))")
        case .reused:
            break
        }
        return prepared.identity
    }

    /// What HTTPServer loads.
    static func configuration(_ identity: TLSIdentity?) -> TLSConfiguration? {
        identity.map { TLSConfiguration(certificateChainFile: $0.certificateChainFile, privateKeyFile: $0.privateKeyFile) }
    }
}
