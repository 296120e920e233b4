import Foundation

/// Every bound pcsim puts on client input, in one place (docs/decisions.md gives the
/// source of each). Body accessors take these so that a value outside them is 400 800002
/// naming the field before any arithmetic or write happens: Swift traps on integer
/// overflow, and a Double too large for Int traps on conversion.
enum InputLimits {
    // MARK: Numbers

    /// Seats of one license subscription (order line, seat-count change, scheduled change,
    /// migration, fixture). The real catalog gives each offer a minimumQuantity and
    /// maximumQuantity (offer resources page); pcsim's catalog has none, so one bound serves
    /// every offer.
    static let quantity = 1...10_000
    /// A fixture may seed a subscription with no seats left (the schema allows 0).
    static let fixtureQuantity = 0...10_000
    /// `lineItemNumber` of an order line: a small index (orders hold at most 100 lines).
    static let lineItemNumber = 0...9_999
    /// Line items in one order or transfer.
    static let lineItems = 1...100
    /// Revenue recorded on a partner (ACC-7), in USD: a trillion is far beyond any partner
    /// and keeps `Int(revenue)` and the comparisons exact.
    static let revenueUSD = 0.0...1_000_000_000_000.0
    /// Rows skipped by a continuation token: up to 17 digits, far beyond any collection pcsim
    /// holds and small enough that `offset + size` can never overflow. openapi.yaml's
    /// MS-ContinuationToken pattern spells exactly these tokens.
    static let pageOffset = 0...99_999_999_999_999_999

    // MARK: Time

    /// The simulated clock and every date a client gives stay within these years, so dates
    /// format as four-digit years, sort as text and never reach Foundation's or time_t's
    /// limits.
    static let earliestDate = Date(timeIntervalSince1970: 0)                  // 1970-01-01T00:00:00Z
    static let latestDate = Date(timeIntervalSince1970: 253_402_300_799)      // 9999-12-31T23:59:59Z
    static let dateRange = earliestDate...latestDate
    /// Longest ISO 8601 duration accepted anywhere (clock advance, terms): 1,000 years.
    static let longestDuration: TimeInterval = 1_000 * 365.2425 * 86_400

    // MARK: Strings

    /// Any string field without a tighter limit.
    static let defaultLength = 256
    /// Company and legal names (CustomerCompanyProfile.companyName, partner legal names).
    static let nameLength = 256
    /// A DNS name (RFC 1035: 253 characters in text form).
    static let domainLength = 253
    /// One label of a DNS name (RFC 1035: 63 octets).
    static let domainLabelLength = 63
    /// An e-mail address (RFC 5321 path limit: 254 characters).
    static let emailLength = 254
    /// Address lines, city, state, region.
    static let addressLength = 256
    /// Postal codes and phone numbers.
    static let shortTextLength = 64
    /// Free text (support request descriptions).
    static let descriptionLength = 4_000
    /// Keys and names inside a fixture.
    static let keyLength = 128
}
