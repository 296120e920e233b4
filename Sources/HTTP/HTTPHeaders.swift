/// Ordered header fields as sent, with case-insensitive lookup by name.
public struct HTTPHeaders: Sendable, Sequence, CustomStringConvertible {
    public typealias Element = (name: String, value: String)

    // An array, not a dictionary: order and duplicates matter on the wire, and header
    // sets are small enough that a linear scan beats hashing a lowercased key.
    private var fields: [Element]

    public init() {
        fields = []
    }

    public init(_ pairs: [(String, String)]) {
        fields = pairs.map { (name: $0.0, value: $0.1) }
    }

    /// The first value for `name`; setting replaces every field of that name (nil removes them).
    public subscript(name: String) -> String? {
        get {
            for field in fields where ASCII.equalsIgnoringCase(field.name, name) {
                return field.value
            }
            return nil
        }
        set {
            if let index = fields.firstIndex(where: { ASCII.equalsIgnoringCase($0.name, name) }) {
                if let newValue {
                    fields[index].value = newValue
                    var next = index + 1
                    while next < fields.count {
                        if ASCII.equalsIgnoringCase(fields[next].name, name) {
                            fields.remove(at: next)
                        } else {
                            next += 1
                        }
                    }
                } else {
                    fields.removeAll { ASCII.equalsIgnoringCase($0.name, name) }
                }
            } else if let newValue {
                fields.append((name: name, value: newValue))
            }
        }
    }

    public mutating func add(name: String, value: String) {
        fields.append((name: name, value: value))
    }

    public func values(for name: String) -> [String] {
        fields.compactMap { ASCII.equalsIgnoringCase($0.name, name) ? $0.value : nil }
    }

    public func contains(_ name: String) -> Bool {
        fields.contains { ASCII.equalsIgnoringCase($0.name, name) }
    }

    public var count: Int { fields.count }

    public var isEmpty: Bool { fields.isEmpty }

    public func makeIterator() -> IndexingIterator<[Element]> {
        fields.makeIterator()
    }

    public var description: String {
        fields.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
    }

    mutating func reserveCapacity(_ capacity: Int) {
        fields.reserveCapacity(capacity)
    }
}
