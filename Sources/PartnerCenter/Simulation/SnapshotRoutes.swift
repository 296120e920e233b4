import HTTP
import JSON

/// SIM-3 snapshots on the control plane: save the whole world under a name, list, restore and
/// delete. Direct handlers: a save and a restore manage the writer themselves (the backup API
/// runs outside any transaction), and the list is memory only.
enum SnapshotRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.post, "/_sim/snapshots", .controlPlane, summary: "Save the whole world under a name (SIM-3)",
                 .direct(save)),
        Endpoint(.get, "/_sim/snapshots", .controlPlane, summary: "The saved worlds, oldest first (SIM-3)",
                 .direct(list)),
        Endpoint(.post, "/_sim/snapshots/{name}/restore", .controlPlane, summary: "Put a saved world back (SIM-3)",
                 .direct(restore)),
        Endpoint(.delete, "/_sim/snapshots/{name}", .controlPlane, summary: "Forget a saved world (SIM-3)",
                 .direct(delete)),
    ]

    /// POST /_sim/snapshots `{"name", "replace"?}`.
    static func save(_ request: RequestContext) throws -> APIResponse {
        let body = try request.body()
        let name = try SnapshotName.validated(try body.string("name", maxLength: SnapshotName.maximumLength), field: "name")
        let replace = try body.optionalBool("replace") ?? false
        let snapshot = try WorldSnapshots.save(name, replace: replace, request.services)
        return .created(try JSONValueEncoder().encode(SnapshotInfo(snapshot)))
    }

    static func list(_ request: RequestContext) throws -> APIResponse {
        .ok(try JSONValueEncoder().encode(SnapshotList(request.services.snapshots.all)))
    }

    static func restore(_ request: RequestContext) throws -> APIResponse {
        let name = try SnapshotName.validated(request.pathParameter("name"), field: "name")
        let (snapshot, duration) = try WorldSnapshots.restore(name, request.services)
        return .ok(try JSONValueEncoder().encode(SnapshotRestoreResult(snapshot, duration: duration)))
    }

    static func delete(_ request: RequestContext) throws -> APIResponse {
        let name = try SnapshotName.validated(request.pathParameter("name"), field: "name")
        try request.services.snapshots.remove(name)
        return .noContent
    }
}
