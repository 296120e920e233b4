import Foundation
import JSON

/// Typed access to a JSON request body. Property names match case-insensitively (the real
/// documentation sends both `PartnerId` and `partnerId`); every missing or ill-typed field
/// is 400 800002 naming the field.
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

    func value(_ name: String) -> JSON? {
        guard let value = object.value(forCaseInsensitiveKey: name), !value.isNull else { return nil }
        return value
    }

    func has(_ name: String) -> Bool { value(name) != nil }

    func string(_ name: String) throws(APIError) -> String {
        guard let value = try optionalString(name) else { throw APIError.invalidField(field(name), "is required") }
        return value
    }

    func optionalString(_ name: String) throws(APIError) -> String? {
        guard let value = value(name) else { return nil }
        guard let text = value.stringValue else { throw APIError.invalidField(field(name), "must be a string") }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    func int(_ name: String) throws(APIError) -> Int {
        guard let value = try optionalInt(name) else { throw APIError.invalidField(field(name), "is required") }
        return value
    }

    func optionalInt(_ name: String) throws(APIError) -> Int? {
        guard let value = value(name) else { return nil }
        guard case .int(let number) = value, let int = Int(exactly: number) else {
            throw APIError.invalidField(field(name), "must be an integer")
        }
        return int
    }

    func optionalBool(_ name: String) throws(APIError) -> Bool? {
        guard let value = value(name) else { return nil }
        guard let bool = value.boolValue else { throw APIError.invalidField(field(name), "must be true or false") }
        return bool
    }

    func optionalObject(_ name: String) throws(APIError) -> Body? {
        guard let value = value(name) else { return nil }
        guard let object = value.objectValue else { throw APIError.invalidField(field(name), "must be an object") }
        return Body(object, path: field(name))
    }

    func array(_ name: String) throws(APIError) -> [JSON] {
        guard let value = value(name) else { throw APIError.invalidField(field(name), "is required") }
        guard let array = value.arrayValue else { throw APIError.invalidField(field(name), "must be an array") }
        return array
    }

    func stringArray(_ name: String) throws(APIError) -> [String] {
        try array(name).enumerated().map { (index, element) throws(APIError) -> String in
            guard let text = element.stringValue else { throw APIError.invalidField(field("\(name)[\(index)]"), "must be a string") }
            return text
        }
    }
}
