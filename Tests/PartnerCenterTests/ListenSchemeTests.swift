import Cryptography
import Foundation
import HTTP
import JSON
@testable import PartnerCenter
import Testing

/// Issue 13, HTTPS: with `--tls` every link pcsim hands out says https, and `/_sim/health`
/// names the certificate (and the CA file clients trust); over plain HTTP it says so.
@Suite("HTTPS: the listen scheme in links and in /_sim/health")
struct ListenSchemeTests {
    typealias Demo = TestWorld.Demo

    static let identity = TLSIdentity(
        certificateChainFile: "/srv/pcsim-tls/server.pem", privateKeyFile: "/srv/pcsim-tls/server-key.pem",
        caFile: "/srv/pcsim-tls/ca.pem", notBefore: Date(timeIntervalSince1970: 1_767_000_000),
        expires: Date(timeIntervalSince1970: 1_798_000_000), names: CertificateName.loopback + [.dns("pcsim.test")])

    /// A demo world with no `--public-url`, so links follow the listen address.
    static func world() throws -> (Services, PartnerCenterApp) {
        let services = try Simulator.open(SimulatorConfiguration(empty: true), logger: AppTestSupport.quietLogger)
        try Simulator.seed(services, fixture: try TestWorld.demoFixture())
        return (services, PartnerCenterApp(services: services))
    }

    @Test("HTTPS: with a certificate the listen address gives https links, IPv6 in brackets; without one http")
    func baseURL() throws {
        let services = try Simulator.open(SimulatorConfiguration(empty: true), logger: AppTestSupport.quietLogger)
        services.setListenAddress(host: "127.0.0.1", port: 18443, tls: Self.identity)
        #expect(services.publicBaseURL == "https://127.0.0.1:18443")
        services.setListenAddress(host: "::1", port: 18444, tls: Self.identity)
        #expect(services.publicBaseURL == "https://[::1]:18444")
        services.setListenAddress(host: "127.0.0.1", port: 18445)
        #expect(services.publicBaseURL == "http://127.0.0.1:18445")
        let configured = try Simulator.open(SimulatorConfiguration(publicURL: "http://links.example", empty: true),
                                            logger: AppTestSupport.quietLogger)
        configured.setListenAddress(host: "127.0.0.1", port: 18446, tls: Self.identity)
        #expect(configured.publicBaseURL == "http://links.example", "--public-url still wins")
    }

    @Test("HTTPS: an invitation link and its mail carry https when the server speaks TLS")
    func invitationLink() throws {
        let (services, app) = try Self.world()
        services.setListenAddress(host: "127.0.0.1", port: 18447, tls: Self.identity)
        let response = try HardeningStorageTests.send(app, services, .post, "/portal/partnerships", principal: "distributor-admin",
                                                      body: ["resellerTenantId": .string(Demo.northwind)])
        #expect(response.status == 201, "\(response.text)")
        let url = try #require(response["invitationUrl"]?.stringValue)
        #expect(url.hasPrefix("https://127.0.0.1:18447/portal/invitations/"), "\(url)")
    }

    @Test("HTTPS: /_sim/health names the scheme, the CA file, the certificate file, its end and its names")
    func healthOverTLS() throws {
        let (services, app) = try Self.world()
        services.setListenAddress(host: "127.0.0.1", port: 18448, tls: Self.identity)
        let health = try HardeningStorageTests.send(app, services, .get, "/_sim/health")
        #expect(health.status == 200)
        #expect(health["scheme"]?.stringValue == "https")
        let tls = try #require(health["tls"])
        #expect(tls["caFile"]?.stringValue == "/srv/pcsim-tls/ca.pem")
        #expect(tls["certificateFile"]?.stringValue == "/srv/pcsim-tls/server.pem")
        #expect(tls["expires"]?.stringValue == "2026-12-23T04:26:40Z")
        #expect(tls["names"] == ["localhost", "127.0.0.1", "::1", "pcsim.test"])
        #expect(tls.objectValue?.keys.sorted() == ["caFile", "certificateFile", "expires", "names"])
    }

    @Test("HTTPS: a user's own certificate has no CA file: caFile is null")
    func healthUserCertificate() throws {
        let (services, app) = try Self.world()
        let own = TLSIdentity(certificateChainFile: "/etc/own.pem", privateKeyFile: "/etc/own-key.pem", caFile: nil,
                              notBefore: Self.identity.notBefore, expires: Self.identity.expires, names: [.dns("own.test")])
        services.setListenAddress(host: "127.0.0.1", port: 18449, tls: own)
        let health = try HardeningStorageTests.send(app, services, .get, "/_sim/health")
        #expect(health["tls"]?["caFile"] == .null)
        #expect(health["tls"]?["certificateFile"]?.stringValue == "/etc/own.pem")
    }

    @Test("HTTPS: over plain HTTP health says http and tls is null")
    func healthPlain() throws {
        let (services, app) = try Self.world()
        services.setListenAddress(host: "127.0.0.1", port: 18450)
        let health = try HardeningStorageTests.send(app, services, .get, "/_sim/health")
        #expect(health["scheme"]?.stringValue == "http")
        #expect(health["tls"] == .null)
        #expect(health.json.objectValue?.keys.contains("tls") == true, "the key is present, null")
    }
}
