import Foundation
import HTTP
@testable import PartnerCenter
import Testing

/// The OpenAPI document (Sources/PartnerCenter/Resources/openapi.yaml, linked from the
/// repository root as openapi.yaml) must describe exactly the routes the app registers.
/// A route added without its documentation fails here, as does documentation of a route
/// that does not exist.
@Suite("OpenAPI document")
struct OpenAPITests {
    static let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options", "trace"]

    struct Operation: Hashable, Comparable, CustomStringConvertible {
        let method: String
        let path: String
        var description: String { "\(method.uppercased()) \(path)" }
        static func < (lhs: Operation, rhs: Operation) -> Bool { (lhs.path, lhs.method) < (rhs.path, rhs.method) }
    }

    /// One documented operation and the lines of its block, for checks on its content.
    struct Documented {
        let operation: Operation
        let lines: [Substring]
        let pathLines: [Substring]
    }

    /// A deliberately tiny reader of the document's shape: under the top-level `paths:` key,
    /// a path is a two-space-indented `  /path:` line and a method a four-space `    get:` line.
    static func operations(in yaml: String) -> [Documented] {
        var result: [Documented] = []
        var inPaths = false
        var path: String?
        var pathLines: [Substring] = []
        var current: (Operation, [Substring])?
        func flush() {
            if let (operation, lines) = current { result.append(Documented(operation: operation, lines: lines, pathLines: pathLines)) }
            current = nil
        }
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("#") || line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            if !line.hasPrefix(" ") {
                flush()
                inPaths = line.hasPrefix("paths:")
                path = nil
                continue
            }
            guard inPaths else { continue }
            if line.hasPrefix("  /") && line.hasSuffix(":") {
                flush()
                path = String(line.dropFirst(2).dropLast())
                pathLines = []
            } else if line.hasPrefix("    ") && !line.hasPrefix("     ") && line.hasSuffix(":"),
                      let path, methods.contains(String(line.dropFirst(4).dropLast())) {
                flush()
                current = (Operation(method: String(line.dropFirst(4).dropLast()), path: path), [])
            } else if line.hasPrefix("    ") && !line.hasPrefix("     ") {
                flush()   // a path-level key such as `parameters:`
                pathLines.append(line)
            } else if current != nil {
                current?.1.append(line)
            } else {
                pathLines.append(line)
            }
        }
        flush()
        return result
    }

    static func document() throws -> String {
        String(decoding: try PartnerCenterResources.openAPI(), as: UTF8.self)
    }

    static func registered() throws -> Set<Operation> {
        let world = try TestWorld(demo: false)
        return Set(world.app.routes.map { Operation(method: $0.method.rawValue.lowercased(), path: $0.pattern) })
    }

    @Test("every registered route is documented, and every documented route exists")
    func documentMatchesRoutes() throws {
        let documented = Self.operations(in: try Self.document()).map(\.operation)
        #expect(documented.count == Set(documented).count, "an operation is documented twice")
        let registered = try Self.registered()
        #expect(registered.count >= 30)
        let missing = registered.subtracting(documented).sorted()
        let unknown = Set(documented).subtracting(registered).sorted()
        #expect(missing.isEmpty, "routes missing from openapi.yaml: \(missing.map(\.description).joined(separator: ", "))")
        if !missing.isEmpty {
            // A starting point to paste under `paths:` (merge methods of one path), then complete.
            Issue.record("skeletons for Sources/PartnerCenter/Resources/openapi.yaml:\n\(Self.skeletons(missing))")
        }
        #expect(unknown.isEmpty, "openapi.yaml documents routes that do not exist: \(unknown.map(\.description).joined(separator: ", "))")
    }

    @Test("every documented operation has a summary, responses, and its path parameters")
    func operationsAreComplete() throws {
        for documented in Self.operations(in: try Self.document()) {
            let operation = documented.operation
            let text = (documented.pathLines + documented.lines).map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(documented.lines.contains { $0.hasPrefix("      summary: ") }, "\(operation) has no summary")
            #expect(documented.lines.contains { $0.hasPrefix("      responses:") }, "\(operation) has no responses")
            for parameter in Self.pathParameters(operation.path) {
                #expect(text.contains { $0.hasPrefix("- name: \(parameter)") || $0.hasPrefix("- {name: \(parameter),") }
                        || text.contains("- $ref: '#/components/parameters/\(parameter)'"),
                        "\(operation) does not describe its path parameter \(parameter)")
            }
        }
    }

    /// YAML to document `operations`, with each route's own summary and path parameters.
    static func skeletons(_ operations: [Operation]) -> String {
        var summaries: [Operation: String] = [:]
        for endpoint in PartnerCenterApp.allEndpoints() {
            summaries[Operation(method: endpoint.method.rawValue.lowercased(), path: endpoint.path)] = endpoint.summary
        }
        var text = ""
        var lastPath = ""
        for operation in operations {
            if operation.path != lastPath {
                text += "\n  \(operation.path):\n"
                lastPath = operation.path
            }
            let family = operation.path.hasPrefix("/v1/") ? "Partner Center" : operation.path.hasPrefix("/portal/") ? "Portal" : "Control plane"
            text += "    \(operation.method):\n      tags: [\(family)]\n"
            let summary = (summaries[operation] ?? "TODO").replacingOccurrences(of: "'", with: "''")
            text += "      summary: '\(summary)'\n"
            let parameters = pathParameters(operation.path)
            if !parameters.isEmpty {
                text += "      parameters:\n"
                for name in parameters {
                    text += "        - {name: \(name), in: path, required: true, schema: {type: string}}\n"
                }
            }
            if operation.method == "post" || operation.method == "patch" {
                text += "      requestBody:\n        content:\n          application/json:\n            schema: {type: object}\n"
            }
            let success = operation.method == "delete" ? "'204': {description: Done}"
                : operation.method == "post" ? "'201': {description: Created}" : "'200': {description: OK}"
            text += "      responses:\n        \(success)\n"
            text += "        '400': {$ref: '#/components/responses/BadRequest'}\n"
            text += "        '401': {$ref: '#/components/responses/Unauthorized'}\n"
            text += "        '403': {$ref: '#/components/responses/Forbidden'}\n"
            text += "        '404': {$ref: '#/components/responses/NotFound'}\n"
        }
        return text
    }

    static func pathParameters(_ path: String) -> [String] {
        path.split(separator: "/").compactMap { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? String(segment.dropFirst().dropLast()) : nil
        }
    }

    @Test("the reader finds operations and ignores what is not a path")
    func readerSelfTest() {
        let yaml = """
            openapi: 3.0.3
            info:
              title: x
              /not-a-path:
            paths:
              /a/{id}:
                parameters:
                  - name: id
                get:
                  summary: A
                  responses: {}
                delete:
                  summary: B
              /b:
                post:
                  summary: C
            components:
              schemas:
                /nope:
                  get:
            """
        let found = Self.operations(in: yaml)
        #expect(found.map(\.operation.description) == ["GET /a/{id}", "DELETE /a/{id}", "POST /b"])
        #expect(found[0].pathLines.contains { $0.contains("name: id") })
    }

    @Test("GET /openapi.yaml serves the document without a token")
    func served() throws {
        let world = try TestWorld(demo: false)
        let response = try world.request(.get, "/openapi.yaml")
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"]?.hasPrefix("application/yaml") == true)
        #expect(response.text == (try Self.document()))
        #expect(response.text.hasPrefix("openapi: 3.0.3"))
    }

    @Test("the repository's openapi.yaml is the served document")
    func repositoryCopy() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let path = root.appendingPathComponent("openapi.yaml").path
        let contents = try #require(FileManager.default.contents(atPath: path), "openapi.yaml at the repository root")
        #expect(String(decoding: contents, as: UTF8.self) == (try Self.document()))
        let link = try? FileManager.default.destinationOfSymbolicLink(atPath: path)
        #expect(link == "Sources/PartnerCenter/Resources/openapi.yaml", "openapi.yaml is a relative link to the resource")
    }
}
