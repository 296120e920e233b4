import Foundation
import JSON
@testable import PartnerCenter
import SQLite
import Testing

/// The transfer form of the Azure CSP partner switch through the portal routes: AZS-1 (the
/// source opens, fills and sends it), AZS-2 (the customer, with the target, fills and returns
/// it), AZS-3 (the completeness check naming each missing field), the precondition (the target
/// has a reseller relationship with the customer) and every refusal of the form's steps.
@Suite("Azure partner switch: transfer form")
struct AzureSwitchFormTests {
    typealias Demo = TestWorld.Demo
    typealias S = AzureSwitch

    private func strings(_ json: JSON?) -> [String] { (json?.arrayValue ?? []).compactMap(\.stringValue) }

    // MARK: AZS-1

    @Test("AZS-1 the source opens a form with the subscriptions and its details, then sends it to the customer (notified, audited)")
    func test_AZS_1_openFillAndSend() throws {
        let s = try AzureSwitch()
        let created = try s.create()
        #expect(created.status == 201, "\(created.text)")
        let formId = try #require(created["id"]?.stringValue)
        #expect(created["status"]?.stringValue == "Draft")
        #expect(created["customerTenantId"]?.stringValue == Demo.margies)
        #expect(created["sourcePartnerTenantId"]?.stringValue == Demo.litware)
        #expect(created["targetPartnerTenantId"] == .null)
        let listed = created["subscriptions"]?.arrayValue ?? []
        #expect(listed.map { $0["subscriptionId"]?.stringValue } == [s.azure])
        #expect(listed.first?["azureSubscriptionId"]?.stringValue == (try s.azureId(of: s.azure)))
        #expect(created["sourceDetails"]?["mpnId"]?.stringValue == "5600000")
        #expect(created["sourceDetails"]?["contactEmail"]?.stringValue == "lee@litware.example")
        #expect(created["attributes"]?["objectType"]?.stringValue == "TransferForm")
        // Nothing is sent on creation: the customer hears of it only when it is sent.
        #expect(try s.outbox(Demo.margies, kind: "TransferFormSent").isEmpty)

        let sent = try s.send(formId)
        #expect(sent.status == 200, "\(sent.text)")
        #expect(sent["status"]?.stringValue == "SentToCustomer")
        #expect(sent["sentTime"]?.stringValue != nil)
        let mail = try #require(try s.outbox(Demo.margies, kind: "TransferFormSent").first)
        #expect(mail["resourceType"]?.stringValue == "TransferForm")
        #expect(mail["resourceId"]?.stringValue == formId)
        #expect(mail["link"]?.stringValue?.hasSuffix("/portal/transfer-forms/\(formId)") == true)
        #expect(mail["body"]?.stringValue?.contains(formId) == true)

        let trail = try s.auditTrail(resourceType: "TransferForm", resourceId: formId)
        #expect(trail.map { $0["operationType"]?.stringValue } == ["CreateTransferForm", "SendTransferForm"])
        #expect(trail.allSatisfy { $0["partnerId"]?.stringValue == Demo.litware && $0["customerId"]?.stringValue == Demo.margies })
        // The customer reads the form it was sent.
        #expect(try s.form(formId, as: S.customer).status == 200)
    }

    @Test("AZS-1 while the form is a Draft the source edits its details (merged) and the subscriptions (claims follow)")
    func test_AZS_1_sourceEditsDraft() throws {
        let s = try AzureSwitch()
        let second = try s.orderAzure()
        let formId = try s.draft()
        let edited = try s.patch(formId, ["subscriptionIds": [.string(second)], "sourceDetails": ["contactName": "Kim Source"]],
                                 as: S.source)
        #expect(edited.status == 200, "\(edited.text)")
        #expect((edited["subscriptions"]?.arrayValue ?? []).map { $0["subscriptionId"]?.stringValue } == [second])
        #expect(edited["sourceDetails"]?["contactName"]?.stringValue == "Kim Source")
        #expect(edited["sourceDetails"]?["mpnId"]?.stringValue == "5600000", "fields not named are kept")
        #expect(try s.world.count("transfer_form_claims", where: "form_id = ?", [formId]) == 1)
        // The subscription dropped from the form is free for another form.
        let other = try s.create([s.azure])
        #expect(other.status == 201, "\(other.text)")
        let operations = try s.auditTrail(resourceType: "TransferForm", resourceId: formId).map { $0["operationType"]?.stringValue }
        #expect(operations == ["CreateTransferForm", "UpdateTransferForm"])
    }

