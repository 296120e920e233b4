import Foundation

/// A state or kind that clients may name in any case (`"restricted"` for Restricted), as the
/// portal's operator and enrollment bodies do.
protocol CaseInsensitivelyNamed: RawRepresentable, CaseIterable where RawValue == String {}

extension CaseInsensitivelyNamed {
    init?(name: String) {
        guard let match = Self.allCases.first(where: { $0.rawValue.caseInsensitiveCompare(name) == .orderedSame }) else {
            return nil
        }
        self = match
    }
}
