/// A comma-separated list column (`monthly,annual`; '' is the empty list), read and written
/// as one text value and used as its elements.
struct CommaList: Codable, Sendable, Equatable, RandomAccessCollection {
    let elements: [String]

    init(_ elements: [String]) { self.elements = elements }

    init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        elements = text.split(separator: ",").map(String.init)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(elements.joined(separator: ","))
    }

    var startIndex: Int { elements.startIndex }
    var endIndex: Int { elements.endIndex }
    subscript(position: Int) -> String { elements[position] }
}
