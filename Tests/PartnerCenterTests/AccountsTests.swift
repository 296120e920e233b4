import Foundation
import JSON
@testable import PartnerCenter
import Testing

/// ACC-1..ACC-8 (enrollment, verification, MPA, migration, DirectBill, incentives) and GEN-4
/// for these writes. ACC-9 belongs to the orders capability and is tested with it.
@Suite("Accounts: enrollment and MPA")
struct AccountsTests {
    typealias Demo = TestWorld.Demo

    // MARK: ACC-1

    @Test("ACC-1 a new tenant enrolls as IndirectReseller with a full profile")
    func test_ACC_1_newTenantEnrolls() throws {
        let world = try TestWorld()
        let tenantId = TestWorld.newTenantId()
        let token = world.token(tenant: tenantId, roles: [.globalAdmin])
        let response = try world.request(.post, "/portal/enrollments", token: token, body: TestWorld.enrollmentBody())
        #expect(response.status == 201)
        #expect(response["program"]?.stringValue == "IndirectReseller")
        #expect(response["status"]?.stringValue == "Pending")
        #expect(response["tenantId"]?.stringValue == tenantId)
        #expect(response["isMigration"]?.boolValue == false)

        let profile = try world.request(.get, "/portal/partners/\(tenantId)", token: token)
        #expect(profile.status == 200)
        #expect(profile["legalName"]?.stringValue == "Blue Yonder Airlines")
        #expect(profile["country"]?.stringValue == "US")
        #expect(profile["primaryContactEmail"]?.stringValue == "ceo@blueyonder.example")
        #expect(profile["programs"]?.arrayValue?.map { $0["program"]?.stringValue } == ["IndirectReseller"])
        let pgaId = try #require(profile["pgaId"]?.stringValue)
        #expect(AccountNumbers.isWellFormed(pgaId))
    }

