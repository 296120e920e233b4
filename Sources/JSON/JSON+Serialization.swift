extension JSON {
    /// Compact UTF-8 rendering, ready to be sent as a body.
    public func serialized() -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(128)
        serialize(into: &buffer)
        return buffer
    }

    /// Appends the compact rendering, so callers can reuse one buffer per response.
    public func serialize(into buffer: inout [UInt8]) {
        switch self {
        case .null:
            buffer.appendStatic("null")
        case .bool(let value):
            buffer.appendStatic(value ? "true" : "false")
        case .int(let value):
            buffer.appendDecimal(value)
        case .double(let value):
            buffer.appendDouble(value)
        case .string(let value):
            buffer.appendQuoted(value)
        case .array(let elements):
            buffer.append(.openBracket)
            var first = true
            for element in elements {
                if !first { buffer.append(.comma) }
                first = false
                element.serialize(into: &buffer)
            }
            buffer.append(.closeBracket)
        case .object(let object):
            buffer.append(.openBrace)
            var first = true
            for (key, value) in object {
                if !first { buffer.append(.comma) }
                first = false
                buffer.appendQuoted(key)
                buffer.append(.colon)
                value.serialize(into: &buffer)
            }
            buffer.append(.closeBrace)
        }
    }
}

extension JSON: CustomStringConvertible {
    /// The compact JSON text; handy in logs and test failure messages.
    public var description: String {
        String(decoding: serialized(), as: UTF8.self)
    }
}
