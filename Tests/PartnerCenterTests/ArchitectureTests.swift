import Foundation
import Testing

/// The shape of Sources/PartnerCenter (issue 11), checked on the source text so it cannot rot:
/// folders depend one way, only routes see HTTP, every table has one writer, and statuses and
/// kinds are spelled only by their enums. Each check names the offending file and line.
@Suite("Architecture")
struct ArchitectureTests {
    /// The capability folders in dependency order: a folder may use the types of the folders
    /// before it, never after. The kernel (Auth, Core, API, Faults) is one layer whose parts use each
    /// other; folders on one rank (Transfers, AzureSwitch) may not use each other.
    static let layers: [[String]] = [
        ["Auth", "Core", "API", "Faults"],
        ["Audit", "Notifications"],
        ["Accounts"],
        ["Invitations"],
        ["Partnerships"],
        ["POR"],
        ["Customers"],
        ["Subscriptions"],
        ["Transfers", "AzureSwitch"],
        ["Operator"],
        ["Identity"],
        ["Simulation"],
        ["App"],
    ]
    static let kernel: Set<String> = ["Auth", "Core", "API", "Faults"]

    struct SourceFile {
        let folder: String
        let name: String
        /// Lines with comments removed and string literals kept (the SQL lives in them).
        let lines: [String]
        /// The same lines with string literal contents blanked out, for identifier scans.
        let code: [String]
        var path: String { "\(folder)/\(name)" }
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/PartnerCenter")

    static func sources() throws -> [SourceFile] {
        let manager = FileManager.default
        var files: [SourceFile] = []
        for folder in try manager.contentsOfDirectory(atPath: root.path).sorted() {
            let folderURL = root.appendingPathComponent(folder)
            guard let enumerator = manager.enumerator(atPath: folderURL.path) else { continue }
            for case let relative as String in enumerator where relative.hasSuffix(".swift") {
                let text = try String(contentsOf: folderURL.appendingPathComponent(relative), encoding: .utf8)
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { stripComment(String($0)) }
                files.append(SourceFile(folder: folder, name: relative, lines: lines, code: blankStrings(lines)))
            }
        }
        return files
    }

    /// Drops a `//` comment (outside a string literal) from a line.
    static func stripComment(_ line: String) -> String {
        var inString = false
        var previous: Character = " "
        for index in line.indices {
            let character = line[index]
            if character == "\"" && previous != "\\" { inString.toggle() }
            if !inString, character == "/", previous == "/" {
                return String(line[..<line.index(before: index)])
            }
            previous = character
        }
        return line
    }

    /// Blanks the contents of string literals, single-line and `\"\"\"` multi-line alike, but keeps
    /// what is interpolated (`\\(Type.value)` is a real use of `Type`).
    static func blankStrings(_ lines: [String]) -> [String] {
        var inTriple = false
        return lines.map { line in
            let characters = Array(line)
            var result = ""
            var inString = inTriple
            var interpolationDepth = 0
            var index = 0
            while index < characters.count {
                let character = characters[index]
                let isTriple = index + 2 < characters.count && characters[index] == "\"" && characters[index + 1] == "\""
                    && characters[index + 2] == "\""
                if interpolationDepth > 0 {
                    if character == "(" { interpolationDepth += 1 }
                    if character == ")" { interpolationDepth -= 1 }
                    result.append(interpolationDepth == 0 ? " " : character)
                } else if inString && character == "\\" && index + 1 < characters.count && characters[index + 1] == "(" {
                    interpolationDepth = 1
                    result.append("  ")
                    index += 1
                } else if inString && character == "\\" {
                    result.append("  ")   // an escape and the character it escapes
                    index += 1
                } else if isTriple {
                    inTriple.toggle()
                    inString = inTriple
                    result.append("\"\"\"")
                    index += 2
                } else if character == "\"" && !inTriple {
                    inString.toggle()
                    result.append(character)
                } else {
                    result.append(inString ? " " : character)
                }
                index += 1
            }
            return result
        }
    }

