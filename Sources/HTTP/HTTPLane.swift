/// Where a request's handler runs; the server asks the application's classifier once per
/// request, after the whole request (head and body) has arrived. Each pool serves its
/// requests in arrival order across all connections; the lanes exist so that no request
/// waits behind a backlog of a different kind (docs/decisions.md, "Lanes").
public enum HTTPLane: Sendable {
    /// Directly on the connection's own Dispatch queue, as soon as the request is parsed. For
    /// short handlers that never block (health): they are answered even while every worker
    /// thread is stuck. An inline handler must never wait on a lock (SQLite): it would hold
    /// one of Dispatch's few threads, which every connection needs to make progress.
    case inline
    /// On the server's pool of worker threads (`ServerConfiguration.workerThreads`); the
    /// response hops back to the connection's queue to be written. For ordinary reads: the
    /// default.
    case worker
    /// On the same worker threads as `.worker`, but taken only when no `.worker` request waits
    /// (and at least once every `ServerConfiguration.bulkInterval` of them, so it always
    /// progresses), and on at most `ServerConfiguration.bulkThreads` of them at once. For heavy
    /// reads: a light request then finds a free worker, or waits for one running job at most,
    /// never for a queue of heavy ones.
    case bulk
    /// On a small pool of its own (`ServerConfiguration.writeThreads`), for requests that
    /// serialize on one resource (a database's single writer): while they wait for it they
    /// hold none of the worker threads, and they never queue behind reads.
    case write
    /// On a second, small pool of its own (`ServerConfiguration.controlThreads`): for requests
    /// that may block briefly (a database read or write) but must never queue behind the
    /// other lanes' backlogs, such as a simulator's control plane under load.
    case control
}
