// libFuzzer entry for the JSON parser. Compiled together with Sources/JSON/*.swift into one
// module, never part of `swift build` / `swift test`.
//
// Invariants (any violation traps, which libFuzzer reports as a crash): parsing never crashes
// or hangs; whatever parses serializes to bytes that parse back to the same value, and
// serializing that value again gives the same bytes.

private func check(_ condition: Bool, _ message: StaticString) {
    if !condition { fatalError("\(message)") }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let value = try? JSON.parse(bytes) else { return 0 }
    let serialized = value.serialized()
    guard let again = try? JSON.parse(serialized) else {
        check(false, "serialized output does not parse")
        return 0
    }
    check(again == value, "round trip changed the value")
    check(again.serialized() == serialized, "serialization is not stable")
    return 0
}
