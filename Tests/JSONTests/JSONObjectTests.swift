import Testing
import JSON

@Suite struct JSONObjectTests {
    @Test func setReplacesInPlaceAndNilRemoves() {
        var object: JSONObject = ["a": 1, "b": 2, "c": 3]
        object["b"] = "two"
        #expect(object.keys == ["a", "b", "c"])
        #expect(object["b"] == "two")
        object["a"] = nil
        #expect(object.keys == ["b", "c"])
        #expect(object.count == 2)
        #expect(object["a"] == nil)
        object["missing"] = nil
        #expect(object.count == 2)
    }

    @Test func exactSubscriptIsCaseSensitive() {
        let object: JSONObject = ["partnerId": "p"]
        #expect(object["PartnerId"] == nil)
        #expect(object.value(forCaseInsensitiveKey: "PARTNERID") == "p")
    }

    @Test func caseInsensitiveLookupPrefersExactMatch() {
        let object: JSONObject = ["PartnerId": "upper", "partnerId": "lower"]
        #expect(object.value(forCaseInsensitiveKey: "partnerId") == "lower")
        #expect(object.value(forCaseInsensitiveKey: "PartnerId") == "upper")
        #expect(object.value(forCaseInsensitiveKey: "PARTNERID") == "upper")
        #expect(object.value(forCaseInsensitiveKey: "partner") == nil)
        #expect(object.value(forCaseInsensitiveKey: "partnerIds") == nil)
    }

    @Test func caseInsensitiveLookupHandlesNonASCII() {
        let object: JSONObject = ["Éclair": 1]
        #expect(object.value(forCaseInsensitiveKey: "éCLAIR") == 1)
    }

    @Test func jsonSubscriptMatchesCaseInsensitively() throws {
        let body = try JSON.parse(#"{"PartnerId":"123","items":[{"Name":"x"}]}"#)
        #expect(body["partnerId"]?.stringValue == "123")
        #expect(body["ITEMS"]?[0]?["name"] == "x")
        #expect(body["nope"] == nil)
        #expect(JSON.array([1])["a"] == nil)
    }

    @Test func equalityIgnoresKeyOrder() {
        let a: JSONObject = ["x": 1, "y": [true]]
        let b: JSONObject = ["y": [true], "x": 1]
        #expect(a == b)
        #expect(JSON.object(a) == JSON.object(b))
        #expect(a != ["x": 1])
        #expect(a != ["x": 1, "y": [false]])
        #expect(a != ["x": 1, "z": [true]])
    }

    @Test func emptinessAndSequence() {
        var object = JSONObject()
        #expect(object.isEmpty)
        object["k"] = .null
        #expect(!object.isEmpty)
        #expect(object["k"] == .null)
        let pairs: [(String, JSON)] = [("one", 1), ("two", 2)]
        let built = JSONObject(pairs)
        #expect(built.map(\.key) == ["one", "two"])
        #expect(built.map(\.value) == [1, 2])
    }

    @Test func largeObjectKeepsIndexConsistentAcrossRemovals() {
        var object = JSONObject()
        for i in 0..<40 { object["k\(i)"] = .int(Int64(i)) }
        object["k5"] = nil
        object["k30"] = "replaced"
        #expect(object.count == 39)
        #expect(object["k5"] == nil)
        #expect(object["k6"] == 6)
        #expect(object["k39"] == 39)
        #expect(object["k30"] == "replaced")
        #expect(object.keys[5] == "k6")
        for i in 0..<30 { object["k\(i)"] = nil }
        #expect(object.keys == (30..<40).map { "k\($0)" })
        #expect(object["k31"] == 31)
    }
}
