import HTTP
import JSON
import SQLite

/// `If-Match` on PATCH, PUT and DELETE (RFC 9110 13.1.1; Partner Center's headers page:
/// "Used for concurrency control. Some API calls require passing the ETag via the If-Match
/// header"). The current etag is the `attributes.etag` the GET of the resource renders,
/// computed inside the write transaction on the writer's connection, so nothing can change
/// the resource between the check and the write: a GET-then-PATCH client that retries on 412
/// loses no update. Without If-Match a write behaves as before.
enum Preconditions {
    typealias Render = @Sendable (RequestContext, Connection) throws -> APIResponse

    /// The methods whose If-Match is honoured.
    static let conditionalMethods: Set<HTTPMethod> = [.patch, .put, .delete]

    /// For each conditional write endpoint, how to render the resource it changes, found from
    /// the GET routes (a write with none has no etag to compare, and ignores If-Match):
    /// 1. the GET of the same path (`PATCH /v1/customers/{id}` and `GET /v1/customers/{id}`);
    /// 2. for a path ending in a literal, the GET of the parent: the property or action
    ///    belongs to that resource (`DELETE /portal/partnerships/{id}/admin-access`);
    /// 3. for a path ending in a parameter, the item of the parent collection whose field of
    ///    that name, or `id`, is the parameter (`PATCH /portal/locations/{plaId}`).
    /// Keyed by `key(method, path)`.
    static func renderers(_ endpoints: [Endpoint]) -> [String: Render] {
        var reads: [String: Render] = [:]
        for endpoint in endpoints where endpoint.method == .get {
            if case .read(let render) = endpoint.handler, reads[endpoint.path] == nil { reads[endpoint.path] = render }
        }
        var renderers: [String: Render] = [:]
        for endpoint in endpoints where conditionalMethods.contains(endpoint.method) {
            if let same = reads[endpoint.path] {
                renderers[key(endpoint.method, endpoint.path)] = same
                continue
            }
            var segments = endpoint.path.split(separator: "/").map(String.init)
            guard let last = segments.popLast(), let parent = reads["/" + segments.joined(separator: "/")] else { continue }
            guard last.hasPrefix("{"), last.hasSuffix("}") else {
                renderers[key(endpoint.method, endpoint.path)] = parent
                continue
            }
            let name = String(last.dropFirst().dropLast())
            renderers[key(endpoint.method, endpoint.path)] = { context, db in
                let wanted = context.pathParameter(name)
                // Page by page: each page starts further on, so this ends with the collection.
                var token: String?
                repeat {
                    guard case .json(let collection) = try parent(context.collectionPage(continuation: token), db).body else { break }
                    if let item = collection["items"]?.arrayValue?.first(where: { item in
                        [name, "id"].contains { item[$0]?.stringValue?.caseInsensitiveCompare(wanted) == .orderedSame }
                    }) {
                        return .ok(item)
                    }
                    token = collection["links"]?["next"]?["headers"]?.arrayValue?
                        .first { $0["key"]?.stringValue == "MS-ContinuationToken" }?["value"]?.stringValue
                } while token != nil
                throw APIError.notFound("The resource")
            }
        }
        return renderers
    }

    static func key(_ method: HTTPMethod, _ path: String) -> String { "\(method.rawValue) \(path)" }

    /// The entity tags listed in If-Match header values: `*`, or etags quoted or not, weak
    /// (`W/"..."`) or strong (pcsim's etags are content hashes, so the two are the same).
    static func tags(_ values: [String]) -> [String] {
        values.joined(separator: ",").split(separator: ",").compactMap { part in
            var tag = part.trimmingHeaderWhitespace
            if tag.hasPrefix("W/") || tag.hasPrefix("w/") { tag = tag.dropFirst(2) }
            if tag.count >= 2, tag.hasPrefix("\""), tag.hasSuffix("\"") { tag = tag.dropFirst().dropLast() }
            return tag.isEmpty ? nil : String(tag)
        }
    }

    /// Refuses with 412 unless one of `ifMatch`'s tags is the current etag (or `*`, which
    /// any existing resource matches). `render` is the GET of the resource: its own refusal
    /// (404 for a resource that is not there or not visible) is the answer.
    static func check(ifMatch values: [String], render: () throws -> APIResponse) throws {
        let tags = tags(values)
        let response = try render()
        if tags.contains("*") { return }
        guard let current = etag(of: response), tags.contains(current) else {
            let sent = values.joined(separator: ", ")
            throw APIError.preconditionFailed(sent.isEmpty ? "(empty)" : String(sent.prefix(200)))
        }
    }

    /// The top-level `attributes.etag` of a JSON resource, if it has one.
    static func etag(of response: APIResponse) -> String? {
        guard case .json(let json) = response.body else { return nil }
        return json["attributes"]?["etag"]?.stringValue
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs (header whitespace, RFC 9110 5.6.3).
    var trimmingHeaderWhitespace: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return self[first...last]
    }
}