    @Test("ACC-1 missing enrollment fields are refused with 400 700103 listing them")
    func test_ACC_1_missingFields() throws {
        let world = try TestWorld()
        let token = world.token(tenant: TestWorld.newTenantId(), roles: [.globalAdmin])
        let before = try world.snapshot()

        let empty = try world.request(.post, "/portal/enrollments", token: token, body: [:])
        #expect(empty.status == 400)
        #expect(empty.code == 700103)
        let listed = empty["data"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(Set(listed) == ["legalName", "address.addressLine1", "address.city", "address.country",
                                "primaryContact.email", "supportContact"])
        for field in listed { #expect(empty["description"]?.stringValue?.contains(field) == true) }

        guard case .object(var partial) = TestWorld.enrollmentBody() else { return }
        partial["supportContact"] = nil
        partial["legalName"] = nil
        let missingTwo = try world.request(.post, "/portal/enrollments", token: token, body: .object(partial))
        #expect(missingTwo.status == 400)
        #expect(missingTwo.code == 700103)
        #expect(missingTwo["data"]?.arrayValue?.compactMap(\.stringValue) == ["legalName", "supportContact"])
        #expect(try world.snapshot() == before)
    }

    @Test("ACC-1 the Distributor program cannot be applied for: 400 800002")
    func test_ACC_1_distributorProgramRefused() throws {
        let world = try TestWorld()
        let token = world.token(tenant: TestWorld.newTenantId(), roles: [.globalAdmin])
        let before = try world.snapshot()
        let response = try world.request(.post, "/portal/enrollments", token: token,
                                         body: TestWorld.enrollmentBody(program: "Distributor"))
        #expect(response.status == 400)
        #expect(response.code == 800002)
        #expect(response["description"]?.stringValue?.hasPrefix("program") == true)
        #expect(try world.snapshot() == before)
    }

    @Test("ACC-1 only a GlobalAdmin may enroll: 403 900150, 401 without a token")
    func test_ACC_1_globalAdminOnly() throws {
        let world = try TestWorld()
        let tenantId = TestWorld.newTenantId()
        let before = try world.snapshot()
        for roles: [Role] in [[.adminAgent], [.salesAgent], [.adminAgent, .salesAgent, .executiveReportViewer]] {
            let response = try world.request(.post, "/portal/enrollments", token: world.token(tenant: tenantId, roles: roles),
                                             body: TestWorld.enrollmentBody())
            #expect(response.status == 403)
            #expect(response.code == 900150)
        }
        let anonymous = try world.request(.post, "/portal/enrollments", body: TestWorld.enrollmentBody())
        #expect(anonymous.status == 401)
        #expect(anonymous.headers["WWW-Authenticate"]?.hasPrefix("Bearer") == true)
        // A customer tenant is not a CSP partner, whatever its roles.
        let customer = try world.request(.post, "/portal/enrollments",
                                         token: world.token(tenant: Demo.relecloud, roles: [.globalAdmin]),
                                         body: TestWorld.enrollmentBody())
        #expect(customer.status == 403)
        #expect(customer.code == 900150)
        #expect(try world.snapshot() == before)
    }

    // MARK: ACC-2

    @Test("ACC-2 web-mail primary contact is refused with 400 700101")
    func test_ACC_2_webMailRefused() throws {
        let world = try TestWorld()
        let token = world.token(tenant: TestWorld.newTenantId(), roles: [.globalAdmin])
        let before = try world.snapshot()
        let addresses = ["ada@gmail.com", "ada@yahoo.com", "ada@yahoo.co.uk", "ada@yahoo.fr", "ada@outlook.com",
                         "ada@hotmail.com", "ada@live.com", "ada@icloud.com", "ada@me.com", "ada@aol.com", "Ada@GMAIL.COM"]
        for address in addresses {
            let response = try world.request(.post, "/portal/enrollments", token: token, body: TestWorld.enrollmentBody(email: address))
            #expect(response.status == 400, "\(address)")
            #expect(response.code == 700101, "\(address)")
            #expect(response["description"]?.stringValue?.contains("own domain") == true)
        }
        #expect(try world.snapshot() == before)
        // The company's own domain is accepted (also one that merely contains a web-mail name).
        let own = try world.request(.post, "/portal/enrollments", token: token,
                                    body: TestWorld.enrollmentBody(email: "ada@gmail.com.blueyonder.example"))
        #expect(own.status == 201)
    }

    @Test("ACC-2 a primary contact that is not an e-mail address is 400 800002")
    func test_ACC_2_notAnAddress() throws {
        let world = try TestWorld()
        let token = world.token(tenant: TestWorld.newTenantId(), roles: [.globalAdmin])
        let response = try world.request(.post, "/portal/enrollments", token: token, body: TestWorld.enrollmentBody(email: "ada"))
        #expect(response.status == 400)
        #expect(response.code == 800002)
        #expect(response["description"]?.stringValue?.contains("primaryContact.email") == true)
    }

    // MARK: ACC-3

    @Test("ACC-3 a Pending enrollment is Verified after 3 business days, then Active with the MPA")
    func test_ACC_3_verificationAfterThreeBusinessDays() throws {
        let world = try TestWorld()   // Monday 09:00
        let partner = try world.enrollNewReseller()
        #expect(try world.enrollmentStatus(partner.tenantId) == "Pending")
        try world.advance("P2DT23H59M")   // Thursday 08:59
        #expect(try world.enrollmentStatus(partner.tenantId) == "Pending")
        try world.advance("PT1M")         // Thursday 09:00: 3 business days
        #expect(try world.enrollmentStatus(partner.tenantId) == "Verified")
        let enrollment = try world.request(.get, "/portal/enrollments/\(partner.enrollmentId)", token: partner.token)
        #expect(enrollment["status"]?.stringValue == "Verified")
        #expect(sameMinute(enrollment["verifiedTime"]?.stringValue, "2026-01-08T09:00:00Z"))

        // Verified stays Verified without the MPA, however long we wait.
        try world.advance("P10D")
        #expect(try world.enrollmentStatus(partner.tenantId) == "Verified")

        let plaId = try world.addLocation(token: partner.token)
        let mpa = try world.request(.post, "/portal/agreements/mpa", token: partner.token, body: ["plaId": .string(plaId)])
        #expect(mpa.status == 200)
        #expect(mpa["isAccepted"]?.boolValue == true)
        #expect(try world.enrollmentStatus(partner.tenantId) == "Active")
    }

    @Test("ACC-3 business days skip the weekend: enrolled on Friday, verified on Wednesday")
    func test_ACC_3_weekendSkipped() throws {
        let world = try TestWorld(now: "2026-01-09T09:00:00Z")   // Friday
        let partner = try world.enrollNewReseller()
        let enrollment = try world.request(.get, "/portal/enrollments/\(partner.enrollmentId)", token: partner.token)
        // The simulated clock runs in real time, so the enrollment may land a few seconds after 09:00.
        let dueText = try #require(enrollment["verificationDueTime"]?.stringValue)
        #expect(sameMinute(dueText, "2026-01-14T09:00:00Z"))   // Wednesday
        let due = try #require(Timestamp.parse(dueText))
        try world.setClock("2026-01-12T09:00:00Z")   // Monday: 1 business day
        #expect(try world.enrollmentStatus(partner.tenantId) == "Pending")
        try world.setClock("2026-01-13T23:59:00Z")   // Tuesday night: 2 business days
        #expect(try world.enrollmentStatus(partner.tenantId) == "Pending")
        try world.setClock(Timestamp.format(due.addingTimeInterval(-1)))
        #expect(try world.enrollmentStatus(partner.tenantId) == "Pending")
        try world.setClock(dueText)                  // Wednesday: 3 business days
        #expect(try world.enrollmentStatus(partner.tenantId) == "Verified")
    }

    @Test("ACC-3 a verification period set in the configuration is honoured")
    func test_ACC_3_configurableVerification() throws {
        let world = try TestWorld(configuration: SimulatorConfiguration(verificationBusinessDays: 5))
        let partner = try world.enrollNewReseller()
        try world.advance("P4D")   // Friday: 4 business days
        #expect(try world.enrollmentStatus(partner.tenantId) == "Pending")
        try world.advance("P3D")   // next Monday: 5
        #expect(try world.enrollmentStatus(partner.tenantId) == "Verified")
    }

    @Test("ACC-3 the MPA accepted while Pending activates the enrollment on verification")
    func test_ACC_3_mpaBeforeVerification() throws {
        let world = try TestWorld()
        let partner = try world.enrollNewReseller()
        let plaId = try world.addLocation(token: partner.token)
        let mpa = try world.request(.post, "/portal/agreements/mpa", token: partner.token, body: ["plaId": .string(plaId)])
        #expect(mpa.status == 200)
        #expect(try world.enrollmentStatus(partner.tenantId) == "Pending")
        try world.advance("P3D")
        #expect(try world.enrollmentStatus(partner.tenantId) == "Active")
    }

    @Test("ACC-3 the Microsoft operator approves a Pending enrollment at once")
    func test_ACC_3_operatorApproval() throws {
        let world = try TestWorld()
        let partner = try world.enrollNewReseller()
        let approve = try world.request(.post, "/portal/enrollments/\(partner.enrollmentId)/approve", as: "microsoft-support")
        #expect(approve.status == 200)
        #expect(approve["status"]?.stringValue == "Verified")
        #expect(try world.enrollmentStatus(partner.tenantId) == "Verified")
    }

    @Test("ACC-3 approving an enrollment that is not Pending is 409 700112")
    func test_ACC_3_approveNotPending() throws {
        let world = try TestWorld()
        let partner = try world.enrollNewReseller()
        #expect(try world.request(.post, "/portal/enrollments/\(partner.enrollmentId)/approve", as: "microsoft-support").status == 200)
        let before = try world.snapshot()
        let again = try world.request(.post, "/portal/enrollments/\(partner.enrollmentId)/approve", as: "microsoft-support")
        #expect(again.status == 409)
        #expect(again.code == 700112)
        #expect(try world.snapshot() == before)
    }

    @Test("ACC-3 only the Microsoft operator approves: 403 900150; unknown enrollment 404")
    func test_ACC_3_approveRefusals() throws {
        let world = try TestWorld()
        let partner = try world.enrollNewReseller()
        let own = try world.request(.post, "/portal/enrollments/\(partner.enrollmentId)/approve", token: partner.token)
        #expect(own.status == 403)
        #expect(own.code == 900150)
        let unknown = try world.request(.post, "/portal/enrollments/\(TestWorld.newTenantId())/approve", as: "microsoft-support")
        #expect(unknown.status == 404)
        #expect(try world.enrollmentStatus(partner.tenantId) == "Pending")
        // Another partner cannot even see the enrollment.
        #expect(try world.request(.get, "/portal/enrollments/\(partner.enrollmentId)", as: "reseller-admin").status == 404)
    }

    // MARK: ACC-4

    @Test("ACC-4 the MPA needs an associated PLA id: 400 700104")
    func test_ACC_4_mpaNeedsPLA() throws {
        let world = try TestWorld()
        let partner = try world.enrollNewReseller()
        let before = try world.snapshot()
        let response = try world.request(.post, "/portal/agreements/mpa", token: partner.token, body: [:])
        #expect(response.status == 400)
        #expect(response.code == 700104)
        #expect(try world.snapshot() == before)
    }

    @Test("ACC-4 a PGA id can never be associated: 400 800016")
    func test_ACC_4_pgaRefused() throws {
        let world = try TestWorld()
        let partner = try world.enrollNewReseller()
        _ = try world.addLocation(token: partner.token)
        let locations = try world.request(.get, "/portal/locations", token: partner.token)
        let ownPGA = try #require(locations["pgaId"]?.stringValue)
        let before = try world.snapshot()
        // Its own PGA id, another partner's PGA id, and something that is no account number at all.
        for id in [ownPGA, "5100000", "12345", "PLA-1"] {
            let response = try world.request(.post, "/portal/agreements/mpa", token: partner.token, body: ["plaId": .string(id)])
            #expect(response.status == 400, "\(id)")
            #expect(response.code == 800016, "\(id)")
        }
        #expect(try world.snapshot() == before)
    }

    @Test("ACC-4 a foreign, unknown or inactive PLA id is refused with 400 900151")
    func test_ACC_4_foreignUnknownInactivePLA() throws {
        let world = try TestWorld()
        let partner = try world.enrollNewReseller()
        let inactive = try world.addLocation(token: partner.token)
        let deactivate = try world.request(.patch, "/portal/locations/\(inactive)", token: partner.token, body: ["status": "Inactive"])
        #expect(deactivate.status == 200)
        let before = try world.snapshot()
        for id in ["5100001", "9999999", inactive] {
            let response = try world.request(.post, "/portal/agreements/mpa", token: partner.token, body: ["plaId": .string(id)])
            #expect(response.status == 400, "\(id)")
            #expect(response.code == 900151, "\(id)")
        }
        #expect(try world.snapshot() == before)
    }

    @Test("ACC-4 the MPA is accepted only once: 409 700111")
    func test_ACC_4_mpaTwice() throws {
        let world = try TestWorld()
        let (partner, plaId) = try world.activeNewReseller()
        let before = try world.snapshot()
        let again = try world.request(.post, "/portal/agreements/mpa", token: partner.token, body: ["plaId": .string(plaId)])
        #expect(again.status == 409)
        #expect(again.code == 700111)
        #expect(try world.snapshot() == before)
    }

    @Test("ACC-4 only a GlobalAdmin accepts the MPA: 403 900150")
    func test_ACC_4_globalAdminOnly() throws {
        let world = try TestWorld()
        let partner = try world.enrollNewReseller()
        let plaId = try world.addLocation(token: partner.token)
        let before = try world.snapshot()
        let agent = world.token(tenant: partner.tenantId, roles: [.adminAgent, .salesAgent])
        let response = try world.request(.post, "/portal/agreements/mpa", token: agent, body: ["plaId": .string(plaId)])
        #expect(response.status == 403)
        #expect(response.code == 900150)
        #expect(try world.snapshot() == before)
    }

    // MARK: ACC-5

    @Test("ACC-5 a PLA id in another country than the business address is refused: 400 700105")
    func test_ACC_5_plaCountryMismatch() throws {
        let world = try TestWorld()
        let partner = try world.enrollNewReseller(country: "US")
        let canadian = try world.addLocation(token: partner.token, country: "CA")
        // The country counts, not the region: Puerto Rico is in the US region but another country.
        let puertoRican = try world.addLocation(token: partner.token, country: "PR")
        let before = try world.snapshot()
        for plaId in [canadian, puertoRican] {
            let response = try world.request(.post, "/portal/agreements/mpa", token: partner.token, body: ["plaId": .string(plaId)])
            #expect(response.status == 400)
            #expect(response.code == 700105)
        }
        #expect(try world.snapshot() == before)
        let american = try world.addLocation(token: partner.token, country: "US")
        let accepted = try world.request(.post, "/portal/agreements/mpa", token: partner.token, body: ["plaId": .string(american)])
        #expect(accepted.status == 200)
        #expect(accepted["plaId"]?.stringValue == american)
    }

    // MARK: ACC-6

    @Test("ACC-6 a Restricted direct-bill partner enrolls its existing tenant, approved at once")
    func test_ACC_6_migrationApprovedImmediately() throws {
        let world = try TestWorld()
        let response = try world.request(.post, "/portal/enrollments", as: "proseware-admin", body: ["program": "IndirectReseller"])
        #expect(response.status == 201)
        #expect(response["isMigration"]?.boolValue == true)
        // Immediate approval, and the MPA is already accepted: Active at once.
        #expect(response["status"]?.stringValue == "Active")
        #expect(try world.enrollmentStatus(Demo.proseware) == "Active")
        #expect(try world.enrollmentStatus(Demo.proseware, "DirectBill") == "Restricted")

        let profile = try world.request(.get, "/portal/partners/\(Demo.proseware)", as: "proseware-admin")
        #expect(profile.status == 200)
        let programs = profile["programs"]?.arrayValue ?? []
        #expect(Set(programs.compactMap { $0["program"]?.stringValue }) == ["DirectBill", "IndirectReseller"])
        #expect(programs.first { $0["program"]?.stringValue == "IndirectReseller" }?["status"]?.stringValue == "Active")
    }

    @Test("ACC-6 a direct-bill partner that is not Restricted must use a new tenant: 400 700106")
    func test_ACC_6_notRestrictedRefused() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        let response = try world.request(.post, "/portal/enrollments", as: "directbill-admin", body: ["program": "IndirectReseller"])
        #expect(response.status == 400)
        #expect(response.code == 700106)
        #expect(try world.snapshot() == before)
        // Suspended is not Restricted either.
        let enrollmentId = try #require(try world.rows("SELECT id FROM enrollments WHERE tenant_id = ?", [Demo.litware]).first?.string("id"))
        #expect(try world.request(.patch, "/portal/enrollments/\(enrollmentId)", as: "microsoft-support", body: ["status": "Suspended"]).status == 200)
        let suspended = try world.request(.post, "/portal/enrollments", as: "directbill-admin", body: ["program": "IndirectReseller"])
        #expect(suspended.code == 700106)
        // Once Restricted, the same tenant may migrate.
        #expect(try world.request(.patch, "/portal/enrollments/\(enrollmentId)", as: "microsoft-support", body: ["status": "Restricted"]).status == 200)
        let restricted = try world.request(.post, "/portal/enrollments", as: "directbill-admin", body: ["program": "IndirectReseller"])
        #expect(restricted.status == 201)
    }

    @Test("ACC-6 an already migrated tenant cannot enroll again: 409 700108")
    func test_ACC_6_alreadyEnrolled() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        let response = try world.request(.post, "/portal/enrollments", as: "migrated-admin", body: ["program": "IndirectReseller"])
        #expect(response.status == 409)
        #expect(response.code == 700108)
        #expect(try world.snapshot() == before)
    }

