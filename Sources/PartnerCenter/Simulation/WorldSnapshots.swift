import Foundation
import SQLite

/// SIM-3: saving the whole world and putting it back without a restart (docs/decisions.md,
/// "Snapshots"). A save copies the database into memory with SQLite's backup API while
/// holding the writer, and records beside it what lives only in memory; a restore copies it
/// back over the database in one write transaction, empties the read caches with the
/// freshness protocol (ReadCaches.willReplaceAll) and republishes the in-memory state before
/// any other write can run.
enum WorldSnapshots {
    /// sim_settings keys that belong to the instance, not to a world: a restore keeps the
    /// current values (tokens signed before a restore stay valid, and a key made after the
    /// save is not lost), whatever the snapshot holds.
    static let instanceSettings = [Settings.signingKey, Settings.rsaSigningKey]

    /// Saves the world as `name` (replacing an older one of that name when `replace`).
    static func save(_ name: String, replace: Bool, _ services: Services) throws -> Snapshot {
        try services.snapshots.checkRoom(for: name, replace: replace)
        // The id generator moves only inside writes, so read with the writer held it matches
        // the copy; the clock and the world name are read from the copy itself, which a clock
        // change racing the save (persisted, not yet published) cannot make disagree.
        let (copy, captured) = try services.database.snapshot(capturing: { (ids: services.ids.currentState, at: Date()) })
        let (offset, world) = try copy.read { db in (try Settings.clockOffset(db), try Settings.get(Settings.world, db)) }
        let snapshot = Snapshot(name: name, createdAt: captured.at, now: captured.at.addingTimeInterval(offset), world: world,
                                sizeBytes: try copy.sizeBytes(), idState: captured.ids, copy: copy)
        try services.snapshots.add(snapshot, replace: replace)
        return snapshot
    }

    /// Puts the world saved as `name` back: its rows, its clock (set back to the simulated time
    /// of the save), its id generator state (the ids drawn next are those drawn next after the
    /// save) and its name. Returns the snapshot and how long the restore took.
    static func restore(_ name: String, _ services: Services) throws -> (snapshot: Snapshot, duration: Duration) {
        guard let snapshot = services.snapshots.find(name) else { throw Snapshots.unknown(name) }
        let started = ContinuousClock.now
        var offset: TimeInterval = 0
        try services.database.restore(from: snapshot.copy, preparing: { current, copy in
            // Into the copy, so the restore commits them with the world in one transaction.
            offset = snapshot.now.timeIntervalSince(Date())
            try Settings.set(Settings.clockOffset, String(offset), copy)
            for key in instanceSettings {
                if let value = try Settings.get(key, current) {
                    try Settings.set(key, value, copy)
                } else {
                    try Settings.remove(key, copy)
                }
            }
        }, published: {
            services.ids.restore(state: snapshot.idState)
            services.publishWorld(WorldPublication(sequence: services.nextWorldSequence(), name: snapshot.world,
                                                   clockOffset: offset))
        })
        services.storageRecovered()
        return (snapshot, ContinuousClock.now - started)
    }
}
