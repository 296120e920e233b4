/// The OpenAPI description served at `GET /openapi.yaml` (the repository's `openapi.yaml`
/// is a link to the same resource file).
enum OpenAPIDocument {
    static func load() -> [UInt8] {
        (try? PartnerCenterResources.openAPI()) ?? Array("openapi: 3.0.3\ninfo: {title: pcsim, version: missing}\npaths: {}\n".utf8)
    }
}
