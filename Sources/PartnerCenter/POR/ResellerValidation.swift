import Foundation
import JSON
import SQLite

/// POST /v1/partners/validateresellers (POR-7): one verdict per id, in request order.
enum ResellerValidation {
    static let maximumIds = 100

    static func validate(_ context: RequestContext, _ db: Connection) throws -> APIResponse {
        let distributor = try context.callingDistributor(db)
        let body = try context.body()
        guard let list = body.value("partnerIds") else { throw APIError.invalidField("partnerIds", "is required") }
        guard let ids = list.arrayValue else { throw APIError.invalidField("partnerIds", "must be an array of strings") }
        guard !ids.isEmpty else { throw APIError.invalidField("partnerIds", "must hold at least one id") }
        guard ids.count <= maximumIds else {
            throw APIError.invalidField("partnerIds", "must hold at most \(maximumIds) ids; got \(ids.count)")
        }
        var results: [JSON] = []
        results.reserveCapacity(ids.count)
        for (index, element) in ids.enumerated() {
            // Ids are strings: a number is ill-typed (and would lose leading zeros).
            guard case .string(let id) = element else {
                throw APIError.invalidField("partnerIds[\(index)]", "must be a string")
            }
            try PORValidator.verdict(for: id, distributor: distributor, db).appendJSON(to: &results)
        }
        return .ok(.object(["validationResults": .array(results)]))
    }
}
