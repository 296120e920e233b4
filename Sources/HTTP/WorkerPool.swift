#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization

/// A fixed set of real threads, owned by one `HTTPServer`, that run `.worker`-lane handlers.
///
/// Handlers block (SQLite locks, reader pools); on Dispatch's global pool, which is about as
/// wide as the machine has cores, a few blocked handlers stop every connection queue from
/// even parsing. Blocking here only ties up these threads; connection queues stay free to
/// read, parse, answer `.inline` requests and write.
final class WorkerPool: Sendable {
    private struct State {
        var jobs: [(@Sendable () -> Void)?] = []
        var head = 0
        var started = false
        var stopped = false
    }

    let size: Int
    private let state = Mutex(State())
    /// Counts queued jobs (and stop tokens); each wake-up takes exactly one.
    private let available = DispatchSemaphore(value: 0)

    init(size: Int) {
        self.size = max(1, size)
    }

    /// The default: twice the online cores, at least four, so a couple of blocked handlers
    /// never leave the CPUs idle.
    static var defaultSize: Int {
        max(4, 2 * Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    /// Threads start on first use, so a server that is built but never started costs none.
    func submit(_ job: @escaping @Sendable () -> Void) {
        enum Plan { case queued, startThreads, ownThread }
        let plan = state.withLock { state -> Plan in
            // After stop() (the server is going away) a straggler still gets run, on its own.
            if state.stopped { return .ownThread }
            state.jobs.append(job)
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
        state.withLock { state in
            for _ in 0..<size { state.jobs.append(nil) }
        }
        for _ in 0..<size { available.signal() }
    }

    private func run() {
        while true {
            available.wait()
            let job = state.withLock { state -> (@Sendable () -> Void)?? in
                guard state.head < state.jobs.count else { return .none }
                let job = state.jobs[state.head]
                state.head += 1
                // Compact now and then so the array doesn't grow with every job ever run.
                if state.head >= 1024 && state.head * 2 >= state.jobs.count {
                    state.jobs.removeFirst(state.head)
                    state.head = 0
                }
                return .some(job)
            }
            guard case .some(let next) = job else { continue }
            guard let next else { return }  // a stop token
            next()
        }
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
