#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Testing
@testable import HTTP

/// Issue 10 item 3: slow clients must not hold the server. Short configured timeouts keep
/// these fast; bounds are generous (a loaded 2-core machine must not flake them).
@Suite struct SlowClientTests {
    /// Sends `bytes` one at a time, `interval` apart, from a background thread; stops at the
    /// first failed send (the server closed). It writes to its own duplicate of the socket, so
    /// it can never hit a descriptor number reused by another test after the client closes.
    private func drip(_ client: TestClient, _ bytes: [UInt8], interval: useconds_t) {
        let fd = dup(client.fd)
        guard fd >= 0 else { return }
        DispatchQueue.global().async {
            defer { Glibc.close(fd) }
            for byte in bytes {
                var value = byte
                if Glibc.send(fd, &value, 1, Int32(MSG_NOSIGNAL)) != 1 { return }
                usleep(interval)
            }
        }
    }

    @Test("Hardening: a body dripped one byte at a time gets 408 at the whole-request deadline, not a timeout restarted per byte")
    func drippedBodyHitsRequestDeadline() throws {
        let server = try TestServer {
            $0.headTimeout = 5
            $0.requestTimeout = 1
            $0.minBodyBytesPerSecond = 0
        }
        let client = try server.client(receiveTimeout: 8)
        let started = DispatchTime.now()
        client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n")
        // 10 bytes/s would need 10 s for the body; before the fix every byte restarted a 5 s timer.
        drip(client, [UInt8](repeating: 0x61, count: 100), interval: 100_000)
        let response = try #require(client.readResponse())
        #expect(response.statusLine == "HTTP/1.1 408 Request Timeout")
        #expect(response.header("Connection") == "close")
        #expect(response.body.contains("received in time"))
        let elapsed = seconds(since: started)
        #expect(elapsed >= 0.9)
        #expect(elapsed < 4)
    }

    @Test("Hardening: a dripped head is bounded by the request deadline when it is shorter than the head timeout")
    func drippedHeadHitsRequestDeadline() throws {
        let server = try TestServer {
            $0.headTimeout = 10
            $0.requestTimeout = 0.8
        }
        let client = try server.client(receiveTimeout: 8)
        // The first request is answered, so the second head's deadline starts at its first byte.
        client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(client.readResponse()?.status == 200)
        let started = DispatchTime.now()
        drip(client, Array("GET /hello HTTP/1.1\r\nHost: t\r\nX-Padding: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n".utf8), interval: 50_000)
        let response = try #require(client.readResponse())
        #expect(response.statusLine == "HTTP/1.1 408 Request Timeout")
        #expect(seconds(since: started) < 5)
    }

    @Test("Hardening: a body slower than the minimum rate gets 408 after the grace period")
    func bodyBelowMinimumRateIs408() throws {
        let server = try TestServer {
            $0.requestTimeout = 30
            $0.minBodyBytesPerSecond = 100
            $0.bodyRateGracePeriod = 0.5
        }
        let client = try server.client(receiveTimeout: 8)
        let started = DispatchTime.now()
        client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 200\r\n\r\n")
        drip(client, [UInt8](repeating: 0x62, count: 200), interval: 100_000)  // 10 bytes/s
        let response = try #require(client.readResponse())
        #expect(response.statusLine == "HTTP/1.1 408 Request Timeout")
        #expect(response.body.contains("too slowly"))
        #expect(client.isClosedByServer())
        #expect(seconds(since: started) < 5)
    }

    @Test func bodyAboveMinimumRateIsServed() throws {
        let server = try TestServer {
            $0.minBodyBytesPerSecond = 100
            $0.bodyRateGracePeriod = 0.2
        }
        let client = try server.client()
        client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 1000\r\n\r\n")
        // 1,000 bytes/s in ten pieces, ten times the minimum and longer than the grace period.
        for _ in 0..<10 {
            client.send([UInt8](repeating: 0x63, count: 100))
            usleep(60_000)
        }
        let response = try #require(client.readResponse())
        #expect(response.status == 200)
        #expect(response.body.utf8.count == 1000)
    }

    @Test("Hardening: at the connection limit the oldest idle keep-alive is closed to admit a new client")
    func idleKeepAliveIsEvictedAtTheLimit() throws {
        let server = try TestServer { $0.maxConnections = 2 }
        let oldest = try server.client()
        let newer = try server.client()
        for client in [oldest, newer] {
            client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            #expect(client.readResponse()?.status == 200)
            usleep(20_000)
        }
        let newcomer = try server.client()
        newcomer.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        let response = try #require(newcomer.readResponse())
        #expect(response.statusLine == "HTTP/1.1 200 OK")
        // The one idle the longest was closed silently; the other keeps working.
        #expect(oldest.isClosedByServer())
        newer.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(newer.readResponse()?.body == "hello")
    }

    @Test func busyConnectionIsNotEvictedButIdleOneIs() throws {
        let server = try TestServer { $0.maxConnections = 2 }
        let busy = try server.client()
        let idle = try server.client()
        idle.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(idle.readResponse()?.status == 200)
        // Busy since before `idle` went idle: its head is half sent.
        busy.send("GET /hello HTTP/1.1\r\n")
        usleep(50_000)
        let newcomer = try server.client()
        newcomer.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(newcomer.readResponse()?.status == 200)
        #expect(idle.isClosedByServer())
        busy.send("Host: t\r\n\r\n")
        #expect(busy.readResponse()?.body == "hello")
    }
}

extension SlowClientTests {
    @Test("Hardening: a client reading a response slower than the minimum rate is disconnected")
    func slowReaderIsDisconnected() throws {
        let server = try TestServer {
            $0.minBodyBytesPerSecond = 200_000
            $0.bodyRateGracePeriod = 0.3
            $0.idleTimeout = 30
        }
        let client = try server.client(receiveTimeout: 10)
        var size: Int32 = 4096
        setsockopt(client.fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        client.send("GET /huge HTTP/1.1\r\nHost: t\r\n\r\n")
        let started = DispatchTime.now()
        var received = 0
        var chunk = [UInt8](repeating: 0, count: 4096)
        // About 80 KB/s: the 24 MiB response would take five minutes.
        while seconds(since: started) < 15 {
            let count = chunk.withUnsafeMutableBytes { recv(client.fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            received += count
            usleep(50_000)
        }
        #expect(received < 24 << 20)
        #expect(seconds(since: started) < 12)
    }

    @Test("Hardening: a client that stops reading its response frees its slot after the grace period, not after idleTimeout")
    func stalledReaderIsDisconnected() throws {
        let server = try TestServer {
            $0.minBodyBytesPerSecond = 200_000
            $0.bodyRateGracePeriod = 0.3
            $0.idleTimeout = 30
        }
        let client = try server.client(receiveTimeout: 10)
        client.send("GET /huge HTTP/1.1\r\nHost: t\r\n\r\n")
        #expect(eventually { server.server.openConnections == 1 })
        // Before: each bit of progress restarted idleTimeout (30 s here).
        #expect(eventually(within: 5) { server.server.openConnections == 0 })
    }
}
