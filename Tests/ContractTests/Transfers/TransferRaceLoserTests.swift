import Foundation
import JSON
@testable import PartnerCenter
import Testing

/// 900102 is 400 for a request sent after the transfer was completed, 409 900104 for one that
/// arrived while another request was completing it (it waited for the writer and lost).
@Suite("Transfers: already completed (400 900102) versus a lost race (409 900104)")
struct TransferRaceLoserTests {
    typealias Demo = TestWorld.Demo
    typealias TX = TestWorld.TX

    @Test("P2P-4 a step that arrived before the completion was written answers 409 900104; one after it 400 900102")
    func loserVersusLateComer() throws {
        let world = try CreateTransferContractTests.connected()
        let id = try world.createP2P()
        // This request "arrives" now, before the acceptance below is written.
        let waiting = OperationContext(principal: nil, now: Date(), services: world.services)
        #expect(try world.acceptP2P(id, [TX.margiesBasic]).status == 200)
        let completed = try #require(try world.services.database.read { db in try TransferRecord.find(id, customer: Demo.margies, db) })
        #expect(completed.status == .complete)
        #expect(throws: APIError(.conflict, code: ErrorCode.transferProcessedByAnotherRequest,
                                 "The transfer was completed by another request while this one waited.")) {
            try completed.requireActive(waiting)
        }
        let late = OperationContext(principal: nil, now: Date(), services: world.services)
        #expect(throws: APIError(.badRequest, code: ErrorCode.transferAlreadyCompleted, "The transfer has already been completed.")) {
            try completed.requireActive(late)
        }
    }
}
