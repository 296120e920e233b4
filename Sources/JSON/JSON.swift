/// A JSON value: the currency of every request and response body.
///
/// Integers that fit `Int64` stay exact as `.int`; everything else numeric is `.double`.
/// Objects keep insertion order so rendered responses list keys in the order they were set.
public enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSON])
    case object(JSONObject)
}
