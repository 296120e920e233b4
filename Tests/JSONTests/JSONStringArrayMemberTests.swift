import Testing
import JSON

/// `JSON.strings(ofOnlyMember:in:)` reads only what the full parser reads the same way, and
/// declines (nil) everything else, valid or not, so a caller that falls back changes no answer.
@Suite struct JSONStringArrayMemberTests {
    static func fast(_ text: String) -> [String]? {
        JSON.strings(ofOnlyMember: "partnerIds", in: Array(text.utf8))
    }

    /// What the full parser makes of `text` when it is such a document.
    static func full(_ text: String) -> [String]? {
        guard let json = try? JSON.parse(Array(text.utf8)), let object = json.objectValue, object.count == 1,
              let elements = object["partnerIds"]?.arrayValue else { return nil }
        let strings = elements.compactMap(\.stringValue)
        return strings.count == elements.count ? strings : nil
    }

    @Test(arguments: [
        #"{"partnerIds":["5100001"]}"#,
        #"{"partnerIds":[]}"#,
        #"{"partnerIds":["a","b","c"]}"#,
        " \t\r\n{ \"partnerIds\" : [ \"5100001\" , \"12345\" ] } \n",
        #"{"partnerIds":["", " ", "with space", "~!@#$%^&*()_+{}[]:;'<>,./?"]}"#,
        #"{"partnerIds":["\#(String(repeating: "9", count: 300))"]}"#,
    ])
    func readsTheUsualDocumentsAsTheParserDoes(_ text: String) throws {
        let fast = try #require(Self.fast(text))
        #expect(fast == Self.full(text))
    }

    @Test(arguments: [
        // Valid JSON the full parser reads: another spelling, more members, escapes, non-ASCII,
        // other element types, duplicates.
        #"{"PartnerIds":["5100001"]}"#,
        #"{"partnerIds":["5100001"],"other":1}"#,
        #"{"other":1,"partnerIds":["5100001"]}"#,
        #"{"partnerIds":["\u0035100001"]}"#,
        #"{"partnerIds":["a\"b"]}"#,
        #"{"partnerIds":["é"]}"#,
        "{\"partnerIds\":[\"\u{7F}\"]}",
        #"{"partnerIds":[5100001]}"#,
        #"{"partnerIds":[null]}"#,
        #"{"partnerIds":null}"#,
        #"{"partnerIds":"5100001"}"#,
        #"{"partnerIds":["a"],"partnerIds":["b"]}"#,
        #"{"partnerIdsX":["a"]}"#,
        #"{"partnerId":["a"]}"#,
        #"{}"#,
        #"[]"#,
        #""partnerIds""#,
        "",
        // Not JSON at all.
        #"{"partnerIds":["a",]}"#,
        #"{"partnerIds":["a"]"#,
        #"{"partnerIds":["a"]} x"#,
        #"{"partnerIds":["a"]}}"#,
        #"{"partnerIds":["a" "b"]}"#,
        #"{"partnerIds":["a]}"#,
        #"{"partnerIds"["a"]}"#,
        #"{"partnerIds":[,"a"]}"#,
        "{\"partnerIds\":[\"a\u{0}\"]}",
        "{\"partnerIds\":[\"a\nb\"]}",
        #"{"partnerIds:["a"]}"#,
        "{\"partnerIds\":[\"a\"]}\u{0}",
        "{\u{A0}\"partnerIds\":[\"a\"]}",
    ])
    func declinesEverythingElse(_ text: String) {
        #expect(Self.fast(text) == nil)
    }

    @Test func declinesInvalidUTF8() {
        #expect(JSON.strings(ofOnlyMember: "partnerIds", in: Array(#"{"partnerIds":[""#.utf8) + [0xFF] + Array(#""]}"#.utf8)) == nil)
    }
}
