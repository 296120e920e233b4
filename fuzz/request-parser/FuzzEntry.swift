// libFuzzer entry for the HTTP request parser. Compiled together with Sources/HTTP/*.swift
// into one module (RequestParser is internal), never part of `swift build` / `swift test`.
//
// Each input is parsed twice: whole, and appended in random splits chosen by a seed taken
// from the input. Invariants (any violation traps, which libFuzzer reports as a crash):
// - the parser never crashes and every `next()` loop ends (no request without progress);
// - the split run yields the same requests as the whole run (split independence);
// - every yielded body respects maxBodyBytes; buffered bytes never exceed what was appended;
// - an error is sticky; every body-budget reservation is returned.

private let limits = ParserLimits(maxRequestLineBytes: 96, maxHeaderBytes: 512, maxHeaderCount: 12, maxBodyBytes: 700)

private struct Summary: Equatable {
    var method: String
    var target: String
    var rawPath: String
    var headers: [String]
    var body: [UInt8]
    var keepAlive: Bool
}

private struct Run {
    var requests: [Summary] = []
    var failed = false
}

/// A tiny deterministic generator so split points depend only on the input.
private struct SplitMix {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

private func check(_ condition: Bool, _ message: StaticString) {
    if !condition { fatalError("\(message)") }
}

private func parse(_ bytes: [UInt8], splits: inout SplitMix?) -> Run {
    let budget = BodyBudget(limit: 1_000)
    var parser = RequestParser(limits: limits, remoteAddress: "fuzz", budget: budget)
    var run = Run()
    var offset = 0
    var appended = 0
    repeat {
        var step = bytes.count - offset
        if var generator = splits {
            step = min(step, Int(generator.next() % 17))
            splits = generator
        }
        parser.append(contentsOf: bytes[offset..<(offset + step)])
        offset += step
        appended += step
        var events = 0
        draining: while !run.failed {
            events += 1
            // A request is at least 16 bytes (and yields at most a 100-continue and itself).
            check(events <= appended / 8 + 3, "parser yields events without consuming input")
            do {
                switch try parser.next() {
                case .needMoreData:
                    break draining
                case .expectContinue:
                    continue
                case .request(let request, let keepAlive):
                    check(request.body.count <= limits.maxBodyBytes, "body over maxBodyBytes")
                    budget.release(parser.takeCompletedReservation())
                    run.requests.append(Summary(
                        method: request.method.rawValue, target: request.target, rawPath: request.rawPath,
                        headers: request.headers.map { "\($0.name): \($0.value)" }, body: request.body,
                        keepAlive: keepAlive))
                    // Routing-side decoding must not crash on anything the parser lets through.
                    _ = PathSegments.decode(request.rawPath)
                }
            } catch {
                run.failed = true
                // Sticky: the same parser keeps refusing.
                if case .request = (try? parser.next()) ?? .needMoreData {
                    check(false, "a failed parser yielded a request")
                }
            }
        }
        check(parser.bufferedBytes <= appended, "buffered more than appended")
    } while offset < bytes.count
    parser.releaseReservations()
    check(budget.reserved == 0, "body budget not returned")
    return run
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRequestParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var none: SplitMix? = nil
    let whole = parse(bytes, splits: &none)
    var seed: UInt64 = 0xC0FFEE
    for byte in bytes.prefix(8) { seed = seed << 8 | UInt64(byte) }
    var splits: SplitMix? = SplitMix(state: seed)
    let split = parse(bytes, splits: &splits)
    // Limits may trip at a different point when bytes arrive in pieces (an over-long line is
    // refused before its end is seen), so compare what both runs completed.
    let common = min(whole.requests.count, split.requests.count)
    check(Array(whole.requests.prefix(common)) == Array(split.requests.prefix(common)), "split run disagrees with whole run")
    if !whole.failed && !split.failed {
        check(whole.requests.count == split.requests.count, "split run yields a different number of requests")
    }
    return 0
}
