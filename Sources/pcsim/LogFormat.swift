import ArgumentParser

/// `--log-format`: how log lines are written.
enum LogFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// swift-log's default lines, for people.
    case text
    /// One JSON object per line, for log shippers and test harnesses.
    case json
}
