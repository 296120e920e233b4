/// A customer's domain (`contoso.onmicrosoft.com`): dot-separated labels of letters, digits
/// and hyphens, within the DNS lengths of RFC 1035 (a label at most 63 characters, the name at
/// most 253). customers.domain is UNIQUE, so callers also check it is not taken.
enum CustomerDomain {
    static func isValid(_ domain: String) -> Bool {
        guard !domain.isEmpty, domain.count <= InputLimits.domainLength else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        return labels.allSatisfy { label in
            !label.isEmpty && label.count <= InputLimits.domainLabelLength
                && label.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
        }
    }
}
