import Testing
@testable import JSON

/// JSONWriter and the faster escaping and integer writers behind both it and
/// `JSON.serialized()`: the same bytes as a straightforward reference for every input shape
/// (each word-at-a-time branch, every escape, every integer length).
@Suite struct JSONWriterTests {
    /// What RFC 8259 requires, one byte at a time: the reference the fast paths must match.
    static func referenceQuoted(_ string: String) -> [UInt8] {
        var out: [UInt8] = [0x22]
        for byte in string.utf8 {
            switch byte {
            case 0x22: out += Array(#"\""#.utf8)
            case 0x5C: out += Array(#"\\"#.utf8)
            case 0x0A: out += Array(#"\n"#.utf8)
            case 0x0D: out += Array(#"\r"#.utf8)
            case 0x09: out += Array(#"\t"#.utf8)
            case 0x08: out += Array(#"\b"#.utf8)
            case 0x0C: out += Array(#"\f"#.utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += Array(#"\u00"#.utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: out.append(byte)
            }
        }
        return out + [0x22]
    }

    /// Strings where the byte to escape sits at every offset of the 8-byte words, at either
    /// end, or nowhere; ASCII and multi-byte text; lengths around the word size.
    static let strings: [String] = {
        var strings = ["", "a", "1234567", "12345678", "123456789", "The reseller has no active partnership with this distributor.",
                       "é中😀", "ünïcödé text longer than one word", "\u{7F}\u{80}", "/slash/"]
        for special in ["\"", "\\", "\n", "\u{0}", "\u{1F}", "\t", "\u{8}", "\u{C}", "\r", "\u{1}"] {
            for offset in 0..<19 {
                strings.append(String(repeating: "x", count: offset) + special + String(repeating: "y", count: 18 - offset))
            }
            strings.append(String(repeating: special, count: 9))
        }
        return strings
    }()

    @Test func stringsAreEscapedAsTheReferenceDoes() {
        for string in Self.strings {
            var writer = JSONWriter(capacity: 1)
            writer.string(string)
            #expect(writer.bytes() == Self.referenceQuoted(string), "\(string.debugDescription)")
            #expect(JSON.string(string).serialized() == Self.referenceQuoted(string), "\(string.debugDescription)")
        }
    }

    @Test func escapeFreePrefixStopsAtTheFirstByteToEscape() {
        let special: [UInt8] = [0x22, 0x5C, 0x00, 0x1F, 0x0A]
        for _ in 0..<2_000 {
            let length = Int.random(in: 0...40)
            // Mostly harmless bytes, sometimes one that needs escaping, high bytes included.
            let bytes = (0..<length).map { _ in
                Int.random(in: 0..<12) == 0 ? special[Int.random(in: 0..<special.count)] : UInt8.random(in: 0x20...0xFF)
            }
            let expected = bytes.firstIndex { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C } ?? bytes.count
            bytes.withUnsafeBufferPointer { #expect(JSONEscaping.escapeFreePrefix($0) == expected, "\(bytes)") }
        }
    }

    @Test(arguments: [0, 1, 9, 10, 11, 99, 100, 101, 999, 900_414, 800_016, -1, -10, -99, -100, 1_000_000_000,
                      Int.max, Int.min, Int.max - 1, Int.min + 1, 9_999_999_999_999_999, 1_000_000_000_000_000_000])
    func integersAreDecimal(_ value: Int) {
        var writer = JSONWriter(capacity: 0)
        writer.integer(value)
        #expect(writer.bytes() == Array(String(value).utf8))
        #expect(JSON.int(Int64(value)).serialized() == Array(String(value).utf8))
    }

    @Test func everyPowerOfTenAndItsNeighbours() {
        var power: Int64 = 1
        for _ in 0..<19 {
            for value in [power - 1, power, power + 1, -power, -(power - 1)] {
                #expect(JSON.int(value).serialized() == Array(String(value).utf8))
            }
            if power > Int64.max / 10 { break }
            power *= 10
        }
    }

    @Test func fragmentsAndValuesMakeOneDocument() throws {
        // Grows from a tiny first guess many times over.
        var writer = JSONWriter(capacity: 1)
        writer.fragment("{\"items\":[")
        for index in 0..<300 {
            if index > 0 { writer.fragment(",") }
            writer.fragment("{\"n\":")
            writer.integer(index)
            writer.fragment(",\"s\":")
            writer.string("item \"\(index)\"")
            writer.fragment("}")
        }
        writer.fragment("]}")
        let count = writer.count
        let bytes = writer.bytes()
        #expect(bytes.count == count)
        let expected: JSON = ["items": .array((0..<300).map { ["n": .int(Int64($0)), "s": .string("item \"\($0)\"")] })]
        #expect(try JSON.parse(bytes) == expected)
        #expect(bytes == expected.serialized())
    }

    @Test func anEmptyWriterGivesNoBytes() {
        let writer = JSONWriter(capacity: 64)
        #expect(writer.bytes().isEmpty)
    }
}
