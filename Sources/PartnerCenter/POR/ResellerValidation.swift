import Foundation
import JSON
import SQLite

/// POST /v1/partners/validateresellers (POR-7): one verdict per id, in request order.
enum ResellerValidation {
    static let maximumIds = 100

    static func validate(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let distributor = try context.callingDistributor(db)
        let body = try context.body()
        guard let list = body.value("partnerIds") else { throw body.missing("partnerIds") }
        guard let ids = list.arrayValue else { throw APIError.invalidField("partnerIds", "must be an array of strings") }
        guard !ids.isEmpty else { throw APIError.invalidField("partnerIds", "must hold at least one id") }
        guard ids.count <= maximumIds else {
            throw APIError.invalidField("partnerIds", "must hold at most \(maximumIds) ids; got \(ids.count)")
        }
        var output: [UInt8] = []
        output.reserveCapacity(40 + ids.count * 120)
        output.append(contentsOf: #"{"validationResults":["#.utf8)
        // One lookup per distinct id: a repeated id gets the same verdict.
        var verdicts: [String: PORVerdict] = [:]
        for (index, element) in ids.enumerated() {
            guard case .string(let id) = element else {
                throw APIError.invalidField("partnerIds[\(index)]", "must be a string")
            }
            let verdict: PORVerdict
            if let known = verdicts[id] {
                verdict = known
            } else {
                verdict = try PORValidator.verdict(for: id, distributor: distributor, context, db)
                verdicts[id] = verdict
            }
            if index > 0 { output.append(UInt8(ascii: ",")) }
            verdict.write(into: &output)
        }
        output.append(contentsOf: "]}".utf8)
        return APIResponse(.ok, bytes: output, contentType: RenderedResponse.jsonContentType)
    }
}
