import Foundation
import JSON
@testable import PartnerCenter
import SQLite
import Testing

/// Helpers for the transfer tests (issue #6): a world with enough partners and subscriptions
/// for both kinds of transfer, and short-hands for each step.
extension TestWorld {
    /// Ids only present in `TestWorld.transfers()`.
    enum TX {
        /// A second direct-bill partner, target of new-commerce transfers (`alpine-admin`).
        static let alpine = "b3000000-0000-4000-8000-0000000000b1"
        /// A migrated partner marked as sandbox (`sandbox-admin`), partnered with Contoso.
        static let sandbox = "b3000000-0000-4000-8000-0000000000b2"
        /// A second distributor (`fourthcoffee-admin`), not partnered with Lamna.
        static let fourthCoffee = "d1000000-0000-4000-8000-000000000002"
        /// The sandbox partner's customer, also with Contoso.
        static let wingtip = "c4000000-0000-4000-8000-0000000000b1"
        /// A Lamna direct-bill customer with no relationship to Contoso (MCA in the admin center).
        static let woodgrove = "c4000000-0000-4000-8000-0000000000b2"

        // Margie's Travel, billed by Litware (direct bill): new-commerce items.
        static let margiesBasic = "5b000000-0000-4000-8000-000000000001"       // Business Basic x5
        static let margiesPremium = "5b000000-0000-4000-8000-000000000002"     // Business Premium x3
        static let margiesReservation = "5b000000-0000-4000-8000-000000000003"
        static let margiesSaaS = "5b000000-0000-4000-8000-000000000004"        // third-party
        static let margiesAzurePlan = "5b000000-0000-4000-8000-000000000005"
        // Trey Research, billed by Lamna: what a self-service transfer refuses (SST-4).
        static let treyAzurePlan = "5b000000-0000-4000-8000-000000000011"
        static let treyReservation = "5b000000-0000-4000-8000-000000000012"
        static let treySoftware = "5b000000-0000-4000-8000-000000000013"
        static let treySaaS = "5b000000-0000-4000-8000-000000000014"
        static let treyIntune = "5b000000-0000-4000-8000-000000000015"        // legacy, eligible
        static let treySuspendedDynamics = "5b000000-0000-4000-8000-000000000016"
        // Relecloud, billed by Contoso with Wide World (suspended) as POR: POR-4 refuses.
        static let relecloudBadPOR = "5b000000-0000-4000-8000-000000000021"
        // Wingtip, billed by the sandbox partner.
        static let wingtipE3 = "5b000000-0000-4000-8000-000000000031"
        // Woodgrove, billed by Lamna.
        static let woodgroveE3 = "5b000000-0000-4000-8000-000000000041"
    }