    @Test("AZS-1 only active Azure CSP (MS-AZR-0145P) subscriptions of the customer held by the source: 400 700605")
    func test_AZS_1_onlyAzureCSPOfTheCustomerHeldBySource() throws {
        let s = try AzureSwitch()
        let world = s.world
        let before = try world.snapshot()
        // The legacy E3: not Azure.
        let e3 = try s.create([s.e3])
        try expectRefused(e3, 400, 700605, world, unchanged: before)
        #expect(strings(e3["data"]) == [s.e3])
        // Relecloud's Azure subscription (Contoso's, another customer): named for Margie's.
        let foreign = try world.subscriptionId(TestWorld.Offers.azureLegacy, customer: Demo.relecloud)
        try expectRefused(try s.create([s.azure, foreign]), 400, 700605, world, unchanged: before)
        // An unknown id.
        try expectRefused(try s.create([UUID().uuidString.lowercased()]), 400, 700605, world, unchanged: before)
        // Listed twice.
        let twice = try s.create([s.azure, s.azure])
        #expect(twice.status == 400, "\(twice.text)")
        #expect(try world.snapshot() == before)
        // A cancelled Azure subscription.
        let cancelled = try s.orderAzure()
        #expect(try world.patch(cancelled, ["status": "deleted"], customer: Demo.margies, as: S.source).status == 200)
        let afterCancel = try world.snapshot()
        try expectRefused(try s.create([cancelled]), 400, 700605, world, unchanged: afterCancel)
        // An Azure subscription of the customer held by another partner (Contoso's order for Margie's).
        let contosos = try world.orderSubscriptions([TestWorld.line(TestWorld.Offers.azureLegacy, quantity: nil, term: nil, cycle: nil)],
                                                    customer: Demo.margies, as: S.target)
        let afterOrder = try world.snapshot()
        try expectRefused(try s.create(contosos), 400, 700605, world, unchanged: afterOrder)
        // The same refusal when the source edits its Draft.
        let formId = try s.draft()
        let withForm = try world.snapshot()
        try expectRefused(try s.patch(formId, ["subscriptionIds": [.string(s.e3)]], as: S.source), 400, 700605, world, unchanged: withForm)
    }

    @Test("AZS-1 precondition: a subscription already on an open form is refused: 409 700601")
    func test_AZS_1_subscriptionOnOpenFormRefused() throws {
        let s = try AzureSwitch()
        let first = try s.sentForm()
        let before = try s.world.snapshot()
        let again = try s.create([s.azure])
        try expectRefused(again, 409, 700601, s.world, unchanged: before)
        #expect(again.text.contains(first))
        // Also when another Draft is edited to name it.
        let second = try s.orderAzure()
        let otherForm = try s.draft([second])
        let withOther = try s.world.snapshot()
        try expectRefused(try s.patch(otherForm, ["subscriptionIds": [.string(second), .string(s.azure)]], as: S.source),
                          409, 700601, s.world, unchanged: withOther)
    }

    @Test("AZS-1 precondition: a subscription in an active transfer is refused: 409 700601")
    func test_AZS_1_subscriptionInActiveTransferRefused() throws {
        let s = try AzureSwitch()
        // The active transfer is written directly (an SST transfer of Margie's would first need
        // Litware to migrate and Margie's to accept the MCA through Contoso): the claim row is
        // what SST-5 writes for every subscription of an Active transfer.
        let transferId = UUID().uuidString.lowercased()
        try s.world.services.database.write { db in
            try db.run("""
                INSERT INTO transfers (id, transfer_type, status, customer_id, source_partner_id, target_partner_id, created_by, created_at,
                    last_modified_at, last_modified_user)
                VALUES (?, 'DirectToIndirect', 'Active', ?, ?, ?, 'tester', ?, ?, 'tester')
                """, [transferId, Demo.margies, Demo.litware, Demo.contoso, TestWorld.start, TestWorld.start])
            try db.run("INSERT INTO transfer_claims (subscription_id, transfer_id) VALUES (?, ?)", [s.azure, transferId])
        }
        let before = try s.world.snapshot()
        let refused = try s.create([s.azure])
        try expectRefused(refused, 409, 700601, s.world, unchanged: before)
        #expect(refused.text.contains(transferId))
    }

    @Test("AZS-1 wrong parties: a customer cannot open a form (403 900150); a customer the source does not serve is 404")
    func test_AZS_1_wrongPartiesOpening() throws {
        let s = try AzureSwitch()
        let before = try s.world.snapshot()
        try expectRefused(try s.create(as: S.customer), 403, 900150, s.world, unchanged: before)
        // Litware has no relationship with Relecloud.
        let relecloud = try s.world.subscriptionId(TestWorld.Offers.azureLegacy, customer: Demo.relecloud)
        let response = try s.create([relecloud], customer: Demo.relecloud)
        #expect(response.status == 404, "\(response.text)")
        #expect(try s.world.snapshot() == before)
    }

