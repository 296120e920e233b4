/// Hears, for every write that changed rows of a watched table, which rows it changed, at two
/// moments: `willCommit` inside the transaction just before COMMIT (nothing of the write is
/// visible to readers yet), and `didEnd` once the transaction is over, committed or not.
///
/// The two calls bracket the instant readers start to see the write: a cache that drops the
/// affected entries in `willCommit` and refuses values computed by readers that started before
/// `didEnd` can never hold a value older than the last commit. Both run on the writer's thread
/// while it holds the single writer, so they must be short and must not use the database.
public protocol ChangeObserver: Sendable {
    /// The distinct rows changed by the transaction about to commit (a savepoint rolled back
    /// inside it may still be listed: reporting too much is safe, too little never happens).
    func willCommit(_ changes: [RowChange])
    /// The whole database is about to be replaced (`Database.restore`): every row may change,
    /// and no row change is reported for it. `didEnd` follows once the replacement is visible
    /// (or failed), as after `willCommit`.
    func willReplaceAll()
    /// The transaction announced by `willCommit` or `willReplaceAll` ended: committed, or
    /// rolled back by a failed COMMIT.
    func didEnd()
}