    /// The demo world plus the partners, customers and subscriptions of `TX`.
    static func transfers(configuration: SimulatorConfiguration = SimulatorConfiguration(),
                          now: String = TestWorld.start) throws -> TestWorld {
        guard case .object(var world) = try JSON.parse(try demoFixture()),
              case .array(var partners)? = world["partners"], case .array(var partnerships)? = world["partnerships"],
              case .array(var customers)? = world["customers"], case .array(var subscriptions)? = world["subscriptions"] else {
            throw TestFailure("demo fixture has an unexpected shape")
        }
        partners += [
            ["key": "alpine", "tenantId": .string(TX.alpine), "legalName": "Alpine Ski House", "country": "US", "pgaId": "5900000",
             "primaryContactEmail": "csp@alpineskihouse.example",
             "programs": [["program": "DirectBill", "status": "Active"]], "locations": [["plaId": "5900001"]], "mpaPlaId": "5900001",
             "principals": [["name": "alpine-admin", "roles": ["GlobalAdmin", "AdminAgent"]],
                            ["name": "alpine-sales", "roles": ["SalesAgent"]]]],
            ["key": "sandboxer", "tenantId": .string(TX.sandbox), "legalName": "Sandbox Partner", "country": "US", "pgaId": "5910000",
             "sandbox": true,
             "programs": [["program": "DirectBill", "status": "Restricted"],
                          ["program": "IndirectReseller", "status": "Active", "isMigration": true]],
             "locations": [["plaId": "5910001"]], "mpaPlaId": "5910001",
             "principals": [["name": "sandbox-admin", "roles": ["GlobalAdmin", "AdminAgent"]]]],
            ["key": "fourthcoffee", "tenantId": .string(TX.fourthCoffee), "legalName": "Fourth Coffee Distribution", "country": "US",
             "pgaId": "4200000", "programs": [["program": "Distributor", "status": "Active"]], "locations": [["plaId": "4200001"]],
             "mpaPlaId": "4200001", "principals": [["name": "fourthcoffee-admin", "roles": ["AdminAgent", "GlobalAdmin"]]]],
        ]
        partnerships += [
            ["distributor": "contoso", "reseller": "sandboxer", "status": "Active"],
            ["distributor": "fourthcoffee", "reseller": "northwind", "status": "Active"],
        ]
        customers.append([
            "key": "wingtip", "tenantId": .string(TX.wingtip), "companyName": "Wingtip Toys", "domain": "wingtiptoys.onmicrosoft.com",
            "country": "US", "mca": [["method": "AdminCenter"]],
            "relationships": [["partner": "sandboxer", "kind": "Reseller", "adminAccess": true],
                              ["partner": "contoso", "kind": "IndirectProvider", "adminAccess": false]],
            "principals": [["name": "wingtip-admin", "roles": ["CustomerAdmin"]]],
        ])
        customers.append([
            "key": "woodgrove", "tenantId": .string(TX.woodgrove), "companyName": "Woodgrove Bank", "domain": "woodgrove.onmicrosoft.com",
            "country": "US", "mca": [["method": "AdminCenter"]],
            "relationships": [["partner": "lamna", "kind": "Reseller", "adminAccess": true]],
            "principals": [["name": "woodgrove-admin", "roles": ["CustomerAdmin"]]],
        ])
        func sub(_ id: String, _ customer: String, _ partner: String, _ offer: String, quantity: Int = 1, term: String? = nil,
                 por: String? = nil, status: String? = nil) -> JSON {
            var object: JSONObject = ["id": .string(id), "customer": .string(customer), "billingPartner": .string(partner),
                                      "offerId": .string(offer), "quantity": .int(Int64(quantity))]
            if let term { object["termDuration"] = .string(term) }
            if let por { object["partnerIdOnRecord"] = .string(por); object["gainedAs"] = "Indirect" }
            if let status { object["status"] = .string(status) }
            return .object(object)
        }
        subscriptions += [
            sub(TX.margiesBasic, "margies", "litware", Offers.businessBasic, quantity: 5, term: "P1Y"),
            sub(TX.margiesPremium, "margies", "litware", Offers.businessPremium, quantity: 3, term: "P1M"),
            sub(TX.margiesReservation, "margies", "litware", Offers.reservation, term: "P1Y"),
            sub(TX.margiesSaaS, "margies", "litware", Offers.saas, quantity: 4, term: "P1Y"),
            sub(TX.margiesAzurePlan, "margies", "litware", Offers.azurePlan),
            sub(TX.treyAzurePlan, "trey", "lamna", Offers.azurePlan),
            sub(TX.treyReservation, "trey", "lamna", Offers.reservation, term: "P1Y"),
            sub(TX.treySoftware, "trey", "lamna", Offers.software),
            sub(TX.treySaaS, "trey", "lamna", Offers.saas, quantity: 2, term: "P1Y"),
            sub(TX.treyIntune, "trey", "lamna", Offers.intune, quantity: 7),
            sub(TX.treySuspendedDynamics, "trey", "lamna", Offers.dynamics, quantity: 2, status: "suspended"),
            sub(TX.relecloudBadPOR, "relecloud", "contoso", Offers.businessBasic, quantity: 6, term: "P1Y", por: "5500001"),
            sub(TX.wingtipE3, "wingtip", "sandboxer", Offers.legacyE3, quantity: 10),
            sub(TX.woodgroveE3, "woodgrove", "lamna", Offers.legacyE3, quantity: 4),
        ]
        world["partners"] = .array(partners)
        world["partnerships"] = .array(partnerships)
        world["customers"] = .array(customers)
        world["subscriptions"] = .array(subscriptions)
        return try TestWorld(configuration: configuration, fixture: .object(world), now: now)
    }

    // MARK: P2P steps

    /// P2P-1: `target` sends `customer` a relationship request listing `subscriptions`, and the
    /// customer's admin accepts it.
    func connectTarget(_ target: String, to customer: String, customerAdmin: String, subscriptions: [String] = []) throws {
        let request = try request(.post, "/portal/customers/\(customer)/relationship-requests", as: target,
                                  body: ["subscriptionIds": .array(subscriptions.map { .string($0) })])
        guard request.status == 201, let id = request["id"]?.stringValue else {
            throw TestFailure("relationship request: \(request.status) \(request.text)")
        }
        let accepted = try accept(id, as: customerAdmin)
        guard accepted.status == 200 else { throw TestFailure("relationship request acceptance: \(accepted.status) \(accepted.text)") }
    }

    /// The body of a new-commerce transfer created by its target.
    static func p2pBody(source: String, email: String? = "it@margiestravel.example", productTypes: [String]? = nil,
                        por: String? = nil) -> JSON {
        var object: JSONObject = ["sourcePartnerTenantId": .string(source)]
        if let email { object["customerEmailId"] = .string(email) }
        if let productTypes { object["targetProductTypes"] = .array(productTypes.map { .string($0) }) }
        if let por { object["partnerIdOnRecord"] = .string(por) }
        return .object(object)
    }

    func createTransfer(_ customer: String, as principal: String, body: JSON) throws -> TestResponse {
        try request(.post, "/v1/customers/\(customer)/transfers", as: principal, body: body)
    }

