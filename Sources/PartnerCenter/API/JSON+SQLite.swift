import JSON
import SQLite

extension JSON {
    /// A stored value with its JSON type (numbers stay numbers in audit details).
    init(sqlite value: SQLite.Value) {
        switch value {
        case .null: self = .null
        case .integer(let number): self = .int(number)
        case .real(let number): self = .double(number)
        case .text(let text): self = .string(text)
        case .blob(let bytes): self = .string(Base64URL.encode(bytes))
        }
    }
}
