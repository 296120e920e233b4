#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Testing
@testable import HTTP

@Suite struct ShutdownTests {
    @Test func inFlightRequestCompletesDuringShutdown() throws {
        let server = try TestServer()
        let busy = try server.client()
        let idle = try server.client()
        idle.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(idle.readResponse()?.status == 200)

        busy.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")
        usleep(100_000)  // the handler is now sleeping
        let finished = DispatchSemaphore(value: 0)
        let started = DispatchTime.now()
        let httpServer = server.server
        DispatchQueue.global().async {
            httpServer.shutdown()
            finished.signal()
        }
        let response = try #require(busy.readResponse())
        #expect(response.status == 200)
        #expect(response.body == "slow")
        #expect(busy.isClosedByServer())
        #expect(idle.isClosedByServer())
        #expect(finished.wait(timeout: .now() + 5) == .success)
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        #expect(elapsed < 3)
        // The listener is gone: new connections are refused.
        #expect(throws: SocketError.self) { _ = try server.client() }
    }

    @Test func shutdownIsBoundedByGracePeriod() throws {
        let server = try TestServer { $0.shutdownGracePeriod = 0.1 }
        let client = try server.client()
        client.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n")
        usleep(50_000)
        let started = DispatchTime.now()
        server.server.shutdown()
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        // Grace (0.1 s) plus the bounded wait for a still-running handler; well under the 0.3 s sleep + slack.
        #expect(elapsed < 1.0)
    }

    @Test func shutdownWithNoConnectionsReturnsQuicklyAndIsIdempotent() throws {
        let server = try TestServer()
        let started = DispatchTime.now()
        server.server.shutdown()
        server.server.shutdown()
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        #expect(elapsed < 0.5)
    }

    @Test func serverCanStartAgainAfterShutdown() throws {
        let server = try TestServer()
        server.server.shutdown()
        let port = try server.server.start()
        #expect(port > 0)
        let client = try TestClient(port: port)
        client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(client.readResponse()?.body == "hello")
    }

    @Test func cleanShutdownReturnsTrue() throws {
        let server = try TestServer()
        let client = try server.client()
        client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(client.readResponse()?.status == 200)
        #expect(server.server.shutdown())
        #expect(client.isClosedByServer())
    }

    @Test("Hardening: shutdown returns false within the grace period plus a bound when a worker handler is stuck")
    func shutdownWithStuckWorkerHandlerIsBounded() throws {
        let server = try TestServer { $0.shutdownGracePeriod = 0.3 }
        let client = try server.client()
        client.send("GET /block HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(eventually { server.server.runningHandlers == 1 })
        let started = DispatchTime.now()
        let finished = server.server.shutdown()
        let elapsed = seconds(since: started)
        #expect(finished == false)
        #expect(elapsed >= 0.25)
        #expect(elapsed < 2)
        // The stuck connection was force-closed without an answer.
        #expect(client.isClosedByServer())
        server.gate.open()
        #expect(eventually { server.server.runningHandlers == 0 })
    }

    @Test func shutdownWithStuckInlineHandlerIsBounded() throws {
        let server = try TestServer { $0.shutdownGracePeriod = 0.3 }
        let client = try server.client()
        client.send("GET /inline/block HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(eventually { server.server.runningHandlers == 1 })
        let started = DispatchTime.now()
        #expect(server.server.shutdown() == false)
        #expect(seconds(since: started) < 2)
        server.gate.open()
        _ = client.readAll()
        #expect(eventually { server.server.runningHandlers == 0 })
    }
}
