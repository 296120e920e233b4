import Foundation
import JSON
@testable import PartnerCenter
import Testing

/// P2P-1 to P2P-8 (and POR-4 on the way out of a distributor): new-commerce partner-to-partner
/// transfers. Alpine Ski House (direct bill) takes Margie's Travel's new-commerce subscriptions
/// from Litware; Contoso is the distributor target.
@Suite("New-commerce transfers")
struct NewCommerceTransferTests {
    typealias Demo = TestWorld.Demo
    typealias TX = TestWorld.TX

    /// The transfer world with Alpine already accepted by Margie's (P2P-1).
    func connected() throws -> TestWorld {
        let world = try TestWorld.transfers()
        try world.connectTarget("alpine-admin", to: Demo.margies, customerAdmin: "margies-admin",
                                subscriptions: [TX.margiesBasic, TX.margiesPremium])
        return world
    }

    // MARK: P2P-1

    @Test("P2P-1 the target's relationship request lists the subscriptions and must be accepted before a transfer")
    func test_P2P_1_relationshipRequestFirst() throws {
        let world = try TestWorld.transfers()
        // Without an accepted relationship the customer is invisible to the target: 404.
        let before = try world.snapshot()
        let early = try world.createTransfer(Demo.margies, as: "alpine-admin", body: TestWorld.p2pBody(source: Demo.litware))
        try expectRefused(early, 404, ErrorCode.resourceNotFound, world, unchanged: before)

        let request = try world.request(.post, "/portal/customers/\(Demo.margies)/relationship-requests", as: "alpine-admin",
                                        body: ["subscriptionIds": [.string(TX.margiesBasic), .string(TX.margiesPremium)]])
        #expect(request.status == 201, "\(request.text)")
        let invitation = try #require(request["id"]?.stringValue)
        #expect(request["details"]?["subscriptionIds"]?.arrayValue?.compactMap(\.stringValue) == [TX.margiesBasic, TX.margiesPremium],
                "\(request.text)")
        #expect(request["inviteeTenantId"]?.stringValue == Demo.margies)
        // The customer is told which subscriptions the target intends to take.
        let notes = try world.notifications(kind: "RelationshipRequest", tenant: Demo.margies)
        #expect(notes.count == 1)
        #expect(notes.first?.string("body")?.contains("2 subscription(s)") == true)
        // Still pending: no transfer yet.
        let pending = try world.createTransfer(Demo.margies, as: "alpine-admin", body: TestWorld.p2pBody(source: Demo.litware))
        #expect(pending.status == 404)

