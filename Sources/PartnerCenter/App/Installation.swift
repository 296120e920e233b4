import Migrations

/// Whether the files the binary needs besides itself are where it looks for them.
public enum Installation {
    /// Why the installation is incomplete (a resource bundle is missing), nil when it is whole.
    /// Commands check it before touching a database, so a broken installation creates nothing.
    public static func problem() -> String? {
        for name in [MigrationFiles.bundleName, PartnerCenterResources.bundleName] where ResourceBundle.named(name) == nil {
            return ResourceBundle.missing(name)
        }
        return nil
    }
}
