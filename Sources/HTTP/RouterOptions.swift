/// How a `Router` compares paths, chosen by the application (as Hummingbird's router options).
/// The server itself gives paths no meaning beyond RFC 9110's: segments compare exactly.
public struct RouterOptions: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Literal segments match whatever their case (an API documented as case-insensitive).
    public static let caseInsensitive = RouterOptions(rawValue: 1 << 0)
}
