import HTTP

/// Routes of the MPN profile.
enum ProfileRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.get, "/v1/profiles/mpn", .roles(Role.partnerRoles), summary: "MpnProfile of a PLA id, or the caller's own",
                 .read(MpnProfile.get)),
    ]
}
