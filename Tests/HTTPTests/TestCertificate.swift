#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HTTP

/// A self-signed certificate for `localhost`/`127.0.0.1`, made once per test run by the
/// `openssl` command line tool in a fresh temporary folder (no key is committed), plus the
/// broken files the configuration tests need.
struct TestCertificate: Sendable {
    let directory: String
    var certificate: String { directory + "/cert.pem" }
    var key: String { directory + "/key.pem" }
    /// A valid key that belongs to no certificate here.
    var otherKey: String { directory + "/other-key.pem" }
    /// The right key, encrypted with a pass phrase.
    var encryptedKey: String { directory + "/encrypted-key.pem" }
    /// A file that is not PEM at all.
    var notPEM: String { directory + "/not-pem.txt" }

    var configuration: TLSConfiguration {
        TLSConfiguration(certificateChainFile: certificate, privateKeyFile: key)
    }

    struct GenerationFailed: Error, CustomStringConvertible {
        let description: String
    }

    static func shared() throws -> TestCertificate {
        try generated.get()
    }

    private static let generated: Result<TestCertificate, GenerationFailed> = {
        var template = Array("/tmp/pcsim-tls-test-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else {
            return .failure(GenerationFailed(description: "mkdtemp failed: errno \(errno)"))
        }
        let directory = String(cString: made)
        let files = TestCertificate(directory: directory)
        let commands = [
            "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2"
                + " -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1"
                + " -keyout \(files.key) -out \(files.certificate)",
            "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:prime256v1 -out \(files.otherKey)",
            "openssl pkey -in \(files.key) -aes256 -passout pass:secret -out \(files.encryptedKey)",
            "echo 'this is not a PEM file' > \(files.notPEM)",
        ]
        for command in commands {
            let status = system(command + " > /dev/null 2>&1")
            guard status == 0 else {
                return .failure(GenerationFailed(description: "`\(command)` failed with status \(status)"))
            }
        }
        return .success(files)
    }()
}
