import Foundation

/// Locates the numbered `.sql` files shipped with the binary as package resources.
public enum MigrationFiles {
    public static let bundleName = "pcsim_Migrations"

    /// The folder holding `NNNN_name.sql`; resolved through the resource bundle so the
    /// binary finds it from any working directory. Nil when the bundle is missing
    /// (`ResourceBundle.missing` says so).
    public static var directory: URL? {
        ResourceBundle.named(bundleName)?.url(forResource: "sql", withExtension: nil)
    }
}
