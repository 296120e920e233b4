import Synchronization

/// `--throttle`'s counter: a fixed window per (tenant, route), as the API gateway in front of
/// Partner Center counts (its 429 says how many seconds are left of the window). Runs on a
/// monotonic real-time source, not the simulated clock: clients wait out Retry-After in real
/// seconds, and a test that moves the simulated clock by days (or back) must neither refill
/// nor freeze a window. Requests refused with 429 do not count.
final class RateLimiter: Sendable {
    struct Limit: Sendable, Equatable {
        let requests: Int
        let windowSeconds: Int
    }

    private struct Key: Hashable {
        let tenantId: String
        let route: Int
    }

    private struct Window {
        var start: UInt64
        var count: Int
    }

    private let windows = Mutex<[Key: Window]>([:])

    /// Bounds the memory: past it, windows that ended are swept, and if every one is still
    /// running (a tenant flood the demo world cannot produce) they are all forgotten, which
    /// admits requests rather than refusing them for the simulator's own bookkeeping.
    static let maximumWindows = 50_000

    /// nil: admitted (and counted); else the whole seconds until the window ends (at least 1),
    /// for Retry-After. `now` is monotonic nanoseconds.
    func admit(tenantId: String, route: Int, limit: Limit, now: UInt64) -> Int? {
        let length = UInt64(limit.windowSeconds) * 1_000_000_000
        return windows.withLock { windows -> Int? in
            let key = Key(tenantId: tenantId, route: route)
            var window = windows[key] ?? Window(start: now, count: 0)
            if now >= window.start &+ length || now < window.start {
                window = Window(start: now, count: 0)
            }
            if window.count >= limit.requests {
                let left = window.start &+ length - now
                return max(1, Int((left + 999_999_999) / 1_000_000_000))
            }
            window.count += 1
            if windows[key] == nil && windows.count >= Self.maximumWindows {
                windows = windows.filter { now < $0.value.start &+ length }
                if windows.count >= Self.maximumWindows { windows.removeAll() }
            }
            windows[key] = window
            return nil
        }
    }

    /// Forgets every window; returns how many there were.
    func clear() -> Int {
        windows.withLock { windows in
            defer { windows.removeAll() }
            return windows.count
        }
    }

    /// Windows held (for the memory bound's test).
    var windowCount: Int { windows.withLock { $0.count } }
}
