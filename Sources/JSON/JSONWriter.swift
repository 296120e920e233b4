/// JSON text written piece by piece into memory of its own, for answers assembled from many
/// small pieces (100 POR verdicts are about 500 of them). Appending each piece to an `Array`
/// cost more than copying its bytes: `append(contentsOf:)` checks uniqueness and capacity and
/// goes through the generic copy every time. Here a piece is one capacity test and one copy;
/// `bytes()` copies the finished text out once.
///
/// The caller vouches that fragments and their order make valid JSON; strings are escaped
/// and integers written here, exactly as `JSON.serialized()` writes them.
public struct JSONWriter: ~Copyable {
    // Visible to inlined code: a fragment's length is a constant where it is written, and
    // inlined its copy is a few instructions instead of a call.
    @usableFromInline var base: UnsafeMutablePointer<UInt8>
    @usableFromInline var capacity: Int
    @usableFromInline var written = 0

    /// Bytes written so far.
    public var count: Int { written }

    /// `capacity` is a first guess; the buffer grows (doubling) when a piece does not fit.
    public init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deallocate()
    }

    /// `text` verbatim: punctuation and member names.
    @inlinable
    public mutating func fragment(_ text: StaticString) {
        // A one-character literal may be stored as a scalar, which only withUTF8Buffer reads;
        // every other literal is a pointer and its length, copied without a closure.
        guard text.hasPointerRepresentation else {
            text.withUTF8Buffer { append($0) }
            return
        }
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// `value` as a JSON number.
    public mutating func integer(_ value: Int) {
        reserve(JSONDecimal.maximumLength)
        written += JSONDecimal.write(Int64(value), to: base + written)
    }

    /// `string` quoted and escaped.
    public mutating func string(_ string: String) {
        // Without copying the string where its bytes are at hand (native and literal text);
        // `withUTF8` needs a mutable copy.
        if string.utf8.withContiguousStorageIfAvailable({ quoted($0) }) != nil { return }
        var copy = string
        copy.withUTF8 { quoted($0) }
    }

    private mutating func quoted(_ utf8: UnsafeBufferPointer<UInt8>) {
        let clean = JSONEscaping.escapeFreePrefix(utf8)
        reserve(clean + 2)
        base[written] = .quote
        written += 1
        append(UnsafeBufferPointer(rebasing: utf8[..<clean]))
        // The rare string with something to escape: the rest byte by byte.
        for byte in utf8[clean...] {
            reserve(6)
            if JSONEscaping.needsEscape(byte) {
                written += JSONEscaping.writeEscape(byte, to: base + written)
            } else {
                base[written] = byte
                written += 1
            }
        }
        reserve(1)
        base[written] = .quote
        written += 1
    }

    /// The text written, as an array.
    public consuming func bytes() -> [UInt8] {
        let length = written, source = base
        return [UInt8](unsafeUninitializedCapacity: length) { buffer, initialized in
            if let target = buffer.baseAddress, length > 0 { target.initialize(from: source, count: length) }
            initialized = length
        }
    }

    @inlinable
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (base + written).initialize(from: source, count: bytes.count)
        written += bytes.count
    }

    /// Room for `needed` more bytes.
    @inlinable
    mutating func reserve(_ needed: Int) {
        if written + needed > capacity { grow(needed) }
    }

    @usableFromInline
    mutating func grow(_ needed: Int) {
        let grown = max(capacity * 2, written + needed)
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        larger.initialize(from: base, count: written)
        base.deallocate()
        base = larger
        capacity = grown
    }
}
