/// Small numbers for strings, first come first numbered, for the lifetime of the process: a
/// cache can then hold plain numbers where it would hold strings (no reference to retain, no
/// bytes to compare). Names are never forgotten, so a table of tenant ids or region names
/// grows with the distinct names seen; at `capacity` it numbers nothing more. Every
/// validation asks it twice, almost always for a name it knows: a shared read finds it.
final class InternTable: Sendable {
    private let numbers = ReadWriteLock<[String: UInt32]>([:])
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The number of `name`, given now if it has none; nil once the table is full.
    func number(_ name: String) -> UInt32? {
        if let known = numbers.read({ $0[name] }) { return known }
        return numbers.write { numbers in
            if let number = numbers[name] { return number }
            guard numbers.count < capacity else { return nil }
            let number = UInt32(numbers.count)
            numbers[name] = number
            return number
        }
    }
}
