import Foundation
import JSON
@testable import PartnerCenter
import Testing

/// https://learn.microsoft.com/en-us/partner-center/developer/create-a-transfer
@Suite("Contract: create a new-commerce transfer")
struct CreateTransferContractTests {
    typealias Demo = TestWorld.Demo
    typealias TX = TestWorld.TX

    static func connected() throws -> TestWorld {
        let world = try TestWorld.transfers()
        try world.connectTarget("alpine-admin", to: Demo.margies, customerAdmin: "margies-admin", subscriptions: [TX.margiesBasic])
        return world
    }

    /// The documented request: transferType 3, partnerOnRecord, targetPartnerEmailId, product types.
    static let documentedBody: JSON = [
        "customerEmailId": "it@margiestravel.example", "customerName": "Margie's Travel",
        "sourcePartnerTenantId": .string(Demo.litware), "sourcePartnerName": "Litware Direct",
        "targetPartnerEmailId": "admin@alpineskihouse.example", "partnerOnRecord": "5100001", "transferType": 3,
        "targetProductTypes": ["AzureSubscription", "AzureReservation", "AzureSavingsPlan", "OnlineServicesNCE"],
    ]

    @Test("create-a-transfer example 1: the request with transferType 3, partnerOnRecord, targetPartnerEmailId and AzureSavingsPlan")
    func request() throws {
        let world = try Self.connected()
        let response = try world.createTransfer(Demo.margies, as: "alpine-admin", body: Self.documentedBody)
        #expect(response.status == 201, "\(response.text)")
        #expect(response["transferType"]?.intValue == 5)
        #expect(response["partnerOnRecord"]?.stringValue == "5100001")
        #expect(response["targetPartnerEmailId"]?.stringValue == "admin@alpineskihouse.example")
        #expect(response["targetProductTypes"]?.arrayValue?.compactMap(\.stringValue)
                == ["AzureSubscription", "AzureReservation", "AzureSavingsPlan", "OnlineServicesNCE"])
    }

    @Test("create-a-transfer example 2: the Active TransferEntity")
    func response() throws {
        let world = try Self.connected()
        let response = try world.createTransfer(Demo.margies, as: "alpine-admin", body: Self.documentedBody)
        #expect(response.status == 201)
        expectShape(response.json, TransferShapes.newCommerce(status: ["Active"]))
        #expect(response["status"]?.stringValue == "Active")
    }

    @Test("create-a-transfer error 400 900148: the source is the target")
    func sourceIsTarget() throws {
        let world = try Self.connected()
        let before = try world.snapshot()
        let refused = try world.createTransfer(Demo.margies, as: "alpine-admin", body: TestWorld.p2pBody(source: TX.alpine))
        #expect(refused.status == 400)
        #expect(refused.code == 900148)
        #expect(try world.snapshot() == before)
    }

    @Test("create-a-transfer error 400 900136: no customer e-mail")
    func noEmail() throws {
        let world = try Self.connected()
        let before = try world.snapshot()
        let refused = try world.createTransfer(Demo.margies, as: "alpine-admin", body: TestWorld.p2pBody(source: Demo.litware, email: nil))
        #expect(refused.status == 400)
        #expect(refused.code == 900136)
        #expect(try world.snapshot() == before)
    }
}

/// https://learn.microsoft.com/en-us/partner-center/developer/get-transfer-by-id
@Suite("Contract: get a transfer by id")
struct GetTransferContractTests {
    typealias Demo = TestWorld.Demo

    @Test("get-transfer-by-id example 1: the request by customer and transfer id")
    func request() throws {
        let world = try CreateTransferContractTests.connected()
        let id = try world.createP2P()
        let response = try world.transfer(id, customer: Demo.margies, as: "alpine-admin")
        #expect(response.status == 200)
        #expect(response["id"]?.stringValue == id)
    }

    @Test("get-transfer-by-id example 2: the TransferEntity")
    func response() throws {
        let world = try CreateTransferContractTests.connected()
        let id = try world.createP2P()
        let response = try world.transfer(id, customer: Demo.margies, as: "directbill-admin")
        #expect(response.status == 200)
        expectShape(response.json, TransferShapes.newCommerce(status: ["Active"]))
    }

    @Test("get-transfer-by-id error 404 900100: no such transfer")
    func unknown() throws {
        let world = try CreateTransferContractTests.connected()
        let refused = try world.transfer("00000000-0000-4000-8000-000000000000", customer: Demo.margies, as: "alpine-admin")
        #expect(refused.status == 404)
        #expect(refused.code == 900100)
    }
}

/// https://learn.microsoft.com/en-us/partner-center/developer/get-all-of-a-customer-s-transfers
@Suite("Contract: a customer's transfers")
struct ListTransfersContractTests {
    typealias Demo = TestWorld.Demo

