import HTTP
import JSON
import SQLite

enum AzureSwitchRoutes {
    static let formReaders: Set<Role> = Role.partnerRoles.union([.customerAdmin])

    static let endpoints: [Endpoint] = [
        Endpoint(.post, "/portal/transfer-forms", .roles([.adminAgent]), summary: "The source opens a transfer form (AZS-1)",
                 .write(createForm)),
        Endpoint(.get, "/portal/transfer-forms/{formId}", .roles(formReaders), summary: "A transfer form, with its missing fields (AZS-3)",
                 .read(getForm)),
        Endpoint(.patch, "/portal/transfer-forms/{formId}", .roles([.adminAgent, .customerAdmin]),
                 summary: "Fill in the form: the source's part, or the customer's and target's (AZS-1, AZS-2)", .write(updateForm)),
        Endpoint(.post, "/portal/transfer-forms/{formId}/send", .roles([.adminAgent]), summary: "The source sends the form to the customer (AZS-1)",
                 .write(sendForm)),
        Endpoint(.post, "/portal/transfer-forms/{formId}/return", .roles([.customerAdmin]),
                 summary: "The customer returns the completed form (AZS-2)", .write(returnForm)),
        Endpoint(.post, "/portal/support-requests", .roles([.adminAgent]), summary: "Submit the form to Azure support (AZS-4)",
                 .write(createSupportRequest)),
        Endpoint(.get, "/portal/support-requests/{requestId}", .roles(Role.partnerRoles.union([.microsoftSupport])),
                 summary: "A support request and its result (AZS-5)", .read(getSupportRequest)),
        Endpoint(.post, "/portal/support-requests/{requestId}/execute", .roles([.microsoftSupport]),
                 summary: "The Microsoft operator executes the partner switch (AZS-5)", .write(executeSupportRequest)),
        Endpoint(.get, "/portal/azure-subscriptions/{azureSubscriptionId}/role-assignments", .roles(Role.partnerRoles),
                 summary: "Role assignments on an Azure subscription, stale ones marked (AZS-6)", .read(listRoleAssignments)),
        Endpoint(.delete, "/portal/azure-subscriptions/{azureSubscriptionId}/role-assignments/{assignmentId}", .roles([.adminAgent]),
                 summary: "Remove a role assignment (AZS-6)", .write(removeRoleAssignment)),
    ]
}

// Bodies are read here as a `Result` and thrown by the operation where it reads them today
// (after the checks on the caller and the form), so the order of refusals does not change.
extension AzureSwitchRoutes {
    static func createForm(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        let input = Result { () throws(APIError) in try NewTransferFormInput(try request.body()) }
        return try .created(TransferForm(try TransferForms.create(input, request.operation, db)))
    }

    static func getForm(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        try .ok(TransferForm(try TransferForms.get(request.pathParameter("formId"), request.operation, db)))
    }

    static func updateForm(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        let input = Result { () throws(APIError) in TransferFormInput(try request.body()) }
        return try .ok(TransferForm(try TransferForms.update(request.pathParameter("formId"), input, request.operation, db)))
    }

    static func sendForm(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        try .ok(TransferForm(try TransferForms.send(request.pathParameter("formId"), request.operation, db)))
    }

    static func returnForm(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        try .ok(TransferForm(try TransferForms.giveBack(request.pathParameter("formId"), request.operation, db)))
    }

    static func createSupportRequest(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        let input = Result { () throws(APIError) in try SupportRequestInput(try request.body()) }
        return try .created(SupportRequest(try SupportRequests.create(input, request.operation, db)))
    }

    static func getSupportRequest(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        try .ok(SupportRequest(try SupportRequests.get(request.pathParameter("requestId"), request.operation, db)))
    }

    static func executeSupportRequest(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        try .ok(SupportRequest(try SupportRequests.execute(request.pathParameter("requestId"), request.operation, db)))
    }

    static func listRoleAssignments(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        let found = try RoleAssignments.list(azureSubscriptionId: request.pathParameter("azureSubscriptionId"), request.operation, db)
        let items = found.items.map { RoleAssignment($0, billingPartner: found.billingPartner) }
        let azureId = request.pathParameter("azureSubscriptionId").lowercased()
        return .ok(try Page(request).collection(all: items, selfURI: "/portal/azure-subscriptions/\(azureId)/role-assignments"))
    }

    static func removeRoleAssignment(_ request: RequestContext, _ db: Connection) throws -> APIResponse {
        try RoleAssignments.remove(azureSubscriptionId: request.pathParameter("azureSubscriptionId"),
                                   assignmentId: request.pathParameter("assignmentId"), request.operation, db)
        return .noContent
    }
}
