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
