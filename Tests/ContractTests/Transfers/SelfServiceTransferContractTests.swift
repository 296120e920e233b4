import Foundation
import JSON
@testable import PartnerCenter
import Testing

/// https://learn.microsoft.com/en-us/partner-center/developer/create-a-transfer-legacy
@Suite("Contract: create a self-service (legacy) transfer")
struct CreateLegacyTransferContractTests {
    typealias Demo = TestWorld.Demo
    typealias TX = TestWorld.TX

    static func ready() throws -> TestWorld {
        let world = try TestWorld.transfers()
        try world.treyAcceptsMCA()
        return world
    }

    @Test("create-a-transfer-legacy example 1: the request with source, target and line items")
    func request() throws {
        let world = try Self.ready()
        let response = try world.createTransfer(Demo.trey, as: "migrated-admin", body: [
            "sourcePartnerTenantId": .string(Demo.lamna), "targetPartnerTenantId": .string(Demo.contoso),
            "lineItems": [["subscriptionId": .string(TX.treyIntune), "partnerIdOnRecord": "517285"]],
        ])
        #expect(response.status == 201, "\(response.text)")
        #expect(response["lineItems"]?[0]?["subscriptionId"]?.stringValue == TX.treyIntune)
    }

    @Test("create-a-transfer-legacy example 2: the Active TransferEntity with its line items")
    func response() throws {
        let world = try Self.ready()
        let response = try world.createTransfer(Demo.trey, as: "migrated-admin", body: TestWorld.sstBody([TX.treyIntune]))
        #expect(response.status == 201)
        expectShape(response.json, TransferShapes.legacy)
        #expect(response["status"]?.stringValue == "Active")
    }
}

/// https://learn.microsoft.com/en-us/partner-center/developer/accept-a-transfer
@Suite("Contract: accept a self-service transfer")
struct AcceptTransferContractTests {
    typealias TX = TestWorld.TX

    @Test("accept-a-transfer example 1: the empty POST .../accept of the distributor")
    func request() throws {
        let world = try CreateLegacyTransferContractTests.ready()
        let id = try world.createSST([TX.treyIntune])
        let response = try world.acceptSST(id)
        #expect(response.status == 200, "\(response.text)")
    }

    @Test("accept-a-transfer example 2: the TransferSubmitResult with the order")
    func response() throws {
        let world = try CreateLegacyTransferContractTests.ready()
        let id = try world.createSST([TX.treyIntune])
        let response = try world.acceptSST(id)
        expectShape(response.json, [
            "orders": .array(.object(["id": .string, "referenceCustomerId": .string, "lineItems": .array(.any), "creationDate": .dateTime,
                                      "status": .string, "links": .object(["self": TransferShapes.link]),
                                      "attributes": .object(["objectType": .enumeration(["Order"])])])),
            "transferErrors": .array(.any), "attributes": .object(["objectType": .enumeration(["TransferSubmitResult"])]),
        ])
        #expect(response["orders"]?.arrayValue?.count == 1)
    }

    @Test("accept-a-transfer error 400 900102: the transfer is already completed")
    func alreadyCompleted() throws {
        let world = try CreateLegacyTransferContractTests.ready()
        let id = try world.createSST([TX.treyIntune])
        #expect(try world.acceptSST(id).status == 200)
        let before = try world.snapshot()
        let refused = try world.acceptSST(id)
        #expect(refused.status == 400)
        #expect(refused.code == 900102)
        #expect(try world.snapshot() == before)
    }
}

/// https://learn.microsoft.com/en-us/partner-center/developer/reject-a-transfer
@Suite("Contract: reject a self-service transfer")
struct RejectTransferContractTests {
    typealias Demo = TestWorld.Demo
    typealias TX = TestWorld.TX

    @Test("reject-a-transfer example 1: the request with status reject")
    func request() throws {
        let world = try CreateLegacyTransferContractTests.ready()
        let id = try world.createSST([TX.treyIntune])
        let response = try world.request(.patch, "/v1/customers/\(Demo.trey)/transfers/\(id)", as: "distributor-admin",
                                         body: ["id": .string(id), "status": "reject"])
        #expect(response.status == 200, "\(response.text)")
    }

    @Test("reject-a-transfer example 2: the rejected TransferEntity")
    func response() throws {
        let world = try CreateLegacyTransferContractTests.ready()
        let id = try world.createSST([TX.treyIntune])
        let response = try world.patchTransfer(id, customer: Demo.trey, status: "reject", as: "distributor-admin")
        expectShape(response.json, TransferShapes.legacy)
        #expect(response["status"]?.stringValue == "Reject")
    }
}

/// https://learn.microsoft.com/en-us/partner-center/developer/withdraw-a-transfer
@Suite("Contract: withdraw a self-service transfer")
struct WithdrawTransferContractTests {
    typealias Demo = TestWorld.Demo
    typealias TX = TestWorld.TX

    @Test("withdraw-a-transfer example 1: the DELETE of the source")
    func request() throws {
        let world = try CreateLegacyTransferContractTests.ready()
        let id = try world.createSST([TX.treyIntune])
        let response = try world.request(.delete, "/v1/customers/\(Demo.trey)/transfers/\(id)", as: "migrated-admin")
        #expect(response.status == 204)
        #expect(try world.count("transfers", where: "id = ? AND status = 'Cancelled'", [id]) == 1)
    }

    @Test("withdraw-a-transfer example 2: 204 without a body")
    func response() throws {
        let world = try CreateLegacyTransferContractTests.ready()
        let id = try world.createSST([TX.treyIntune])
        let response = try world.request(.delete, "/v1/customers/\(Demo.trey)/transfers/\(id)", as: "migrated-admin")
        #expect(response.status == 204)
        #expect(response.text.isEmpty)
    }
}

/// https://learn.microsoft.com/en-us/partner-center/developer/get-customer-s-subscriptions-transfer-eligibility
@Suite("Contract: a customer's subscriptions' transfer eligibility")
struct TransferEligibilityContractTests {
    typealias Demo = TestWorld.Demo

    @Test("get-customer-s-subscriptions-transfer-eligibility example 1: the request with transferType=directtoindirect")
    func request() throws {
        let world = try TestWorld.transfers()
        let response = try world.request(.get, "/v1/customers/\(Demo.trey)/transferseligibility?transferType=directtoindirect",
                                         as: "migrated-admin")
        #expect(response.status == 200, "\(response.text)")
    }

    @Test("get-customer-s-subscriptions-transfer-eligibility example 2: a bare array of {id, isEligible, reason}")
    func response() throws {
        let world = try TestWorld.transfers()
        let response = try world.request(.get, "/v1/customers/\(Demo.trey)/transferseligibility?transferType=directtoindirect",
                                         as: "migrated-admin")
        expectKind(response.json, .array(.object(Shape([("id", .string), ("isEligible", .boolean), ("reason", .string)],
                                                        required: ["id", "isEligible"]))))
        let items = response.json.arrayValue ?? []
        #expect(items.contains { $0["isEligible"]?.boolValue == true && $0["reason"] == nil })
        #expect(items.contains { $0["isEligible"]?.boolValue == false && $0["reason"]?.stringValue != nil })
    }
}
