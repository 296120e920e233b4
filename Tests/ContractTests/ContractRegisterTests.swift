import Foundation
import JSON
@testable import PartnerCenter
import Testing

/// The register of documented pages (Tests/ContractTests/Pages/*.json) against the contract
/// tests that exist. Each entry names a REST reference page, the routes of pcsim it documents,
/// how many request/response examples and documented errors the page has, and why any of them
/// is not covered. A contract test is named `"<page> example N: ..."` or
/// `"<page> error <status> <code>: ..."`, so this test counts them from the source text and
/// the README's figures (docs/contract-coverage.py) come from the same count.
@Suite("Contract register")
struct ContractRegisterTests {
    struct Page {
        let page: String
        let routes: [String]
        let examples: Int
        let errors: Int
        let uncoveredExamples: Int
        let uncoveredErrors: Int
    }

    static var folder: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent() }

    static func pages() throws -> [Page] {
        let directory = folder.appendingPathComponent("Pages")
        var pages: [Page] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() where file.hasSuffix(".json") {
            let data = try #require(FileManager.default.contents(atPath: directory.appendingPathComponent(file).path))
            for entry in try JSON.parse(Array(data)).arrayValue ?? [] {
                pages.append(Page(
                    page: try #require(entry["page"]?.stringValue, "\(file): an entry without page"),
                    routes: entry["routes"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                    examples: Int(entry["examples"]?.intValue ?? 0),
                    errors: Int(entry["errors"]?.intValue ?? 0),
                    uncoveredExamples: entry["uncoveredExamples"]?.arrayValue?.count ?? 0,
                    uncoveredErrors: entry["uncoveredErrors"]?.arrayValue?.count ?? 0))
            }
        }
        return pages
    }

    /// The text of every Swift file under Tests/ContractTests.
    static func testSource() throws -> String {
        var text = ""
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let path = enumerator?.nextObject() as? String {
            guard path.hasSuffix(".swift") else { continue }
            text += (try? String(contentsOfFile: folder.appendingPathComponent(path).path, encoding: .utf8)) ?? ""
        }
        return text
    }

    static func count(_ prefix: String, in source: String) -> Int {
        source.components(separatedBy: "@Test(\"\(prefix)").count - 1
    }

    @Test("every documented example and error of a registered page has its contract test, or a stated reason")
    func everyExampleIsCovered() throws {
        let source = try Self.testSource()
        let pages = try Self.pages()
        #expect(!pages.isEmpty)
        for page in pages {
            let examples = Self.count("\(page.page) example ", in: source)
            let errors = Self.count("\(page.page) error ", in: source)
            #expect(examples + page.uncoveredExamples == page.examples,
                    "\(page.page): \(examples) example tests + \(page.uncoveredExamples) stated gaps, the page has \(page.examples)")
            #expect(errors + page.uncoveredErrors == page.errors,
                    "\(page.page): \(errors) error tests + \(page.uncoveredErrors) stated gaps, the page documents \(page.errors)")
        }
    }

    @Test("every /v1 route pcsim serves is on a registered page")
    func everyRouteIsRegistered() throws {
        let registered = Set(try Self.pages().flatMap(\.routes))
        let world = try TestWorld(demo: false)
        let served = world.app.routes.map { "\($0.method.rawValue) \($0.pattern)" }.filter { $0.contains(" /v1/") }
        for route in served.sorted() {
            #expect(registered.contains(route), "\(route) is on no page of Tests/ContractTests/Pages")
        }
        for route in registered.sorted() {
            #expect(served.contains(route), "\(route) is registered but pcsim does not serve it")
        }
    }

    @Test("every type an SDK model fixture names resolves to a scalar, an enum or another fixture")
    func fixturesResolve() {
        #expect(SDKModels.dotnet.unresolvedTypes() == [])
        #expect(SDKModels.java.unresolvedTypes() == [])
        #expect(!SDKModels.dotnet.modelNames.isEmpty)
        #expect(!SDKModels.java.modelNames.isEmpty)
    }
}
