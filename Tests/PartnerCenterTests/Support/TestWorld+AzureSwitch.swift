import Foundation
import JSON
@testable import PartnerCenter
import SQLite
import Testing

/// Helpers for the Azure CSP partner switch tests (issue #7, AZS-1..AZS-6). The demo world's
/// switch: Litware (source, `directbill-admin`) moves Margie's Travel's MS-AZR-0145P
/// subscription to Contoso (target, `distributor-admin`); Margie's is `margies-admin`.
struct AzureSwitch {
    typealias Demo = TestWorld.Demo
    static let source = "directbill-admin"
    static let customer = "margies-admin"
    static let target = "distributor-admin"
    static let operator_ = "microsoft-support"

    let world: TestWorld
    /// Litware's MS-AZR-0145P subscription of Margie's (demo seed).
    let azure: String
    /// Litware's legacy E3 of Margie's: not Azure.
    let e3: String

    /// The demo world; with `related`, Contoso first gains a reseller relationship with
    /// Margie's (CUS-1 invitation accepted by the customer).
    init(related: Bool = true) throws {
        world = try TestWorld()
        azure = try world.subscriptionId(TestWorld.Offers.azureLegacy, customer: Demo.margies)
        e3 = try world.subscriptionId(TestWorld.Offers.legacyE3, customer: Demo.margies)
        if related { try relateTarget() }
    }

    /// Contoso invites Margie's, which accepts: the AZS precondition.
    func relateTarget() throws {
        let invitation = try world.relationshipRequestLink(as: Self.target)
        let accepted = try world.accept(invitation, as: Self.customer)
        guard accepted.status == 200 || accepted.status == 201 else {
            throw TestFailure("accept failed: \(accepted.status) \(accepted.text)")
        }
    }

    /// Litware orders another MS-AZR-0145P subscription for Margie's.
    func orderAzure() throws -> String {
        let ids = try world.orderSubscriptions([["offerId": .string(TestWorld.Offers.azureLegacy)]], customer: Demo.margies,
                                               as: Self.source)
        guard let id = ids.first else { throw TestFailure("no subscription ordered") }
        return id
    }

    static let sourceDetails: JSON = ["partnerName": "Litware Direct", "mpnId": "5600000", "contactName": "Lee Source",
                                      "contactEmail": "lee@litware.example"]
    static let customerDetails: JSON = ["companyName": "Margie's Travel", "contactName": "Margie Owner",
                                        "contactEmail": "margie@margiestravel.example"]
    static var targetDetails: JSON {
        ["partnerTenantId": .string(Demo.contoso), "partnerName": "Contoso Distribution", "mpnId": "4100000",
         "contactEmail": "partners@contosodistribution.example"]
    }

    // MARK: Steps through the routes

    func create(_ subscriptionIds: [String]? = nil, sourceDetails: JSON? = sourceDetails,
                customer: String = Demo.margies, as principal: String = source) throws -> TestResponse {
        var body: JSONObject = ["customerTenantId": .string(customer)]
        body["subscriptionIds"] = .array((subscriptionIds ?? [azure]).map { .string($0) })
        if let sourceDetails { body["sourceDetails"] = sourceDetails }
        return try world.request(.post, "/portal/transfer-forms", as: principal, body: .object(body))
    }

    func patch(_ formId: String, _ body: JSON, as principal: String) throws -> TestResponse {
        try world.request(.patch, "/portal/transfer-forms/\(formId)", as: principal, body: body)
    }

    func send(_ formId: String, as principal: String = source) throws -> TestResponse {
        try world.request(.post, "/portal/transfer-forms/\(formId)/send", as: principal)
    }

    func giveBack(_ formId: String, as principal: String = customer) throws -> TestResponse {
        try world.request(.post, "/portal/transfer-forms/\(formId)/return", as: principal)
    }

    func form(_ formId: String, as principal: String = source) throws -> TestResponse {
        try world.request(.get, "/portal/transfer-forms/\(formId)", as: principal)
    }

    func submit(_ formId: String, as principal: String = source) throws -> TestResponse {
        try world.request(.post, "/portal/support-requests", as: principal, body: ["transferFormId": .string(formId)])
    }

    func execute(_ requestId: String, as principal: String = operator_) throws -> TestResponse {
        try world.request(.post, "/portal/support-requests/\(requestId)/execute", as: principal)
    }

    func supportRequest(_ requestId: String, as principal: String = source) throws -> TestResponse {
        try world.request(.get, "/portal/support-requests/\(requestId)", as: principal)
    }

    func roleAssignments(_ azureSubscriptionId: String, as principal: String) throws -> TestResponse {
        try world.request(.get, "/portal/azure-subscriptions/\(azureSubscriptionId)/role-assignments", as: principal)
    }

    // MARK: Forms at each state

    private func expect(_ response: TestResponse, _ status: Int, _ step: String) throws -> TestResponse {
        guard response.status == status else { throw TestFailure("\(step): \(response.status) \(response.text)") }
        return response
    }

    /// A Draft holding `subscriptionIds` (default: the seeded Azure subscription) and the source's details.
    func draft(_ subscriptionIds: [String]? = nil) throws -> String {
        guard let id = try expect(create(subscriptionIds), 201, "create")["id"]?.stringValue else { throw TestFailure("no form id") }
        return id
    }

    func sentForm(_ subscriptionIds: [String]? = nil) throws -> String {
        let id = try draft(subscriptionIds)
        _ = try expect(send(id), 200, "send")
        return id
    }

    /// Sent, and the customer has filled its and the target's details (not yet returned).
    func filledByCustomer(_ subscriptionIds: [String]? = nil) throws -> String {
        let id = try sentForm(subscriptionIds)
        _ = try expect(patch(id, ["customerDetails": Self.customerDetails, "targetDetails": Self.targetDetails], as: Self.customer),
                       200, "customer fills")
        return id
    }

    func returnedForm(_ subscriptionIds: [String]? = nil) throws -> String {
        let id = try filledByCustomer(subscriptionIds)
        _ = try expect(giveBack(id), 200, "return")
        return id
    }

    /// A returned form submitted as a support request: (form id, request id).
    func submitted(_ subscriptionIds: [String]? = nil) throws -> (form: String, request: String) {
        let id = try returnedForm(subscriptionIds)
        guard let request = try expect(submit(id), 201, "submit")["id"]?.stringValue else { throw TestFailure("no request id") }
        return (id, request)
    }

    // MARK: Peeks

    func billingPartner(of subscriptionId: String) throws -> String? {
        try world.column("billing_partner_id", of: subscriptionId)
    }

    func azureId(of subscriptionId: String) throws -> String {
        guard let id = try world.column("azure_subscription_id", of: subscriptionId) else {
            throw TestFailure("\(subscriptionId) has no Azure subscription id")
        }
        return id
    }

    /// Audit operations on one resource, oldest first, through GET /_sim/audit.
    func auditTrail(resourceType: String, resourceId: String) throws -> [JSON] {
        try world.request(.get, "/_sim/audit?size=500&resourceType=\(resourceType)&resourceId=\(resourceId)").items.reversed()
    }

    /// Outbox notifications of one tenant and kind (newest first).
    func outbox(_ tenantId: String, kind: String) throws -> [JSON] {
        try world.outbox(tenantId: tenantId, kind: kind)
    }
}
