/// One line of the access log, handed to the application's logger after each response.
public struct AccessLogEntry: Sendable {
    public var method: String
    public var path: String
    public var status: Int
    /// Body bytes sent (0 for HEAD).
    public var bytes: Int
    public var durationSeconds: Double
    public var correlationId: String?
    public var remoteAddress: String

    public init(
        method: String, path: String, status: Int, bytes: Int, durationSeconds: Double,
        correlationId: String?, remoteAddress: String
    ) {
        self.method = method
        self.path = path
        self.status = status
        self.bytes = bytes
        self.durationSeconds = durationSeconds
        self.correlationId = correlationId
        self.remoteAddress = remoteAddress
    }
}
