import Testing
import JSON

@Suite struct JSONAccessorTests {
    @Test func typedViews() {
        #expect(JSON.string("s").stringValue == "s")
        #expect(JSON.int(3).stringValue == nil)
        #expect(JSON.int(3).intValue == 3)
        #expect(JSON.double(3.0).intValue == 3)
        #expect(JSON.double(1e3).intValue == 1000)
        #expect(JSON.double(3.5).intValue == nil)
        #expect(JSON.double(1e19).intValue == nil)
        #expect(JSON.double(.nan).intValue == nil)
        #expect(JSON.string("3").intValue == nil)
        #expect(JSON.int(2).doubleValue == 2.0)
        #expect(JSON.double(2.5).doubleValue == 2.5)
        #expect(JSON.bool(true).boolValue == true)
        #expect(JSON.int(1).boolValue == nil)
        #expect(JSON.array([1]).arrayValue == [1])
        #expect(JSON.object(["a": 1]).objectValue == ["a": 1])
        #expect(JSON.null.isNull)
        #expect(!JSON.bool(false).isNull)
    }

    @Test func indexSubscriptIsBoundsChecked() {
        let array: JSON = [10, 20]
        #expect(array[0] == 10)
        #expect(array[1] == 20)
        #expect(array[2] == nil)
        #expect(array[-1] == nil)
        #expect(JSON.string("x")[0] == nil)
    }

    @Test func optionalConstructorsMapNilToNull() {
        let missingString: String? = nil
        let missingInt: Int? = nil
        let missingBool: Bool? = nil
        #expect(JSON(missingString) == .null)
        #expect(JSON(missingInt) == .null)
        #expect(JSON(missingBool) == .null)
        #expect(JSON(Optional("a")) == .string("a"))
        #expect(JSON(Optional(5)) == .int(5))
        #expect(JSON(Optional(true)) == .bool(true))
    }

    @Test func literals() {
        let value: JSON = ["s": "x", "i": 1, "d": 1.5, "b": true, "n": nil, "a": [1, "two"]]
        #expect(value["s"] == .string("x"))
        #expect(value["i"] == .int(1))
        #expect(value["d"] == .double(1.5))
        #expect(value["b"] == .bool(true))
        #expect(value["n"] == .null)
        #expect(value["a"] == .array([.int(1), .string("two")]))
    }
}
