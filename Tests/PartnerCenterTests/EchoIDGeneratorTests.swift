import Foundation
@testable import PartnerCenter
import Synchronization
import Testing

/// Issue 14: request and correlation ids come from a lock-free generator; they must stay
/// lowercase version-4 GUIDs, distinct across threads.
@Suite("Generated request and correlation ids")
struct EchoIDGeneratorTests {
    static func isVersion4(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36, UUID(uuidString: text) != nil, text == text.lowercased() else { return false }
        for dash in [8, 13, 18, 23] where bytes[dash] != UInt8(ascii: "-") { return false }
        return bytes[14] == UInt8(ascii: "4") && "89ab".utf8.contains(bytes[19])
    }

    @Test("ids are lowercase version-4 GUIDs in the 8-4-4-4-12 layout")
    func format() {
        let generator = EchoIDGenerator()
        for _ in 0..<1_000 {
            let id = generator.guid()
            #expect(Self.isVersion4(id), "\(id)")
        }
    }

    @Test("the same seed gives the same ids; ids never repeat, also from many threads at once")
    func distinct() {
        #expect(EchoIDGenerator(seed: 7).guid() == EchoIDGenerator(seed: 7).guid())
        let generator = EchoIDGenerator(seed: 42)
        let seen = Mutex<Set<String>>([])
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            var mine: [String] = []
            for _ in 0..<2_000 { mine.append(generator.guid()) }
            seen.withLock { $0.formUnion(mine) }
        }
        #expect(seen.withLock { $0.count } == 16_000)
    }

    @Test("several MS-CorrelationId headers: the first is the one echoed")
    func firstCorrelationIdWins() throws {
        let world = try TestWorld()
        let response = try world.request(.get, "/portal/partnerships", as: "distributor-admin",
                                         headers: [("MS-CorrelationId", "first"), ("MS-CorrelationId", "second")])
        #expect(response.status == 200)
        #expect(response.headers.values(for: "MS-CorrelationId") == ["first"])
    }
}