    @Test("get-all-of-a-customer-s-transfers example 1: the request by customer")
    func request() throws {
        let world = try CreateTransferContractTests.connected()
        let id = try world.createP2P()
        let response = try world.request(.get, "/v1/customers/\(Demo.margies)/transfers", as: "alpine-admin")
        #expect(response.status == 200)
        #expect(response.items.compactMap { $0["id"]?.stringValue } == [id])
    }

    @Test("get-all-of-a-customer-s-transfers example 2: a collection of TransferEntity")
    func response() throws {
        let world = try CreateTransferContractTests.connected()
        _ = try world.createP2P()
        let response = try world.request(.get, "/v1/customers/\(Demo.margies)/transfers", as: "alpine-admin")
        expectShape(response.json, ["totalCount": .integer, "items": .array(.object(TransferShapes.newCommerce(status: ["Active"]))),
                                    "links": .object(["self": TransferShapes.link]), "attributes": .object(["objectType": .string])])
    }
}

/// https://learn.microsoft.com/en-us/partner-center/developer/update-a-transfer
@Suite("Contract: update (cancel or accept) a new-commerce transfer")
struct UpdateTransferContractTests {
    typealias Demo = TestWorld.Demo
    typealias TX = TestWorld.TX

    @Test("update-a-transfer example 1: the cancel request of the target")
    func cancelRequest() throws {
        let world = try CreateTransferContractTests.connected()
        let id = try world.createP2P()
        let response = try world.request(.patch, "/v1/customers/\(Demo.margies)/transfers/\(id)", as: "alpine-admin",
                                         body: ["id": .string(id), "status": "Cancel", "transferType": 3,
                                                "sourcePartnerTenantId": .string(Demo.litware), "customerEmailId": "it@margiestravel.example"])
        #expect(response.status == 200, "\(response.text)")
        #expect(try world.count("transfers", where: "id = ? AND status = 'Cancelled'", [id]) == 1)
    }

    @Test("update-a-transfer example 2: the cancelled TransferEntity")
    func cancelResponse() throws {
        let world = try CreateTransferContractTests.connected()
        let id = try world.createP2P()
        let response = try world.patchTransfer(id, customer: Demo.margies, status: "Cancel", as: "alpine-admin")
        expectShape(response.json, TransferShapes.newCommerce(status: ["Cancelled"]))
        #expect(response["status"]?.stringValue == "Cancelled")
    }

    @Test("update-a-transfer example 3: the accept request of the source with its line items")
    func acceptRequest() throws {
        let world = try CreateTransferContractTests.connected()
        let id = try world.createP2P()
        let response = try world.request(.patch, "/v1/customers/\(Demo.margies)/transfers/\(id)", as: "directbill-admin", body: [
            "id": .string(id), "status": "Complete", "transferType": 3,
            "lineItems": [["id": 0, "subscriptionId": .string(TX.margiesBasic), "quantity": 5, "billingCycle": "annual",
                           "termDuration": "P1Y", "friendlyName": "Business Basic"]],
        ])
        #expect(response.status == 200, "\(response.text)")
        #expect(try world.subscriptionRow(TX.margiesBasic)?.string("status") == "deleted")
    }

    @Test("update-a-transfer example 4: the Completed TransferEntity, lines with partnerIdOnRecord and transferError")
    func acceptResponse() throws {
        let world = try CreateTransferContractTests.connected()
        let id = try world.createP2P()
        let response = try world.acceptP2P(id, [TX.margiesBasic])
        #expect(response.status == 200)
        expectShape(response.json, TransferShapes.newCommerce(status: ["Completed"]))
        #expect(response["status"]?.stringValue == "Completed")
        #expect(response["completedTime"]?.stringValue != nil)
    }

    @Test("update-a-transfer error 400 900102: the transfer is already completed")
    func alreadyCompleted() throws {
        let world = try CreateTransferContractTests.connected()
        let id = try world.createP2P()
        #expect(try world.acceptP2P(id, [TX.margiesBasic]).status == 200)
        let before = try world.snapshot()
        let refused = try world.acceptP2P(id, [TX.margiesBasic])
        #expect(refused.status == 400)
        #expect(refused.code == 900102)
        #expect(try world.snapshot() == before)
    }

    @Test("update-a-transfer error 409 900104: the transfer was already processed (cancelled)")
    func processed() throws {
        let world = try CreateTransferContractTests.connected()
        let id = try world.createP2P()
        #expect(try world.patchTransfer(id, customer: Demo.margies, status: "Cancel", as: "alpine-admin").status == 200)
        let before = try world.snapshot()
        let refused = try world.acceptP2P(id, [TX.margiesBasic])
        #expect(refused.status == 409)
        #expect(refused.code == 900104)
        #expect(try world.snapshot() == before)
    }
}
