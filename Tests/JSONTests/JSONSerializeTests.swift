import Testing
import JSON

@Suite struct JSONSerializeTests {
    private func text(_ value: JSON) -> String {
        String(decoding: value.serialized(), as: UTF8.self)
    }

    @Test func scalarsRenderCompactly() {
        #expect(text(.null) == "null")
        #expect(text(true) == "true")
        #expect(text(false) == "false")
        #expect(text(0) == "0")
        #expect(text(-42) == "-42")
        #expect(text(.int(.max)) == "9223372036854775807")
        #expect(text(.int(.min)) == "-9223372036854775808")
    }

    @Test func doublesUseShortestRoundTripForm() {
        #expect(text(1.0) == "1.0")
        #expect(text(0.1) == "0.1")
        #expect(text(-2.5) == "-2.5")
        #expect(text(1e300) == "1e+300")
        #expect(text(.double(.nan)) == "null")
        #expect(text(.double(.infinity)) == "null")
        #expect(text(.double(-.infinity)) == "null")
    }

    @Test func escapingFollowsRFC8259() {
        #expect(text("a\"b\\c") == #""a\"b\\c""#)
        #expect(text("a/b") == #""a/b""#)
        #expect(text("\n\r\t\u{8}\u{C}") == #""\n\r\t\b\f""#)
        #expect(text("\u{0}\u{1}\u{1F}") == #""\u0000\u0001\u001f""#)
        #expect(text("\u{7F}") == "\"\u{7F}\"")
    }

    @Test func nonASCIIIsRawUTF8() {
        let rendered = JSON.string("é中😀").serialized()
        #expect(rendered == [0x22] + Array("é中😀".utf8) + [0x22])
    }

    @Test func objectKeysRenderInInsertionOrder() {
        var object = JSONObject()
        object["zeta"] = 1
        object["alpha"] = 2
        object["mid"] = 3
        object["zeta"] = 4
        #expect(text(.object(object)) == #"{"zeta":4,"alpha":2,"mid":3}"#)
        let literal: JSON = ["b": 1, "a": [true, nil], "c": ["x": "y"]]
        #expect(text(literal) == #"{"b":1,"a":[true,null],"c":{"x":"y"}}"#)
    }

    @Test func serializeAppendsToExistingBuffer() {
        var buffer = Array("prefix:".utf8)
        JSON.array([1, "two"]).serialize(into: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == #"prefix:[1,"two"]"#)
    }

    @Test(arguments: [
        #"{"a":[1,2.5,-3,"x\"y",true,false,null],"b":{"c":{}},"d":[]}"#,
        #"["\u0000\u001f","\\/","é😀",1e-7,123456789.125]"#,
        #"{"unicode":"\ud83d\ude00 smile","empty":"","neg":-0.0}"#,
    ])
    func roundTrip(_ source: String) throws {
        let value = try JSON.parse(source)
        let reparsed = try JSON.parse(value.serialized())
        #expect(reparsed == value)
        #expect(reparsed.serialized() == value.serialized())
    }

    @Test func doublesRoundTripExactly() throws {
        for value in [0.1, 1.0 / 3.0, 6.02214076e23, .leastNonzeroMagnitude, 1.7976931348623157e308, -123.456, 2.0] {
            #expect(try JSON.parse(JSON.double(value).serialized()) == .double(value))
        }
    }

    @Test func descriptionIsTheCompactText() {
        let value: JSON = ["a": [1, nil]]
        #expect(value.description == #"{"a":[1,null]}"#)
    }
}
