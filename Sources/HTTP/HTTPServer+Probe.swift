extension HTTPServer {
    /// Binds `host:port` and lets it go at once, so a start can refuse an address in use (or
    /// one that is not local, or not an address) before it creates anything, such as a database.
    /// The address may still be taken before `start()` binds it again: `start()` reports that.
    public static func probe(host: String, port: Int) throws(SocketError) {
        let (fd, _) = try Socket.listen(host: host, port: port, backlog: 1)
        Socket.closeDescriptor(fd)
    }
}
