/// The answer of GET /_sim/principals: every named principal, unpaged.
struct PrincipalList: Encodable, Sendable {
    struct Attributes: Encodable, Sendable {
        let objectType = "Collection"
    }

    let totalCount: Int
    let items: [NamedPrincipal]
    let attributes = Attributes()

    init(_ items: [NamedPrincipal]) {
        totalCount = items.count
        self.items = items
    }
}
