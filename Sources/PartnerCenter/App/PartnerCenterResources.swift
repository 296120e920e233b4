import Foundation

/// Files shipped inside the PartnerCenter resource bundle.
enum PartnerCenterResources {
    static func demoWorld() throws -> [UInt8] {
        try file("demo-world", "json")
    }

    static func openAPI() throws -> [UInt8] {
        try file("openapi", "yaml")
    }

    private static func file(_ name: String, _ ext: String) throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext),
              let data = FileManager.default.contents(atPath: url.path) else {
            throw Simulator.StartupError(description: "the resource \(name).\(ext) is missing from the installation")
        }
        return Array(data)
    }
}
