#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization
import Testing
@testable import HTTP

/// Issue 10 item 5: worker-lane handlers run on the server's own threads, so blocked handlers
/// cannot starve inline-lane requests (health, control plane) of their answer.
@Suite struct LaneTests {
    @Test("Hardening: with every worker blocked, an inline-lane request is still answered promptly")
    func inlineLaneAnswersWhileAllWorkersAreBlocked() throws {
        let server = try TestServer { $0.workerThreads = 2 }
        // More blocked requests than workers (and than cores): the extra one waits in the queue.
        let blocked = try (0..<3).map { _ in try server.client(receiveTimeout: 10) }
        for client in blocked {
            client.send("GET /block HTTP/1.1\r\nHost: t\r\n\r\n")
        }
        #expect(eventually { server.server.runningHandlers == 2 })

        for _ in 0..<3 {
            let probe = try server.client(receiveTimeout: 5)
            let started = DispatchTime.now()
            probe.send("GET /inline/ping HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try #require(probe.readResponse())
            #expect(response.body == "pong")
            #expect(seconds(since: started) < 1)
        }
        // Still blocked: the workers were not freed by the probes.
        #expect(server.server.runningHandlers == 2)

        server.gate.open()
        for client in blocked {
            let response = try #require(client.readResponse())
            #expect(response.body == "released")
        }
        #expect(eventually { server.server.runningHandlers == 0 })
    }

    @Test("Hardening: with every worker blocked and more work queued, a control-lane request runs on its own threads")
    func controlLaneAnswersWhileTheWorkerLaneIsBacklogged() throws {
        let server = try TestServer { $0.workerThreads = 2 }
        let blocked = try (0..<4).map { _ in try server.client(receiveTimeout: 10) }
        for client in blocked {
            client.send("GET /block HTTP/1.1\r\nHost: t\r\n\r\n")
        }
        #expect(eventually { server.server.runningHandlers == 2 })

        // A blocking handler on the control lane: were it queued on the worker lane it would
        // wait for the gate (the two queued /block jobs come first).
        let probe = try server.client(receiveTimeout: 5)
        for _ in 0..<3 {
            let started = DispatchTime.now()
            probe.send("GET /control/ping HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try #require(probe.readResponse())
            #expect(response.body == "control")
            #expect(seconds(since: started) < 2)
        }
        #expect(server.server.runningHandlers == 2)

        server.gate.open()
        for client in blocked {
            #expect(client.readResponse()?.body == "released")
        }
    }

    @Test func pipelinedRequestsAcrossLanesKeepTheirOrder() throws {
        let server = try TestServer()
        let client = try server.client()
        client.send("GET /sleep HTTP/1.1\r\nHost: t\r\n\r\nGET /inline/ping HTTP/1.1\r\nHost: t\r\n\r\nGET /control/ping HTTP/1.1\r\nHost: t\r\n\r\nGET /customers/7 HTTP/1.1\r\nHost: t\r\n\r\n")
        let bodies = (0..<4).map { _ in client.readResponse()?.body }
        #expect(bodies == ["slept", "pong", "control", "7"])
    }

    @Test func noTimeoutFiresWhileAHandlerRuns() throws {
        let server = try TestServer {
            $0.headTimeout = 0.2
            $0.requestTimeout = 0.3
            $0.idleTimeout = 0.3
        }
        let client = try server.client()
        client.send("GET /sleep HTTP/1.1\r\nHost: t\r\n\r\n")
        let response = try #require(client.readResponse())
        #expect(response.statusLine == "HTTP/1.1 200 OK")
        #expect(response.body == "slept")
    }

    @Test func headAndContinueWorkOnTheWorkerLane() throws {
        let server = try TestServer()
        let client = try server.client()
        client.send("HEAD /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        let head = try #require(client.readResponse(isHead: true))
        #expect(head.header("Content-Length") == "5")
        client.send("POST /echo HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n")
        #expect(client.readResponse()?.status == 100)
        client.send("ok")
        #expect(client.readResponse()?.body == "ok")
    }

    @Test func peerHalfCloseDuringHandlerStillGetsTheAnswer() throws {
        let server = try TestServer()
        let client = try server.client()
        client.send("GET /sleep HTTP/1.1\r\nHost: t\r\n\r\n")
        shutdown(client.fd, Int32(SHUT_WR))
        let response = try #require(client.readResponse())
        #expect(response.body == "slept")
        #expect(client.isClosedByServer())
    }

    @Test func workerPoolRunsEveryJob() {
        let pool = WorkerPool(size: 3)
        let done = Mutex(0)
        let finished = DispatchSemaphore(value: 0)
        for _ in 0..<2_000 {
            pool.submit {
                done.withLock { $0 += 1 }
                finished.signal()
            }
        }
        for _ in 0..<2_000 {
            #expect(finished.wait(timeout: .now() + 10) == .success)
        }
        #expect(done.withLock { $0 } == 2_000)
        pool.stop()
    }
}
