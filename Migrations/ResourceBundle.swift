import Foundation

/// Finds a target's resource bundle (`pcsim_<Target>.resources`) next to the executable, where
/// SwiftPM's generated `Bundle.module` looks first, without its `fatalError` when the bundle is
/// missing: an installation that copied the binary without its bundles gets a startup error
/// naming the bundle and the folder instead of a crash. (The generated accessor's second place,
/// the build folder it was compiled in, is left out on purpose: a copied binary would then work
/// only on the machine that built it, and fail elsewhere.)
public enum ResourceBundle {
    /// The bundle `name` (e.g. `pcsim_Migrations`), or nil when it is in none of `folders`.
    public static func named(_ name: String) -> Bundle? {
        for folder in folders {
            let path = folder.appendingPathComponent("\(name).\(Self.suffix)").path
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue,
               let bundle = Bundle(path: path) {
                return bundle
            }
        }
        return nil
    }

    /// What SwiftPM names a resource bundle: `<package>_<target>.bundle` on Apple platforms,
    /// `.resources` elsewhere.
    #if canImport(Darwin)
    static let suffix = "bundle"
    #else
    static let suffix = "resources"
    #endif

    /// Where bundles are looked for: the executable's folder, and the folder of the file a
    /// symbolic link to the executable points at.
    public static var folders: [URL] {
        let main = Bundle.main.bundleURL
        let resolved = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent()
        return [main] + (resolved.map { $0.standardizedFileURL == main.standardizedFileURL ? [] : [$0] } ?? [])
    }

    /// The problem to report when `name` is missing.
    public static func missing(_ name: String) -> String {
        "the resource bundle \(name).\(suffix) is missing from the installation: pcsim looks for it next to its executable, in "
            + folders.map(\.path).joined(separator: " or ")
            + " (install the pcsim_*.\(suffix) folders of the build beside the binary)"
    }
}