    static func matches(_ pattern: String, in text: String) -> [[String]] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).map { match in
            (0..<match.numberOfRanges).map { group in
                Range(match.range(at: group), in: text).map { String(text[$0]) } ?? ""
            }
        }
    }

    /// Top-level type names each folder declares.
    static func declaredTypes(_ files: [SourceFile]) -> [String: String] {
        var owner: [String: String] = [:]
        let declaration = #"^(?:public |final |private |fileprivate |internal |indirect )*(?:enum|struct|class|protocol|actor|typealias)\s+([A-Z]\w*)"#
        for file in files {
            for line in file.code {
                for match in matches(declaration, in: line) { owner[match[1]] = file.folder }
            }
        }
        return owner
    }

    @Test("Issue 11: every folder has a place in the dependency order")
    func everyFolderIsLayered() throws {
        let known = Set(Self.layers.joined())
        let folders = Set(try Self.sources().map(\.folder)).subtracting(["Resources"])
        #expect(folders.subtracting(known).sorted() == [], "add new folders to ArchitectureTests.layers")
    }

    @Test("Issue 11: folders depend one way (no folder uses a type of a later folder)")
    func foldersDependOneWay() throws {
        let files = try Self.sources()
        let owner = Self.declaredTypes(files)
        var rank: [String: Int] = [:]
        for (index, layer) in Self.layers.enumerated() { for folder in layer { rank[folder] = index } }
        var violations: [String] = []
        for file in files {
            guard let fileRank = rank[file.folder] else { continue }
            for (number, line) in file.code.enumerated() {
                for match in Self.matches(#"\b[A-Z]\w*\b"#, in: line) {
                    guard let other = owner[match[0]], other != file.folder, let otherRank = rank[other] else { continue }
                    if Self.kernel.contains(file.folder) && Self.kernel.contains(other) { continue }
                    if otherRank >= fileRank {
                        violations.append("\(file.path):\(number + 1) uses \(match[0]) of \(other)")
                    }
                }
            }
        }
        #expect(violations == [])
    }

    @Test("Issue 11: only routes, the API layer and the app see HTTP requests")
    func onlyRoutesSeeHTTP() throws {
        var violations: [String] = []
        for file in try Self.sources() where !["API", "App"].contains(file.folder) && !file.name.hasSuffix("Routes.swift") {
            for (number, line) in file.code.enumerated() where !Self.matches(#"\b(RequestContext|HTTPRequest|APIResponse|Endpoint)\b"#, in: line).isEmpty {
                violations.append("\(file.path):\(number + 1)")
            }
        }
        #expect(violations == [])
    }

    @Test("Issue 11: every table is written by one store")
    func oneWriterPerTable() throws {
        var writers: [String: Set<String>] = [:]
        let patterns = [
            // SQL in any case; UPDATE only with its SET, so Swift's `for update in` is no write.
            #"(?i)\b(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|DELETE\s+FROM)\s+([a-z_]+)\b"#,
            #"(?i)\bUPDATE\s+([a-z_]+)\s+SET\b"#,
            #"\binto:\s*"([a-z_]+)""#,
            #"\.update\(\s*"([a-z_]+)""#,
        ]
        for file in try Self.sources() {
            for line in file.lines {
                for pattern in patterns {
                    for match in Self.matches(pattern, in: line) where match[1].lowercased() != "set" {
                        writers[match[1].lowercased(), default: []].insert(file.path)
                    }
                }
            }
        }
        // The offer catalog is reference data only migrations write (OfferRecord keeps it in
        // memory once read on that promise).
        #expect(writers["offers"] == nil)
        // The reset empties every world table in one place (WorldTables), by design.
        let shared = writers.filter { $0.value.subtracting(["Simulation/WorldTables.swift"]).count > 1 }
        #expect(shared.mapValues { $0.sorted() } == [:])
        let outsideStores = writers.flatMap { table, files in
            files.filter { !Self.isStore($0) }.map { "\(table) written by \($0)" }
        }
        #expect(outsideStores.sorted() == [])
    }

    /// Files that own a table: `*Store.swift`, plus the kernel's own (settings, audit log,
    /// outbox, idempotency keys, the write probe of startup, the reset).
    static func isStore(_ path: String) -> Bool {
        path.hasSuffix("Store.swift") || [
            "Core/Settings.swift", "Audit/AuditLog.swift", "Notifications/Outbox.swift", "App/Idempotency.swift",
            "App/Simulator.swift", "Simulation/WorldTables.swift",
        ].contains(path)
    }

    @Test("Issue 11: statuses and kinds are spelled only by their enums")
    func noRawStateLiterals() throws {
        let files = try Self.sources()
        // Raw values of the state enums: `enum XStatus: String` (and Kind, Type, Origin, Program).
        var values: [String: Set<String>] = [:]   // raw value -> files of the enums declaring it
        var inStateEnum: String?
        for file in files {
            for line in file.lines {
                if let match = Self.matches(#"enum (\w*(?:Status|State|Kind|Type|Origin|Program|Method))\s*:\s*String"#, in: line).first {
                    inStateEnum = match[1]
                    continue
                }
                if inStateEnum != nil {
                    if line.trimmingCharacters(in: .whitespaces).hasPrefix("}") || line.contains("init") || line.contains("func") {
                        inStateEnum = nil
                        continue
                    }
                    for match in Self.matches(#"case\s+(\w+)(?:\s*=\s*"(\w+)")?"#, in: line) {
                        values[match[2].isEmpty ? match[1] : match[2], default: []].insert(file.path)
                    }
                }
            }
        }
        var violations: [String] = []
        for file in files {
            // A resource or object type name ("Customer", "Transfer") is a name, not a state.
            for (number, line) in file.lines.enumerated() where !line.contains("resourceType:") && !line.contains("objectType") {
                for match in Self.matches(#"["'](\w+)["']"#, in: line) {
                    guard let homes = values[match[1]], !homes.contains(file.path) else { continue }
                    violations.append("\(file.path):\(number + 1) spells \(match[1]) (\(homes.sorted().joined(separator: ", ")))")
                }
            }
        }
        #expect(violations == [])
    }
}
