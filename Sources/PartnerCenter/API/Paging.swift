import HTTP
import JSON
import SQLite

/// Collection paging of spec/api.md: `size` (default 100, max 500) and an opaque
/// continuation token carried in the `MS-ContinuationToken` header of the `next` link.
/// `size=0` is the default page: both SDKs send it when they ask for an unpaged search
/// (docs/decisions.md, "Wire-contract parity").
struct Page: Sendable {
    static let defaultSize = 100
    static let maximumSize = 500

    let size: Int
    let offset: Int
    /// The request's query pairs as sent (still percent-encoded), repeated in the links so
    /// that following `next` keeps the filters and the page size.
    let queryPairs: [Substring]

    init(size: Int, offset: Int, queryPairs: [Substring] = []) {
        self.size = size
        self.offset = offset
        self.queryPairs = queryPairs
    }

    init(_ context: RequestContext) throws(APIError) {
        var size = Page.defaultSize
        if let text = context.query("size") {
            guard let value = Int(text), value >= 0, value <= Page.maximumSize else {
                throw APIError.invalidField("size", "must be an integer from 0 (the default, \(Page.defaultSize)) to \(Page.maximumSize)")
            }
            if value > 0 { size = value }
        }
        var offset = 0
        if let token = context.request.headers["MS-ContinuationToken"], !token.isEmpty {
            guard let bytes = Base64URL.decode(token), let text = String(bytes: bytes, encoding: .utf8),
                  text.hasPrefix("offset:"), let value = Int(text.dropFirst(7)), InputLimits.pageOffset.contains(value) else {
                throw APIError.invalidField("MS-ContinuationToken", "is not a continuation token this server issued")
            }
            offset = value
        }
        let target = context.request.target
        let query = target.firstIndex(of: "?").map { target[target.index(after: $0)...].prefix { $0 != "#" } } ?? ""
        self.init(size: size, offset: offset, queryPairs: query.split(separator: "&"))
    }

    /// SQL suffix fetching one row more than the page, to know whether a next page exists.
    /// The numbers are bound (`limitArguments`), never written into the SQL text: every
    /// distinct text would be one more prepared statement in each connection's cache.
    /// Plain `?` parameters number on from the highest one before them, so the clause follows
    /// both `?` and `?N` styles.
    static let limitClause = "LIMIT ? OFFSET ?"

    /// The values of `limitClause`'s two parameters, to append to the query's own arguments.
    var limitArguments: [Int] { [size + 1, offset] }

    /// `arguments` followed by `limitArguments`.
    func arguments(_ arguments: [(any ValueConvertible)?]) -> [(any ValueConvertible)?] {
        arguments + limitArguments.map { $0 as (any ValueConvertible)? }
    }

    /// The slice of an in-memory list this page shows, plus one element when more follow
    /// (the shape `collection` expects), for collections not fetched with `limitClause`.
    func slice<T>(_ all: [T]) -> [T] {
        guard offset < all.count else { return [] }
        return Array(all[offset..<min(all.count, offset + size + 1)])
    }

    /// The collection of an in-memory list: this page of it, with `next` when more follow.
    func collection(all items: [JSON], selfURI: String) -> JSON {
        collection(slice(items), totalCount: items.count, selfURI: selfURI)
    }

    /// The collection of resources; `items` may hold one extra element (from `limitClause`).
    func collection(_ items: [some APIResource], totalCount: Int, selfURI: String) throws -> JSON {
        collection(try items.map { try $0.rendered() }, totalCount: totalCount, selfURI: selfURI)
    }

    /// The collection of an in-memory list of resources: this page of it.
    func collection(all items: [some APIResource], selfURI: String) throws -> JSON {
        collection(try slice(items).map { try $0.rendered() }, totalCount: items.count, selfURI: selfURI)
    }

    /// The collection envelope. `items` may hold one extra element (from `limitClause`).
    /// When more follow, `links.next` and `continuationToken` carry the same token (the .NET
    /// and Java SeekBasedResourceCollection read the latter; their enumerators follow the
    /// former); past the first page `links.previous` points one page back.
    func collection(_ items: [JSON], totalCount: Int, selfURI: String) -> JSON {
        let selfURI = withRequestQuery(selfURI)
        let hasMore = items.count > size
        let pageItems = hasMore ? Array(items.prefix(size)) : items
        let nextToken = hasMore ? Self.token(offset: offset + size) : nil
        let next = nextToken.map { Link(selfURI, headers: [("MS-ContinuationToken", $0)]) }
        let previous = offset > 0 ? Link(selfURI, headers: [("MS-ContinuationToken", Self.token(offset: max(0, offset - size)))]) : nil
        let envelope = ResourceCollection(totalCount: totalCount, items: pageItems,
                                          links: ResourceCollection.Links(self: Link(selfURI), next: next, previous: previous),
                                          continuationToken: nextToken)
        // Plain values only (strings, numbers, JSON): encoding cannot fail.
        return (try? JSONValueEncoder().encode(envelope)) ?? .object([:])
    }

    /// The continuation token of the page starting at `offset`.
    private static func token(offset: Int) -> String {
        Base64URL.encode(Array("offset:\(offset)".utf8))
    }

    /// `uri` plus the request's query pairs whose names it does not already carry.
    private func withRequestQuery(_ uri: String) -> String {
        func name(_ pair: Substring) -> String { String(pair.prefix { $0 != "=" }).lowercased() }
        let present = Set((uri.firstIndex(of: "?").map { uri[uri.index(after: $0)...] } ?? "").split(separator: "&").map(name))
        let extra = queryPairs.filter { !$0.isEmpty && !present.contains(name($0)) }
        guard !extra.isEmpty else { return uri }
        return uri + (uri.contains("?") ? "&" : "?") + extra.joined(separator: "&")
    }
}
