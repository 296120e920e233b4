import Foundation
import HTTP
import JSON
import SQLite

/// Idempotent replay (spec/api.md): a POST, PATCH or DELETE repeated by the same caller with
/// the same `MS-RequestId` within 24 hours of simulated time returns the first response and
/// changes nothing. The lookup and the store run inside the request's own write
/// transaction, so two concurrent requests with one id cannot both execute.
struct IdempotencyKey: Sendable {
    let tenantId: String
    let principalId: String
    let requestId: String

    static let window: TimeInterval = 24 * 3600

    func lookup(_ db: Connection, now: Date) throws -> RenderedResponse? {
        let since = Timestamp.format(now.addingTimeInterval(-Self.window))
        guard let row = try db.queryOne(
            "SELECT status, headers, body FROM idempotency_keys WHERE tenant_id = ? AND principal_id = ? AND request_id = ? AND created_at >= ?",
            [tenantId, principalId, requestId, since]) else { return nil }
        let code = row.int("status") ?? 200
        var headers: [(String, String)] = []
        if let text = row.string("headers"), let pairs = try? JSON.parse(text).arrayValue {
            for pair in pairs {
                if let name = pair[0]?.stringValue, let value = pair[1]?.stringValue { headers.append((name, value)) }
            }
        }
        return RenderedResponse(status: HTTPStatus(code: code, reason: HTTPStatus.reason(for: code)),
                                headers: headers, body: row.bytes("body") ?? [])
    }

    func store(_ response: RenderedResponse, method: String, path: String, _ db: Connection, now: Date) throws {
        let headers = JSON.array(response.headers.map { .array([.string($0.0), .string($0.1)]) })
        try db.run("""
            INSERT INTO idempotency_keys (tenant_id, principal_id, request_id, method, path, status, headers, body, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (tenant_id, principal_id, request_id) DO UPDATE SET
                method = excluded.method, path = excluded.path, status = excluded.status,
                headers = excluded.headers, body = excluded.body, created_at = excluded.created_at
            """,
            [tenantId, principalId, requestId, method, path, response.status.code,
             String(decoding: headers.serialized(), as: UTF8.self), response.body, Timestamp.format(now)])
    }
}

extension HTTPStatus {
    static func reason(for code: Int) -> String {
        switch code {
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 400: "Bad Request"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 409: "Conflict"
        default: "Status \(code)"
        }
    }
}
