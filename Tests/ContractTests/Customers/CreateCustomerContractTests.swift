import JSON
@testable import PartnerCenter
import Testing

/// https://learn.microsoft.com/en-us/partner-center/developer/create-a-customer
@Suite("Contract: create a customer")
struct CreateCustomerContractTests {
    typealias Demo = TestWorld.Demo

    @Test("create-a-customer example 1: the 201 carries the admin credentials, the billing profile id and normalized culture")
    func createExample() throws {
        let world = try TestWorld()
        let response = try world.request(.post, "/v1/customers", as: "directbill-admin",
                                         body: CustomerShapes.documentedCreateBody(domain: "xyz.ccsctp.net"))
        #expect(response.status == 201, "\(response.text)")
        expectShape(response.json, Shape([
            ("id", .string), ("commerceId", .string),
            ("companyProfile", .object(Shape([("tenantId", .string), ("domain", .string), ("attributes", CustomerShapes.attributes("CustomerCompanyProfile"))]))),
            ("billingProfile", CustomerShapes.billingProfile(requiring: ["id", "email", "culture", "language", "companyName", "defaultAddress", "attributes"])),
            ("relationshipToPartner", CustomerShapes.relationshipToPartner),
            ("userCredentials", .object(["userName": .string, "password": .string])),
            ("attributes", CustomerShapes.attributes("Customer")),
        ]))
        let billing = try #require(response["billingProfile"])
        #expect(billing["culture"]?.stringValue == "en-US")
        #expect(billing["language"]?.stringValue == "en")
        #expect(billing["email"]?.stringValue == "test@outlook.com")
        #expect(billing["companyName"]?.stringValue == "test company")
        let address = try #require(billing["defaultAddress"])
        #expect(address["city"]?.stringValue == "Redmond")
        #expect(address["firstName"]?.stringValue == "Test")
        #expect(billing["id"]?.stringValue != response["id"]?.stringValue, "the profile's id is its own")
        #expect(response["companyProfile"]?["domain"]?.stringValue == "xyz.ccsctp.net")
        #expect(response["companyProfile"]?["tenantId"]?.stringValue == response["id"]?.stringValue)
        #expect(response["userCredentials"]?["userName"]?.stringValue == "admin")
        #expect((response["userCredentials"]?["password"]?.stringValue?.count ?? 0) >= 8)
    }

    @Test("creation: only the 201 carries userCredentials, and every creation draws another password")
    func credentialsOnlyOnCreation() throws {
        let world = try TestWorld()
        let first = try world.request(.post, "/v1/customers", as: "directbill-admin", body: TestWorld.customerBody(domain: "one"))
        let second = try world.request(.post, "/v1/customers", as: "directbill-admin", body: TestWorld.customerBody(domain: "two"))
        #expect(first.status == 201 && second.status == 201)
        let password = try #require(first["userCredentials"]?["password"]?.stringValue)
        #expect(password != second["userCredentials"]?["password"]?.stringValue)
        #expect(password.contains { $0.isUppercase } && password.contains { $0.isLowercase } && password.contains { $0.isNumber })
        let id = try #require(first["id"]?.stringValue)
        let read = try world.request(.get, "/v1/customers/\(id)", as: "directbill-admin")
        #expect(read.status == 200)
        #expect(read["userCredentials"] == nil)
        #expect(try world.count("customers", where: "billing_profile LIKE ?", ["%\(password)%"]) == 0, "the password is not stored")
    }

    @Test("creation: organizationRegistrationNumber is kept on the company profile; customDomains names a custom domain")
    func organizationRegistrationNumber() throws {
        let world = try TestWorld()
        let body = CustomerShapes.documentedCreateBody(domain: "contoso-custom.example", company: ["OrganizationRegistrationNumber": "HRB 12345"])
        let response = try world.request(.post, "/v1/customers", as: "directbill-admin", body: body)
        #expect(response.status == 201, "\(response.text)")
        #expect(response["companyProfile"]?["organizationRegistrationNumber"]?.stringValue == "HRB 12345")
        #expect(response["customDomains"]?.arrayValue?.compactMap(\.stringValue) == ["contoso-custom.example"])
        let id = try #require(response["id"]?.stringValue)
        let company = try world.request(.get, "/v1/customers/\(id)/profiles/company", as: "directbill-admin")
        #expect(company["organizationRegistrationNumber"]?.stringValue == "HRB 12345")
        // A customer with only its initial domain has no custom domain.
        let relecloud = try world.request(.get, "/v1/customers/\(Demo.relecloud)", as: "distributor-admin")
        #expect(relecloud["customDomains"]?.arrayValue?.isEmpty == true)
    }

    @Test("BillingLocale: culture and language are normalized as the documented example answers, other text is kept")
    func localeNormalization() {
        #expect(BillingLocale.culture("EN-US") == "en-US")
        #expect(BillingLocale.culture("fr-ca") == "fr-CA")
        #expect(BillingLocale.culture("ZH-HANT-TW") == "zh-Hant-TW")
        #expect(BillingLocale.culture("not a culture") == "not a culture")
        #expect(BillingLocale.language("En") == "en")
        #expect(BillingLocale.language("english") == "english")
    }
}

/// https://learn.microsoft.com/en-us/partner-center/developer/create-a-customer-for-an-indirect-reseller
@Suite("Contract: create a customer for an indirect reseller")
struct CreateCustomerForResellerContractTests {
    typealias Demo = TestWorld.Demo

    @Test("create-a-customer-for-an-indirect-reseller example 1: the distributor names the reseller in associatedPartnerId")
    func createForReseller() throws {
        let world = try TestWorld()
        let body = CustomerShapes.documentedCreateBody(domain: "wingtiptoys678152504", associatedPartnerId: Demo.fabrikam)
        let response = try world.request(.post, "/v1/customers", as: "distributor-admin", body: body)
        #expect(response.status == 201, "\(response.text)")
        var shape = CustomerShapes.customer
        shape.required.formUnion(["associatedPartnerId", "userCredentials"])
        shape.properties.append((name: "userCredentials", kind: .object(["userName": .string, "password": .string])))
        expectShape(response.json, shape)
        #expect(response["associatedPartnerId"]?.stringValue == Demo.fabrikam)
        #expect(response["companyProfile"]?["domain"]?.stringValue == "wingtiptoys678152504.onmicrosoft.com")
    }
}
