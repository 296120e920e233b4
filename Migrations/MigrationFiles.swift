import Foundation

/// Locates the numbered `.sql` files shipped with the binary as package resources.
public enum MigrationFiles {
    /// The folder holding `NNNN_name.sql`; resolved through the resource bundle so the
    /// binary finds it from any working directory.
    public static var directory: URL? {
        Bundle.module.url(forResource: "sql", withExtension: nil)
    }
}
