import Testing
import JSON
import Foundation

@Suite struct JSONValueEncoderTests {
    private let encoder = JSONValueEncoder()

    private func text(_ value: JSON) -> String {
        String(decoding: value.serialized(), as: UTF8.self)
    }

    struct Customer: Encodable {
        var zeta = "z"
        var id = "c-1"
        var alpha = 3
        var enabled = true
        var ratio = 0.5
    }

    @Test func keysFollowDeclarationOrder() throws {
        let json = try encoder.encode(Customer())
        #expect(json.objectValue?.keys == ["zeta", "id", "alpha", "enabled", "ratio"])
        #expect(text(json) == #"{"zeta":"z","id":"c-1","alpha":3,"enabled":true,"ratio":0.5}"#)
    }

    struct Optionals: Encodable {
        var omitted: String?
        @Nullable var rendered: String?
        var present: Int? = 7
    }

    @Test func nilOptionalIsOmittedAndNullableRendersNull() throws {
        let json = try encoder.encode(Optionals())
        #expect(text(json) == #"{"rendered":null,"present":7}"#)
        let filled = try encoder.encode(Optionals(omitted: "o", rendered: "r", present: nil))
        #expect(text(filled) == #"{"omitted":"o","rendered":"r"}"#)
    }

    @Test func nullableMemberwiseInitAcceptsNilAndValues() {
        let empty = Optionals(rendered: nil)
        let set = Optionals(rendered: "a")
        #expect(empty.rendered == nil)
        #expect(set.rendered == "a")
        struct Defaulted: Encodable { @Nullable var x: Int? = nil }
        #expect(Defaulted().x == nil)
        #expect(Defaulted(x: 3).x == 3)
        #expect(Nullable<Int>(wrappedValue: 1) != Nullable(wrappedValue: nil))
    }