    @Test("ACC-6 a configured approval delay keeps the migration Pending for that many business days")
    func test_ACC_6_configurableDelay() throws {
        let world = try TestWorld(configuration: SimulatorConfiguration(migrationApprovalBusinessDays: 5))
        let response = try world.request(.post, "/portal/enrollments", as: "proseware-admin", body: ["program": "IndirectReseller"])
        #expect(response.status == 201)
        #expect(response["status"]?.stringValue == "Pending")
        try world.advance("P4D")   // Friday: 4 business days
        #expect(try world.enrollmentStatus(Demo.proseware) == "Pending")
        try world.advance("P3D")   // Monday: 5 business days; MPA already accepted
        #expect(try world.enrollmentStatus(Demo.proseware) == "Active")
    }

    // MARK: ACC-7

    @Test("ACC-7 re-applying for DirectBill needs USD 300,000 of revenue: 400 700107, then Pending once recorded")
    func test_ACC_7_revenueThreshold() throws {
        let world = try TestWorld()
        let before = try world.snapshot()
        let refused = try world.request(.post, "/portal/enrollments", as: "proseware-admin", body: ["program": "DirectBill"])
        #expect(refused.status == 400)
        #expect(refused.code == 700107)
        #expect(try world.snapshot() == before)
        // Revenue declared in the request does not count for an existing partner: it must be recorded.
        let declared = try world.request(.post, "/portal/enrollments", as: "proseware-admin",
                                         body: ["program": "DirectBill", "cspRevenueLast12MonthsUsd": 1_000_000])
        #expect(declared.code == 700107)

        // Only the Microsoft operator records revenue.
        let selfRecorded = try world.request(.patch, "/portal/partners/\(Demo.proseware)", as: "proseware-admin", body: ["cspRevenueUsd": 350_000])
        #expect(selfRecorded.status == 403)
        #expect(selfRecorded.code == 900150)
        let recorded = try world.request(.patch, "/portal/partners/\(Demo.proseware)", as: "microsoft-support", body: ["cspRevenueUsd": 350_000])
        #expect(recorded.status == 200)
        #expect(recorded["cspRevenueUsd"]?.doubleValue == 350_000)

        let reapplied = try world.request(.post, "/portal/enrollments", as: "proseware-admin", body: ["program": "DirectBill"])
        #expect(reapplied.status == 201)
        #expect(reapplied["program"]?.stringValue == "DirectBill")
        #expect(reapplied["status"]?.stringValue == "Pending")
        #expect(try world.enrollmentStatus(Demo.proseware, "DirectBill") == "Pending")
        // Verified after the usual period, and Active because the MPA is accepted.
        try world.advance("P3D")
        #expect(try world.enrollmentStatus(Demo.proseware, "DirectBill") == "Active")
    }

