import Testing
import JSON

@Suite struct JSONParseErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let input: String
        let offset: Int
        let message: String
        var testDescription: String { input.debugDescription }
    }

    static let cases: [Case] = [
        // Truncated input reports the input length.
        Case(input: "", offset: 0, message: "unexpected end of input"),
        Case(input: "   ", offset: 3, message: "unexpected end of input"),
        Case(input: "[1, 2", offset: 5, message: "unexpected end of input"),
        Case(input: #"{"a": "#, offset: 6, message: "unexpected end of input"),
        Case(input: #"{"a""#, offset: 4, message: "unexpected end of input"),
        Case(input: #""abc"#, offset: 4, message: "unexpected end of input"),
        Case(input: #""a\"#, offset: 3, message: "unexpected end of input"),
        Case(input: "tru", offset: 3, message: "unexpected end of input"),
        Case(input: "-", offset: 1, message: "unexpected end of input"),
        Case(input: "1.", offset: 2, message: "unexpected end of input"),
        Case(input: "1e", offset: 2, message: "unexpected end of input"),
        // Bad literals and stray characters.
        Case(input: "nul1", offset: 0, message: "invalid literal"),
        Case(input: "[True]", offset: 1, message: "unexpected character"),
        Case(input: "'a'", offset: 0, message: "unexpected character"),
        Case(input: "[1 2]", offset: 3, message: "expected ',' or ']'"),
        Case(input: #"{"a" 1}"#, offset: 5, message: "expected ':'"),
        Case(input: #"{"a":1 "b":2}"#, offset: 7, message: "expected ',' or '}'"),
        Case(input: "{a:1}", offset: 1, message: "expected string key"),
        // Trailing commas.
        Case(input: "[1,]", offset: 3, message: "trailing comma"),
        Case(input: #"{"a":1, }"#, offset: 8, message: "trailing comma"),
        // Comments are not JSON.
        Case(input: "[1] // c", offset: 4, message: "unexpected data after JSON value"),
        Case(input: "/* c */ 1", offset: 0, message: "unexpected character"),
        // Bad escapes.
        Case(input: #""a\x""#, offset: 2, message: "invalid escape sequence"),
        Case(input: #""\u12G4""#, offset: 5, message: "invalid hex digit in \\u escape"),
        Case(input: "\"a\nb\"", offset: 2, message: "control character in string"),
        // Lone surrogates.
        Case(input: #""\ud83d""#, offset: 1, message: "lone surrogate in \\u escape"),
        Case(input: #""\ud83dx""#, offset: 1, message: "lone surrogate in \\u escape"),
        Case(input: #""\ud83d\u0041""#, offset: 1, message: "lone surrogate in \\u escape"),
        Case(input: #""x\ude00""#, offset: 2, message: "lone surrogate in \\u escape"),
        // Numbers.
        Case(input: "01", offset: 0, message: "leading zeros are not allowed"),
        Case(input: "-01", offset: 0, message: "leading zeros are not allowed"),
        Case(input: "1.e3", offset: 2, message: "expected digit after decimal point"),
        Case(input: "1e+", offset: 3, message: "unexpected end of input"),
        Case(input: "1ex", offset: 2, message: "expected digit in exponent"),
        Case(input: "-a", offset: 1, message: "invalid number"),
        Case(input: "+1", offset: 0, message: "unexpected character"),
        Case(input: ".5", offset: 0, message: "unexpected character"),
        Case(input: "1e400", offset: 0, message: "number out of range"),
        Case(input: "NaN", offset: 0, message: "unexpected character"),
        // Garbage after the value.
        Case(input: "{} {}", offset: 3, message: "unexpected data after JSON value"),
        Case(input: "1 x", offset: 2, message: "unexpected data after JSON value"),
        Case(input: "[1]]", offset: 3, message: "unexpected data after JSON value"),
    ]

    @Test(arguments: cases)
    func rejects(_ c: Case) {
        #expect {
            try JSON.parse(c.input)
        } throws: { error in
            guard let error = error as? JSONParseError else { return false }
            return error.offset == c.offset && error.message == c.message
        }
    }

    @Test func depthBeyond64IsRejectedAtTheOffendingBracket() {
        let text = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(throws: JSONParseError(offset: 64, message: "maximum nesting depth of 64 exceeded")) {
            try JSON.parse(text)
        }
        let objects = String(repeating: #"{"a":"#, count: 65) + "1" + String(repeating: "}", count: 65)
        #expect(throws: JSONParseError.self) { try JSON.parse(objects) }
    }

    @Test func invalidUTF8IsRejected() {
        let bytes: [UInt8] = [0x22, 0x61, 0xFF, 0x22]
        #expect(throws: JSONParseError(offset: 1, message: "invalid UTF-8 in string")) {
            try JSON.parse(bytes)
        }
    }

    @Test func descriptionNamesOffsetAndReason() {
        let error = JSONParseError(offset: 3, message: "trailing comma")
        #expect(error.description == "trailing comma at byte 3")
    }
}
