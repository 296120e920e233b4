/// The body of POST /portal/support-requests. The title and description keep the error reading
/// them gave, thrown once the form is found fit to submit (as ever).
struct SupportRequestInput {
    let transferFormId: String
    let title: Result<String?, APIError>
    let description: Result<String?, APIError>

    init(_ body: Body) throws(APIError) {
        transferFormId = try body.string("transferFormId").lowercased()
        title = Result { () throws(APIError) in try body.optionalString("title") }
        description = Result { () throws(APIError) in
            try body.optionalString("description", maxLength: InputLimits.descriptionLength, allowsLineBreaks: true)
        }
    }
}
