/// A coding key built at run time: object member names and array positions.
struct JSONCodingKey: CodingKey {
    let stringValue: String
    let intValue: Int?

    init(string: String) {
        stringValue = string
        intValue = nil
    }

    init(index: Int) {
        stringValue = "Index \(index)"
        intValue = index
    }

    init?(stringValue: String) {
        self.init(string: stringValue)
    }

    init?(intValue: Int) {
        self.init(index: intValue)
    }
}
