import Foundation

/// The real API's UserCredentials: the new customer's admin user and its generated password.
/// Only the 201 of a creation carries them (create-a-customer); the password is not stored with
/// the customer, only in the creation's replayable answer (see `Customers.create`).
struct UserCredentials: Encodable, Sendable {
    let userName: String
    let password: String

    /// The documented example names the admin user `admin`; the password is 16 characters of
    /// letters, digits and symbols with at least one of each kind, drawn from the id generator
    /// (reproducible after a seeded reset, like every id).
    static func generated(_ ids: IDGenerator) -> UserCredentials {
        let groups: [[Character]] = [Array("ABCDEFGHJKLMNPQRSTUVWXYZ"), Array("abcdefghijkmnopqrstuvwxyz"), Array("23456789"), Array("!#$%*+-=?@")]
        let all = groups.flatMap { $0 }
        let hex = Array((ids.guid() + ids.guid()).filter(\.isHexDigit))
        var password = ""
        for index in 0..<16 {
            let byte = Int(String(hex[2 * index ... 2 * index + 1]), radix: 16) ?? 0
            // The first four characters take one of each kind, so every password has all four.
            let alphabet = index < groups.count ? groups[index] : all
            password.append(alphabet[byte % alphabet.count])
        }
        return UserCredentials(userName: "admin", password: password)
    }
}
