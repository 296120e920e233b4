/// Names of the facts the app hands the access log in `HTTPResponse.logFields` (never sent to
/// the client). The JSON log writes them as members of the request's line; the journal reads
/// them back for its entries.
public enum LogField {
    /// The Partner Center error code of an error answer (`code` of its body), as text.
    public static let errorCode = "errorCode"
    /// The tenant of the caller's verified token.
    public static let tenantId = "tenantId"
    /// The MS-RequestId echoed on the response (the client's, or one made up for it).
    public static let requestId = "requestId"
    /// The id of the fault rule that answered or dropped the request.
    public static let fault = "fault"
    /// The rest of the verified caller, for the journal (which then need not verify the token
    /// again): its object id, `app` or `user`, and its roles as `Role.bit`s in decimal. Not
    /// written by the JSON log.
    public static let callerObjectId = "callerObjectId"
    public static let callerType = "callerType"
    public static let callerRoles = "callerRoles"
    static let callerFields: Set<String> = [callerObjectId, callerType, callerRoles]

    /// Whether the JSON log leaves `name` out (the journal's caller fields).
    public static func isJournalOnly(_ name: String) -> Bool { callerFields.contains(name) }
}
