/// `culture` and `language` of a customer's billing profile, as the real API answers them: the
/// create-a-customer example sends `"Culture": "EN-US"` and `"Language": "En"` and gets `en-US`
/// and `en` back. A value shaped like a language tag (letters, then subtags after hyphens) is
/// normalized the way BCP 47 spells it: the language lowercase, a two-letter region uppercase, a
/// four-letter script in title case. Anything else is kept as given: pcsim has no list of the
/// supported locales to refuse it against (docs/decisions.md, "Customers, profiles and agreements").
enum BillingLocale {
    static func culture(_ text: String) -> String {
        let subtags = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let language = subtags.first, isLanguage(language),
              subtags.dropFirst().allSatisfy({ (2...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } })
        else { return text }
        var normalized = [language.lowercased()]
        for subtag in subtags.dropFirst() {
            switch subtag.count {
            case 2 where subtag.allSatisfy(\.isLetter): normalized.append(subtag.uppercased())
            case 4 where subtag.allSatisfy(\.isLetter): normalized.append(subtag.prefix(1).uppercased() + subtag.dropFirst().lowercased())
            default: normalized.append(subtag.lowercased())
            }
        }
        return normalized.joined(separator: "-")
    }

    /// A two- or three-letter language code, lowercase (`En` -> `en`).
    static func language(_ text: String) -> String {
        isLanguage(Substring(text)) ? text.lowercased() : text
    }

    private static func isLanguage(_ text: Substring) -> Bool {
        (2...3).contains(text.count) && text.allSatisfy { $0.isASCII && $0.isLetter }
    }
}
