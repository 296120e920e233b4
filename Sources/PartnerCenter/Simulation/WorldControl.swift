import Foundation
import JSON
import SQLite

/// SIM-3: replacing the world. `POST /_sim/reset`, `POST /_sim/seed` and startup seeding
/// (Simulator.seed) all run these, inside the caller's write transaction.
enum WorldControl {
    /// Empties the world (reference data kept); `idSeed` makes ids reproducible from here on.
    /// The clock returns to real time unless `keepClock` (a simulated time left by one test
    /// must not leak into the next); the offset stored here reaches the in-memory clock when
    /// the control-plane write publishes (Services.readWorld).
    static func reset(idSeed: UInt64?, keepClock: Bool, _ context: OperationContext, _ db: Connection) throws {
        try WorldTables.empty(db)
        try Settings.set(Settings.world, "empty", db)
        if !keepClock { try Settings.set(Settings.clockOffset, String(0.0), db) }
        context.ids.reseed(idSeed)
    }

    /// Replaces the world with `fixture` (docs/fixtures.md); its `idSeed`, when given, reseeds
    /// the ids first so the fixture's generated ids are reproducible.
    static func seed(_ fixture: Body, _ context: OperationContext, _ db: Connection) throws -> WorldLoader.LoadedWorld {
        if let seed = try idSeed(fixture) { context.ids.reseed(seed) }
        try WorldTables.empty(db)
        var loader = WorldLoader(context, db)
        return try loader.load(fixture)
    }

    /// The optional integer `idSeed` of a reset or seed body.
    static func idSeed(_ body: Body) throws(APIError) -> UInt64? {
        guard let value = body.value("idSeed") else { return nil }
        guard case .int(let number) = value else { throw APIError.invalidField("idSeed", "must be an integer") }
        return UInt64(bitPattern: number)
    }
}
