#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import HTTP
import Testing

/// What an application's injected faults ask of the server: `HTTPResponse.dropsConnection`
/// (nothing written, the connection closed after the answers before it) and
/// `HTTPResponse.delay` (the answer held on a timer, holding no thread).
@Suite("Injected faults: dropped connections and delays")
struct InjectedFaultTests {
    @Test("A dropped response writes nothing after the pipelined responses before it and closes the connection")
    func droppedAfterPipelined() throws {
        for lane in ["", "/inline"] {
            let server = try TestServer()
            let client = try server.client()
            client.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\nGET \(lane)/drop HTTP/1.1\r\nHost: x\r\n\r\nGET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
            let first = try #require(client.readResponse())
            #expect(first.status == 200)
            #expect(first.body == "hello")
            // Not the dropped answer, nor the request after it: a clean end of stream.
            let rest = client.readAll()
            #expect(rest.text == "", "lane \(lane)")
            #expect(rest.end == .closed, "lane \(lane)")
            #expect(eventually { server.log.entries.withLock { $0.count } >= 2 })
            let dropped = try #require(server.log.entries.withLock { $0.first { $0.path == "\(lane)/drop" } })
            #expect(dropped.dropped)
            #expect(dropped.bytes == 0)
            #expect(server.log.entries.withLock { $0.count } == 2, "the request after the drop is not answered")
        }
    }

    @Test("A delayed response holds no worker thread: another connection is answered meanwhile on a one-thread pool")
    func delayHoldsNoThread() throws {
        let server = try TestServer { $0.workerThreads = 1 }
        let held = try server.client(receiveTimeout: 15)
        held.send("GET /delay/4000 HTTP/1.1\r\nHost: x\r\n\r\n")
        // The delayed handler has returned (its access-log entry is written only when answered,
        // so wait for the one worker to be free by answering another request on it).
        let other = try server.client()
        other.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        let answer = try #require(other.readResponse())
        #expect(answer.body == "hello")
        // The held connection has received nothing yet.
        var byte: UInt8 = 0
        #expect(recv(held.fd, &byte, 1, Int32(MSG_PEEK) | Int32(MSG_DONTWAIT)) < 0)
        let delayed = try #require(held.readResponse())
        #expect(delayed.status == 200)
        #expect(delayed.body == "delayed")
    }

    @Test("A delayed response keeps pipelined answers in order, on the worker and inline lanes")
    func delayKeepsOrder() throws {
        let server = try TestServer()
        for lane in ["", "/inline"] {
            let client = try server.client()
            client.send("GET \(lane)/delay/200 HTTP/1.1\r\nHost: x\r\n\r\nGET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
            let first = try #require(client.readResponse())
            #expect(first.body == "delayed", "lane \(lane)")
            let second = try #require(client.readResponse())
            #expect(second.body == "hello", "lane \(lane)")
        }
    }

    @Test("A delayed drop closes the connection once the delay is over, writing nothing")
    func delayedDrop() throws {
        let server = try TestServer()
        let client = try server.client()
        client.send("GET /delay/100/drop HTTP/1.1\r\nHost: x\r\n\r\n")
        let rest = client.readAll()
        #expect(rest.text == "")
        #expect(rest.end == .closed)
        #expect(eventually { server.log.entries.withLock { $0.contains { $0.dropped } } })
    }

    @Test("Shutdown sends a held (delayed) answer at once instead of losing it when the grace period ends")
    func shutdownSendsHeldAnswer() throws {
        // A one-minute delay and a grace period longer than the client waits: only an answer
        // sent when shutdown begins reaches the client.
        let server = try TestServer { $0.shutdownGracePeriod = 30 }
        let client = try server.client(receiveTimeout: 10)
        client.send("GET /delay/60000 HTTP/1.1\r\nHost: x\r\n\r\n")
        // The handler has run once the server counts no activity; wait for the hold, then stop.
        let other = try server.client()
        other.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(other.readResponse()?.body == "hello")
        let stopped = DispatchSemaphore(value: 0)
        let httpServer = server.server
        DispatchQueue.global().async {
            _ = httpServer.shutdown()
            stopped.signal()
        }
        let answer = try #require(client.readResponse())
        #expect(answer.status == 200)
        #expect(answer.body == "delayed")
        #expect(client.isClosedByServer())
        #expect(stopped.wait(timeout: .now() + 10) == .success)
    }
}
