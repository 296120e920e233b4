/// Whether a request is the control plane's (`/_sim` and below, any case), decided on the
/// percent-decoded path (`/%5Fsim/health` is the control plane too). Neither journaled
/// (reading the journal must not change it, and harness traffic is not the code under test)
/// nor faulted (no rule may lock a suite out of `/_sim/faults`): one test for both.
enum ControlPlanePath {
    static func contains(_ path: String) -> Bool {
        // Most paths differ at their second byte (`/v1/...`): decided before any comparison.
        guard path.utf8.dropFirst().first == UInt8(ascii: "_"), JournalRedaction.hasPrefixIgnoringCase(path, "/_sim") else { return false }
        let utf8 = path.utf8
        return utf8.count == 5 || utf8[utf8.index(utf8.startIndex, offsetBy: 5)] == UInt8(ascii: "/")
    }
}
