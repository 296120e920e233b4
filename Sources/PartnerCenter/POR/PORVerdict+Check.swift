extension PORVerdict {
    /// The verdict on `id`: valid when no check failed, else the failing check's code and message.
    init(_ id: String, _ failing: PORCheck?, reseller: String? = nil) {
        self.init(partnerId: id, errorCode: failing?.code, errorDescription: failing?.message, resellerTenantId: reseller)
    }
}
