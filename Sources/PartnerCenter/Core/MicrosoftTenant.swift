/// The fixed Microsoft tenant whose operators (MicrosoftSupport) approve enrollments and
/// execute Azure partner switches.
enum MicrosoftTenant {
    static let tenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47"
}

extension MicrosoftTenant {
    /// Who audit records name for the changes the service makes itself as time passes (SIM-2).
    static let actor = "microsoft"
}
