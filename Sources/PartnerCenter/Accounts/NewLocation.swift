/// What a partner sends to add a location (POST /portal/locations); both fields default
/// from the partner's profile.
struct NewLocation: Sendable {
    let country: String?
    let name: String?

    init(_ body: Body) throws(APIError) {
        country = try body.optionalString("country", maxLength: 2)?.uppercased()
        name = try body.optionalString("name", maxLength: InputLimits.nameLength)
    }
}
