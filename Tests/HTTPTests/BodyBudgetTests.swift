#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Testing
@testable import HTTP

/// Issue 10 item 4: bodies in flight share one memory budget (`maxInFlightBodyBytes`).
@Suite struct BodyBudgetTests {
    @Test("Hardening: a body that would exceed the in-flight budget is 503 and close; the budget returns to zero on close")
    func budgetRefusesAndIsReleasedOnClose() throws {
        let server = try TestServer {
            $0.maxBodyBytes = 10_000
            $0.maxInFlightBodyBytes = 1_000
        }
        var holder: TestClient? = try server.client()
        holder?.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 800\r\n\r\npartial")
        #expect(eventually { server.server.inFlightBodyBytes == 800 })

        let refused = try server.client()
        refused.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 300\r\n\r\n")
        let response = try #require(refused.readResponse())
        #expect(response.statusLine == "HTTP/1.1 503 Service Unavailable")
        #expect(response.header("Connection") == "close")
        #expect(response.body.hasPrefix("error: "))
        #expect(refused.isClosedByServer())
        #expect(server.server.inFlightBodyBytes == 800)  // the refused request reserved nothing

        holder = nil  // the unfinished upload's client goes away
        #expect(eventually { server.server.inFlightBodyBytes == 0 })

        let later = try server.client()
        later.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 300\r\n\r\n" + String(repeating: "z", count: 300))
        let served = try #require(later.readResponse())
        #expect(served.status == 200)
        #expect(served.body.utf8.count == 300)
        #expect(eventually { server.server.inFlightBodyBytes == 0 })
    }

    @Test("Hardening: chunked bodies reserve as chunks arrive and are refused with 503 past the budget")
    func chunkedGrowthIsBudgeted() throws {
        let server = try TestServer {
            $0.maxBodyBytes = 10_000
            $0.maxInFlightBodyBytes = 1_000
        }
        let client = try server.client()
        let chunk = "258\r\n" + String(repeating: "c", count: 600) + "\r\n"  // 0x258 = 600
        client.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk)
        #expect(eventually { server.server.inFlightBodyBytes == 600 })
        client.send(chunk)
        let response = try #require(client.readResponse())
        #expect(response.statusLine == "HTTP/1.1 503 Service Unavailable")
        #expect(client.isClosedByServer())
        #expect(eventually { server.server.inFlightBodyBytes == 0 })
    }

    @Test func reservationLastsWhileTheHandlerRunsAndEndsWithIt() throws {
        let server = try TestServer { $0.maxInFlightBodyBytes = 1_000 }
        let client = try server.client()
        // /block is a GET route; a body on it is legal and held until the handler returns.
        client.send("GET /block HTTP/1.1\r\nHost: t\r\nContent-Length: 500\r\n\r\n" + String(repeating: "q", count: 500))
        #expect(eventually { server.server.runningHandlers == 1 })
        #expect(server.server.inFlightBodyBytes == 500)
        server.gate.open()
        #expect(client.readResponse()?.body == "released")
        #expect(eventually { server.server.inFlightBodyBytes == 0 })
    }

    @Test func budgetAccountingIsExact() {
        let budget = BodyBudget(limit: 100)
        #expect(budget.reserve(60))
        #expect(!budget.reserve(41))
        #expect(budget.reserve(40))
        #expect(!budget.reserve(1))
        budget.release(100)
        #expect(budget.reserved == 0)
        #expect(budget.reserve(0))
    }

    @Test func parserReleasesWhatItReserved() {
        let budget = BodyBudget(limit: 100)
        var parser = RequestParser(budget: budget)
        parser.append(contentsOf: Array("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\n0123456789".utf8))
        guard case .request = try? parser.next() else {
            Issue.record("expected a request")
            return
        }
        #expect(budget.reserved == 10)
        #expect(parser.takeCompletedReservation() == 10)
        budget.release(10)
        parser.append(contentsOf: Array("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 200\r\n\r\n".utf8))
        // Over the budget (but within maxBodyBytes): refused without reserving anything.
        #expect(throws: HTTPParseError.overloaded) { try parser.next() }
        #expect(budget.reserved == 0)
    }
}
