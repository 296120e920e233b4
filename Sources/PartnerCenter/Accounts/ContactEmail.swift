/// ACC-2: primary contacts must be on the company's own domain.
enum ContactEmail {
    static let webMailDomains: Set<String> = [
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "icloud.com", "me.com", "aol.com",
    ]

    /// The lower-cased domain of a syntactically plausible address, or nil.
    static func domain(of address: String) -> String? {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              !parts[1].hasPrefix("."), !parts[1].hasSuffix("."), !address.contains(" ") else { return nil }
        return parts[1].lowercased()
    }

    static func isWebMail(_ address: String) -> Bool {
        guard let domain = domain(of: address) else { return false }
        if webMailDomains.contains(domain) { return true }
        // yahoo.* in every country flavour (yahoo.com, yahoo.co.uk, yahoo.fr...).
        return domain.hasPrefix("yahoo.")
    }
}
