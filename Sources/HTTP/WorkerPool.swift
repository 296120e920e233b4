#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization

/// A fixed set of real threads, owned by one `HTTPServer`, that run handlers of one lane.
///
/// Handlers block (SQLite locks, reader pools); on Dispatch's global pool, which is about as
/// wide as the machine has cores, a few blocked handlers stop every connection queue from
/// even parsing. Blocking here only ties up these threads; connection queues stay free to
/// read, parse, answer `.inline` requests and write.
///
/// Jobs come in two classes, each served in submission order: `.ordinary` ones first, `.bulk`
/// ones (heavy requests) when no ordinary job waits, so a light request waits for at most
/// one running job, never for a queue of heavy ones. So that bulk work always progresses,
/// after `bulkInterval` ordinary jobs taken while a bulk job was waiting the next free thread
/// takes the oldest bulk job.
final class WorkerPool: Sendable {
    enum Priority: Sendable {
        case ordinary
        case bulk
    }

    private struct State: Sendable {
        var ordinary = JobQueue()
        var bulk = JobQueue()
        /// Ordinary jobs taken in a row while a bulk job waited.
        var ordinaryStreak = 0
        var started = false
        var stopped = false
    }

    let size: Int
    /// At most this many ordinary jobs are taken while a bulk job waits (K of "one bulk job
    /// after every K ordinary ones").
    let bulkInterval: Int
    private let state = PlainLock(State())
    /// Counts queued jobs (and stop tokens); each wake-up takes exactly one.
    private let available = DispatchSemaphore(value: 0)

    init(size: Int, bulkInterval: Int = WorkerPool.defaultBulkInterval) {
        self.size = max(1, size)
        self.bulkInterval = max(1, bulkInterval)
    }

    /// The default for the read lane: as many threads as cores keep every core busy with
    /// CPU-bound reads, two more keep them busy while a read waits on the disk or a reader
    /// connection; at least four, so a couple of slow reads never leave the lane empty.
    static var defaultSize: Int {
        max(4, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) + 2)
    }

    /// Eight: a bulk job then gets at least one dispatch in nine while light work saturates
    /// the pool, and a light request waits behind at most one bulk job per eight of its peers.
    static let defaultBulkInterval = 8

    /// Threads start on first use, so a server that is built but never started costs none.
    func submit(_ priority: Priority = .ordinary, _ job: @escaping @Sendable () -> Void) {
        enum Plan { case queued, startThreads, ownThread }
        let plan = state.withLock { state -> Plan in
            // After stop() (the server is going away) a straggler still gets run, on its own.
            if state.stopped { return .ownThread }
            switch priority {
            case .ordinary: state.ordinary.push(Job(job))
            case .bulk: state.bulk.push(Job(job))
            }
            defer { state.started = true }
            return state.started ? .queued : .startThreads
        }
        if plan == .ownThread {
            WorkerThread.spawn(job)
            return
        }
        if plan == .startThreads {
            for _ in 0..<size {
                WorkerThread.spawn { [self] in run() }
            }
        }
        available.signal()
    }

    /// Lets every thread exit once the jobs queued before this call are done. A thread stuck in
    /// a handler exits when that handler returns.
    func stop() {
        let running = state.withLock { state -> Bool in
            guard !state.stopped else { return false }
            state.stopped = true
            return state.started
        }
        guard running else { return }
        for _ in 0..<size { available.signal() }
    }

    /// Jobs waiting for a thread (for tests).
    var queued: (ordinary: Int, bulk: Int) {
        state.withLock { ($0.ordinary.count, $0.bulk.count) }
    }

    private func run() {
        while true {
            available.wait()
            let next = state.withLock { state -> Job?? in
                if let job = WorkerPool.take(&state, bulkInterval: bulkInterval) { return .some(job) }
                // Every job queued before stop() has been taken: this wake-up is a stop token.
                return state.stopped ? .some(nil) : .none
            }
            guard case .some(let job) = next else { continue }
            guard let job else { return }
            job.body()
        }
    }

    /// The next job by the rule above, or nil when none waits.
    private static func take(_ state: inout State, bulkInterval: Int) -> Job? {
        let bulkWaiting = !state.bulk.isEmpty
        if !state.ordinary.isEmpty && !(bulkWaiting && state.ordinaryStreak >= bulkInterval) {
            state.ordinaryStreak = bulkWaiting ? state.ordinaryStreak + 1 : 0
            return state.ordinary.pop()
        }
        state.ordinaryStreak = 0
        return state.bulk.pop()
    }
}

/// A queued job. A class rather than the bare closure: a closure stored in a generic
/// container (an array, an optional) is wrapped in a reabstraction thunk, one allocation each
/// way; the box is one allocation in all.
private final class Job: Sendable {
    let body: @Sendable () -> Void

    init(_ body: @escaping @Sendable () -> Void) {
        self.body = body
    }
}

/// A FIFO of jobs: an array read from a moving head. A taken slot is cleared at once (its
/// closure holds a request, body included), and the array is compacted now and then so it
/// doesn't grow with every job ever run.
private struct JobQueue: Sendable {
    private var jobs: [Job?] = []
    private var head = 0

    var isEmpty: Bool { head == jobs.count }
    var count: Int { jobs.count - head }

    mutating func push(_ job: Job) {
        jobs.append(job)
    }

    mutating func pop() -> Job? {
        guard head < jobs.count else { return nil }
        let job = jobs[head]
        jobs[head] = nil
        head += 1
        if head == jobs.count {
            jobs.removeAll(keepingCapacity: jobs.capacity <= 1024)
            head = 0
        } else if head >= 1024 && head * 2 >= jobs.count {
            jobs.removeFirst(head)
            head = 0
        }
        return job
    }
}

/// A detached POSIX thread running one closure.
private enum WorkerThread {
    /// Boxed so the closure can cross the C start routine as one retained pointer.
    private final class Start {
        let body: @Sendable () -> Void
        init(body: @escaping @Sendable () -> Void) {
            self.body = body
        }
    }

    static func spawn(_ body: @escaping @Sendable () -> Void) {
        let start = Unmanaged.passRetained(Start(body: body)).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        // Handlers parse JSON and walk SQLite results; give them a main-thread-sized stack.
        pthread_attr_setstacksize(&attributes, 8 << 20)
        defer { pthread_attr_destroy(&attributes) }
        #if canImport(Glibc)
        var thread = pthread_t()
        #else
        var thread: pthread_t?
        #endif
        let result = pthread_create(&thread, &attributes, { argument in
            guard let argument else { return nil }
            let start = Unmanaged<Start>.fromOpaque(argument).takeRetainedValue()
            start.body()
            return nil
        }, start)
        if result != 0 {
            // Without its thread the job queue would never drain; this is a fatal resource error.
            Unmanaged<Start>.fromOpaque(start).release()
            fatalError("pthread_create failed with \(result)")
        }
    }
}