    @Test("ACC-7 a new tenant applying for DirectBill needs the revenue too")
    func test_ACC_7_newTenant() throws {
        let world = try TestWorld()
        let token = world.token(tenant: TestWorld.newTenantId(), roles: [.globalAdmin])
        let before = try world.snapshot()
        let refused = try world.request(.post, "/portal/enrollments", token: token, body: TestWorld.enrollmentBody(program: "DirectBill"))
        #expect(refused.status == 400)
        #expect(refused.code == 700107)
        #expect(try world.snapshot() == before)
        guard case .object(var body) = TestWorld.enrollmentBody(program: "DirectBill") else { return }
        body["cspRevenueLast12MonthsUsd"] = 300_000
        let accepted = try world.request(.post, "/portal/enrollments", token: token, body: .object(body))
        #expect(accepted.status == 201)
        #expect(accepted["program"]?.stringValue == "DirectBill")
        #expect(accepted["status"]?.stringValue == "Pending")
    }

    @Test("ACC-7 an Active DirectBill partner cannot apply again: 409 700108")
    func test_ACC_7_alreadyActive() throws {
        let world = try TestWorld()
        let response = try world.request(.post, "/portal/enrollments", as: "directbill-admin", body: ["program": "DirectBill"])
        #expect(response.status == 409)
        #expect(response.code == 700108)
    }

