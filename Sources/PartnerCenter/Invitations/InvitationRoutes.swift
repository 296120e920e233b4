import HTTP
import JSON
import SQLite

/// The invitation link routes; what accepting each kind does comes from `acceptances`
/// (the app's list, `InvitationKinds.acceptances`).
enum InvitationRoutes {
    static func endpoints(acceptances: [any InvitationAcceptance.Type]) -> [Endpoint] {
        [
            Endpoint(.get, "/portal/invitations/{invitationId}", .anonymous, summary: "What an invitation link is",
                     .read(get)),
            Endpoint(.post, "/portal/invitations/{invitationId}/accept", .roles([.globalAdmin, .customerAdmin]),
                     summary: "Accept an invitation as the invited party",
                     .write({ request, db in try accept(request, acceptances, db) })),
        ]
    }

    static func get(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        try .ok(Invitation(Invitations.get(request.pathParameter("invitationId"), db), request.operation))
    }

    static func accept(_ request: RequestContext, _ acceptances: [any InvitationAcceptance.Type], _ db: Connection) throws -> APIResponse {
        let accepted = try Invitations.accept(request.pathParameter("invitationId"), acceptances: acceptances, request.operation, db)
        return try .ok(accepted)
    }
}

// TRANSITIONAL (issue 11): the invitation answers as Transfers still asks for them. New code
// renders `Invitation(Invitations.get(id, db), context)` and builds links with
// `Invitations.url(id, operationContext)`.
extension Invitations {
    static func url(_ id: String, _ context: RequestContext) -> String { url(id, context.operation) }

    static func render(_ id: String, _ context: RequestContext, _ db: Connection) throws -> JSON {
        try Invitation(get(id, db), context.operation).rendered()
    }
}
