/// The facts of one id reduced to what the validation API's verdict needs, in plain numbers
/// (no reference, nothing to retain): a 100-id validation reads 100 of these from the cache,
/// and with ids drawn from a large world each read is a cache miss in memory, so what an
/// entry points to is paid again.
struct PORFactsSummary: Sendable {
    /// The first of steps 1-5 that fails (raw PORCheck), or `passes`.
    private let standing: UInt8
    /// The reseller's region (Self.regions).
    private let region: UInt32
    /// The distributors it has an active partnership with (Self.distributors), up to four.
    private let distributors: (UInt32, UInt32, UInt32, UInt32)
    private let distributorCount: UInt8

    private static let passes = UInt8.max
    static let maximumDistributors = 4
    /// Region names and distributor tenant ids, numbered for the summaries.
    static let regions = InternTable(capacity: 65_536)
    static let distributors = InternTable(capacity: 1 << 24)

    /// The summary of `facts`; nil when they do not fit (a reseller of more than four
    /// distributors, or a full name table): such an id is judged from its facts each time.
    init?(_ facts: ResellerFacts) {
        let standing = PORCheck.standing(facts)
        var region = UInt32.max
        if let name = facts.region {
            guard let number = Self.regions.number(name) else { return nil }
            region = number
        }
        guard facts.activeDistributors.count <= Self.maximumDistributors else { return nil }
        var numbers: [UInt32] = []
        for tenant in facts.activeDistributors {
            guard let number = Self.distributors.number(tenant) else { return nil }
            numbers.append(number)
        }
        while numbers.count < Self.maximumDistributors { numbers.append(.max) }
        self.standing = standing?.rawValue ?? Self.passes
        self.region = region
        distributors = (numbers[0], numbers[1], numbers[2], numbers[3])
        distributorCount = UInt8(facts.activeDistributors.count)
    }

    /// The first failing check for a distributor in region `region` with number `distributor`
    /// (nil when unnumbered: it partners with no summarized reseller), nil when valid.
    func failingCheck(region distributorRegion: UInt32?, distributor: UInt32?) -> PORCheck? {
        if standing != Self.passes { return PORCheck(rawValue: standing) }
        guard let distributorRegion, region == distributorRegion else { return .regionMismatch }   // 6.
        guard let distributor else { return .notAssociated }                                       // 7.
        let count = Int(distributorCount)
        let partnered = (count > 0 && distributors.0 == distributor) || (count > 1 && distributors.1 == distributor)
            || (count > 2 && distributors.2 == distributor) || (count > 3 && distributors.3 == distributor)
        return partnered ? nil : .notAssociated
    }

    /// A well-formed id (6 to 10 digits) as one number that keeps leading zeros apart
    /// ("0123456" is not "123456"): the digits' value and their count.
    static func key(_ id: String) -> UInt64? {
        guard AccountNumbers.isWellFormed(id) else { return nil }
        var value: UInt64 = 0
        for byte in id.utf8 { value = value * 10 + UInt64(byte - 48) }
        return value << 4 | UInt64(id.utf8.count)
    }
}
