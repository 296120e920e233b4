import Foundation
import JSON

/// Typed access to a JSON request body. Property names match case-insensitively (the real
/// documentation sends both `PartnerId` and `partnerId`); every missing, null, ill-typed or
/// out-of-range field is 400 800002 naming the field.
///
/// Null: a required field sent as `null` is refused ("must not be null"); an optional field
/// sent as `null` is treated as absent (not set), the same for every accessor.
/// Strings: trimmed of surrounding whitespace; a string left empty counts as absent; control
/// characters (NUL included) are refused; each string has a maximum length (InputLimits).
struct Body: Sendable {
    let object: JSONObject
    /// Where this object sits in the request (`lineItems[0]`, `billingProfile`), so errors
    /// name the full field path.
    let path: String

    init(_ object: JSONObject, path: String = "") {
        self.object = object
        self.path = path
    }

    /// `name` as a full field path for error messages.
    func field(_ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }

    /// The value of `name`, nil when absent or null.
    func value(_ name: String) -> JSON? {
        guard let value = object.value(forCaseInsensitiveKey: name), !value.isNull else { return nil }
        return value
    }

    /// Whether `name` is present with the value `null`.
    func isNull(_ name: String) -> Bool {
        object.value(forCaseInsensitiveKey: name)?.isNull ?? false
    }

    func has(_ name: String) -> Bool { value(name) != nil }

    /// The error for a required field that is absent or null; `detail` follows "is required".
    func missing(_ name: String, _ detail: String = "") -> APIError {
        APIError.invalidField(field(name), isNull(name) ? "must not be null" : "is required" + detail)
    }

    // MARK: Strings

    func string(_ name: String, maxLength: Int = InputLimits.defaultLength, allowsLineBreaks: Bool = false) throws(APIError) -> String {
        guard let value = try optionalString(name, maxLength: maxLength, allowsLineBreaks: allowsLineBreaks) else { throw missing(name) }
        return value
    }

    func optionalString(_ name: String, maxLength: Int = InputLimits.defaultLength,
                        allowsLineBreaks: Bool = false) throws(APIError) -> String? {
        guard let value = value(name) else { return nil }
        guard let text = value.stringValue else { throw APIError.invalidField(field(name), "must be a string") }
        return try Self.checked(text, field: field(name), maxLength: maxLength, allowsLineBreaks: allowsLineBreaks)
    }

    /// `text` trimmed, or nil when nothing is left; refuses control characters and overlong text.
    static func checked(_ text: String, field: String, maxLength: Int = InputLimits.defaultLength,
                        allowsLineBreaks: Bool = false) throws(APIError) -> String? {
        // Surrounding whitespace (line breaks included) is trimmed first, as it always was;
        // format characters (zero-width space, BOM...) at either end are as invisible as spaces.
        let trimmed = text.trimmingCharacters(in: Self.invisible)
        for scalar in trimmed.unicodeScalars where scalar.properties.generalCategory == .control {
            if allowsLineBreaks && (scalar == "\n" || scalar == "\r" || scalar == "\t") { continue }
            throw APIError.invalidField(field, "must not contain control characters")
        }
        guard !trimmed.isEmpty else { return nil }
        // Counted in Unicode scalars, as JSON Schema's maxLength counts: counting characters
        // (grapheme clusters) let one "character" carry any number of combining marks.
        guard trimmed.unicodeScalars.count <= maxLength else { throw APIError.invalidField(field, "must be at most \(maxLength) characters") }
        return trimmed
    }

    private static let invisible = CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{200B}\u{200C}\u{200D}\u{2060}\u{FEFF}"))

    // MARK: Numbers

    /// A required integer within `range`.
    func int(_ name: String, in range: ClosedRange<Int>) throws(APIError) -> Int {
        guard let value = try optionalInt(name, in: range) else { throw missing(name) }
        return value
    }

