import JSON

/// The real API's collection envelope (`ResourceCollection` and `SeekBasedResourceCollection`
/// of the SDKs): one page of items, the total, `links.self`, `links.next` (carrying the
/// continuation token in its headers) when more follow and `links.previous` past the first
/// page, and the next page's token as `continuationToken` (omitted on the last page).
struct ResourceCollection: Encodable, Sendable {
    struct Links: Encodable, Sendable {
        let `self`: Link
        let next: Link?
        let previous: Link?
    }
    struct Attributes: Encodable, Sendable {
        let objectType = "Collection"
    }

    let totalCount: Int
    /// Rendered items (each an APIResource's JSON, or a plain record of the control plane).
    let items: [JSON]
    let links: Links
    let continuationToken: String?
    let attributes = Attributes()
}
