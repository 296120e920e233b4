/// What a tenant sends to enroll in a CSP program (POST /portal/enrollments).
struct EnrollmentApplication: Sendable {
    var program: Program
    var legalName: String?
    var addressLine1: String?
    var city: String?
    var postalCode: String?
    var country: String?
    var contactName: String?
    var contactEmail: String?
    var supportEmail: String?
    var supportPhone: String?
    var cspRevenueUSD: Double?

    init(_ body: Body) throws {
        let programName = try body.optionalString("program") ?? Program.indirectReseller.rawValue
        guard let program = Program(name: programName) else {
            throw APIError.invalidField("program", "must be IndirectReseller or DirectBill")
        }
        self.program = program
        let name = InputLimits.nameLength, line = InputLimits.addressLength, email = InputLimits.emailLength
        legalName = try body.optionalString("legalName", maxLength: name) ?? body.optionalString("companyName", maxLength: name)
        let address = try body.optionalObject("address")
        addressLine1 = try address?.optionalString("addressLine1", maxLength: line)
        city = try address?.optionalString("city", maxLength: line)
        postalCode = try address?.optionalString("postalCode", maxLength: InputLimits.shortTextLength)
        country = try address?.optionalString("country", maxLength: 2)?.uppercased()
        let contact = try body.optionalObject("primaryContact")
        let first = try contact?.optionalString("firstName", maxLength: name)
        let last = try contact?.optionalString("lastName", maxLength: name)
        let joined = [first, last].compactMap { $0 }.joined(separator: " ")
        contactName = joined.isEmpty ? try contact?.optionalString("name", maxLength: name) : joined
        contactEmail = try contact?.optionalString("email", maxLength: email)
        let support = try body.optionalObject("supportContact")
        supportEmail = try support?.optionalString("email", maxLength: email) ?? body.optionalString("supportEmail", maxLength: email)
        supportPhone = try support?.optionalString("phone", maxLength: InputLimits.shortTextLength)
            ?? body.optionalString("supportPhone", maxLength: InputLimits.shortTextLength)
        cspRevenueUSD = try body.optionalDouble("cspRevenueLast12MonthsUsd", in: InputLimits.revenueUSD)
    }

    /// ACC-1: what a new tenant must provide.
    func requireCompleteProfile() throws(APIError) {
        let required: [(String, String?)] = [
            ("legalName", legalName), ("address.addressLine1", addressLine1), ("address.city", city),
            ("address.country", country), ("primaryContact.email", contactEmail),
        ]
        let missing = required.filter { $0.1 == nil }.map(\.0)
            + (supportEmail == nil && supportPhone == nil ? ["supportContact"] : [])
        guard missing.isEmpty else {
            throw APIError(.badRequest, code: ErrorCode.missingEnrollmentField,
                           "Enrollment needs a legal name, a business address, a primary contact and support details; missing: \(missing.joined(separator: ", ")).",
                           data: missing.map { .string($0) })
        }
    }
}