    // MARK: ACC-8

    @Test("ACC-8 the MAICPP contact gets an incentive invitation when the migration becomes Active")
    func test_ACC_8_incentiveInvitation() throws {
        let world = try TestWorld()
        #expect(try world.outbox(kind: "IncentiveInvitation").isEmpty)
        #expect(try world.request(.post, "/portal/enrollments", as: "proseware-admin", body: ["program": "IndirectReseller"]).status == 201)
        let invitations = try world.outbox(tenantId: Demo.proseware, kind: "IncentiveInvitation")
        #expect(invitations.count == 1)
        #expect(invitations.first?["recipient"]?.stringValue == "incentives@proseware.example")
        #expect(sameMinute(invitations.first?["createdTime"]?.stringValue, TestWorld.start))
    }

    @Test("ACC-8 with an approval delay the incentive invitation waits for activation")
    func test_ACC_8_sentOnActivation() throws {
        let world = try TestWorld(configuration: SimulatorConfiguration(migrationApprovalBusinessDays: 2))
        #expect(try world.request(.post, "/portal/enrollments", as: "proseware-admin", body: ["program": "IndirectReseller"]).status == 201)
        #expect(try world.outbox(kind: "IncentiveInvitation").isEmpty)
        try world.advance("P2D")
        let invitations = try world.outbox(tenantId: Demo.proseware, kind: "IncentiveInvitation")
        #expect(invitations.count == 1)
        #expect(sameMinute(invitations.first?["createdTime"]?.stringValue, "2026-01-07T09:00:00Z"))
    }

