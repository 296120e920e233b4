#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fixed set of real threads, owned by one `HTTPServer`, that run handlers of one lane.
///
/// Handlers block (SQLite locks, reader pools); on Dispatch's global pool, which is about as
/// wide as the machine has cores, a few blocked handlers stop every connection queue from
/// even parsing. Blocking here only ties up these threads; connection queues stay free to
/// read, parse, answer `.inline` requests and write.
///
/// Jobs come in two classes, each served in submission order: `.ordinary` ones first, `.bulk`
/// ones (heavy requests) when no ordinary job waits. At most `bulkLimit` bulk jobs run at
/// once, so the other threads stay free for ordinary ones: a light request waits for no bulk
/// job at all while they are free, and for at most one running job when every thread is
/// busy, never for a queue of heavy ones. So that bulk work always progresses, after
/// `bulkInterval` ordinary jobs taken while a bulk job could have run, the next free thread
/// takes the oldest bulk job.
///
/// `@unchecked Sendable` is safe because `state` is read and written only between
/// `pthread_mutex_lock` and `pthread_mutex_unlock` of `mutex` (the condition variable waits
/// release and retake it), and the other stored properties are immutable. A pthread mutex
/// rather than `Synchronization.Mutex`: see `PlainLock`; and a condition variable needs one.
final class WorkerPool: @unchecked Sendable {
    enum Priority: Sendable {
        case ordinary
        case bulk
    }

    private struct State {
        var ordinary = JobQueue()
        var bulk = JobQueue()
        /// Bulk jobs running now.
        var runningBulk = 0
        /// Ordinary jobs taken in a row while a bulk job could have run instead.
        var ordinaryStreak = 0
        /// Threads waiting on `condition`.
        var idle = 0
        var started = false
        var stopped = false
    }

    let size: Int
    /// At most this many ordinary jobs are taken while a bulk job waits (K of "one bulk job
    /// after every K ordinary ones").
    let bulkInterval: Int
    /// At most this many bulk jobs run at once.
    let bulkLimit: Int
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let condition: UnsafeMutablePointer<pthread_cond_t>
    private var state = State()

    /// How much nicer than the thread that started them the pool's threads run (0: as nice).
    let niceness: Int32

    init(size: Int, bulkInterval: Int = WorkerPool.defaultBulkInterval, bulkLimit: Int? = nil, niceness: Int32 = 0) {
        self.niceness = max(0, min(19, niceness))
        self.size = max(1, size)
        self.bulkInterval = max(1, bulkInterval)
        self.bulkLimit = min(self.size, max(1, bulkLimit ?? WorkerPool.defaultBulkLimit(size: self.size)))
        mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
        condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
        condition.initialize(to: pthread_cond_t())
        pthread_cond_init(condition, nil)
    }

    deinit {
        // Threads hold the pool while they run, so none is left when it goes away.
        pthread_cond_destroy(condition)
        condition.deinitialize(count: 1)
        condition.deallocate()
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    /// The default for the read lane: as many threads as cores keep every core busy with
    /// CPU-bound reads, two more keep them busy while a read waits on the disk or a reader
    /// connection; at least four.
    static var defaultSize: Int {
        max(4, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) + 2)
    }

    /// All but one thread (at least one): with the default size (cores + 2), bulk work keeps
    /// every core busy even while one of its reads waits, and one thread is always free for a
    /// light request.
    static func defaultBulkLimit(size: Int) -> Int {
        max(1, size - 1)
    }

    /// Eight: a bulk job then gets at least one dispatch in nine while light work saturates
    /// the pool, and a light request waits behind at most one bulk job per eight of its peers.
    static let defaultBulkInterval = 8

