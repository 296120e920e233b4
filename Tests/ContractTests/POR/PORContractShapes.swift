import JSON
@testable import PartnerCenter
import Testing

/// Shapes the POR-area contract tests share (kept in one namespace: the contract tests of
/// every area live in one module).
enum PORContract {
    typealias Demo = TestWorld.Demo

    /// A Link as the docs show it: `{"uri", "method", "headers": []}`.
    static let link: Kind = .object(["uri": .string, "method": .string,
                                     "headers": .array(.object(["key": .string, "value": .string]))])

    /// `attributes` with the given objectType.
    static func attributes(_ objectType: String) -> Kind {
        .object(Shape([("objectType", .enumeration([objectType])), ("etag", .string)], required: ["objectType"]))
    }

    /// A documented error body: `{"code", "description", "data", "source"}`.
    static let error: Shape = ["code": .integer, "description": .string, "data": .array(.any), "source": .string]

    /// A refused request: the status, the code, the error shape and the world unchanged.
    static func expectRefused(_ response: TestResponse, _ status: Int, _ code: Int, _ world: TestWorld, unchanged before: [String: Int],
                              sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(response.status == status, "\(response.text)", sourceLocation: sourceLocation)
        #expect(response.code == code, "\(response.text)", sourceLocation: sourceLocation)
        expectShape(response.json, error, sourceLocation: sourceLocation)
        #expect(try world.snapshot() == before, "the refusal changed the world", sourceLocation: sourceLocation)
    }
}
