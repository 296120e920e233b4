import Foundation
import JSON
@testable import PartnerCenter
import SQLite
import Testing

/// The Azure CSP partner switch after the form: AZS-3 (an incomplete form cannot be
/// submitted), AZS-4 (the support request), AZS-5 (execution by the Microsoft operator) and
/// AZS-6 (the source's role assignments stay, stale, until the target removes them).
@Suite("Azure partner switch: support request and execution")
struct AzureSwitchExecutionTests {
    typealias Demo = TestWorld.Demo
    typealias S = AzureSwitch

    private func strings(_ json: JSON?) -> [String] { (json?.arrayValue ?? []).compactMap(\.stringValue) }

    // MARK: AZS-3 at submission

    @Test("AZS-3 an incomplete form cannot be submitted: 400 700603 naming each missing field")
    func test_AZS_3_incompleteFormNotSubmitted() throws {
        let s = try AzureSwitch()
        let formId = try s.returnedForm()
        // Send and return each check their own part, so a Returned form is complete through
        // the routes; the source's own check at submission is shown by emptying parts of a
        // Returned form directly.
        try s.world.services.database.write { db in
            try db.run("UPDATE transfer_forms SET customer_details = '{\"companyName\":\"Margie''s Travel\"}', target_details = '{}' WHERE id = ?",
                       [formId])
        }
        let before = try s.world.snapshot()
        let refused = try s.submit(formId)
        try expectRefused(refused, 400, 700603, s.world, unchanged: before)
        #expect(strings(refused["data"]) == ["customerDetails.contactName", "customerDetails.contactEmail", "targetDetails.partnerTenantId",
                                             "targetDetails.partnerName", "targetDetails.mpnId", "targetDetails.contactEmail"])
        #expect(try s.form(formId)["status"]?.stringValue == "Returned")
    }

    @Test("AZS-3 out of order: a form not yet returned cannot be submitted: 409 700602")
    func test_AZS_3_submitBeforeReturn() throws {
        let s = try AzureSwitch()
        let draft = try s.draft()
        let before = try s.world.snapshot()
        try expectRefused(try s.submit(draft), 409, 700602, s.world, unchanged: before)
        #expect(try s.send(draft).status == 200)
        let sent = try s.world.snapshot()
        try expectRefused(try s.submit(draft), 409, 700602, s.world, unchanged: sent)
        _ = try s.patch(draft, ["customerDetails": S.customerDetails, "targetDetails": S.targetDetails], as: S.customer)
        let filled = try s.world.snapshot()
        try expectRefused(try s.submit(draft), 409, 700602, s.world, unchanged: filled)
    }

    // MARK: AZS-4

    @Test("AZS-4 the source submits the returned form as a support request in the customer's context, a CSP partner switch, form attached")
    func test_AZS_4_submitRaisesSupportRequest() throws {
        let s = try AzureSwitch()
        let formId = try s.returnedForm()
        let response = try s.submit(formId)
        #expect(response.status == 201, "\(response.text)")
        let requestId = try #require(response["id"]?.stringValue)
        #expect(response["category"]?.stringValue == "CSP partner switch")
        #expect(response["customerTenantId"]?.stringValue == Demo.margies)
        #expect(response["sourcePartnerTenantId"]?.stringValue == Demo.litware)
        #expect(response["description"]?.stringValue?.contains("CSP partner switch") == true)
        #expect((response["attachments"]?.arrayValue ?? []).map { $0["transferFormId"]?.stringValue } == [formId])
        #expect(response["status"]?.stringValue == "Open")
        #expect(response["result"] == .null)
        #expect(response["attributes"]?["objectType"]?.stringValue == "SupportRequest")

        let form = try s.form(formId)
        #expect(form["status"]?.stringValue == "Submitted")
        #expect(form["submittedTime"]?.stringValue != nil)
        let mail = try #require(try s.outbox(Demo.litware, kind: "SupportRequestOpened").first)
        #expect(mail["resourceId"]?.stringValue == requestId)
        let trail = try s.auditTrail(resourceType: "SupportRequest", resourceId: requestId)
        #expect(trail.map { $0["operationType"]?.stringValue } == ["CreateSupportRequest"])
        #expect(trail.first?["customerId"]?.stringValue == Demo.margies)
        #expect(trail.first?["resourceNewValue"]?["transferFormId"]?.stringValue == formId)

        // Who reads it: the source and the Microsoft operator; not the target nor other partners.
        #expect(try s.supportRequest(requestId).status == 200)
        #expect(try s.supportRequest(requestId, as: S.operator_).status == 200)
        #expect(try s.supportRequest(requestId, as: S.target).status == 404)
        #expect(try s.supportRequest(requestId, as: "reseller-admin").status == 404)
        #expect(try s.supportRequest(requestId, as: S.customer).status == 403)
    }

    @Test("AZS-4 refusals: submitted twice (409 700602), by another partner (404), by the customer (403 900150), unknown form (404)")
    func test_AZS_4_submitRefusals() throws {
        let s = try AzureSwitch()
        let formId = try s.returnedForm()
        let before = try s.world.snapshot()
        #expect(try s.submit(formId, as: "reseller-admin").status == 404)
        #expect(try s.submit(formId, as: S.target).status == 404)
        try expectRefused(try s.submit(formId, as: S.customer), 403, 900150, s.world, unchanged: before)
        #expect(try s.submit(UUID().uuidString.lowercased()).status == 404)
        let missingBody = try s.world.request(.post, "/portal/support-requests", as: S.source, body: [:])
        #expect(missingBody.status == 400, "\(missingBody.text)")
        #expect(try s.world.snapshot() == before)

        #expect(try s.submit(formId).status == 201)
        let submitted = try s.world.snapshot()
        try expectRefused(try s.submit(formId), 409, 700602, s.world, unchanged: submitted)
    }

    @Test("AZS-4 precondition: a request is refused if the target lost its relationship with the customer: 400 700604")
    func test_AZS_4_targetRelationshipCheckedAtSubmission() throws {
        let s = try AzureSwitch()
        let formId = try s.returnedForm()
        // The relationship ends (written directly: the precondition is what is under test).
        try s.world.services.database.write { db in
            try db.run("UPDATE customer_relationships SET status = 'Ended' WHERE customer_id = ? AND partner_id = ?", [Demo.margies, Demo.contoso])
        }
        let before = try s.world.snapshot()
        try expectRefused(try s.submit(formId), 400, 700604, s.world, unchanged: before)
    }

    // MARK: AZS-5

    @Test("AZS-5 the operator executes: the listed subscriptions move to the target with the same ids; the result is on the request and sent to the source")
    func test_AZS_5_executeMovesSubscriptions() throws {
        let s = try AzureSwitch()
        let second = try s.orderAzure()
        let azureIds = [try s.azureId(of: s.azure), try s.azureId(of: second)]
        let (formId, requestId) = try s.submitted([s.azure, second])
        let executed = try s.execute(requestId)
        #expect(executed.status == 200, "\(executed.text)")
        #expect(executed["status"]?.stringValue == "Completed")
        #expect(executed["executedTime"]?.stringValue != nil)
        let result = try #require(executed["result"])
        #expect(result["outcome"]?.stringValue == "Completed")
        #expect(result["targetPartnerTenantId"]?.stringValue == Demo.contoso)
        let moved = result["movedSubscriptions"]?.arrayValue ?? []
        #expect(moved.map { $0["subscriptionId"]?.stringValue } == [s.azure, second])
        #expect(moved.map { $0["azureSubscriptionId"]?.stringValue } == azureIds)

        // Same Partner Center and Azure subscription ids, now billed by the target.
        for (subscription, azureId) in zip([s.azure, second], azureIds) {
            #expect(try s.billingPartner(of: subscription) == Demo.contoso)
            #expect(try s.azureId(of: subscription) == azureId)
            #expect(try s.world.column("status", of: subscription) == "active")
        }
        // The E3, not on the form, stays with Litware.
        #expect(try s.billingPartner(of: s.e3) == Demo.litware)
        let litwareList = try s.world.request(.get, "/v1/customers/\(Demo.margies)/subscriptions", as: S.source).items
            .compactMap { $0["id"]?.stringValue }
        #expect(!litwareList.contains(s.azure) && !litwareList.contains(second))
        #expect(litwareList.contains(s.e3))
        let contosoList = try s.world.request(.get, "/v1/customers/\(Demo.margies)/subscriptions", as: S.target).items
            .compactMap { $0["id"]?.stringValue }
        #expect(contosoList.contains(s.azure) && contosoList.contains(second))

        #expect(try s.form(formId)["status"]?.stringValue == "Completed")
        #expect(try s.supportRequest(requestId)["result"]?["outcome"]?.stringValue == "Completed")
        let mail = try #require(try s.outbox(Demo.litware, kind: "SupportRequestResult").first)
        #expect(mail["resourceId"]?.stringValue == requestId)
        #expect(mail["subject"]?.stringValue?.contains("completed") == true)
        let trail = try s.auditTrail(resourceType: "SupportRequest", resourceId: requestId)
        #expect(trail.map { $0["operationType"]?.stringValue } == ["CreateSupportRequest", "ExecutePartnerSwitch", "ExecutePartnerSwitch"])
        #expect(Set(trail.dropFirst().compactMap { $0["partnerId"]?.stringValue }) == [Demo.litware, Demo.contoso])
        #expect(trail.last?["applicationId"]?.stringValue == Demo.microsoft)
        // Moved subscriptions are the source's no longer: not listable on a new form; the claims are released.
        #expect(try s.world.count("transfer_form_claims", where: "form_id = ?", [formId]) == 0)
        #expect(try s.create([s.azure]).code == 700605)
    }

    @Test("AZS-5 out of order: a request is executed once: 409 700602")
    func test_AZS_5_executeTwice() throws {
        let s = try AzureSwitch()
        let (_, requestId) = try s.submitted()
        #expect(try s.execute(requestId).status == 200)
        let before = try s.world.snapshot()
        try expectRefused(try s.execute(requestId), 409, 700602, s.world, unchanged: before)
        #expect(try s.outbox(Demo.litware, kind: "SupportRequestResult").count == 1)
    }

    @Test("AZS-5 only the MicrosoftSupport operator executes: 403 900150 for the source, the target and the customer; unknown request 404")
    func test_AZS_5_onlyMicrosoftSupportExecutes() throws {
        let s = try AzureSwitch()
        let (_, requestId) = try s.submitted()
        let before = try s.world.snapshot()
        for principal in [S.source, S.target, S.customer, "reseller-admin"] {
            try expectRefused(try s.execute(requestId, as: principal), 403, 900150, s.world, unchanged: before)
        }
        // The operator is in the Microsoft tenant: the MicrosoftSupport role minted for the
        // source's own tenant neither executes nor reads other partners' requests.
        let forged = s.world.token(tenant: Demo.litware, roles: [.microsoftSupport, .adminAgent])
        let refused = try s.world.request(.post, "/portal/support-requests/\(requestId)/execute", token: forged)
        try expectRefused(refused, 403, 900150, s.world, unchanged: before)
        // Outside the Microsoft tenant the role does not count at all: a wrong-role 403.
        let outsider = s.world.token(tenant: Demo.fabrikam, roles: [.microsoftSupport])
        #expect(try s.world.request(.get, "/portal/support-requests/\(requestId)", token: outsider).code == 900150)
        let outsiderPartner = s.world.token(tenant: Demo.fabrikam, roles: [.microsoftSupport, .adminAgent])
        #expect(try s.world.request(.get, "/portal/support-requests/\(requestId)", token: outsiderPartner).status == 404)
        #expect(try s.execute(UUID().uuidString.lowercased()).status == 404)
        #expect(try s.billingPartner(of: s.azure) == Demo.litware)
        #expect(try s.world.snapshot() == before)
    }

    @Test("AZS-5 a listed subscription cancelled meanwhile: the request Fails, nothing moves, the reason is recorded and sent to the source")
    func test_AZS_5_failsWhenSubscriptionCancelled() throws {
        let s = try AzureSwitch()
        let second = try s.orderAzure()
        let (formId, requestId) = try s.submitted([s.azure, second])
        #expect(try s.world.patch(second, ["status": "deleted"], customer: Demo.margies, as: S.source).status == 200)
        let roleCount = try s.world.count("role_assignments")

        let executed = try s.execute(requestId)
        #expect(executed.status == 200, "\(executed.text)")
        #expect(executed["status"]?.stringValue == "Failed")
        let result = try #require(executed["result"])
        #expect(result["outcome"]?.stringValue == "Failed")
        #expect(result["reason"]?.stringValue?.contains(second) == true)
        #expect(result["movedSubscriptions"]?.arrayValue == [])
        // All or nothing: the still-active subscription did not move either.
        #expect(try s.billingPartner(of: s.azure) == Demo.litware)
        #expect(try s.billingPartner(of: second) == Demo.litware)
        #expect(try s.world.count("role_assignments") == roleCount)
        #expect(try s.form(formId)["status"]?.stringValue == "Failed")
        let mail = try #require(try s.outbox(Demo.litware, kind: "SupportRequestResult").first)
        #expect(mail["subject"]?.stringValue?.contains("failed") == true)
        #expect(mail["body"]?.stringValue?.contains(second) == true)
        #expect(try s.auditTrail(resourceType: "SupportRequest", resourceId: requestId).last?["resourceNewValue"]?["outcome"]?.stringValue == "Failed")
        // A failed request is not executed again, and its subscriptions are free for a new form.
        #expect(try s.execute(requestId).code == 700602)
        #expect(try s.create([s.azure]).status == 201)
    }

    @Test("AZS-5 precondition at execution: the target without a relationship any more: Failed, nothing moved")
    func test_AZS_5_failsWithoutTargetRelationship() throws {
        let s = try AzureSwitch()
        let (_, requestId) = try s.submitted()
        try s.world.services.database.write { db in
            try db.run("UPDATE customer_relationships SET status = 'Ended' WHERE customer_id = ? AND partner_id = ?", [Demo.margies, Demo.contoso])
        }
        let executed = try s.execute(requestId)
        #expect(executed["status"]?.stringValue == "Failed")
        #expect(executed["result"]?["reason"]?.stringValue?.contains("relationship") == true)
        #expect(try s.billingPartner(of: s.azure) == Demo.litware)
    }

    // MARK: AZS-6

    @Test("AZS-6 after the switch the source's role assignments remain, listed as stale, until the target removes them")
    func test_AZS_6_staleUntilTargetRemoves() throws {
        let s = try AzureSwitch()
        let azureId = try s.azureId(of: s.azure)
        let before = try s.roleAssignments(azureId, as: S.source)
        #expect(before.status == 200, "\(before.text)")
        #expect(before.items.map { $0["principalTenantId"]?.stringValue } == [Demo.litware])
        #expect(before.items.first?["roleDefinitionName"]?.stringValue == "Owner")
        #expect(before.items.first?["isStale"] == .bool(false))
        #expect(try s.roleAssignments(azureId, as: S.target).status == 404)

        let (_, requestId) = try s.submitted()
        #expect(try s.execute(requestId)["status"]?.stringValue == "Completed")
        #expect(try s.outbox(Demo.litware, kind: "SupportRequestResult").first?["body"]?.stringValue?.contains("role assignments") == true)

        let after = try s.roleAssignments(azureId, as: S.target)
        #expect(after.status == 200, "\(after.text)")
        var stale: [String: Bool] = [:]
        for item in after.items {
            if let tenant = item["principalTenantId"]?.stringValue { stale[tenant] = item["isStale"]?.boolValue }
        }
        #expect(stale == [Demo.litware: true, Demo.contoso: false])
        // The source still holds (and sees) its stale role, but cannot remove anything.
        #expect(try s.roleAssignments(azureId, as: S.source).items.count == 2)
        #expect(try s.roleAssignments(azureId, as: "reseller-admin").status == 404)
        let sourceAssignment = try #require(after.items.first { $0["principalTenantId"]?.stringValue == Demo.litware }?["id"]?.stringValue)
        let path = "/portal/azure-subscriptions/\(azureId)/role-assignments/\(sourceAssignment)"
        let snapshot = try s.world.snapshot()
        try expectRefused(try s.world.request(.delete, path, as: S.source), 403, 900150, s.world, unchanged: snapshot)
        #expect(try s.world.request(.delete, path, as: "reseller-admin").status == 404)
        #expect(try s.world.snapshot() == snapshot)

        // The target removes it.
        let removed = try s.world.request(.delete, path, as: S.target)
        #expect(removed.status == 204, "\(removed.text)")
        let remaining = try s.roleAssignments(azureId, as: S.target).items
        #expect(remaining.map { $0["principalTenantId"]?.stringValue } == [Demo.contoso])
        #expect(remaining.allSatisfy { $0["isStale"] == .bool(false) })
        #expect(try s.roleAssignments(azureId, as: S.source).status == 404)
        let audit = try s.auditTrail(resourceType: "RoleAssignment", resourceId: sourceAssignment)
        #expect(Set(audit.compactMap { $0["partnerId"]?.stringValue }) == [Demo.contoso, Demo.litware])
        #expect(audit.allSatisfy { $0["operationType"]?.stringValue == "RemoveRoleAssignment" })
        // Removed once: a second removal finds nothing.
        #expect(try s.world.request(.delete, path, as: S.target).status == 404)
    }

    @Test("AZS-6 removal needs the AdminAgent role of the billing partner: 403 900150 for other roles")
    func test_AZS_6_removalRole() throws {
        let s = try AzureSwitch()
        let azureId = try s.azureId(of: s.azure)
        let (_, requestId) = try s.submitted()
        #expect(try s.execute(requestId).status == 200)
        let assignment = try #require(try s.roleAssignments(azureId, as: S.target).items
            .first { $0["principalTenantId"]?.stringValue == Demo.litware }?["id"]?.stringValue)
        let before = try s.world.snapshot()
        try expectRefused(try s.world.request(.delete, "/portal/azure-subscriptions/\(azureId)/role-assignments/\(assignment)",
                                              as: "distributor-sales"), 403, 900150, s.world, unchanged: before)
    }

    // MARK: The whole path

    @Test("AZS-1..AZS-6 every step of a switch is audited and each hand-over notifies the next party")
    func test_AZS_wholePathAuditAndOutbox() throws {
        let s = try AzureSwitch()
        let (formId, requestId) = try s.submitted()
        #expect(try s.execute(requestId).status == 200)
        let azureId = try s.azureId(of: s.azure)
        let assignment = try #require(try s.roleAssignments(azureId, as: S.target).items
            .first { $0["isStale"] == .bool(true) }?["id"]?.stringValue)
        #expect(try s.world.request(.delete, "/portal/azure-subscriptions/\(azureId)/role-assignments/\(assignment)", as: S.target).status == 204)

        let formAudit = try s.world.request(.get, "/_sim/audit?size=500&resourceType=TransferForm").items.reversed()
            .filter { $0["partnerId"]?.stringValue == Demo.litware }.map { $0["operationType"]?.stringValue }
        #expect(formAudit == ["CreateTransferForm", "SendTransferForm", "UpdateTransferForm", "ReturnTransferForm"])
        let requestAudit = try s.auditTrail(resourceType: "SupportRequest", resourceId: requestId)
            .filter { $0["partnerId"]?.stringValue == Demo.litware }.map { $0["operationType"]?.stringValue }
        #expect(requestAudit == ["CreateSupportRequest", "ExecutePartnerSwitch"])
        #expect(try s.world.auditCount("RemoveRoleAssignment", resourceId: assignment, tenant: Demo.contoso) == 1)

        #expect(try s.outbox(Demo.margies, kind: "TransferFormSent").map { $0["resourceId"]?.stringValue } == [formId])
        #expect(try s.outbox(Demo.litware, kind: "TransferFormReturned").map { $0["resourceId"]?.stringValue } == [formId])
        #expect(try s.outbox(Demo.litware, kind: "SupportRequestOpened").map { $0["resourceId"]?.stringValue } == [requestId])
        #expect(try s.outbox(Demo.litware, kind: "SupportRequestResult").map { $0["resourceId"]?.stringValue } == [requestId])
    }
}
