/// How the SDKs spell an enum member on the wire, one place for every reader of one: the .NET
/// SDK writes `IsIndirectResellerOf` (its `ToString()`) or, through its EnumJsonConverter,
/// `is_indirect_reseller_of`; the Java SDK `IS_INDIRECT_RESELLER_OF` or the snake_case name; the
/// docs any of them. A value read from a client is compared by `key`, so every spelling of a
/// member is the same value.
enum SDKEnumSpelling {
    /// The comparison key of a spelling: lowercased, without underscores
    /// (`IsIndirectResellerOf`, `is_indirect_reseller_of` and `IS_INDIRECT_RESELLER_OF` are one).
    static func key(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { $0 != "_" })
    }

    /// A PascalCase name in the EnumJsonConverter's snake_case: `CreateOrder` as `create_order`.
    static func snakeCased(_ pascal: String) -> String {
        var result = ""
        for (index, character) in pascal.enumerated() {
            if character.isUppercase && index > 0 { result.append("_") }
            result.append(contentsOf: character.lowercased())
        }
        return result
    }
}