    @Test("AZS-1 send refusals: incomplete (400 700603 naming each missing field), twice (409 700602), by the customer (403), by others (404)")
    func test_AZS_1_sendRefusals() throws {
        let s = try AzureSwitch()
        let empty = try s.create([], sourceDetails: ["partnerName": "Litware Direct", "contactEmail": "lee@litware.example"])
        #expect(empty.status == 201, "\(empty.text)")
        let formId = try #require(empty["id"]?.stringValue)
        let before = try s.world.snapshot()
        let incomplete = try s.send(formId)
        try expectRefused(incomplete, 400, 700603, s.world, unchanged: before)
        #expect(strings(incomplete["data"]) == ["subscriptions", "sourceDetails.mpnId", "sourceDetails.contactName"])
        #expect(incomplete["description"]?.stringValue?.contains("sourceDetails.mpnId") == true)
        // The customer's and target's parts are not the source's to fill before sending.
        #expect(!strings(incomplete["data"]).contains { $0.hasPrefix("customerDetails") || $0.hasPrefix("targetDetails") })

        let filled = try s.patch(formId, ["subscriptionIds": [.string(s.azure)],
                                          "sourceDetails": ["mpnId": "5600000", "contactName": "Lee Source"]], as: S.source)
        #expect(filled.status == 200, "\(filled.text)")
        // Wrong parties: the customer's role cannot send; another partner and the target do not see it.
        let filledState = try s.world.snapshot()
        try expectRefused(try s.send(formId, as: S.customer), 403, 900150, s.world, unchanged: filledState)
        #expect(try s.send(formId, as: "reseller-admin").status == 404)
        #expect(try s.send(formId, as: S.target).status == 404)
        #expect(try s.world.snapshot() == filledState)

        #expect(try s.send(formId).status == 200)
        let sent = try s.world.snapshot()
        try expectRefused(try s.send(formId), 409, 700602, s.world, unchanged: sent)
        #expect(try s.outbox(Demo.margies, kind: "TransferFormSent").count == 1)
    }

    @Test("AZS-1 out of order: the source cannot edit the form once sent: 409 700602")
    func test_AZS_1_sourceCannotEditAfterSend() throws {
        let s = try AzureSwitch()
        let formId = try s.sentForm()
        let before = try s.world.snapshot()
        try expectRefused(try s.patch(formId, ["sourceDetails": ["contactName": "Late Edit"]], as: S.source), 409, 700602,
                          s.world, unchanged: before)
        let returned = try s.returnedForm([try s.orderAzure()])
        let later = try s.world.snapshot()
        try expectRefused(try s.patch(returned, ["sourceDetails": ["contactName": "Late Edit"]], as: S.source), 409, 700602,
                          s.world, unchanged: later)
    }

    @Test("AZS-1 reading: the source, the customer and the named target read the form; any other partner gets 404")
    func test_AZS_1_whoReadsTheForm() throws {
        let s = try AzureSwitch()
        let formId = try s.sentForm()
        #expect(try s.form(formId).status == 200)
        #expect(try s.form(formId, as: S.customer).status == 200)
        // The target sees it only once the customer names it.
        #expect(try s.form(formId, as: S.target).status == 404)
        #expect(try s.form(formId, as: "reseller-admin").status == 404)
        #expect(try s.form(formId, as: "trey-admin").status == 404)
        #expect(try s.form(UUID().uuidString.lowercased()).status == 404)
        _ = try s.patch(formId, ["targetDetails": S.targetDetails], as: S.customer)
        let byTarget = try s.form(formId, as: S.target)
        #expect(byTarget.status == 200)
        #expect(byTarget["targetPartnerTenantId"]?.stringValue == Demo.contoso)
        #expect(try s.form(formId, as: "reseller-admin").status == 404)
    }

    // MARK: AZS-2