    @Test("ACC-8 a brand-new reseller is no direct-bill migration and gets no incentive invitation")
    func test_ACC_8_notForNewTenants() throws {
        let world = try TestWorld()
        let (partner, _) = try world.activeNewReseller()
        #expect(try world.enrollmentStatus(partner.tenantId) == "Active")
        #expect(try world.outbox(kind: "IncentiveInvitation").isEmpty)
    }

    // MARK: GEN-4

    @Test("GEN-4 enrollment, verification and MPA each write an audit record and a notification")
    func test_GEN_4_enrollmentLifecycle() throws {
        let world = try TestWorld()
        let partner = try world.enrollNewReseller()
        let tenant = partner.tenantId
        #expect(try world.audit(tenantId: tenant, operation: "CreateEnrollment").count == 1)
        #expect(try world.outbox(tenantId: tenant, kind: "EnrollmentReceived").first?["recipient"]?.stringValue == "ceo@blueyonder.example")

        #expect(try world.request(.post, "/portal/enrollments/\(partner.enrollmentId)/approve", as: "microsoft-support").status == 200)
        #expect(try world.audit(tenantId: tenant, operation: "VerifyEnrollment").count == 1)
        #expect(try world.outbox(tenantId: tenant, kind: "EnrollmentVerified").count == 1)

        let plaId = try world.addLocation(token: partner.token)
        let location = try world.audit(tenantId: tenant, operation: "CreateLocation")
        #expect(location.first?["resourceId"]?.stringValue == plaId)

        #expect(try world.request(.post, "/portal/agreements/mpa", token: partner.token, body: ["plaId": .string(plaId)]).status == 200)
        let accepted = try world.audit(tenantId: tenant, operation: "AcceptPartnerAgreement")
        #expect(accepted.count == 1)
        #expect(accepted.first?["userPrincipalName"]?.stringValue == "tester")
        #expect(try world.outbox(tenantId: tenant, kind: "PartnerAgreementAccepted").count == 1)
        #expect(try world.audit(tenantId: tenant, operation: "ActivateEnrollment").count == 1)
    }

