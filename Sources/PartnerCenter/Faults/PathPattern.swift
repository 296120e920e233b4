import Foundation

/// A fault rule's path pattern (`/v1/customers/*/subscriptions/**`), matched against a
/// request's path segment by segment, case-insensitively as Partner Center's routes are:
/// - a literal segment matches itself;
/// - `*` inside a segment matches any run of characters within that one segment (`*` alone is
///   any one segment, `cust*` matches `customers`);
/// - a segment that is exactly `**` matches any number of segments, none included.
///
/// The path is compared after percent-decoding each segment, split on the raw `/` as the router
/// splits it, and one trailing slash is ignored on both sides.
struct PathPattern: Sendable, Equatable {
    enum Segment: Sendable, Equatable {
        case literal(String)
        /// The segment's text split on `*` (lowercased): first part a prefix, last a suffix,
        /// the others in order between them.
        case glob([String])
        case anySegments
    }

    let text: String
    let segments: [Segment]

    /// Bounds the matcher's work (segments × path segments) and the stored rule.
    static let maximumLength = 512
    static let maximumSegments = 32

    /// Why `text` is not a pattern, or nil when it is.
    static func problem(_ text: String) -> String? {
        guard text.hasPrefix("/") else { return "must start with /" }
        guard text.utf8.count <= maximumLength else { return "must be at most \(maximumLength) characters" }
        guard !text.contains("?"), !text.contains("#") else { return "must be a path without a query or fragment" }
        guard !text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control }) else {
            return "must not contain spaces or control characters"
        }
        let parts = Self.split(text)
        guard parts.count <= maximumSegments else { return "must have at most \(maximumSegments) segments" }
        guard !parts.contains(where: \.isEmpty) else { return "must not contain empty segments (//)" }
        // Decoded as request paths are (`/%5Fsim` is the control plane too), so no accepted
        // pattern can be one that never fires.
        if let first = parts.first, (first.removingPercentEncoding ?? first).lowercased() == "_sim" {
            return "/_sim routes are never faulted"
        }
        return nil
    }

    /// nil when `text` has a `problem`.
    init?(_ text: String) {
        guard Self.problem(text) == nil else { return nil }
        self.text = text
        segments = Self.split(text).map { part in
            let lowered = (part.removingPercentEncoding ?? part).lowercased()
            if lowered == "**" { return .anySegments }
            if lowered.contains("*") { return .glob(lowered.split(separator: "*", omittingEmptySubsequences: false).map(String.init)) }
            return .literal(lowered)
        }
    }

    /// A path's segments as rules compare them: split on the raw `/` (without the leading one
    /// and one trailing one), percent-decoded, lowercased.
    static func segments(ofRawPath rawPath: String) -> [String] {
        split(rawPath).map { ($0.removingPercentEncoding ?? $0).lowercased() }
    }

    private static func split(_ path: String) -> [String] {
        var raw = Substring(path)
        if raw.hasPrefix("/") { raw = raw.dropFirst() }
        if raw.hasSuffix("/") { raw = raw.dropLast() }
        guard !raw.isEmpty else { return [] }
        return raw.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    }

    /// Whether the path (as `segments(ofRawPath:)`) matches. Dynamic programming over
    /// (pattern segment, path segment) so that several `**` never backtrack exponentially.
    func matches(_ path: [String]) -> Bool {
        let m = segments.count, n = path.count
        // matched[j]: pattern segments i... match path segments j...; filled from the end.
        var next = [Bool](repeating: false, count: n + 1)
        next[n] = true
        for i in stride(from: m - 1, through: 0, by: -1) {
            var current = [Bool](repeating: false, count: n + 1)
            for j in stride(from: n, through: 0, by: -1) {
                switch segments[i] {
                case .anySegments:
                    // Zero segments (the rest from here), or one more and stay on `**`.
                    current[j] = next[j] || (j < n && current[j + 1])
                case .literal(let literal):
                    current[j] = j < n && path[j] == literal && next[j + 1]
                case .glob(let parts):
                    current[j] = j < n && Self.glob(parts, matches: path[j]) && next[j + 1]
                }
            }
            next = current
        }
        return next[0]
    }

    /// `parts` (a segment split on `*`) against one segment: prefix, pieces in order, suffix.
    static func glob(_ parts: [String], matches segment: String) -> Bool {
        guard let first = parts.first, let last = parts.last, parts.count >= 2 else { return parts.first == segment }
        guard segment.hasPrefix(first) else { return false }
        var rest = Substring(segment.dropFirst(first.count))
        for piece in parts.dropFirst().dropLast() where !piece.isEmpty {
            guard let range = rest.range(of: piece) else { return false }
            rest = rest[range.upperBound...]
        }
        return rest.hasSuffix(last)
    }
}
