import JSON

extension Body {
    /// A JSON document that must be an object, as request bodies and world fixtures are. An
    /// empty document reads as `{}` so optional-only routes work without a body; anything
    /// that is not a JSON object is 400 800002.
    init(parsing bytes: [UInt8]) throws(APIError) {
        guard !bytes.isEmpty else {
            self.init(JSONObject())
            return
        }
        let json: JSON
        do {
            json = try JSON.parse(bytes)
        } catch {
            throw APIError.malformedBody(error.description)
        }
        guard let object = json.objectValue else { throw APIError.malformedBody("the body must be a JSON object") }
        self.init(object)
    }
}