    struct ExplicitNull: Encodable {
        var value: String?
        enum CodingKeys: CodingKey { case value }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeNil(forKey: .value)
        }
    }

    @Test func encodeNilForKeyWritesNull() throws {
        #expect(text(try encoder.encode(ExplicitNull())) == #"{"value":null}"#)
    }

    enum Status: String, Encodable {
        case active = "Active"
        case suspended
    }

    struct Line: Encodable {
        var sku: String
        var quantity: Int
        var status: Status
    }

    struct Order: Encodable {
        var id: String
        var lines: [Line]
        var tags: [String]
        var attributes: [String: Int]
        var nested: [[Int]]
        var status: Status
    }

    @Test func nestedStructsArraysDictionariesAndEnums() throws {
        let order = Order(
            id: "o-1",
            lines: [Line(sku: "A", quantity: 2, status: .active), Line(sku: "B", quantity: 1, status: .suspended)],
            tags: ["x", "y"], attributes: ["count": 4], nested: [[1, 2], []], status: .suspended)
        let json = try encoder.encode(order)
        #expect(text(json) == #"{"id":"o-1","lines":[{"sku":"A","quantity":2,"status":"Active"},"#
            + #"{"sku":"B","quantity":1,"status":"suspended"}],"tags":["x","y"],"attributes":{"count":4},"#
            + #""nested":[[1,2],[]],"status":"suspended"}"#)
    }

    @Test func dictionariesWithManyKeysHoldAllMembers() throws {
        let json = try encoder.encode(["b": 2, "a": 1, "c": 3])
        #expect(json.objectValue?.keys.sorted() == ["a", "b", "c"])
        #expect(json == ["a": 1, "b": 2, "c": 3])
    }

    struct Envelope: Encodable {
        var kind = "envelope"
        var payload: JSON
        var links: JSONObject
        var extras: [JSON]
    }

    @Test func jsonAndJSONObjectPassThrough() throws {
        let payload: JSON = ["z": 1, "a": [true, .null, 1.5], "m": ["deep": "x"]]
        let links: JSONObject = ["self": ["uri": "/v1/x"], "next": .null]
        let json = try encoder.encode(Envelope(payload: payload, links: links, extras: [.double(.infinity)]))
        // Key order of the inserted values is kept; JSON's own non-finite doubles are inserted
        // unchanged (they render as null) rather than rejected.
        #expect(text(json) == #"{"kind":"envelope","payload":{"z":1,"a":[true,null,1.5],"m":{"deep":"x"}},"#
            + #""links":{"self":{"uri":"/v1/x"},"next":null},"extras":[null]}"#)
        #expect(try encoder.encode(payload) == payload)
        #expect(try encoder.encode(links) == .object(links))
    }

    /// JSON's Encodable conformance, driven through another encoder than the fast path.
    @Test func jsonEncodesItsStructureThroughAnyEncoder() throws {
        struct Wrapper: Encodable {
            let value: JSON
            func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
        }
        let value: JSON = ["b": [1, "two", .null, false, 2.5], "a": ["x": .int(.max)]]
        let json = try encoder.encode(Wrapper(value: value))
        #expect(text(json) == text(value))
    }

    @Test func numbersMapToIntAndDouble() throws {
        struct Numbers: Encodable {
            var i8: Int8 = -8
            var u16: UInt16 = 16
            var u64: UInt64 = UInt64(Int64.max)
            var i64: Int64 = .min
            var f: Float = 0.1
            var d: Double = -2.25
        }
        let json = try encoder.encode(Numbers())
        #expect(json["i8"] == .int(-8))
        #expect(json["u16"] == .int(16))
        #expect(json["u64"] == .int(.max))
        #expect(json["i64"] == .int(.min))
        #expect(json["f"] == .double(0.1))
        #expect(json["d"] == .double(-2.25))
    }

    @Test func unsignedAboveInt64MaxThrows() {
        struct Big: Encodable { var value = UInt64(Int64.max) + 1 }
        #expect(throws: EncodingError.self) { try encoder.encode(Big()) }
        #expect(throws: EncodingError.self) { try encoder.encode([UInt.max]) }
    }

    @Test func nonFiniteDoublesThrowWithTheirPath() {
        struct Holder: Encodable { var values: [Double] }
        struct Outer: Encodable { var holder: Holder }
        do {
            _ = try encoder.encode(Outer(holder: Holder(values: [1, .nan])))
            Issue.record("expected an EncodingError")
        } catch let EncodingError.invalidValue(_, context) {
            #expect(context.codingPath.map(\.stringValue) == ["holder", "values", "Index 1"])
        } catch {
            Issue.record("unexpected error \(error)")
        }
        #expect(throws: EncodingError.self) { try encoder.encode(Double.infinity) }
        #expect(throws: EncodingError.self) { try encoder.encode(["x": -Float.infinity]) }
    }

    @Test func topLevelScalarsAndEmptyValues() throws {
        #expect(try encoder.encode("s") == "s")
        #expect(try encoder.encode(5) == 5)
        #expect(try encoder.encode(Optional<Int>.none) == .null)
        #expect(try encoder.encode([Int]()) == .array([]))
        struct Empty: Encodable {}
        #expect(try encoder.encode(Empty()) == .object(JSONObject()))
        struct Nothing: Encodable { func encode(to encoder: any Encoder) throws {} }
        #expect(throws: EncodingError.self) { try encoder.encode(Nothing()) }
    }

    struct Manual: Encodable {
        enum Keys: String, CodingKey { case id, address, lines, extra }
        enum AddressKeys: String, CodingKey { case city, zip }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode("m-1", forKey: .id)
            var address = container.nestedContainer(keyedBy: AddressKeys.self, forKey: .address)
            var lines = container.nestedUnkeyedContainer(forKey: .lines)
            try container.encode(true, forKey: .extra)
            // Written after later keys: the nested members still land in their own positions.
            try address.encode("Oslo", forKey: .city)
            try address.encode("0150", forKey: .zip)
            try lines.encode(1)
            var inner = lines.nestedContainer(keyedBy: AddressKeys.self)
            try inner.encode("Bergen", forKey: .city)
            var deeper = lines.nestedUnkeyedContainer()
            try deeper.encode("d")
            try lines.encode(2)
        }
    }

    @Test func nestedContainersKeepTheirPositions() throws {
        #expect(text(try encoder.encode(Manual()))
            == #"{"id":"m-1","address":{"city":"Oslo","zip":"0150"},"lines":[1,{"city":"Bergen"},["d"],2],"extra":true}"#)
    }

    class Base: Encodable {
        var baseValue = 1
    }

    final class Derived: Base {
        var derivedValue = 2
        enum Keys: String, CodingKey { case derivedValue }
        override func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(derivedValue, forKey: .derivedValue)
            try super.encode(to: container.superEncoder())
        }
    }

    @Test func superEncoderWritesUnderSuper() throws {
        #expect(text(try encoder.encode(Derived())) == #"{"derivedValue":2,"super":{"baseValue":1}}"#)
    }

    @Test func userInfoReachesEveryEncoder() throws {
        let key = try #require(CodingUserInfoKey(rawValue: "tenant"))
        struct Inner: Encodable {
            let key: CodingUserInfoKey
            func encode(to encoder: any Encoder) throws {
                var container = encoder.singleValueContainer()
                try container.encode(encoder.userInfo[key] as? String ?? "missing")
            }
        }
        struct Outer: Encodable { var inner: [Inner] }
        let custom = JSONValueEncoder(userInfo: [key: "t-9"])
        #expect(text(try custom.encode(Outer(inner: [Inner(key: key)]))) == #"{"inner":["t-9"]}"#)
        #expect(text(try encoder.encode(Outer(inner: [Inner(key: key)]))) == #"{"inner":["missing"]}"#)
    }

    @Test func codingPathIsReportedToNestedValues() throws {
        struct PathProbe: Encodable {
            func encode(to encoder: any Encoder) throws {
                var container = encoder.singleValueContainer()
                try container.encode(encoder.codingPath.map(\.stringValue).joined(separator: "/"))
            }
        }
        struct Level: Encodable { var probes: [PathProbe] }
        struct Top: Encodable { var level: Level }
        #expect(try encoder.encode(Top(level: Level(probes: [PathProbe(), PathProbe()])))
            == ["level": ["probes": ["level/probes/Index 0", "level/probes/Index 1"]]])
    }

    @Test func roundTripsThroughSerializedBytes() throws {
        let order = Order(
            id: "o-\u{e9}\u{1F30D}\"q\"", lines: [Line(sku: "\\", quantity: -1, status: .active)],
            tags: [], attributes: ["k": 0], nested: [[Int.max, Int.min]], status: .active)
        let json = try encoder.encode(order)
        let parsed = try JSON.parse(json.serialized())
        #expect(parsed == json)
        #expect(parsed.objectValue?.keys == json.objectValue?.keys)
    }

    @Test func nullableDecodesNullAndAbsentAsNil() throws {
        struct Probe: Codable, Equatable {
            var id: Int
            @Nullable var value: String?
        }
        let decoder = JSONDecoder()
        #expect(try decoder.decode(Probe.self, from: Data(#"{"id":1,"value":null}"#.utf8)) == Probe(id: 1, value: nil))
        #expect(try decoder.decode(Probe.self, from: Data(#"{"id":1}"#.utf8)) == Probe(id: 1, value: nil))
        #expect(try decoder.decode(Probe.self, from: Data(#"{"id":1,"value":"a"}"#.utf8)) == Probe(id: 1, value: "a"))
        #expect(throws: DecodingError.self) {
            try decoder.decode(Probe.self, from: Data(#"{"id":1,"value":5}"#.utf8))
        }
        // Through another encoder, too, the key is present with null.
        let sorted = JSONEncoder()
        sorted.outputFormatting = .sortedKeys
        let foundation = String(decoding: try sorted.encode(Probe(id: 2, value: nil)), as: UTF8.self)
        #expect(foundation == #"{"id":2,"value":null}"#)
    }
}
