import JSON

/// The answer of POST /_sim/seed: the world's name, its parties' tenant ids by fixture key
/// (sorted by key) and its principals with fresh tokens.
struct SeedResult: Encodable, Sendable {
    let world: String
    /// Fixture key -> tenant id.
    let partners: JSONObject
    let customers: JSONObject
    let principals: [NamedPrincipal]

    init(_ world: WorldLoader.LoadedWorld, principals: [NamedPrincipal]) {
        self.world = world.name
        partners = JSONObject(world.partners.map { ($0.key, .string($0.tenantId)) })
        customers = JSONObject(world.customers.map { ($0.key, .string($0.tenantId)) })
        self.principals = principals
    }
}