        #expect(try world.accept(invitation, as: "margies-admin").status == 200)
        #expect(try world.activeKinds(of: Demo.margies, partner: TX.alpine) == ["Reseller"])
        let created = try world.createTransfer(Demo.margies, as: "alpine-admin", body: TestWorld.p2pBody(source: Demo.litware))
        #expect(created.status == 201, "\(created.text)")
    }

    @Test("P2P-1 a relationship request can only list the customer's own subscriptions")
    func test_P2P_1_requestListsOwnSubscriptions() throws {
        let world = try TestWorld.transfers()
        let before = try world.snapshot()
        let response = try world.request(.post, "/portal/customers/\(Demo.margies)/relationship-requests", as: "alpine-admin",
                                         body: ["subscriptionIds": [.string(TX.treyIntune)]])
        try expectRefused(response, 400, ErrorCode.invalidInput, world, unchanged: before)
    }

    // MARK: P2P-2

    @Test("P2P-2 the target creates the transfer naming the source and the customer's e-mail")
    func test_P2P_2_create() throws {
        let world = try connected()
        let response = try world.createTransfer(Demo.margies, as: "alpine-admin",
                                                body: TestWorld.p2pBody(source: Demo.litware, productTypes: ["OnlineServicesNCE", "azurereservation"]))
        #expect(response.status == 201, "\(response.text)")
        #expect(response["transferType"]?.intValue == 5)
        #expect(response["status"]?.stringValue == "Active")
        #expect(response["customerTenantId"]?.stringValue == Demo.margies)
        #expect(response["customerName"]?.stringValue == "Margie's Travel")
        #expect(response["customerEmailId"]?.stringValue == "it@margiestravel.example")
        #expect(response["sourcePartnerTenantId"]?.stringValue == Demo.litware)
        #expect(response["sourcePartnerName"]?.stringValue == "Litware Direct")
        #expect(response["targetPartnerTenantId"]?.stringValue == TX.alpine)
        #expect(response["targetPartnerName"]?.stringValue == "Alpine Ski House")
        #expect(response["partnertenantid"]?.stringValue == TX.alpine)
        #expect(response["targetProductTypes"]?.arrayValue?.compactMap(\.stringValue) == ["OnlineServicesNCE", "AzureReservation"])
        #expect(response["lineItems"]?.arrayValue?.isEmpty == true)
        #expect(response["attributes"]?["objectType"]?.stringValue == "TransferEntity")
        expectTime(response["createdTime"]?.stringValue, near: TestWorld.start)
        expectTime(response["expirationTime"]?.stringValue, near: "2026-02-04T09:00:00Z")
        #expect(response["completedTime"] == nil)
        let id = try #require(response["id"]?.stringValue)
        #expect(response["links"]?["self"]?["uri"]?.stringValue == "/customers/\(Demo.margies)/transfers/\(id)")
        #expect(try world.count("transfers", where: "id = ? AND transfer_type = 'NewCommerce'", [id]) == 1)
    }

    @Test("P2P-2 transferType may be given as the real API's number 5")
    func test_P2P_2_numericType() throws {
        let world = try connected()
        var body = try #require(TestWorld.p2pBody(source: Demo.litware).objectValue)
        body["transferType"] = 5
        let response = try world.createTransfer(Demo.margies, as: "alpine-admin", body: .object(body))
        #expect(response.status == 201, "\(response.text)")
        #expect(response["transferType"]?.intValue == 5)
    }

    @Test("P2P-2 a missing customer e-mail is refused with 900136")
    func test_P2P_2_emailMissing() throws {
        let world = try connected()
        let before = try world.snapshot()
        try expectRefused(try world.createTransfer(Demo.margies, as: "alpine-admin", body: TestWorld.p2pBody(source: Demo.litware, email: nil)),
                          400, ErrorCode.transferEmailMissing, world, unchanged: before)
        try expectRefused(try world.createTransfer(Demo.margies, as: "alpine-admin", body: TestWorld.p2pBody(source: Demo.litware, email: "nobody")),
                          400, ErrorCode.invalidInput, world, unchanged: before)
    }

    @Test("P2P-2 refusals: source not a partner of the customer, wrong caller, indirect reseller target, SalesAgent")
    func test_P2P_2_refusals() throws {
        let world = try connected()
        let before = try world.snapshot()
        // Contoso has no relationship with Margie's.
        try expectRefused(try world.createTransfer(Demo.margies, as: "alpine-admin", body: TestWorld.p2pBody(source: Demo.contoso)),
                          400, ErrorCode.invalidInput, world, unchanged: before)
        // No source at all.
        try expectRefused(try world.createTransfer(Demo.margies, as: "alpine-admin", body: ["customerEmailId": "it@margiestravel.example"]),
                          400, ErrorCode.invalidInput, world, unchanged: before)
        // Naming another target than oneself.
        var other = try #require(TestWorld.p2pBody(source: Demo.litware).objectValue)
        other["targetPartnerTenantId"] = .string(Demo.contoso)
        other["transferType"] = "NewCommerce"
        try expectRefused(try world.createTransfer(Demo.margies, as: "alpine-admin", body: .object(other)),
                          403, ErrorCode.forbidden, world, unchanged: before)
        // An indirect reseller cannot bill (ACC-9): Fabrikam for Relecloud, away from Contoso.
        try expectRefused(try world.createTransfer(Demo.relecloud, as: "reseller-admin", body: TestWorld.p2pBody(source: Demo.contoso)),
                          403, ErrorCode.forbidden, world, unchanged: before)
        // Creation needs AdminAgent.
        try expectRefused(try world.createTransfer(Demo.margies, as: "alpine-sales", body: TestWorld.p2pBody(source: Demo.litware)),
                          403, ErrorCode.forbidden, world, unchanged: before)
    }

    // MARK: P2P-3

    @Test("P2P-3 the source is notified and audited, and sees the transfer; others do not")
    func test_P2P_3_sourceNotified() throws {
        let world = try connected()
        let id = try world.createP2P()
        let notes = try world.notifications(kind: "TransferRequested", tenant: Demo.litware)
        #expect(notes.count == 1)
        #expect(notes.first?.string("body")?.contains(id) == true)
        #expect(try world.notifications(kind: "TransferRequested", tenant: Demo.margies).count == 1)
        #expect(try world.auditCount("CreateTransfer", resourceId: id, tenant: Demo.litware) == 1)
        #expect(try world.auditCount("CreateTransfer", resourceId: id, tenant: TX.alpine) == 1)

        let seen = try world.transfer(id, customer: Demo.margies, as: "directbill-admin")
        #expect(seen.status == 200)
        #expect(seen["status"]?.stringValue == "Active")
        let list = try world.request(.get, "/v1/customers/\(Demo.margies)/transfers", as: "directbill-admin")
        #expect(list.items.compactMap { $0["id"]?.stringValue } == [id])
        #expect(list["totalCount"]?.intValue == 1)
        // A partner that is neither source nor target: 404 900100, like an unknown id.
        let stranger = try world.transfer(id, customer: Demo.margies, as: "distributor-admin")
        #expect(stranger.status == 404)
        #expect(stranger.code == ErrorCode.transferNotFound)
        let unknown = try world.transfer("00000000-0000-4000-8000-000000000000", customer: Demo.margies, as: "alpine-admin")
        #expect(unknown.status == 404)
        #expect(unknown.code == ErrorCode.transferNotFound)
    }

    @Test("P2P-3 only the source accepts; the target and strangers are refused")
    func test_P2P_3_onlySourceAccepts() throws {
        let world = try connected()
        let id = try world.createP2P()
        let before = try world.snapshot()
        try expectRefused(try world.acceptP2P(id, [TX.margiesBasic], as: "alpine-admin"), 403, ErrorCode.forbidden, world, unchanged: before)
        try expectRefused(try world.acceptP2P(id, [TX.margiesBasic], as: "distributor-admin"), 404, ErrorCode.transferNotFound, world, unchanged: before)
        // The SST accept route does not apply to a new-commerce transfer.
        try expectRefused(try world.request(.post, "/v1/customers/\(Demo.margies)/transfers/\(id)/accept", as: "directbill-admin"),
                          400, ErrorCode.invalidInput, world, unchanged: before)
        // Selecting nothing, or a subscription that is not the source's.
        try expectRefused(try world.acceptP2P(id, []), 400, ErrorCode.invalidInput, world, unchanged: before)
        try expectRefused(try world.acceptP2P(id, [TX.treyIntune]), 400, ErrorCode.invalidSubscriptionInTransfer, world, unchanged: before)
        try expectRefused(try world.acceptP2P(id, [TX.margiesBasic, TX.margiesBasic]), 400, ErrorCode.invalidInput, world, unchanged: before)
    }

    // MARK: P2P-4

    @Test("P2P-4 acceptance recreates the selected subscriptions under the target and cancels the source's")
    func test_P2P_4_acceptMoves() throws {
        let world = try connected()
        let id = try world.createP2P()
        let response = try world.acceptP2P(id, [TX.margiesBasic, TX.margiesPremium])
        #expect(response.status == 200, "\(response.text)")
        #expect(response["status"]?.stringValue == "Completed")
        expectTime(response["completedTime"]?.stringValue, near: TestWorld.start)
        let lines = response["lineItems"]?.arrayValue ?? []
        #expect(lines.compactMap { $0["subscriptionId"]?.stringValue } == [TX.margiesBasic, TX.margiesPremium])
        #expect(lines.compactMap { $0["quantity"]?.intValue } == [5, 3])
        #expect(lines.allSatisfy { $0["status"]?.stringValue == "Complete" })
        let newIds = lines.compactMap { $0["targetSubscriptionId"]?.stringValue }
        #expect(newIds.count == 2)
        for (old, new) in zip([TX.margiesBasic, TX.margiesPremium], newIds) {
            let before = try #require(try world.subscriptionRow(old))
            let after = try #require(try world.subscriptionRow(new))
            #expect(before.string("status") == "deleted")
            #expect(after.string("status") == "active")
            #expect(after.string("billing_partner_id") == TX.alpine)
            #expect(after.string("offer_id") == before.string("offer_id"))
            #expect(after.int("quantity") == before.int("quantity"))
            #expect(after.string("term_duration") == before.string("term_duration"))
        }
        // Not selected: stays with Litware.
        #expect(try world.subscriptionRow(TX.margiesAzurePlan)?.string("billing_partner_id") == Demo.litware)
        #expect(try world.subscriptionRow(TX.margiesAzurePlan)?.string("status") == "active")
        // The target sees them in its list; an order records the move.
        let list = try world.request(.get, "/v1/customers/\(Demo.margies)/subscriptions", as: "alpine-admin")
        #expect(Set(list.items.compactMap { $0["id"]?.stringValue }) == Set(newIds))
        #expect(try world.count("orders", where: "customer_id = ? AND partner_id = ?", [Demo.margies, TX.alpine]) == 1)
        #expect(try world.notifications(kind: "TransferCompleted", tenant: TX.alpine).count == 1)
        #expect(try world.transfer(id, customer: Demo.margies, as: "alpine-admin")["status"]?.stringValue == "Completed")
        // A second acceptance: already completed (400, as the error-code table lists 900102).
        let again = try world.acceptP2P(id, [TX.margiesAzurePlan])
        #expect(again.status == 400)
        #expect(again.code == ErrorCode.transferAlreadyCompleted)
    }

    @Test("P2P-4 all selected line items move or none does")
    func test_P2P_4_atomic() throws {
        let world = try connected()
        let id = try world.createP2P()
        let before = try world.snapshot()
        // The reservation is refused (P2P-6), so Business Basic does not move either.
        try expectRefused(try world.acceptP2P(id, [TX.margiesBasic, TX.margiesReservation]),
                          400, ErrorCode.azureReservationsDoNotTransfer, world, unchanged: before)
        #expect(try world.subscriptionRow(TX.margiesBasic)?.string("status") == "active")
        #expect(try world.subscriptionRow(TX.margiesBasic)?.string("billing_partner_id") == Demo.litware)
        #expect(try world.transfer(id, customer: Demo.margies, as: "alpine-admin")["status"]?.stringValue == "Active")
        #expect(try world.count("transfer_line_items", where: "transfer_id = ?", [id]) == 0)
        // The transfer is still pending and a valid selection goes through.
        #expect(try world.acceptP2P(id, [TX.margiesBasic]).status == 200)
    }

    // MARK: P2P-5

    @Test("P2P-5 only the target that created a transfer cancels it, and only while pending")
    func test_P2P_5_cancel() throws {
        let world = try connected()
        let id = try world.createP2P()
        let before = try world.snapshot()
        try expectRefused(try world.patchTransfer(id, customer: Demo.margies, status: "Cancel", as: "directbill-admin"),
                          403, ErrorCode.forbidden, world, unchanged: before)
        try expectRefused(try world.patchTransfer(id, customer: Demo.margies, status: "Cancel", as: "distributor-admin"),
                          404, ErrorCode.transferNotFound, world, unchanged: before)
        // DELETE is the SST withdrawal, not a P2P step.
        try expectRefused(try world.request(.delete, "/v1/customers/\(Demo.margies)/transfers/\(id)", as: "alpine-admin"),
                          400, ErrorCode.invalidInput, world, unchanged: before)

        let cancelled = try world.patchTransfer(id, customer: Demo.margies, status: "Cancel", as: "alpine-admin")
        #expect(cancelled.status == 200, "\(cancelled.text)")
        #expect(cancelled["status"]?.stringValue == "Cancelled")
        #expect(try world.notifications(kind: "TransferCancelled", tenant: Demo.litware).count == 1)
        // Not pending any more: a second cancel or an acceptance is refused.
        let after = try world.snapshot()
        try expectRefused(try world.patchTransfer(id, customer: Demo.margies, status: "Cancel", as: "alpine-admin"),
                          409, ErrorCode.transferProcessedByAnotherRequest, world, unchanged: after)
        try expectRefused(try world.acceptP2P(id, [TX.margiesBasic]), 409, ErrorCode.transferProcessedByAnotherRequest, world, unchanged: after)
        #expect(try world.subscriptionRow(TX.margiesBasic)?.string("status") == "active")
    }

    @Test("P2P-5 a completed transfer can no longer be cancelled")
    func test_P2P_5_cancelCompleted() throws {
        let world = try connected()
        let id = try world.createP2P()
        #expect(try world.acceptP2P(id, [TX.margiesBasic]).status == 200)
        let before = try world.snapshot()
        try expectRefused(try world.patchTransfer(id, customer: Demo.margies, status: "Cancel", as: "alpine-admin"),
                          400, ErrorCode.transferAlreadyCompleted, world, unchanged: before)
        // An unknown step is not a P2P status.
        try expectRefused(try world.patchTransfer(id, customer: Demo.margies, status: "reject", as: "alpine-admin"),
                          400, ErrorCode.invalidInput, world, unchanged: before)
    }

    // MARK: P2P-6

    @Test("P2P-6 a transfer whose source equals its target is refused with 900148")
    func test_P2P_6_sourceEqualsTarget() throws {
        let world = try connected()
        let before = try world.snapshot()
        try expectRefused(try world.createTransfer(Demo.margies, as: "directbill-admin", body: TestWorld.p2pBody(source: Demo.litware)),
                          400, ErrorCode.transferSourceEqualsTarget, world, unchanged: before)
    }

    @Test("P2P-6 a transfer for a customer the target has no accepted relationship with is refused (404)")
    func test_P2P_6_noRelationship() throws {
        let world = try TestWorld.transfers()
        // A request was sent but not accepted.
        let request = try world.request(.post, "/portal/customers/\(Demo.margies)/relationship-requests", as: "alpine-admin",
                                        body: ["subscriptionIds": [.string(TX.margiesBasic)]])
        #expect(request.status == 201)
        let before = try world.snapshot()
        try expectRefused(try world.createTransfer(Demo.margies, as: "alpine-admin", body: TestWorld.p2pBody(source: Demo.litware)),
                          404, ErrorCode.resourceNotFound, world, unchanged: before)
        // A relationship that ended does not count either (CUS-7).
        let connectedWorld = try connected()
        #expect(try connectedWorld.request(.patch, "/v1/customers/\(Demo.margies)", as: "alpine-admin",
                                           body: ["relationshipToPartner": "none"]).status == 200)
        let ended = try connectedWorld.snapshot()
        try expectRefused(try connectedWorld.createTransfer(Demo.margies, as: "alpine-admin", body: TestWorld.p2pBody(source: Demo.litware)),
                          404, ErrorCode.resourceNotFound, connectedWorld, unchanged: ended)
    }

    @Test("P2P-6 Azure reservations are refused with 900145 unless the transfer takes AzureReservation")
    func test_P2P_6_reservations() throws {
        let world = try connected()
        let plain = try world.createP2P()
        let before = try world.snapshot()
        try expectRefused(try world.acceptP2P(plain, [TX.margiesReservation]), 400, ErrorCode.azureReservationsDoNotTransfer, world, unchanged: before)
        let taking = try world.createP2P(productTypes: ["AzureReservation"])
        let moved = try world.acceptP2P(taking, [TX.margiesReservation])
        #expect(moved.status == 200, "\(moved.text)")
        #expect(try world.subscriptionRow(TX.margiesReservation)?.string("status") == "deleted")
    }

    @Test("P2P-6 third-party marketplace items are refused with 900146 unless the transfer takes SaaS")
    func test_P2P_6_marketplace() throws {
        let world = try connected()
        let plain = try world.createP2P()
        let before = try world.snapshot()
        try expectRefused(try world.acceptP2P(plain, [TX.margiesSaaS]), 400, ErrorCode.marketplaceItemsDoNotTransfer, world, unchanged: before)
        let taking = try world.createP2P(productTypes: ["SaaS", "OnlineServicesNCE"])
        let moved = try world.acceptP2P(taking, [TX.margiesSaaS, TX.margiesBasic])
        #expect(moved.status == 200, "\(moved.text)")
        #expect(moved["lineItems"]?.arrayValue?.count == 2)
    }

    @Test("P2P-6 a transfer with product types takes only those; unknown product types and legacy items are refused")
    func test_P2P_6_productTypes() throws {
        let world = try connected()
        let before = try world.snapshot()
        try expectRefused(try world.createTransfer(Demo.margies, as: "alpine-admin",
                                                   body: TestWorld.p2pBody(source: Demo.litware, productTypes: ["Furniture"])),
                          400, ErrorCode.invalidInput, world, unchanged: before)
        let reservationsOnly = try world.createP2P(productTypes: ["AzureReservation"])
        let after = try world.snapshot()
        try expectRefused(try world.acceptP2P(reservationsOnly, [TX.margiesBasic]), 400, ErrorCode.invalidSubscriptionInTransfer, world, unchanged: after)
        // Legacy subscriptions are not new commerce.
        let legacy = try world.onlySubscription(TestWorld.Offers.legacyE3, customer: Demo.margies, billedBy: Demo.litware)
        let any = try world.createP2P()
        let later = try world.snapshot()
        try expectRefused(try world.acceptP2P(any, [legacy]), 400, ErrorCode.invalidSubscriptionInTransfer, world, unchanged: later)
    }

    // MARK: P2P-7

    @Test("P2P-7 a pending transfer expires after 30 days and can then not be accepted or cancelled")
    func test_P2P_7_expiry() throws {
        let world = try connected()
        let id = try world.createP2P()
        try world.advance("P29D")
        #expect(try world.transfer(id, customer: Demo.margies, as: "alpine-admin")["status"]?.stringValue == "Active")
        try world.advance("P1DT1H")
        let expired = try world.transfer(id, customer: Demo.margies, as: "alpine-admin")
        #expect(expired["status"]?.stringValue == "Expired")
        #expect(try world.notifications(kind: "TransferExpired", tenant: TX.alpine).count == 1)
        #expect(try world.auditCount("ExpireTransfer", resourceId: id) == 2)
        let before = try world.snapshot()
        try expectRefused(try world.acceptP2P(id, [TX.margiesBasic]), 409, ErrorCode.transferExpired, world, unchanged: before)
        try expectRefused(try world.patchTransfer(id, customer: Demo.margies, status: "Cancel", as: "alpine-admin"),
                          409, ErrorCode.transferExpired, world, unchanged: before)
        #expect(try world.subscriptionRow(TX.margiesBasic)?.string("billing_partner_id") == Demo.litware)
        // A new transfer can be created afterwards.
        _ = try world.createP2P()
    }

    @Test("P2P-7 the expiry period is configurable")
    func test_P2P_7_configurable() throws {
        let world = try TestWorld.transfers(configuration: SimulatorConfiguration(transferExpiryDays: 7))
        try world.connectTarget("alpine-admin", to: Demo.margies, customerAdmin: "margies-admin")
        let id = try world.createP2P()
        let created = try world.transfer(id, customer: Demo.margies, as: "alpine-admin")
        expectTime(created["expirationTime"]?.stringValue, near: "2026-01-12T09:00:00Z")
        try world.advance("P7DT1M")
        let refused = try world.acceptP2P(id, [TX.margiesBasic])
        #expect(refused.status == 409)
        #expect(refused.code == ErrorCode.transferExpired)
    }

    // MARK: P2P-8 and POR-4

    @Test("P2P-8 a distributor target must assign a valid partnerIdOnRecord, which the new subscriptions carry")
    func test_P2P_8_distributorTargetPOR() throws {
        let world = try TestWorld.transfers()
        try world.connectTarget("distributor-admin", to: Demo.margies, customerAdmin: "margies-admin", subscriptions: [TX.margiesBasic])
        let before = try world.snapshot()
        try expectRefused(try world.createTransfer(Demo.margies, as: "distributor-admin", body: TestWorld.p2pBody(source: Demo.litware)),
                          400, ErrorCode.invalidPartnerIdFormat, world, unchanged: before)
        try expectRefused(try world.createTransfer(Demo.margies, as: "distributor-admin", body: TestWorld.p2pBody(source: Demo.litware, por: "4100000")),
                          400, ErrorCode.invalidPartnerIdFormat, world, unchanged: before)
        // Wide World is suspended (POR-2.3).
        try expectRefused(try world.createTransfer(Demo.margies, as: "distributor-admin", body: TestWorld.p2pBody(source: Demo.litware, por: "5500001")),
                          400, ErrorCode.tenantNotFoundOrSuspended, world, unchanged: before)
        let id = try world.createP2P(as: "distributor-admin", por: "5100001")
        #expect(try world.transfer(id, customer: Demo.margies, as: "distributor-admin")["partnerOnRecord"]?.stringValue == "5100001")
        let accepted = try world.acceptP2P(id, [TX.margiesBasic])
        #expect(accepted.status == 200, "\(accepted.text)")
        let newId = try #require(accepted["lineItems"]?[0]?["targetSubscriptionId"]?.stringValue)
        let row = try #require(try world.subscriptionRow(newId))
        #expect(row.string("billing_partner_id") == Demo.contoso)
        #expect(row.string("partner_id_on_record") == "5100001")
        #expect(row.string("gained_as") == "Indirect")
    }

    @Test("P2P-8 the distributor's POR is validated again at acceptance")
    func test_P2P_8_revalidatedAtAcceptance() throws {
        let world = try TestWorld.transfers()
        try world.connectTarget("distributor-admin", to: Demo.margies, customerAdmin: "margies-admin")
        let id = try world.createP2P(as: "distributor-admin", por: "5100001")
        try world.setPartnerStatus(Demo.fabrikam, "Suspended")
        let before = try world.snapshot()
        try expectRefused(try world.acceptP2P(id, [TX.margiesBasic]), 400, ErrorCode.tenantNotFoundOrSuspended, world, unchanged: before)
        #expect(try world.transfer(id, customer: Demo.margies, as: "distributor-admin")["status"]?.stringValue == "Active")
        try world.setPartnerStatus(Demo.fabrikam, "Active")
        #expect(try world.acceptP2P(id, [TX.margiesBasic]).status == 200)
    }

    @Test("P2P-8 before the enforcement date a distributor target needs no partnerIdOnRecord")
    func test_P2P_8_beforeEnforcement() throws {
        let world = try TestWorld.transfers(now: "2025-11-20T09:00:00Z")
        try world.connectTarget("distributor-admin", to: Demo.margies, customerAdmin: "margies-admin")
        let id = try world.createP2P(as: "distributor-admin")
        #expect(try world.acceptP2P(id, [TX.margiesBasic]).status == 200)
    }

    @Test("POR-4 a transfer out of a distributor validates each selected subscription's POR")
    func test_POR_4_transferOutOfDistributor() throws {
        let world = try TestWorld.transfers()
        try world.connectTarget("directbill-admin", to: Demo.relecloud, customerAdmin: "relecloud-admin")
        let id = try world.createP2P(Demo.relecloud, source: Demo.contoso, as: "directbill-admin")
        let good = try world.onlySubscription(TestWorld.Offers.businessPremium, customer: Demo.relecloud, billedBy: Demo.contoso)
        let before = try world.snapshot()
        // The bad one blocks the whole selection.
        let refused = try world.acceptP2P(id, [good, TX.relecloudBadPOR], customer: Demo.relecloud, as: "distributor-admin")
        try expectRefused(refused, 400, ErrorCode.tenantNotFoundOrSuspended, world, unchanged: before)
        let accepted = try world.acceptP2P(id, [good], customer: Demo.relecloud, as: "distributor-admin")
        #expect(accepted.status == 200, "\(accepted.text)")
        let newId = try #require(accepted["lineItems"]?[0]?["targetSubscriptionId"]?.stringValue)
        #expect(try world.subscriptionRow(newId)?.string("billing_partner_id") == Demo.litware)
        // A direct-bill target sets no POR.
        #expect(try world.subscriptionRow(newId)?.string("partner_id_on_record") == nil)
    }

    // MARK: SUB-4

    @Test("SUB-4 a subscription in a pending new-commerce transfer keeps working; the source selects what it has at acceptance")
    func test_SUB_4_p2pKeepsWorking() throws {
        let world = try connected()
        let id = try world.createP2P()
        let patched = try world.patch(TX.margiesBasic, ["quantity": 9], customer: Demo.margies, as: "directbill-admin")
        #expect(patched.status == 200, "\(patched.text)")
        let accepted = try world.acceptP2P(id, [TX.margiesBasic])
        #expect(accepted.status == 200)
        // A new-commerce transfer captures its line items when the source accepts (P2P-3).
        #expect(accepted["lineItems"]?[0]?["quantity"]?.intValue == 9)
        let newId = try #require(accepted["lineItems"]?[0]?["targetSubscriptionId"]?.stringValue)
        #expect(try world.subscriptionRow(newId)?.int("quantity") == 9)
    }
}
