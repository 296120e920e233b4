// A throughput harness for the HTTP server alone: one tiny GET route on 127.0.0.1.
// Usage: fuzz/bench/run.sh (builds with the module sources, runs wrk). Not part of swift build.
#if canImport(Glibc)
import Glibc
#endif
import Dispatch

@main
enum BenchServer {
    static func main() throws {
        let arguments = CommandLine.arguments
        let port = arguments.count > 1 ? Int(arguments[1]) ?? 18101 : 18101
        let inline = arguments.count > 2 && arguments[2] == "inline"
        let body = Array("{\"status\":\"Healthy\"}".utf8)
        var configuration = ServerConfiguration(host: "127.0.0.1", port: port)
        #if BENCH_TLS
        configuration.tls = TLSConfiguration(certificateChainFile: arguments[3], privateKeyFile: arguments[4])
        #endif
        let server = HTTPServer(
            configuration: configuration,
            handler: { _ in HTTPResponse(status: .ok, headers: HTTPHeaders([("Content-Type", "application/json")]), body: body) },
            errorResponse: { status, _ in HTTPResponse(status: status) },
            lane: { _ in inline ? .inline : .worker })
        try server.start()
        print("bench server on 127.0.0.1:\(port) (\(inline ? "inline" : "worker") lane)")
        dispatchMain()
    }
}
