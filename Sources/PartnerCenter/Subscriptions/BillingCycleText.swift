/// A billing cycle as clients send it, in the stored spelling. The SDKs write
/// BillingCycleType members in snake case (`OneTime` is `one_time`) and the documentation in
/// PascalCase too (`"BillingCycle": "Monthly"`); a fresh .NET object sends `unknown`, its
/// initializer, which names no cycle.
enum BillingCycleText {
    /// `Monthly` -> `monthly`, `OneTime` -> `one_time`; nil for `unknown` (the SDK default).
    static func normalized(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        // PascalCase words get underscores; text already in one case (`monthly`, `ONE_TIME`) is
        // only lowercased.
        let mixedCase = text.contains(where: \.isUppercase) && text.contains(where: \.isLowercase)
        var result = ""
        for (index, character) in text.enumerated() {
            if mixedCase && character.isUppercase && index > 0 && !result.hasSuffix("_") { result.append("_") }
            result.append(contentsOf: character.lowercased())
        }
        return result == "unknown" ? nil : result
    }
}