    /// An optional integer within `range`: a JSON number with no fraction.
    func optionalInt(_ name: String, in range: ClosedRange<Int>) throws(APIError) -> Int? {
        guard let int = try optionalInt(name) else { return nil }
        guard range.contains(int) else {
            throw APIError.invalidField(field(name), "must be an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return int
    }

    /// Any integer that fits in Int. Prefer the overload with a range: a value that is
    /// multiplied or converted later must be bounded here.
    func int(_ name: String) throws(APIError) -> Int {
        guard let value = try optionalInt(name) else { throw missing(name) }
        return value
    }

    /// Any integer that fits in Int (see `optionalInt(_:in:)`).
    func optionalInt(_ name: String) throws(APIError) -> Int? {
        guard let value = value(name) else { return nil }
        guard case .int(let number) = value, let int = Int(exactly: number) else {
            throw APIError.invalidField(field(name), "must be an integer")
        }
        return int
    }

    /// An optional finite number (integer or decimal) within `range`.
    func optionalDouble(_ name: String, in range: ClosedRange<Double>) throws(APIError) -> Double? {
        guard let value = value(name) else { return nil }
        let number: Double
        switch value {
        case .int(let int): number = Double(int)
        case .double(let double): number = double
        default: throw APIError.invalidField(field(name), "must be a number")
        }
        guard number.isFinite, range.contains(number) else {
            throw APIError.invalidField(field(name), "must be a number from \(Self.plain(range.lowerBound)) to \(Self.plain(range.upperBound))")
        }
        return number
    }

    private static func plain(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }

    // MARK: Dates

    /// An optional ISO 8601 time within InputLimits.dateRange.
    func optionalDate(_ name: String, problem: String = "must be an ISO 8601 date") throws(APIError) -> Date? {
        guard let text = try optionalString(name, maxLength: 64) else { return nil }
        return try Self.date(text, field: field(name), problem: problem)
    }

    /// `text` as a time within InputLimits.dateRange; `problem` describes a malformed one.
    static func date(_ text: String, field: String, problem: String = "must be an ISO 8601 date") throws(APIError) -> Date {
        guard let date = Timestamp.parse(text) else { throw APIError.invalidField(field, problem) }
        guard InputLimits.dateRange.contains(date) else {
            throw APIError.invalidField(field, "must be between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z")
        }
        return date
    }

    // MARK: Other types

    func optionalBool(_ name: String) throws(APIError) -> Bool? {
        guard let value = value(name) else { return nil }
        guard let bool = value.boolValue else { throw APIError.invalidField(field(name), "must be true or false") }
        return bool
    }

    /// A required object.
    func object(_ name: String) throws(APIError) -> Body {
        guard let body = try optionalObject(name) else { throw missing(name) }
        return body
    }

    func optionalObject(_ name: String) throws(APIError) -> Body? {
        guard let value = value(name) else { return nil }
        guard let object = value.objectValue else { throw APIError.invalidField(field(name), "must be an object") }
        return Body(object, path: field(name))
    }

    /// A required array of at most `maxCount` elements (handlers check each element, often
    /// against the others, so the count is bounded before that work starts).
    func array(_ name: String, maxCount: Int = Int.max) throws(APIError) -> [JSON] {
        guard let value = value(name) else { throw missing(name) }
        guard let array = value.arrayValue else { throw APIError.invalidField(field(name), "must be an array") }
        guard array.count <= maxCount else { throw APIError.invalidField(field(name), "must hold at most \(maxCount) elements") }
        return array
    }

    /// A required array of strings, each checked like a string field (a blank element is refused).
    func stringArray(_ name: String, maxLength: Int = InputLimits.defaultLength, maxCount: Int = Int.max) throws(APIError) -> [String] {
        try array(name, maxCount: maxCount).enumerated().map { (index, element) throws(APIError) -> String in
            let elementField = field("\(name)[\(index)]")
            guard let text = element.stringValue else { throw APIError.invalidField(elementField, "must be a string") }
            guard let checked = try Self.checked(text, field: elementField, maxLength: maxLength) else {
                throw APIError.invalidField(elementField, "must not be empty")
            }
            return checked
        }
    }
}
