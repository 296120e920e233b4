#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Testing
@testable import HTTP

/// Issue 14, "Fair, bounded scheduling": writes and the control plane have lanes of their own,
/// heavy reads (`.bulk`) share the workers but never make a light request wait for their
/// queue, each class is served in arrival order, and bulk work is never starved. Handlers
/// block on a turnstile the test opens one at a time, so every outcome is decided by the
/// schedule, not by timing.
@Suite struct FairSchedulingTests {
    /// Sends each request on its own connection, waiting until the server has taken it (its
    /// handler started or its job queued) before sending the next, so arrival order is the
    /// order of `paths`.
    private func send(_ paths: [String], to server: TestServer, taken: () -> Int) throws -> [TestClient] {
        var clients: [TestClient] = []
        for path in paths {
            let before = taken()
            let client = try server.client(receiveTimeout: 10)
            client.send("GET \(path) HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(eventually { taken() == before + 1 }, "\(path) was not taken")
            clients.append(client)
        }
        return clients
    }

    /// Worker jobs queued (both classes).
    private func queued(_ server: TestServer) -> Int {
        let queued = server.server.queuedWorkerJobs
        return queued.ordinary + queued.bulk
    }

    /// Two bulk jobs holding both workers of a two-worker server (both allowed to run bulk
    /// work), then three bulk jobs queued.
    private func holdWorkersWithBulkWork(_ server: TestServer) throws -> [TestClient] {
        let running = try send(["/bulk/hold/b0", "/bulk/hold/b1"], to: server) { server.server.runningHandlers }
        let waiting = try send(["/bulk/hold/b2", "/bulk/hold/b3", "/bulk/hold/b4"], to: server) { queued(server) }
        #expect(server.server.runningHandlers == 2)
        #expect(server.server.queuedWorkerJobs.bulk == 3)
        return running + waiting
    }

    @Test("a write, a control-plane and an inline request are answered while bulk jobs hold every worker and fill the queue")
    func otherLanesAnswerWhileBulkWorkHoldsEveryWorker() throws {
        let server = try TestServer {
            $0.workerThreads = 2
            $0.bulkThreads = 2
        }
        let bulk = try holdWorkersWithBulkWork(server)

        let probe = try server.client()
        probe.send("GET /write/log/w HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(probe.readResponse()?.body == "w")
        probe.send("GET /control/log/c HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(probe.readResponse()?.body == "c")
        probe.send("GET /inline/ping HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(probe.readResponse()?.body == "pong")
        // None of them took a worker from the bulk jobs, nor a bulk job from the queue.
        #expect(server.server.runningHandlers == 2)
        #expect(server.server.queuedWorkerJobs.bulk == 3)

        server.turnstile.open()
        for client in bulk {
            #expect(client.readResponse()?.status == 200)
        }
    }

    @Test("an ordinary read waits for one running bulk job, not for the bulk queue: the first free worker takes it")
    func ordinaryReadGoesBeforeQueuedBulkJobs() throws {
        let server = try TestServer {
            $0.workerThreads = 2
            $0.bulkThreads = 2
        }
        let bulk = try holdWorkersWithBulkWork(server)
        let reader = try send(["/log/r"], to: server) { queued(server) }[0]
        #expect(server.server.queuedWorkerJobs.ordinary == 1)

        server.turnstile.pass()  // one bulk job finishes: its worker is the first one free
        #expect(reader.readResponse()?.body == "r")
        // The freed worker ran the read, then took the oldest bulk job (which holds it again).
        #expect(eventually { server.started.names.count == 4 })
        let names = server.started.names
        #expect(Set(names.prefix(2)) == ["b0", "b1"])
        #expect(Array(names.dropFirst(2)) == ["r", "b2"])
        #expect(server.server.queuedWorkerJobs.bulk == 2)

        server.turnstile.open()
        for client in bulk {
            #expect(client.readResponse()?.status == 200)
        }
        #expect(Set(server.started.names.suffix(2)) == ["b3", "b4"])
    }

    @Test("by default bulk work leaves a worker to light requests: reads are answered while bulk jobs wait")
    func bulkWorkLeavesAWorkerToLightRequests() throws {
        let server = try TestServer { $0.workerThreads = 4 }
        let running = try send(["/bulk/hold/b0", "/bulk/hold/b1", "/bulk/hold/b2"], to: server) { server.server.runningHandlers }
        let waiting = try send(["/bulk/hold/b3", "/bulk/hold/b4"], to: server) { queued(server) }
        // One of the four workers is idle, yet the bulk jobs wait: their limit is reached.
        #expect(server.server.runningHandlers == 3)
        #expect(server.server.queuedWorkerJobs.bulk == 2)

        let reader = try server.client()
        for name in ["r1", "r2", "r3"] {
            reader.send("GET /log/\(name) HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(reader.readResponse()?.body == name)
        }
        #expect(server.server.queuedWorkerJobs.bulk == 2)

        // Each bulk job done, its thread takes the next one: bulk work goes on at its limit.
        server.turnstile.open()
        for client in running + waiting {
            #expect(client.readResponse()?.status == 200)
        }
        #expect(server.started.names.filter { $0.hasPrefix("b") }.count == 5)
    }

    @Test("writes waiting for their lane hold no worker: reads of both classes are answered meanwhile")
    func blockedWritesHoldNoWorker() throws {
        let server = try TestServer {
            $0.workerThreads = 2
            $0.writeThreads = 2
        }
        let writes = try send(["/write/hold/w0", "/write/hold/w1"], to: server) { server.server.runningHandlers }
            + send(["/write/hold/w2"], to: server) { server.server.queuedWriteJobs }
        #expect(server.server.runningHandlers == 2)
        #expect(server.server.queuedWriteJobs == 1)

        let reader = try server.client()
        reader.send("GET /log/r HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(reader.readResponse()?.body == "r")
        reader.send("GET /bulk/log/b HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(reader.readResponse()?.body == "b")
        #expect(server.server.queuedWriteJobs == 1)

        // The write lane is FIFO too: the third write starts once one of the first two is done.
        server.turnstile.pass()
        #expect(eventually { server.started.names.contains("w2") })
        server.turnstile.open()
        for client in writes {
            #expect(client.readResponse()?.status == 200)
        }
    }

    @Test("each class is served in arrival order across connections, ordinary before bulk")
    func eachClassIsFirstInFirstOut() throws {
        let server = try TestServer { $0.workerThreads = 1 }
        let clients = try send(["/hold/h"], to: server) { server.server.runningHandlers }
            + send(["/bulk/log/b1", "/log/o1", "/bulk/log/b2", "/log/o2", "/log/o3", "/bulk/log/b3"], to: server) { queued(server) }
        server.turnstile.pass()
        for client in clients {
            #expect(client.readResponse()?.status == 200)
        }
        #expect(server.started.names == ["h", "o1", "o2", "o3", "b1", "b2", "b3"])
    }

    @Test("bulk work is never starved: after every `bulkInterval` ordinary jobs taken while it waits, a bulk job runs")
    func bulkIsNotStarved() throws {
        let server = try TestServer {
            $0.workerThreads = 1
            $0.bulkInterval = 2
        }
        let clients = try send(["/hold/h"], to: server) { server.server.runningHandlers }
            + send(["/bulk/log/b1", "/bulk/log/b2"] + (1...5).map { "/log/o\($0)" }, to: server) { queued(server) }
        server.turnstile.pass()
        for client in clients {
            #expect(client.readResponse()?.status == 200)
        }
        #expect(server.started.names == ["h", "o1", "o2", "b1", "o3", "o4", "b2", "o5"])
    }

    #if os(Linux)
    @Test("read workers run nicer than the rest of the server, so a write or the connections' I/O takes a core from them at once")
    func readWorkersRunNicer() {
        let which = __priority_which_t(PRIO_PROCESS.rawValue)
        let base = getpriority(which, 0)
        for (niceness, expected) in [(Int32(4), min(19, base + 4)), (0, base)] {
            let pool = WorkerPool(size: 1, niceness: niceness)
            let seen = Journal()
            let done = DispatchSemaphore(value: 0)
            pool.submit { seen.record(String(getpriority(which, 0))); done.signal() }
            #expect(done.wait(timeout: .now() + 10) == .success)
            #expect(seen.names == [String(expected)])
            pool.stop()
        }
        #expect(ServerConfiguration(host: "127.0.0.1", port: 0).readWorkerNiceness == 4)
    }
    #endif

    @Test("stop lets the jobs of both classes queued before it run, by the same rule")
    func stopRunsQueuedJobsOfBothClasses() {
        let pool = WorkerPool(size: 1, bulkInterval: 1, bulkLimit: 1)
        let holding = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        let order = Journal()
        pool.submit {
            holding.signal()
            release.wait()
            order.record("h")
            done.signal()
        }
        #expect(holding.wait(timeout: .now() + 10) == .success)
        pool.submit(.bulk) { order.record("b"); done.signal() }
        pool.submit { order.record("o1"); done.signal() }
        pool.submit { order.record("o2"); done.signal() }
        #expect(pool.queued == (ordinary: 2, bulk: 1))
        pool.stop()
        release.signal()
        for _ in 0..<4 {
            #expect(done.wait(timeout: .now() + 10) == .success)
        }
        #expect(order.names == ["h", "o1", "b", "o2"])
        // After stop a straggler still runs, on a thread of its own.
        pool.submit { done.signal() }
        #expect(done.wait(timeout: .now() + 10) == .success)
    }

    @Test("stop lets every thread exit even while bulk jobs wait for the limit, once they have run")
    func stopWithBulkJobsHeldBackByTheLimit() {
        let pool = WorkerPool(size: 3, bulkInterval: 8, bulkLimit: 1)
        let holding = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        let order = Journal()
        pool.submit(.bulk) {
            holding.signal()
            release.wait()
            order.record("b0")
            done.signal()
        }
        #expect(holding.wait(timeout: .now() + 10) == .success)
        for name in ["b1", "b2"] {
            pool.submit(.bulk) { order.record(name); done.signal() }
        }
        // Two threads are free, but the limit holds both bulk jobs back.
        #expect(pool.queued == (ordinary: 0, bulk: 2))
        pool.stop()
        release.signal()
        for _ in 0..<3 {
            #expect(done.wait(timeout: .now() + 10) == .success)
        }
        #expect(order.names == ["b0", "b1", "b2"])
    }
}
