import Foundation

/// The body of POST /v1/customers/{id}/agreements: a partner attests the customer's MCA
/// acceptance (CUS-6).
struct AgreementAttestationInput: Sendable {
    let email: String
    /// First and last name joined by a space; empty when neither was given.
    let signerName: String
    /// nil: now.
    let dateAgreed: Date?

    init(_ body: Body) throws(APIError) {
        if let type = try body.optionalString("agreementType"), type.caseInsensitiveCompare(CustomerAgreements.agreementType) != .orderedSame {
            throw APIError.invalidField("agreementType", "must be MicrosoftCustomerAgreement")
        }
        let contact = try body.object("primaryContact")
        email = try contact.string("email", maxLength: InputLimits.emailLength)
        guard ContactEmail.domain(of: email) != nil else { throw APIError.invalidField("primaryContact.email", "is not an e-mail address") }
        signerName = [try contact.optionalString("firstName", maxLength: InputLimits.nameLength),
                      try contact.optionalString("lastName", maxLength: InputLimits.nameLength)].compactMap { $0 }.joined(separator: " ")
        dateAgreed = try body.optionalDate("dateAgreed")
    }
}
