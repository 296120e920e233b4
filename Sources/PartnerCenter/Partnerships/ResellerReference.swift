/// How a partnership request names its reseller (PSH-1): by tenant id, or by one of its PLA
/// (MPN) ids.
enum ResellerReference: Sendable {
    case tenantId(String)
    case mpnId(String)
}