    @Test("AZS-2 the customer fills its and the target's details and returns the form to the source (notified, audited)")
    func test_AZS_2_customerFillsAndReturns() throws {
        let s = try AzureSwitch()
        let formId = try s.sentForm()
        let customerPart = try s.patch(formId, ["customerDetails": S.customerDetails], as: S.customer)
        #expect(customerPart.status == 200, "\(customerPart.text)")
        #expect(customerPart["customerDetails"]?["companyName"]?.stringValue == "Margie's Travel")
        let targetPart = try s.patch(formId, ["targetDetails": S.targetDetails], as: S.customer)
        #expect(targetPart.status == 200, "\(targetPart.text)")
        #expect(targetPart["targetPartnerTenantId"]?.stringValue == Demo.contoso)
        #expect(targetPart["targetDetails"]?["mpnId"]?.stringValue == "4100000")
        #expect(targetPart["customerDetails"]?["contactName"]?.stringValue == "Margie Owner", "earlier parts are kept")
        #expect(targetPart["isComplete"] == .bool(true))

        let returned = try s.giveBack(formId)
        #expect(returned.status == 200, "\(returned.text)")
        #expect(returned["status"]?.stringValue == "Returned")
        #expect(returned["returnedTime"]?.stringValue != nil)
        let mail = try #require(try s.outbox(Demo.litware, kind: "TransferFormReturned").first)
        #expect(mail["resourceId"]?.stringValue == formId)

        let trail = try s.auditTrail(resourceType: "TransferForm", resourceId: formId)
        #expect(trail.filter { $0["partnerId"]?.stringValue == Demo.litware }.map { $0["operationType"]?.stringValue } ==
                ["CreateTransferForm", "SendTransferForm", "UpdateTransferForm", "UpdateTransferForm", "ReturnTransferForm"])
        // The return is recorded for the source and for the target it names.
        let returnCopies = trail.filter { $0["operationType"]?.stringValue == "ReturnTransferForm" }.compactMap { $0["partnerId"]?.stringValue }
        #expect(Set(returnCopies) == [Demo.litware, Demo.contoso])
        #expect(trail.filter { $0["operationType"]?.stringValue == "UpdateTransferForm" }
            .allSatisfy { $0["applicationId"]?.stringValue == Demo.margies }, "the customer is the actor of its edits")
    }

    @Test("AZS-2 out of order: the customer cannot edit or return a Draft, nor edit or return once returned: 409 700602")
    func test_AZS_2_outOfOrder() throws {
        let s = try AzureSwitch()
        let formId = try s.draft()
        let before = try s.world.snapshot()
        try expectRefused(try s.patch(formId, ["customerDetails": S.customerDetails], as: S.customer), 409, 700602, s.world, unchanged: before)
        try expectRefused(try s.giveBack(formId), 409, 700602, s.world, unchanged: before)

        let returned = try s.returnedForm([try s.orderAzure()])
        let later = try s.world.snapshot()
        try expectRefused(try s.giveBack(returned), 409, 700602, s.world, unchanged: later)
        try expectRefused(try s.patch(returned, ["customerDetails": ["contactName": "Late"]], as: S.customer), 409, 700602,
                          s.world, unchanged: later)
    }

    @Test("AZS-2 wrong parties: the source cannot return (403 900150), the target cannot fill (403), another customer gets 404")
    func test_AZS_2_wrongParties() throws {
        let s = try AzureSwitch()
        let formId = try s.filledByCustomer()
        let before = try s.world.snapshot()
        try expectRefused(try s.giveBack(formId, as: S.source), 403, 900150, s.world, unchanged: before)
        try expectRefused(try s.giveBack(formId, as: S.target), 403, 900150, s.world, unchanged: before)
        // The named target reads the form but fills nothing: the customer does, working with it.
        try expectRefused(try s.patch(formId, ["targetDetails": ["mpnId": "1"]], as: S.target), 403, 900150, s.world, unchanged: before)
        #expect(try s.patch(formId, ["customerDetails": ["contactName": "x"]], as: "trey-admin").status == 404)
        #expect(try s.giveBack(formId, as: "trey-admin").status == 404)
        #expect(try s.world.snapshot() == before)
    }

    @Test("AZS-1 AZS-2 each party fills only its own part: 403 900150 for the customer editing the source's part and the reverse")
    func test_AZS_2_eachPartyFillsItsOwnPart() throws {
        let s = try AzureSwitch()
        let draft = try s.draft()
        let before = try s.world.snapshot()
        try expectRefused(try s.patch(draft, ["customerDetails": S.customerDetails], as: S.source), 403, 900150, s.world, unchanged: before)
        try expectRefused(try s.patch(draft, ["targetDetails": S.targetDetails], as: S.source), 403, 900150, s.world, unchanged: before)
        #expect(try s.send(draft).status == 200)
        let sent = try s.world.snapshot()
        try expectRefused(try s.patch(draft, ["subscriptionIds": []], as: S.customer), 403, 900150, s.world, unchanged: sent)
        try expectRefused(try s.patch(draft, ["sourceDetails": ["mpnId": "1"]], as: S.customer), 403, 900150, s.world, unchanged: sent)
        #expect(try s.form(draft)["sourceDetails"]?["mpnId"]?.stringValue == "5600000")
    }

    @Test("AZS-2 the target named must be another partner, by tenant GUID: 400")
    func test_AZS_2_targetMustBeAnotherPartner() throws {
        let s = try AzureSwitch()
        let formId = try s.sentForm()
        let before = try s.world.snapshot()
        var details = S.targetDetails.objectValue ?? [:]
        details["partnerTenantId"] = .string(Demo.litware)
        try expectRefused(try s.patch(formId, ["targetDetails": .object(details)], as: S.customer), 400, 900148, s.world, unchanged: before)
        details["partnerTenantId"] = "Contoso"
        let notGUID = try s.patch(formId, ["targetDetails": .object(details)], as: S.customer)
        #expect(notGUID.status == 400, "\(notGUID.text)")
        #expect(try s.world.snapshot() == before)
        let badEmail = try s.patch(formId, ["customerDetails": ["contactEmail": "not an address"]], as: S.customer)
        #expect(badEmail.status == 400, "\(badEmail.text)")
        #expect(try s.world.snapshot() == before)
    }

    @Test("AZS-2 precondition: a target partner tenant that does not exist is refused: 400 700604, not a server error")
    func test_AZS_2_unknownTargetTenant() throws {
        let s = try AzureSwitch()
        let formId = try s.sentForm()
        let before = try s.world.snapshot()
        var details = S.targetDetails.objectValue ?? [:]
        details["partnerTenantId"] = .string(UUID().uuidString.lowercased())
        try expectRefused(try s.patch(formId, ["targetDetails": .object(details)], as: S.customer), 400, 700604, s.world, unchanged: before)
    }

    @Test("AZS precondition: the target must already have a reseller relationship with the customer: return refused 400 700604")
    func test_AZS_2_targetWithoutRelationshipRefused() throws {
        let s = try AzureSwitch(related: false)
        let formId = try s.filledByCustomer()
        let before = try s.world.snapshot()
        let refused = try s.giveBack(formId)
        try expectRefused(refused, 400, 700604, s.world, unchanged: before)
        #expect(try s.form(formId)["status"]?.stringValue == "SentToCustomer")
        // Once Contoso has the relationship, the same form is returned.
        try s.relateTarget()
        #expect(try s.giveBack(formId).status == 200)
    }

    // MARK: AZS-3

    @Test("AZS-3 the form names every missing field at each stage, and is complete once returned")
    func test_AZS_3_missingFieldsNamed() throws {
        let s = try AzureSwitch()
        let created = try s.create([], sourceDetails: nil)
        let formId = try #require(created["id"]?.stringValue)
        #expect(strings(created["missingFields"]) == [
            "subscriptions", "sourceDetails.partnerName", "sourceDetails.mpnId", "sourceDetails.contactName", "sourceDetails.contactEmail",
            "customerDetails.companyName", "customerDetails.contactName", "customerDetails.contactEmail",
            "targetDetails.partnerTenantId", "targetDetails.partnerName", "targetDetails.mpnId", "targetDetails.contactEmail",
        ])
        #expect(created["isComplete"] == .bool(false))
        _ = try s.patch(formId, ["subscriptionIds": [.string(s.azure)], "sourceDetails": S.sourceDetails], as: S.source)
        #expect(try s.send(formId).status == 200)
        // An empty value counts as missing.
        _ = try s.patch(formId, ["customerDetails": ["companyName": "Margie's Travel", "contactName": ""],
                                 "targetDetails": ["partnerTenantId": .string(Demo.contoso)]], as: S.customer)
        let check = try s.form(formId)
        #expect(strings(check["missingFields"]) == ["customerDetails.contactName", "customerDetails.contactEmail",
                                                    "targetDetails.partnerName", "targetDetails.mpnId", "targetDetails.contactEmail"])
        // An incomplete return is refused with the same names.
        let before = try s.world.snapshot()
        let refused = try s.giveBack(formId)
        try expectRefused(refused, 400, 700603, s.world, unchanged: before)
        #expect(strings(refused["data"]) == strings(check["missingFields"]))
        _ = try s.patch(formId, ["customerDetails": S.customerDetails, "targetDetails": S.targetDetails], as: S.customer)
        #expect(try s.giveBack(formId).status == 200)
        let complete = try s.form(formId)
        #expect(strings(complete["missingFields"]).isEmpty)
        #expect(complete["isComplete"] == .bool(true))
    }
}