    /// Threads start on first use, so a server that is built but never started costs none.
    func submit(_ priority: Priority = .ordinary, _ body: @escaping @Sendable () -> Void) {
        enum Plan { case queued(wake: Bool), startThreads, ownThread }
        let plan = locked { state -> Plan in
            // After stop() (the server is going away) a straggler still gets run, on its own.
            if state.stopped { return .ownThread }
            switch priority {
            case .ordinary: state.ordinary.push(Job(body))
            case .bulk: state.bulk.push(Job(body))
            }
            defer { state.started = true }
            return state.started ? .queued(wake: state.idle > 0) : .startThreads
        }
        switch plan {
        case .ownThread:
            WorkerThread.spawn(body)
        case .startThreads:
            for _ in 0..<size {
                WorkerThread.spawn { [self] in run() }
            }
        case .queued(let wake):
            // Signalled outside the lock, so the woken thread does not at once block on it. A
            // thread woken for a bulk job the limit holds back goes back to waiting; the bulk
            // thread that finishes next takes the job itself.
            if wake { pthread_cond_signal(condition) }
        }
    }

    /// Lets every thread exit once the jobs queued before this call are done. A thread stuck in
    /// a handler exits when that handler returns.
    func stop() {
        let running = locked { state -> Bool in
            guard !state.stopped else { return false }
            state.stopped = true
            return state.started
        }
        if running { pthread_cond_broadcast(condition) }
    }

    /// Jobs waiting for a thread (for tests).
    var queued: (ordinary: Int, bulk: Int) {
        locked { ($0.ordinary.count, $0.bulk.count) }
    }

    private func locked<Result>(_ body: (inout State) -> Result) -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return body(&state)
    }

    private func run() {
        #if os(Linux)
        // On Linux the nice value belongs to the thread (NPTL): this lowers only this worker's
        // priority, relative to the one it inherited. Raising it needs no privilege; a failure
        // leaves the inherited value, harmlessly.
        if niceness > 0 {
            let which = __priority_which_t(PRIO_PROCESS.rawValue)
            let inherited = getpriority(which, 0)
            _ = setpriority(which, 0, min(19, inherited + niceness))
        }
        #endif
        pthread_mutex_lock(mutex)
        while true {
            if let job = WorkerPool.take(&state, bulkInterval: bulkInterval, bulkLimit: bulkLimit) {
                pthread_mutex_unlock(mutex)
                job.body()
                pthread_mutex_lock(mutex)
                if job.isBulk { state.runningBulk -= 1 }
                continue
            }
            if state.stopped && state.ordinary.isEmpty && state.bulk.isEmpty {
                break
            }
            state.idle += 1
            pthread_cond_wait(condition, mutex)
            state.idle -= 1
        }
        pthread_mutex_unlock(mutex)
        // Others may be waiting with bulk jobs the limit held back, now all taken: they exit too.
        pthread_cond_broadcast(condition)
    }

    /// The next job by the rules above, or nil when none may run now.
    private static func take(_ state: inout State, bulkInterval: Int, bulkLimit: Int) -> Job? {
        let bulkRunnable = !state.bulk.isEmpty && state.runningBulk < bulkLimit
        if !state.ordinary.isEmpty && !(bulkRunnable && state.ordinaryStreak >= bulkInterval) {
            state.ordinaryStreak = bulkRunnable ? state.ordinaryStreak + 1 : 0
            return state.ordinary.pop()
        }
        guard bulkRunnable, let job = state.bulk.pop() else { return nil }
        state.ordinaryStreak = 0
        state.runningBulk += 1
        job.isBulk = true
        return job
    }
}

/// A queued job. A class rather than the bare closure: a closure stored in a generic
/// container (an array, an optional) is wrapped in a reabstraction thunk, one allocation each
/// way; the box is one allocation in all.
///
/// `@unchecked Sendable` is safe because `isBulk` is written and read only under the pool's
/// mutex (when the job is taken and when it is done); `body` is immutable.
private final class Job: @unchecked Sendable {
    let body: @Sendable () -> Void
    /// Taken from the bulk queue: counted in `runningBulk` while it runs.
    var isBulk = false

    init(_ body: @escaping @Sendable () -> Void) {
        self.body = body
    }
}

/// A FIFO of jobs: an array read from a moving head. A taken slot is cleared at once (its
/// closure holds a request, body included), and the array is compacted now and then so it
/// doesn't grow with every job ever run.
private struct JobQueue {
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
