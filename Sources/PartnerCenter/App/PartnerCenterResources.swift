import Foundation
import Migrations

/// Files shipped inside the PartnerCenter resource bundle.
enum PartnerCenterResources {
    static let bundleName = "pcsim_PartnerCenter"

    static func demoWorld() throws -> [UInt8] {
        try file("demo-world", "json")
    }

    static func openAPI() throws -> [UInt8] {
        try file("openapi", "yaml")
    }

    private static func file(_ name: String, _ ext: String) throws -> [UInt8] {
        // Looked up here, not through SwiftPM's Bundle.module, which ends the process when the
        // bundle is missing (ResourceBundle).
        guard let bundle = ResourceBundle.named(bundleName) else {
            throw Simulator.StartupError(description: ResourceBundle.missing(bundleName))
        }
        guard let url = bundle.url(forResource: name, withExtension: ext),
              let data = FileManager.default.contents(atPath: url.path) else {
            throw Simulator.StartupError(description: "the resource \(name).\(ext) is missing from the installation (\(bundle.bundlePath))")
        }
        return Array(data)
    }
}
