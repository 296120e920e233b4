import HTTP

enum AzureSwitchRoutes {
    static let formReaders: Set<Role> = Role.partnerRoles.union([.customerAdmin])

    static let endpoints: [Endpoint] = [
        Endpoint(.post, "/portal/transfer-forms", .roles([.adminAgent]), summary: "The source opens a transfer form (AZS-1)",
                 .write(TransferForms.create)),
        Endpoint(.get, "/portal/transfer-forms/{formId}", .roles(formReaders), summary: "A transfer form, with its missing fields (AZS-3)",
                 .read(TransferForms.get)),
        Endpoint(.patch, "/portal/transfer-forms/{formId}", .roles([.adminAgent, .customerAdmin]),
                 summary: "Fill in the form: the source's part, or the customer's and target's (AZS-1, AZS-2)", .write(TransferForms.update)),
        Endpoint(.post, "/portal/transfer-forms/{formId}/send", .roles([.adminAgent]), summary: "The source sends the form to the customer (AZS-1)",
                 .write(TransferForms.send)),
        Endpoint(.post, "/portal/transfer-forms/{formId}/return", .roles([.customerAdmin]),
                 summary: "The customer returns the completed form (AZS-2)", .write(TransferForms.giveBack)),
        Endpoint(.post, "/portal/support-requests", .roles([.adminAgent]), summary: "Submit the form to Azure support (AZS-4)",
                 .write(SupportRequests.create)),
        Endpoint(.get, "/portal/support-requests/{requestId}", .roles(Role.partnerRoles.union([.microsoftSupport])),
                 summary: "A support request and its result (AZS-5)", .read(SupportRequests.get)),
        Endpoint(.post, "/portal/support-requests/{requestId}/execute", .roles([.microsoftSupport]),
                 summary: "The Microsoft operator executes the partner switch (AZS-5)", .write(SupportRequests.execute)),
        Endpoint(.get, "/portal/azure-subscriptions/{azureSubscriptionId}/role-assignments", .roles(Role.partnerRoles),
                 summary: "Role assignments on an Azure subscription, stale ones marked (AZS-6)", .read(RoleAssignments.list)),
        Endpoint(.delete, "/portal/azure-subscriptions/{azureSubscriptionId}/role-assignments/{assignmentId}", .roles([.adminAgent]),
                 summary: "Remove a role assignment (AZS-6)", .write(RoleAssignments.remove)),
    ]
}
