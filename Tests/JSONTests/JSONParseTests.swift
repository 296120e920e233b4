import Testing
import JSON

@Suite struct JSONParseTests {
    @Test func scalars() throws {
        #expect(try JSON.parse("null") == .null)
        #expect(try JSON.parse("true") == .bool(true))
        #expect(try JSON.parse("false") == .bool(false))
        #expect(try JSON.parse("\"hi\"") == .string("hi"))
        #expect(try JSON.parse("\"\"") == .string(""))
    }

    @Test func integersStayExact() throws {
        #expect(try JSON.parse("0") == .int(0))
        #expect(try JSON.parse("-0") == .int(0))
        #expect(try JSON.parse("42") == .int(42))
        #expect(try JSON.parse("-17") == .int(-17))
        #expect(try JSON.parse("9223372036854775807") == .int(.max))
        #expect(try JSON.parse("-9223372036854775808") == .int(.min))
    }

    @Test func integersBeyondInt64BecomeDoubles() throws {
        #expect(try JSON.parse("9223372036854775808") == .double(9223372036854775808))
        #expect(try JSON.parse("-10000000000000000000") == .double(-1e19))
        #expect(try JSON.parse("123456789012345678901234567890") == .double(1.2345678901234568e29))
    }

    @Test func fractionsAndExponentsAreDoubles() throws {
        #expect(try JSON.parse("1.0") == .double(1.0))
        #expect(try JSON.parse("1e3") == .double(1000))
        #expect(try JSON.parse("1E+3") == .double(1000))
        #expect(try JSON.parse("2.5e-3") == .double(0.0025))
        #expect(try JSON.parse("-0.0") == .double(-0.0))
        #expect(try JSON.parse("0.1") == .double(0.1))
        #expect(try JSON.parse("3.141592653589793") == .double(3.141592653589793))
        #expect(try JSON.parse("1.7976931348623157e308") == .double(.greatestFiniteMagnitude))
        #expect(try JSON.parse("5e-324") == .double(.leastNonzeroMagnitude))
        #expect(try JSON.parse("0.30000000000000004") == .double(0.30000000000000004))
        #expect(try JSON.parse("1e-400") == .double(0))
    }

    @Test func arraysAndObjects() throws {
        #expect(try JSON.parse("[]") == .array([]))
        #expect(try JSON.parse("{}") == .object(JSONObject()))
        #expect(try JSON.parse("[1, \"a\", null, [true]]") == [1, "a", nil, [true]])
        let parsed = try JSON.parse(#"{"id": "c-1", "n": 2, "tags": ["x"], "nested": {"ok": false}}"#)
        #expect(parsed == ["id": "c-1", "n": 2, "tags": ["x"], "nested": ["ok": false]])
    }

    @Test func whitespaceAroundTokensIsAccepted() throws {
        let parsed = try JSON.parse(" \t\r\n{ \"a\" :\n[ 1 ,2 ] } \n")
        #expect(parsed == ["a": [1, 2]])
    }

    @Test func stringEscapesAreDecoded() throws {
        #expect(try JSON.parse(#""a\"b\\c\/d\b\f\n\r\t""#) == .string("a\"b\\c/d\u{8}\u{C}\n\r\t"))
        #expect(try JSON.parse(#""\u0041\u00e9\u4e2d""#) == .string("Aé中"))
        #expect(try JSON.parse(#""\u0000""#) == .string("\u{0}"))
    }

    @Test func surrogatePairsDecodeToOneScalar() throws {
        let parsed = try JSON.parse(#""smile \ud83d\ude00!""#)
        #expect(parsed == .string("smile 😀!"))
        #expect(parsed.stringValue?.unicodeScalars.count == 8)
    }

    @Test func rawUTF8PassesThrough() throws {
        #expect(try JSON.parse("\"héllo 😀 中文\"") == .string("héllo 😀 中文"))
    }

    @Test func parsesFromBytesAndRawBuffer() throws {
        let bytes = Array(#"{"k":[1,2]}"#.utf8)
        #expect(try JSON.parse(bytes) == ["k": [1, 2]])
        let fromRaw = try bytes.withUnsafeBytes { raw throws(JSONParseError) in try JSON.parse(raw) }
        #expect(fromRaw == ["k": [1, 2]])
    }

    @Test func duplicateKeysKeepFirstPositionAndLastValue() throws {
        let parsed = try JSON.parse(#"{"a":1,"b":2,"a":3}"#)
        #expect(parsed.objectValue?.keys == ["a", "b"])
        #expect(parsed["a"] == 3)
    }

    @Test func depthOf64IsAllowed() throws {
        let text = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(throws: Never.self) { try JSON.parse(text) }
    }

    @Test func largeObjectsStayConsistent() throws {
        let members = (0..<100).map { "\"k\($0)\":\($0)" }.joined(separator: ",")
        let parsed = try JSON.parse("{\(members)}")
        #expect(parsed.objectValue?.count == 100)
        #expect(parsed["k57"] == 57)
        #expect(parsed["K99"] == 99)
        #expect(parsed.objectValue?.keys.first == "k0")
        #expect(parsed.objectValue?.keys.last == "k99")
    }
}