    @Test("GEN-4 the time-based verification writes its audit record and notification too")
    func test_GEN_4_timedVerification() throws {
        let world = try TestWorld()
        let partner = try world.enrollNewReseller()
        try world.advance("P3D")
        let verified = try world.audit(tenantId: partner.tenantId, operation: "VerifyEnrollment")
        #expect(verified.count == 1)
        #expect(sameMinute(verified.first?["operationDate"]?.stringValue, "2026-01-08T09:00:00Z"))
        #expect(try world.outbox(tenantId: partner.tenantId, kind: "EnrollmentVerified").count == 1)
    }

    @Test("GEN-4 migration and DirectBill re-application write audit records and notifications")
    func test_GEN_4_migrationAndReapply() throws {
        let world = try TestWorld()
        #expect(try world.request(.post, "/portal/enrollments", as: "proseware-admin", body: ["program": "IndirectReseller"]).status == 201)
        #expect(try world.audit(tenantId: Demo.proseware, operation: "CreateEnrollment").count == 1)
        #expect(try world.audit(tenantId: Demo.proseware, operation: "ActivateEnrollment").count == 1)
        #expect(try world.outbox(tenantId: Demo.proseware, kind: "EnrollmentReceived").count == 1)

        #expect(try world.request(.patch, "/portal/partners/\(Demo.proseware)", as: "microsoft-support", body: ["cspRevenueUsd": 350_000]).status == 200)
        #expect(try world.audit(tenantId: Demo.proseware, operation: "UpdatePartner").count == 1)
        #expect(try world.request(.post, "/portal/enrollments", as: "proseware-admin", body: ["program": "DirectBill"]).status == 201)
        #expect(try world.audit(tenantId: Demo.proseware, operation: "ReapplyEnrollment").count == 1)
        #expect(try world.outbox(tenantId: Demo.proseware, kind: "EnrollmentReceived").count == 2)
    }

    @Test("GEN-4 location and enrollment status changes are audited")
    func test_GEN_4_locationAndStatusChanges() throws {
        let world = try TestWorld()
        let deactivate = try world.request(.patch, "/portal/locations/5100001", as: "reseller-admin", body: ["status": "Inactive"])
        #expect(deactivate.status == 200)
        #expect(try world.audit(tenantId: Demo.fabrikam, operation: "UpdateLocation").first?["resourceId"]?.stringValue == "5100001")
        let enrollmentId = try #require(try world.rows("SELECT id FROM enrollments WHERE tenant_id = ?", [Demo.fabrikam]).first?.string("id"))
        #expect(try world.request(.patch, "/portal/enrollments/\(enrollmentId)", as: "microsoft-support", body: ["status": "Restricted"]).status == 200)
        #expect(try world.audit(tenantId: Demo.fabrikam, operation: "UpdateEnrollmentStatus").count == 1)
        // Another partner cannot touch Fabrikam's location.
        #expect(try world.request(.patch, "/portal/locations/5100002", as: "northwind-admin", body: ["status": "Active"]).status == 404)
    }
}