    /// A P2P transfer that must be created; answers its id.
    func createP2P(_ customer: String = Demo.margies, source: String = Demo.litware, as principal: String = "alpine-admin",
                   productTypes: [String]? = nil, por: String? = nil) throws -> String {
        let response = try createTransfer(customer, as: principal, body: Self.p2pBody(source: source, productTypes: productTypes, por: por))
        guard response.status == 201, let id = response["id"]?.stringValue else {
            throw TestFailure("P2P create: \(response.status) \(response.text)")
        }
        return id
    }

    static func selection(_ subscriptions: [String], status: String = "Accept") -> JSON {
        ["status": .string(status), "lineItems": .array(subscriptions.map { ["subscriptionId": .string($0)] })]
    }

    /// P2P-3: the source selects subscriptions and accepts.
    func acceptP2P(_ transferId: String, _ subscriptions: [String], customer: String = Demo.margies,
                   as principal: String = "directbill-admin") throws -> TestResponse {
        try request(.patch, "/v1/customers/\(customer)/transfers/\(transferId)", as: principal, body: Self.selection(subscriptions))
    }

    func transfer(_ transferId: String, customer: String, as principal: String) throws -> TestResponse {
        try request(.get, "/v1/customers/\(customer)/transfers/\(transferId)", as: principal)
    }

    func patchTransfer(_ transferId: String, customer: String, status: String, as principal: String) throws -> TestResponse {
        try request(.patch, "/v1/customers/\(customer)/transfers/\(transferId)", as: principal, body: ["status": .string(status)])
    }

    // MARK: SST steps

    /// SST-2/CUS-6: Trey accepts the MCA in the admin center, which counts for Contoso too.
    func treyAcceptsMCA() throws {
        let response = try request(.post, "/portal/customers/\(Demo.trey)/agreements/mca", as: "trey-admin")
        guard response.status == 201 else { throw TestFailure("MCA acceptance: \(response.status) \(response.text)") }
    }

    static func sstBody(source: String = Demo.lamna, target: String? = Demo.contoso, _ subscriptions: [String]) -> JSON {
        var object: JSONObject = ["sourcePartnerTenantId": .string(source),
                                  "lineItems": .array(subscriptions.map { ["subscriptionId": .string($0)] })]
        if let target { object["targetPartnerTenantId"] = .string(target) }
        return .object(object)
    }

    /// A self-service transfer that must be created; answers its id.
    func createSST(_ subscriptions: [String], customer: String = Demo.trey, as principal: String = "migrated-admin") throws -> String {
        let response = try createTransfer(customer, as: principal, body: Self.sstBody(subscriptions))
        guard response.status == 201, let id = response["id"]?.stringValue else {
            throw TestFailure("SST create: \(response.status) \(response.text)")
        }
        return id
    }

    func acceptSST(_ transferId: String, customer: String = Demo.trey, as principal: String = "distributor-admin") throws -> TestResponse {
        try request(.post, "/v1/customers/\(customer)/transfers/\(transferId)/accept", as: principal)
    }

    /// The id of the only subscription of an offer for a customer and billing partner.
    func onlySubscription(_ offerId: String, customer: String, billedBy partner: String) throws -> String {
        let ids = try rows("SELECT id FROM subscriptions WHERE customer_id = ? AND offer_id = ? AND billing_partner_id = ?",
                           [customer, offerId, partner]).compactMap { $0.string("id") }
        guard ids.count == 1, let id = ids.first else { throw TestFailure("\(ids.count) \(offerId) subscriptions for \(customer)") }
        return id
    }

    /// Trey's demo subscriptions billed by Lamna.
    func treyE3() throws -> String { try onlySubscription(Offers.legacyE3, customer: Demo.trey, billedBy: Demo.lamna) }
    func treyE3Addon() throws -> String { try onlySubscription(Offers.storageAddon, customer: Demo.trey, billedBy: Demo.lamna) }
    func treyAzure() throws -> String { try onlySubscription(Offers.azureLegacy, customer: Demo.trey, billedBy: Demo.lamna) }
    func treyBusinessBasic() throws -> String { try onlySubscription(Offers.businessBasic, customer: Demo.trey, billedBy: Demo.lamna) }

    /// One subscription row's columns as text.
    func subscriptionRow(_ id: String) throws -> Row? {
        try rows("SELECT * FROM subscriptions WHERE id = ?", [id]).first
    }

    /// Active subscriptions of a customer billed by a partner.
    func activeSubscriptions(_ customer: String, billedBy partner: String) throws -> [Row] {
        try rows("SELECT * FROM subscriptions WHERE customer_id = ? AND billing_partner_id = ? AND status = 'active' ORDER BY created_at, id",
                 [customer, partner])
    }
}

extension TestWorld.Offers {
    static let intune = "B1C2D3E4-F5A6-4B7C-8D9E-0F1A2B3C4D5E"
    static let dynamics = "A4E5F6B7-C8D9-4E0F-8A1B-2C3D4E5F6A7B"
}
