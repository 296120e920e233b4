import Foundation
import SQLite

/// SIM-3: one saved world: the whole database copied into memory (every world table, the
/// reference data and sim_settings with the world name and the clock), and what lives only in
/// memory: the id generator's state and the simulated time at the moment of the copy.
final class Snapshot: Sendable {
    let name: String
    /// Real time of the save.
    let createdAt: Date
    /// The simulated clock at the save: a restore sets the clock back to it.
    let now: Date
    /// The world's name at the save (sim_settings `world.name`).
    let world: String?
    let sizeBytes: Int
    /// IDGenerator.currentState at the save, read while the writer was held with the copy.
    let idState: UInt64
    let copy: DatabaseCopy

    init(name: String, createdAt: Date, now: Date, world: String?, sizeBytes: Int, idState: UInt64, copy: DatabaseCopy) {
        self.name = name
        self.createdAt = createdAt
        self.now = now
        self.world = world
        self.sizeBytes = sizeBytes
        self.idState = idState
        self.copy = copy
    }
}
