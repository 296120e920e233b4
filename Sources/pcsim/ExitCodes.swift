/// pcsim's exit codes besides 0 (a clean stop), from sysexits(3) so each failure a script can
/// act on has its own; see docs/decisions.md.
enum ExitCodes {
    /// Bad options, as ArgumentParser exits for them (EX_USAGE).
    static let badOptions: Int32 = 64
    /// The listen address is in use (EX_UNAVAILABLE).
    static let portInUse: Int32 = 69
    /// A request handler was still running at the end of the shutdown grace period (EX_SOFTWARE).
    static let shutdownTimedOut: Int32 = 70
    /// A resource bundle of the installation is missing (EX_OSFILE).
    static let installationIncomplete: Int32 = 72
    /// The database cannot be written, or the ready file cannot be (EX_CANTCREAT).
    static let cannotCreate: Int32 = 73
    /// Another pcsim serves the database (EX_TEMPFAIL: it is free again once that one stops).
    static let databaseInUse: Int32 = 75
}
