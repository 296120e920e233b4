/// pcsim's version, printed by `pcsim --version`; the OpenAPI document's `info.version` is the
/// same (OpenAPI tests check it). 0.x: no compatibility promise yet; the minor number is the
/// last issue whose features it contains.
enum Version {
    static let current = "0.15.0"
}
