/// An ordered JSON object. Keys are unique; setting an existing key replaces its value in place
/// so the key keeps its original position.
public struct JSONObject: Sendable {
    public typealias Element = (key: String, value: JSON)

    /// Objects at or below this size are searched linearly: cheaper than hashing for the small
    /// objects that make up almost all request and response bodies.
    static let indexThreshold = 12

    private(set) var pairs: [Element]
    /// Key to position in `pairs`, kept only for objects larger than `indexThreshold`.
    private var index: [String: Int]?

    public init() {
        pairs = []
        index = nil
    }

    /// Later duplicates replace earlier ones, keeping the first position.
    public init(_ pairs: [(String, JSON)]) {
        self.init()
        self.pairs.reserveCapacity(pairs.count)
        for (key, value) in pairs {
            self[key] = value
        }
    }

    public var keys: [String] { pairs.map(\.key) }
    public var values: [JSON] { pairs.map(\.value) }
    public var count: Int { pairs.count }
    public var isEmpty: Bool { pairs.isEmpty }

    /// Exact-key access. Assigning `nil` removes the member.
    public subscript(key: String) -> JSON? {
        get {
            guard let position = position(of: key) else { return nil }
            return pairs[position].value
        }
        set {
            if let newValue {
                set(newValue, for: key)
            } else {
                remove(key)
            }
        }
    }

    /// Request bodies may spell `PartnerId` or `partnerId`; an exact match wins over a
    /// case-insensitive one so that objects holding both stay unambiguous.
    public func value(forCaseInsensitiveKey key: String) -> JSON? {
        if let exact = self[key] { return exact }
        for pair in pairs where asciiCaseInsensitiveEquals(pair.key, key) {
            return pair.value
        }
        return nil
    }

    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSON? {
        guard let position = position(of: key) else { return nil }
        let old = pairs[position].value
        remove(key)
        return old
    }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        return pairs.firstIndex { $0.key == key }
    }

    private mutating func set(_ value: JSON, for key: String) {
        if let position = position(of: key) {
            pairs[position].value = value
            return
        }
        pairs.append((key, value))
        if index != nil {
            index?[key] = pairs.count - 1
        } else if pairs.count > Self.indexThreshold {
            rebuildIndex()
        }
    }

    private mutating func remove(_ key: String) {
        guard let position = position(of: key) else { return }
        pairs.remove(at: position)
        if pairs.count > Self.indexThreshold {
            rebuildIndex()
        } else {
            index = nil
        }
    }

    private mutating func rebuildIndex() {
        var built = [String: Int](minimumCapacity: pairs.count)
        for (position, pair) in pairs.enumerated() {
            built[pair.key] = position
        }
        index = built
    }
}

extension JSONObject: Equatable {
    /// Order-insensitive: two objects are equal when they hold the same members.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for (key, value) in lhs.pairs {
            guard let other = rhs[key], other == value else { return false }
        }
        return true
    }
}

extension JSONObject: Sequence {
    public func makeIterator() -> IndexingIterator<[Element]> {
        pairs.makeIterator()
    }

    public var underestimatedCount: Int { pairs.count }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSON)...) {
        self.init(elements)
    }
}

/// Compares without allocating for the ASCII keys that JSON property names almost always are;
/// only keys containing non-ASCII bytes pay for full Unicode lowercasing.
func asciiCaseInsensitiveEquals(_ a: String, _ b: String) -> Bool {
    var lhs = a.utf8.makeIterator()
    var rhs = b.utf8.makeIterator()
    while true {
        switch (lhs.next(), rhs.next()) {
        case (nil, nil):
            return true
        case let (x?, y?):
            if x == y { continue }
            if x >= 0x80 || y >= 0x80 { return a.lowercased() == b.lowercased() }
            if asciiLower(x) != asciiLower(y) { return false }
        case let (x?, nil), let (nil, x?):
            // Lengths differ: only non-ASCII text can still fold to equal strings.
            if x >= 0x80 || a.utf8.contains(where: { $0 >= 0x80 }) || b.utf8.contains(where: { $0 >= 0x80 }) {
                return a.lowercased() == b.lowercased()
            }
            return false
        }
    }
}

@inline(__always)
private func asciiLower(_ byte: UInt8) -> UInt8 {
    (byte &- 0x41) < 26 ? byte | 0x20 : byte
}
