/// One line of the access log, handed to the application's logger after each response.
public struct AccessLogEntry: Sendable {
    public var method: String
    /// The path alone, and as the request line gave it with its query.
    public var path: String
    public var target: String
    public var status: Int
    /// Body bytes sent (0 for HEAD, and for a dropped connection).
    public var bytes: Int
    public var durationSeconds: Double
    public var correlationId: String?
    public var remoteAddress: String
    /// The handler dropped the connection instead of answering (`HTTPResponse.dropsConnection`).
    public var dropped: Bool
    /// `HTTPResponse.logFields` of the response.
    public var fields: [(name: String, value: String)]

    public init(
        method: String, path: String, target: String? = nil, status: Int, bytes: Int, durationSeconds: Double,
        correlationId: String?, remoteAddress: String, dropped: Bool = false, fields: [(name: String, value: String)] = []
    ) {
        self.method = method
        self.path = path
        self.target = target ?? path
        self.status = status
        self.bytes = bytes
        self.durationSeconds = durationSeconds
        self.correlationId = correlationId
        self.remoteAddress = remoteAddress
        self.dropped = dropped
        self.fields = fields
    }

    /// The value of the field `name`, if the response carried it.
    public func field(_ name: String) -> String? {
        fields.first(where: { $0.name == name })?.value
    }
}
