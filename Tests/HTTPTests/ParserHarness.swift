@testable import HTTP

/// Feeds raw bytes to a `RequestParser` in a chosen chunking and collects what it yields.
struct ParserHarness {
    struct Outcome {
        var requests: [(request: HTTPRequest, keepAlive: Bool)] = []
        var continues = 0
        var error: HTTPParseError?
    }

    static func run(_ text: String, limits: ParserLimits = .default, chunkSize: Int? = nil) -> Outcome {
        run(Array(text.utf8), limits: limits, chunkSize: chunkSize)
    }

    static func run(_ bytes: [UInt8], limits: ParserLimits = .default, chunkSize: Int? = nil) -> Outcome {
        var parser = RequestParser(limits: limits, remoteAddress: "test")
        var outcome = Outcome()
        let step = max(1, chunkSize ?? bytes.count)
        var offset = 0
        repeat {
            let end = min(bytes.count, offset + step)
            parser.append(contentsOf: bytes[offset..<end])
            offset = end
            draining: while true {
                do {
                    switch try parser.next() {
                    case .needMoreData:
                        break draining
                    case .expectContinue:
                        outcome.continues += 1
                    case .request(let request, let keepAlive):
                        outcome.requests.append((request, keepAlive))
                    }
                } catch {
                    outcome.error = error
                    return outcome
                }
            }
        } while offset < bytes.count
        return outcome
    }
}
