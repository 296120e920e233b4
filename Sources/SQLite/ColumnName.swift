/// How coding keys name columns: camelCase keys become snake_case column names.
enum ColumnName {
    /// `customerId` -> `customer_id`, `mpaAcceptedAt` -> `mpa_accepted_at`, `customerID` ->
    /// `customer_id`, `line2` -> `line2`; a key with no upper-case letter (already snake_case,
    /// or an explicit raw value such as "pla_id") is returned unchanged.
    ///
    /// Converted every time: one pass over a short key costs less than a shared cache's lock and
    /// hashing (measured: the cache's lock was a twentieth of a 100-subscription transfer).
    static func forKey(_ key: String) -> String {
        guard key.utf8.contains(where: isUpper) else { return key }
        return snakeCase(key)
    }

    /// Word boundaries are a lower-case letter or digit followed by an upper-case letter, and the
    /// last capital of a run followed by a lower-case letter (`URLValue` -> `url_value`).
    static func snakeCase(_ key: String) -> String {
        let bytes = Array(key.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 4)
        for (position, byte) in bytes.enumerated() {
            if isUpper(byte) {
                if position > 0 {
                    let previous = bytes[position - 1]
                    let next: UInt8? = position + 1 < bytes.count ? bytes[position + 1] : nil
                    let startsWord = isLower(previous) || isDigit(previous)
                        || (isUpper(previous) && next.map(isLower) == true)
                    if startsWord { result.append(UInt8(ascii: "_")) }
                }
                result.append(byte | 0x20)
            } else {
                result.append(byte)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// The inverse, for listing keys from column names: `customer_id` -> `customerId`.
    /// Leading underscores are kept.
    static func camelCase(_ column: String) -> String {
        guard column.utf8.contains(UInt8(ascii: "_")) else { return column }
        var result: [UInt8] = []
        result.reserveCapacity(column.utf8.count)
        var upperNext = false
        for byte in column.utf8 {
            if byte == UInt8(ascii: "_") && !result.isEmpty {
                upperNext = true
            } else if upperNext && isLower(byte) {
                result.append(byte & ~0x20)
                upperNext = false
            } else {
                result.append(byte)
                upperNext = false
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// Table and column names are spliced into SQL text, so they must be plain identifiers
    /// that come from code, never from data.
    static func isPlainIdentifier(_ name: String) -> Bool {
        guard let first = name.utf8.first, first == UInt8(ascii: "_") || isLetter(first) else { return false }
        return name.utf8.allSatisfy { $0 == UInt8(ascii: "_") || isLetter($0) || isDigit($0) }
    }

    private static func isUpper(_ byte: UInt8) -> Bool { (byte &- 0x41) < 26 }
    private static func isLower(_ byte: UInt8) -> Bool { (byte &- 0x61) < 26 }
    private static func isDigit(_ byte: UInt8) -> Bool { (byte &- 0x30) < 10 }
    private static func isLetter(_ byte: UInt8) -> Bool { isUpper(byte) || isLower(byte) }
}
