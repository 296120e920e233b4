import JSON
@testable import PartnerCenter
import Testing

/// The documented shapes of the customer resources (customer-resources and the examples of
/// the customer pages), shared by the contract tests of Customers/ and Agreements/.
enum CustomerShapes {
    static let link: Kind = .object(["uri": .string, "method": .string, "headers": .array(.any)])
    static let selfLink: Kind = .object(["self": link])
    static let relationshipToPartner: Kind = .enumeration(["none", "reseller", "advisor", "syndication", "microsoft_support"])

    /// The `attributes` of a resource: objectType always, the etag where the example shows one.
    static func attributes(_ objectType: String, etag: Bool = false) -> Kind {
        etag ? .object(["objectType": .string, "etag": .string]) : .object(["objectType": .string])
    }

    static let address: Shape = Shape([
        ("country", .string), ("region", .string), ("city", .string), ("state", .string), ("addressLine1", .string),
        ("addressLine2", .string), ("postalCode", .string), ("firstName", .string), ("middleName", .string),
        ("lastName", .string), ("phoneNumber", .string),
    ], required: ["country"])

    /// A company profile: `required` names what the example shows.
    static func companyProfile(requiring required: Set<String> = ["tenantId", "domain", "companyName", "links", "attributes"]) -> Kind {
        .object(Shape([
            ("tenantId", .string), ("domain", .string), ("companyName", .string), ("address", .object(address)), ("email", .string),
            ("organizationRegistrationNumber", .string), ("links", selfLink), ("attributes", attributes("CustomerCompanyProfile")),
        ], required: required))
    }

    static func billingProfile(requiring required: Set<String>) -> Kind {
        .object(Shape([
            ("id", .string), ("firstName", .string), ("lastName", .string), ("email", .string), ("culture", .string),
            ("language", .string), ("companyName", .string), ("defaultAddress", .object(address)), ("links", selfLink),
            ("attributes", attributes("CustomerBillingProfile", etag: true)),
        ], required: required))
    }

    static let fullBilling: Set<String> = ["id", "firstName", "lastName", "email", "culture", "language", "companyName",
                                           "defaultAddress", "links", "attributes"]

    /// A customer as get-a-customer-by-id shows it.
    static let customer = Shape([
        ("id", .string), ("commerceId", .string), ("companyProfile", companyProfile()),
        ("billingProfile", billingProfile(requiring: ["id", "email", "companyName", "defaultAddress", "links", "attributes"])),
        ("relationshipToPartner", relationshipToPartner), ("allowDelegatedAccess", .boolean),
        ("customDomains", .array(.string)), ("associatedPartnerId", .string),
        ("links", selfLink), ("attributes", attributes("Customer")),
    ], required: ["id", "commerceId", "companyProfile", "billingProfile", "relationshipToPartner", "allowDelegatedAccess",
                  "customDomains", "links", "attributes"])

    /// A collection of `item` as the list examples show it.
    static func collection(of item: Kind) -> Shape {
        ["totalCount": .integer, "items": .array(item), "links": selfLink, "attributes": attributes("Collection")]
    }

    /// A POST /v1/customers body written as the documented request: PascalCase names, the
    /// culture and language in the case the example sends them.
    static func documentedCreateBody(domain: String, companyName: String = "test company", country: String = "US",
                                     company extra: JSONObject = [:], billing billingExtra: JSONObject = [:],
                                     associatedPartnerId: String? = nil) -> JSON {
        var company: JSONObject = ["Domain": .string(domain)]
        for (name, value) in extra { company[name] = value }
        var billing: JSONObject = [
            "Culture": "EN-US", "Email": "test@outlook.com", "Language": "en", "CompanyName": .string(companyName),
            "DefaultAddress": ["FirstName": "Test", "LastName": "Test", "AddressLine1": "One Microsoft Way", "City": "Redmond",
                               "State": "WA", "PostalCode": "98052", "Country": .string(country)],
        ]
        for (name, value) in billingExtra { billing[name] = value }
        var body: JSONObject = ["CompanyProfile": .object(company), "BillingProfile": .object(billing)]
        if let associatedPartnerId { body["AssociatedPartnerId"] = .string(associatedPartnerId) }
        return .object(body)
    }
}
