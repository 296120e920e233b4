/// Where a request's handler runs; the server asks the application's classifier once per
/// request, after the whole request (head and body) has arrived.
public enum HTTPLane: Sendable {
    /// Directly on the connection's own Dispatch queue, as soon as the request is parsed. For
    /// short handlers that never block (health, control plane): they are answered even while
    /// every worker thread is stuck. An inline handler must never wait on a lock (SQLite): it
    /// would hold one of Dispatch's few threads, which every connection needs to make progress.
    case inline
    /// On the server's pool of worker threads (`ServerConfiguration.workerThreads`); the
    /// response hops back to the connection's queue to be written. For anything that may block.
    case worker
    /// On a second, small pool of its own (`ServerConfiguration.controlThreads`): for requests
    /// that may block briefly (a database read or write) but must never queue behind the
    /// `.worker` lane's backlog, such as a simulator's control plane under load.
    case control
}
