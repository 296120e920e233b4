import JSON
@testable import PartnerCenter
import Testing

/// The documented shapes of agreement resources (agreement-resources, agreement-metadata-resources).
enum AgreementShapes {
    static let mcaTemplate = "117a77b0-9360-443b-8795-c6dedc750cf9"
    static let cloudTemplate = "998b88de-aa99-4388-a42c-1b3517d49490"
    static let type: Kind = .enumeration(["MicrosoftCustomerAgreement", "MicrosoftCloudAgreement"])

    static let contact = Shape([("firstName", .nullable(.string)), ("lastName", .nullable(.string)), ("email", .string),
                                ("phoneNumber", .string)])

    static func agreement(requiring required: Set<String>) -> Shape {
        Shape([("userId", .string), ("primaryContact", .object(contact)), ("templateId", .string), ("dateAgreed", .dateTime),
               ("type", type), ("agreementLink", .string)], required: required)
    }

    static let metadata: Shape = ["templateId": .string, "agreementType": type, "agreementLink": .string, "versionRank": .integer]

    /// The documented attestation (confirm-customer-consent-customer-agreement).
    static let documentedAttestation: JSON = [
        "primaryContact": ["firstName": "Tania", "lastName": "Carr", "email": "someone@example.com", "phoneNumber": "1234567890"],
        "templateId": .string(mcaTemplate), "dateAgreed": "2018-06-14T00:00:00.000Z", "type": "MicrosoftCustomerAgreement",
    ]
}
