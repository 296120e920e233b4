import Foundation
import JSON
@testable import PartnerCenter
import Testing

/// 900102 is 400 for a request that arrived after the transfer was completed, 409 900104 for
/// one that arrived before another request completed it (it waited for the writer and lost).
/// Each step here runs as the PATCH route runs it: the caller verified from a real token, the
/// operation context built (its arrival instant recorded) when the request "arrives", then
/// `Transfers.update` in the single writer, later.
@Suite("Transfers: already completed (400 900102) versus a lost race (409 900104)")
struct TransferRaceLoserTests {
    typealias Demo = TestWorld.Demo
    typealias TX = TestWorld.TX

    /// A request by `principal` arriving now: its context, as the app builds it before the
    /// request waits for the writer.
    static func arrive(_ world: TestWorld, as principal: String) throws -> OperationContext {
        let caller = try world.services.tokens.principal(fromAuthorization: "Bearer \(try world.token(principal))")
        return OperationContext(principal: caller, now: world.services.clock.now, services: world.services)
    }

    /// The source's acceptance of `transfer` (P2P-3), run in the writer with `context`: the
    /// refusal it answers, nil when it succeeded.
    static func accept(_ world: TestWorld, _ transfer: String, _ context: OperationContext) throws -> APIError? {
        let body = TestWorld.selection([TX.margiesBasic]).objectValue ?? [:]
        let change = Result { () throws(APIError) in try TransferChangeInput(Body(body)) }
        do {
            _ = try world.services.database.write { db in
                try Transfers.update(customerId: Demo.margies, transferId: transfer, change, context, db)
            }
            return nil
        } catch let refusal as APIError {
            return refusal
        }
    }

    static let lostRace = APIError(.conflict, code: ErrorCode.transferProcessedByAnotherRequest,
                                   "The transfer was completed by another request while this one waited.")
    static let alreadyCompleted = APIError(.badRequest, code: ErrorCode.transferAlreadyCompleted,
                                           "The transfer has already been completed.")

    @Test("P2P-4 a step that arrived before the completion was written answers 409 900104; one after it 400 900102; neither changes anything")
    func loserVersusLateComer() throws {
        let world = try CreateTransferContractTests.connected()
        let id = try world.createP2P()
        // This request arrives now, before the acceptance below completes the transfer.
        let waiting = try Self.arrive(world, as: "directbill-admin")
        let before = Date()
        #expect(try world.acceptP2P(id, [TX.margiesBasic]).status == 200)
        let after = Date()
        // The completing write stored the real instant of the completion.
        let stored = try #require(try world.rows("SELECT completed_wall_clock_us AS us FROM transfers WHERE id = ?", [id]).first?.int("us"))
        #expect(Int64(stored) >= TransferRecord.microseconds(before) && Int64(stored) <= TransferRecord.microseconds(after))
        let completed = try world.snapshot()
        #expect(try Self.accept(world, id, waiting) == Self.lostRace)
        #expect(try world.snapshot() == completed)
        let late = try Self.arrive(world, as: "directbill-admin")
        #expect(try Self.accept(world, id, late) == Self.alreadyCompleted)
        #expect(try world.snapshot() == completed)
        // Over HTTP, a request sent after the completion: 400 900102 too.
        let resent = try world.acceptP2P(id, [TX.margiesBasic])
        #expect(resent.status == 400)
        #expect(resent.code == ErrorCode.transferAlreadyCompleted)
        #expect(try world.snapshot() == completed)
    }

    @Test("P2P-4 other tenants' writes (committed or rolled back) between a late request's arrival and its read leave 400 900102, not 409")
    func othersWritesDoNotMakeALoser() throws {
        let world = try CreateTransferContractTests.connected()
        let id = try world.createP2P()
        #expect(try world.acceptP2P(id, [TX.margiesBasic]).status == 200)
        // Long after the completion, a request arrives; other tenants write while it waits.
        let late = try Self.arrive(world, as: "directbill-admin")
        #expect(try world.request(.post, "/portal/customers/\(Demo.trey)/agreements/mca", as: "trey-admin").status == 201)
        #expect(try world.request(.patch, "/portal/partners/\(Demo.fabrikam)", as: "microsoft-support",
                                  body: ["status": "Suspended"]).status == 200)
        // A refused write of another tenant, rolled back.
        #expect(try world.request(.post, "/v1/customers/\(Demo.relecloud)/migrations/newcommerce", as: "distributor-admin",
                                  body: [:]).status == 400)
        let before = try world.snapshot()
        #expect(try Self.accept(world, id, late) == Self.alreadyCompleted)
        #expect(try world.snapshot() == before)
        let resent = try world.acceptP2P(id, [TX.margiesBasic])
        #expect(resent.status == 400)
        #expect(resent.code == ErrorCode.transferAlreadyCompleted)
        #expect(try world.snapshot() == before)
    }
}
