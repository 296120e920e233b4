import JSON

/// One mail of the outbox as `/_sim/outbox` lists it (a control-plane record: no links,
/// no attributes). Not named `Notification`, which Foundation already uses.
struct OutboxNotification: Encodable, Sendable {
    let id: String
    let createdTime: String
    let kind: String
    let recipient: String
    @Nullable var recipientTenantId: String?
    let subject: String
    let body: String
    @Nullable var link: String?
    @Nullable var resourceType: String?
    @Nullable var resourceId: String?

    init(_ notification: NotificationRow) {
        id = notification.id
        createdTime = notification.createdAt
        kind = notification.kind
        recipient = notification.recipient
        recipientTenantId = notification.recipientTenantId
        subject = notification.subject
        body = notification.body
        link = notification.link
        resourceType = notification.resourceType
        resourceId = notification.resourceId
    }
}
