import JSON

/// The real API's collection envelope (`ResourceCollection` of the SDKs): one page of items,
/// the total, `links.self` and, when more follow, `links.next` carrying the continuation
/// token in its headers.
struct ResourceCollection: Encodable, Sendable {
    struct Links: Encodable, Sendable {
        let `self`: Link
        let next: Link?
    }
    struct Attributes: Encodable, Sendable {
        let objectType = "Collection"
    }

    let totalCount: Int
    /// Rendered items (each an APIResource's JSON, or a plain record of the control plane).
    let items: [JSON]
    let links: Links
    let attributes = Attributes()
}
