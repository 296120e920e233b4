import Cryptography
import Foundation
import HTTP
import JSON
import SQLite

/// Idempotent replay (spec/api.md): a POST, PATCH or DELETE repeated by the same caller with
/// the same `MS-RequestId` within 24 hours of simulated time returns the first response and
/// changes nothing. The lookup and the store run inside the request's own write
/// transaction, so two concurrent requests with one id cannot both execute.
///
/// Only the same request is replayed: the key remembers the method, path and a fingerprint of
/// the query and body it answered, and the same id on another request is 409 700008 (as Azure
/// and Stripe do), never the other request's answer (docs/decisions.md).
struct IdempotencyKey: Sendable {
    let tenantId: String
    let principalId: String
    let requestId: String

    static let window: TimeInterval = 24 * 3600

    /// What a stored answer was the answer to.
    struct Identity: Sendable, Equatable {
        let method: String
        let path: String
        /// Hex SHA-256 of the query string, a NUL and the body; '' for keys stored before
        /// migration 0010 (compared by method and path only).
        let fingerprint: String

        init(method: String, path: String, fingerprint: String) {
            self.method = method
            self.path = path
            self.fingerprint = fingerprint
        }

        init(_ request: HTTPRequest) {
            let target = request.target
            let query = target.firstIndex(of: "?").map { target[target.index(after: $0)...] } ?? ""
            var hasher = SHA256()
            hasher.update(Array(query.utf8) + [0])
            hasher.update(request.body)
            // The path as routing sees it: literals match case-insensitively, ids are GUIDs, and
            // one trailing slash is ignored, so every spelling of one route is the same request.
            var path = request.path.lowercased()
            if path.count > 1 && path.hasSuffix("/") { path.removeLast() }
            self.init(method: request.method.rawValue, path: path,
                      fingerprint: hasher.finalize().map { String($0, radix: 16).leftPadded(to: 2) }.joined())
        }

        /// The same request again (a legacy key has no fingerprint to compare).
        func matches(_ stored: Identity) -> Bool {
            method == stored.method && path == stored.path
                && (stored.fingerprint.isEmpty || fingerprint == stored.fingerprint)
        }
    }

    struct Stored {
        let response: RenderedResponse
        let identity: Identity
    }

    /// The stored columns of a key's answer, decoded by name.
    private struct StoredRow: Decodable {
        let status: Int
        /// `[[name, value], ...]`.
        let headers: JSON?
        let body: [UInt8]?
        let method: String
        let path: String
        let fingerprint: String
    }

    func lookup(_ db: Connection, now: Date) throws -> Stored? {
        let since = Timestamp.format(now.addingTimeInterval(-Self.window))
        guard let row = try db.fetchOne(StoredRow.self,
            "SELECT status, headers, body, method, path, fingerprint FROM idempotency_keys WHERE tenant_id = ? AND principal_id = ? AND request_id = ? AND created_at >= ?",
            [tenantId, principalId, requestId, since]) else { return nil }
        var headers: [(String, String)] = []
        for pair in row.headers?.arrayValue ?? [] {
            if let name = pair[0]?.stringValue, let value = pair[1]?.stringValue { headers.append((name, value)) }
        }
        let response = RenderedResponse(stored: HTTPStatus(code: row.status), headers: headers, body: row.body ?? [])
        let identity = Identity(method: row.method, path: row.path, fingerprint: row.fingerprint)
        return Stored(response: response, identity: identity)
    }

    /// The stored answer when `identity` is the request it answered; 409 when the id was
    /// used for another request; nil when the id is new (or its 24 hours are over).
    func replay(for identity: Identity, _ db: Connection, now: Date) throws -> RenderedResponse? {
        guard let stored = try lookup(db, now: now) else { return nil }
        guard identity.matches(stored.identity) else {
            let what = identity.method == stored.identity.method && identity.path == stored.identity.path
                ? "\(stored.identity.method) \(stored.identity.path) with another query or body"
                : "\(stored.identity.method) \(stored.identity.path)"
            throw APIError(.conflict, code: ErrorCode.requestIdReused,
                           "MS-RequestId \(requestId) was already used for \(what) in the last 24 hours; send a new MS-RequestId for a new request.",
                           data: [.string("MS-RequestId")])
        }
        return stored.response
    }

    func store(_ response: RenderedResponse, identity: Identity, _ db: Connection, now: Date) throws {
        let headers = JSON.array(response.headers.map { .array([.string($0.0), .string($0.1)]) })
        try db.run("""
            INSERT INTO idempotency_keys (tenant_id, principal_id, request_id, method, path, fingerprint, status, headers, body, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (tenant_id, principal_id, request_id) DO UPDATE SET
                method = excluded.method, path = excluded.path, fingerprint = excluded.fingerprint, status = excluded.status,
                headers = excluded.headers, body = excluded.body, created_at = excluded.created_at
            """,
            [tenantId, principalId, requestId, identity.method, identity.path, identity.fingerprint, response.status.code,
             String(decoding: headers.serialized(), as: UTF8.self), response.body, Timestamp.format(now)])
    }
}
