import Foundation
import SQLite

/// POST /v1/partners/validateresellers (POR-7): one verdict per id, in request order.
enum ResellerValidation {
    static let maximumIds = 100

    /// The verdict on each of `ids` for `distributor`, in order; a repeated id is looked up
    /// once and gets the same verdict.
    static func verdicts(_ ids: [String], distributor: PartnerRecord, _ context: OperationContext,
                         _ db: Connection) throws -> [PORVerdict] {
        try PORValidator.verdicts(for: ids, distributor: distributor, context, db)
    }
}
