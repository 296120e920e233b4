@testable import PartnerCenter
import Testing

@Suite("Fault rules: path patterns")
struct PathPatternTests {
    static func matches(_ pattern: String, _ path: String) throws -> Bool {
        try #require(PathPattern(pattern)).matches(PathPattern.segments(ofRawPath: path))
    }

    @Test("A literal pattern matches its path in any case, with or without one trailing slash")
    func literal() throws {
        #expect(try Self.matches("/v1/customers", "/v1/customers"))
        #expect(try Self.matches("/v1/customers", "/V1/Customers/"))
        #expect(try Self.matches("/v1/customers/", "/v1/customers"))
        #expect(try !Self.matches("/v1/customers", "/v1/customers/x"))
        #expect(try !Self.matches("/v1/customers", "/v1"))
    }

    @Test("* matches within one segment only, whole or partly")
    func star() throws {
        #expect(try Self.matches("/v1/customers/*", "/v1/customers/abc"))
        #expect(try !Self.matches("/v1/customers/*", "/v1/customers"))
        #expect(try !Self.matches("/v1/customers/*", "/v1/customers/a/b"))
        #expect(try Self.matches("/v1/cust*", "/v1/customers"))
        #expect(try Self.matches("/v1/*mers", "/v1/customers"))
        #expect(try Self.matches("/v1/c*t*s", "/v1/customers"))
        #expect(try !Self.matches("/v1/c*x*s", "/v1/customers"))
        #expect(try !Self.matches("/v1/a*a", "/v1/a"))
    }

    @Test("A ** segment matches any number of segments, none included, also in the middle and several times")
    func doubleStar() throws {
        #expect(try Self.matches("/v1/**", "/v1"))
        #expect(try Self.matches("/v1/**", "/v1/a/b/c"))
        #expect(try Self.matches("/**", "/"))
        #expect(try Self.matches("/v1/**/orders", "/v1/customers/x/orders"))
        #expect(try Self.matches("/v1/**/orders", "/v1/orders"))
        #expect(try !Self.matches("/v1/**/orders", "/v1/customers/x/orders/y"))
        #expect(try Self.matches("/**/a/**/b/**", "/x/a/y/z/b"))
        #expect(try !Self.matches("/**/a/**/b/**", "/x/b/y/a"))
    }

    @Test("Segments are compared percent-decoded, split on the raw slash")
    func decoded() throws {
        #expect(try Self.matches("/v1/customers/a%20b", "/v1/customers/a%20b"))
        #expect(try Self.matches("/v1/customers/*", "/v1/customers/a%2Fb"), "an encoded slash stays in its segment")
        #expect(try Self.matches("/v1/customers/x", "/v1/%63ustomers/x"))
    }

    @Test("Patterns that are not paths, or name the control plane, are refused with a reason")
    func refused() {
        #expect(PathPattern.problem("v1") == "must start with /")
        #expect(PathPattern.problem("/_sim/health") == "/_sim routes are never faulted")
        #expect(PathPattern.problem("/a//b") != nil)
        #expect(PathPattern.problem("/a?b") != nil)
        #expect(PathPattern.problem("/v1/**") == nil)
    }
}
