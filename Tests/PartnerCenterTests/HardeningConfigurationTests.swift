import Foundation
import HTTP
import JSON
@testable import PartnerCenter
import Testing

/// Issue 10, items 9 and 10: links come from the configured public URL (never the request's
/// Host), and an empty or short admin key is refused at start and compared in constant time.
@Suite("Hardening: public URL and admin key")
struct HardeningConfigurationTests {
    typealias Demo = TestWorld.Demo

    // MARK: Item 9: Host header injection

    @Test("Hardening: Host: evil.example yields invitation links and mails with the configured public URL")
    func hostHeaderIgnored() throws {
        let base = "https://pcsim.example.com:8443"
        let world = try TestWorld(configuration: SimulatorConfiguration(publicURL: base + "/"))
        let response = try world.request(.post, "/portal/partnerships", as: "distributor-admin",
                                         body: ["resellerTenantId": .string(Demo.northwind)],
                                         headers: [("Host", "evil.example"), ("X-Forwarded-Host", "evil.example")])
        #expect(response.status == 201, "\(response.text)")
        let url = try #require(response["invitationUrl"]?.stringValue)
        #expect(url.hasPrefix(base + "/portal/invitations/"), "\(url)")
        let mails = try world.request(.get, "/_sim/outbox?kind=PartnershipRequest", headers: [("Host", "evil.example")]).items
        let mail = try #require(mails.first)
        #expect(mail["link"]?.stringValue == url)
        #expect(mail["body"]?.stringValue?.contains(url) == true)
        for item in mails { #expect(!item.serialized().contains(Array("evil.example".utf8)), "\(item)") }
        // Rendering the partnership again, with another Host, gives the same link.
        let id = try #require(response["id"]?.stringValue)
        let again = try world.request(.get, "/portal/partnerships/\(id)", as: "distributor-admin", headers: [("Host", "other.example")])
        #expect(again["invitationUrl"]?.stringValue == url)
    }

    @Test("Hardening: without --public-url links use the listen address with the bound port")
    func listenAddressDefault() throws {
        let services = try Simulator.open(SimulatorConfiguration(empty: true), logger: AppTestSupport.quietLogger)
        services.setListenAddress(host: "127.0.0.1", port: 18231)
        #expect(services.publicBaseURL == "http://127.0.0.1:18231")
        services.setListenAddress(host: "::1", port: 18232)
        #expect(services.publicBaseURL == "http://[::1]:18232")
        let configured = try Simulator.open(SimulatorConfiguration(publicURL: "http://links.example", empty: true),
                                            logger: AppTestSupport.quietLogger)
        configured.setListenAddress(host: "127.0.0.1", port: 18233)
        #expect(configured.publicBaseURL == "http://links.example")
    }

    @Test("Hardening: --public-url must be an absolute http(s) URL with no path, query or fragment", arguments: [
        ("http://pcsim.test", "http://pcsim.test"), ("https://pcsim.example.com:8443/", "https://pcsim.example.com:8443"),
        ("http://127.0.0.1:18200", "http://127.0.0.1:18200"), ("http://[::1]:18201", "http://[::1]:18201"),
        ("HTTPS://Example.com", "HTTPS://Example.com"),
    ])
    func publicURLAccepted(_ input: String, _ expected: String) throws {
        #expect(try SimulatorConfiguration.validatedPublicURL(input) == expected)
    }

    @Test("Hardening: invalid --public-url values are refused at start", arguments: [
        "", "pcsim.test", "/portal", "ftp://pcsim.test", "javascript:alert(1)", "http://", "http:///path",
        "http://pcsim.test/base", "http://pcsim.test?x=1", "http://pcsim.test#top", "http://user:pw@pcsim.test",
        "http://pcsim.test:0", "http://pcsim.test:99999", "http://pcsim test", "http://pcsim.test\r\nX: y", "http://évil.example",
    ])
    func publicURLRefused(_ input: String) {
        #expect(throws: (any Error).self, "\(input)") { try SimulatorConfiguration.validatedPublicURL(input) }
        #expect(throws: Simulator.StartupError.self, "\(input)") {
            try Simulator.open(SimulatorConfiguration(publicURL: input, empty: true), logger: AppTestSupport.quietLogger)
        }
    }

    // MARK: Item 10: admin key

    @Test("Hardening: an empty or short admin key is refused at start", arguments: [
        "", " ", "s3cret", "fifteen-chars-k", String(repeating: " ", count: 20), "sixteen chars ok",
        "tab\tinside-the-key-x", "newline\ninside-the-key",
    ])
    func shortAdminKeyRefused(_ key: String) {
        #expect(SimulatorConfiguration.adminKeyProblem(key) != nil, "\(key.debugDescription)")
        #expect(throws: Simulator.StartupError.self, "\(key.debugDescription)") {
            try Simulator.open(SimulatorConfiguration(adminKey: key, empty: true), logger: AppTestSupport.quietLogger)
        }
    }

    @Test("Hardening: an empty or short signing key is refused at start (anyone could forge tokens)", arguments: ["", "k", "7-bytes"])
    func shortSigningKeyRefused(_ key: String) {
        #expect(SimulatorConfiguration.signingKeyProblem(key) != nil)
        #expect(throws: Simulator.StartupError.self) {
            try Simulator.open(SimulatorConfiguration(signingKey: key, empty: true), logger: AppTestSupport.quietLogger)
        }
        #expect(SimulatorConfiguration.signingKeyProblem("8-bytes!") == nil)
    }

    @Test("Hardening: a 16-character admin key opens /_sim only with that exact key")
    func adminKeyExactMatch() throws {
        let key = "0123456789abcdef"
        #expect(SimulatorConfiguration.adminKeyProblem(key) == nil)
        let world = try TestWorld(configuration: SimulatorConfiguration(adminKey: key))
        #expect(try world.request(.get, "/_sim/clock", headers: [("X-Admin-Key", key)]).status == 200)
        for wrong in ["", "0123456789abcde", "0123456789abcdef0", "0123456789abcdeF", " 0123456789abcdef", "1123456789abcdef"] {
            let response = try world.request(.get, "/_sim/clock", headers: [("X-Admin-Key", wrong)])
            #expect(response.status == 403, "\(wrong.debugDescription)")
            #expect(response.code == 700006)
        }
        #expect(PartnerCenterApp.adminKeyMatches(key, key))
        #expect(!PartnerCenterApp.adminKeyMatches(nil, key))
        #expect(!PartnerCenterApp.adminKeyMatches("", key))
    }
}
