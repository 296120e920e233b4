import JSON

/// A resource the API renders. The conforming type's own properties, in declaration order,
/// are the resource's properties on the wire (an optional property is omitted when nil;
/// `@Nullable` renders null instead). Rendering appends `links` (when there are any) and
/// `attributes`: the objectType and an etag derived from the properties, so the etag changes
/// whenever the resource does and If-Match can be checked against it.
protocol APIResource: Encodable, Sendable {
    /// `attributes.objectType` (the real API's type name).
    static var objectType: String { get }
    /// `links`, in order; none renders no `links` member.
    var links: [(name: String, link: Link)] { get }
    /// Whether `attributes` carries an etag (every resource of the real API except a few
    /// embedded profiles does).
    static var hasETag: Bool { get }
}

extension APIResource {
    var links: [(name: String, link: Link)] { [] }
    static var hasETag: Bool { true }

    /// The resource as JSON: properties, then links, then attributes.
    func rendered() throws -> JSON {
        let properties = try JSONValueEncoder().encode(self)
        guard case .object(var object) = properties else { return properties }
        var attributes: JSONObject = ["objectType": .string(Self.objectType)]
        if Self.hasETag { attributes["etag"] = .string(ETag.of(object)) }
        if !links.isEmpty {
            var rendered = JSONObject()
            for (name, link) in links { rendered[name] = try JSONValueEncoder().encode(link) }
            object["links"] = .object(rendered)
        }
        object["attributes"] = .object(attributes)
        return .object(object)
    }
}

/// A resource's etag: FNV-1a over its serialized properties.
enum ETag {
    static func of(_ object: JSONObject) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in JSON.object(object).serialized() {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}

/// A resource embedded in another (the orders of a TransferSubmitResult): encoded as its full
/// rendering, links and attributes included, as the real service nests them.
struct Embedded<Resource: APIResource>: Encodable, Sendable {
    let resource: Resource

    init(_ resource: Resource) { self.resource = resource }

    func encode(to encoder: any Encoder) throws {
        // Through a single-value container, so JSONValueEncoder inserts the rendered value as
        // is instead of re-encoding its structure member by member.
        var container = encoder.singleValueContainer()
        try container.encode(try resource.rendered())
    }
}
