import Foundation
import HTTP
import JSON
@testable import PartnerCenter
import Testing

/// `POST/GET/DELETE /_sim/faults` and `DELETE /_sim/faults/{id}`: the rules as the control
/// plane takes and answers them, and every field's validation (400 naming the field, nothing
/// added).
@Suite("Fault rules: the /_sim/faults endpoints")
struct FaultRuleTests {
    typealias Demo = TestWorld.Demo

    @Test("POST /_sim/faults answers 201 with the rule as given (normalized), an id and its counters")
    func addAnswersRule() throws {
        let world = try TestWorld()
        let response = try world.request(.post, "/_sim/faults", body: [
            "method": "post", "path": "/v1/customers/*/Subscriptions/**", "tenantId": .string(Demo.contoso.uppercased()),
            "status": 503, "code": "600010", "description": "Down", "retryAfter": 7, "delayMs": ["min": 10, "max": 20],
            "times": 3, "probability": 0.5, "from": "2026-01-05T10:00:00.250Z", "until": "2026-01-06T00:00:00Z",
        ])
        #expect(response.status == 201, "\(response.text)")
        let rule = response.json
        #expect(rule["id"]?.stringValue == "fault-1")
        #expect(rule["method"]?.stringValue == "POST")
        #expect(rule["path"]?.stringValue == "/v1/customers/*/Subscriptions/**")
        #expect(rule["tenantId"]?.stringValue == Demo.contoso)
        #expect(rule["status"]?.intValue == 503)
        #expect(rule["code"]?.intValue == 600010, "a code of digits is Partner Center's number")
        #expect(rule["description"]?.stringValue == "Down")
        #expect(rule["retryAfter"]?.intValue == 7)
        #expect(rule["delayMs"]?["min"]?.intValue == 10)
        #expect(rule["delayMs"]?["max"]?.intValue == 20)
        #expect(rule["times"]?.intValue == 3)
        #expect(rule["probability"]?.doubleValue == 0.5)
        #expect(rule["from"]?.stringValue == "2026-01-05T10:00:00.250Z")
        #expect(rule["until"]?.stringValue == "2026-01-06T00:00:00.000Z")
        #expect(rule["remaining"]?.intValue == 3)
        #expect(rule["matched"]?.intValue == 0)
    }

    @Test("A rule without times has remaining null, and omits the fields not given")
    func minimalRule() throws {
        let world = try TestWorld()
        let rule = try world.addFault(["path": "/v1/customers", "drop": "afterCommit"])
        #expect(rule["remaining"] == .null)
        #expect(rule["drop"]?.stringValue == "afterCommit")
        #expect(rule["method"] == nil)
        #expect(rule["status"] == nil)
        #expect(rule["delayMs"] == nil)
        let text = try world.addFault(["path": "/x", "status": 500, "code": "ServiceFailure"])
        #expect(text["code"]?.stringValue == "ServiceFailure")
    }

    @Test("GET /_sim/faults lists the rules in matching order with totalCount and live counters")
    func list() throws {
        let world = try TestWorld()
        try world.addFault(["path": "/v1/customers", "status": 500, "times": 2])
        try world.addFault(["path": "/v1/**", "delayMs": 5])
        _ = try world.request(.get, "/v1/customers", as: "distributor-admin")
        let listed = try world.request(.get, "/_sim/faults")
        #expect(listed.status == 200)
        #expect(listed["totalCount"]?.intValue == 2)
        #expect(listed.items.map { $0["id"]?.stringValue } == ["fault-1", "fault-2"])
        #expect(listed.items[0]["remaining"]?.intValue == 1)
        #expect(listed.items[0]["matched"]?.intValue == 1)
        #expect(listed.items[1]["matched"]?.intValue == 0)
    }

    @Test("DELETE /_sim/faults removes every rule and says how many; faults stop")
    func clearAll() throws {
        let world = try TestWorld()
        try world.addFault(["path": "/v1/customers", "status": 500])
        try world.addFault(["path": "/v1/**", "status": 503])
        let cleared = try world.request(.delete, "/_sim/faults")
        #expect(cleared.status == 200)
        #expect(cleared["cleared"]?.intValue == 2)
        #expect(try world.request(.get, "/_sim/faults")["totalCount"]?.intValue == 0)
        #expect(try world.request(.get, "/v1/customers", as: "distributor-admin").status == 200)
        #expect(try world.request(.delete, "/_sim/faults")["cleared"]?.intValue == 0)
    }

    @Test("DELETE /_sim/faults/{id} removes that rule (204) and keeps the others; an unknown id is 404")
    func removeOne() throws {
        let world = try TestWorld()
        try world.addFault(["path": "/v1/customers", "status": 500])
        try world.addFault(["path": "/v1/customers", "status": 503])
        let removed = try world.request(.delete, "/_sim/faults/fault-1")
        #expect(removed.status == 204)
        #expect(removed.body.isEmpty)
        #expect(try world.request(.get, "/_sim/faults").items.map { $0["id"]?.stringValue } == ["fault-2"])
        #expect(try world.request(.get, "/v1/customers", as: "distributor-admin").status == 503)
        let unknown = try world.request(.delete, "/_sim/faults/fault-1")
        #expect(unknown.status == 404)
        #expect(unknown.code == 1000)
        #expect(try world.request(.get, "/_sim/faults")["totalCount"]?.intValue == 1)
    }

    @Test("Ids are not reused after a delete")
    func idsNotReused() throws {
        let world = try TestWorld()
        try world.addFault(["path": "/a", "status": 500])
        _ = try world.request(.delete, "/_sim/faults")
        #expect(try world.addFault(["path": "/a", "status": 500])["id"]?.stringValue == "fault-2")
    }

    @Test("The control plane's admin key guards /_sim/faults like every /_sim route")
    func adminKey() throws {
        var configuration = SimulatorConfiguration()
        configuration.adminKey = "a-long-enough-admin-key"
        let world = try TestWorld(configuration: configuration)
        let refused = try world.request(.post, "/_sim/faults", body: ["path": "/v1/customers", "status": 500])
        #expect(refused.status == 403)
        #expect(world.services.faults.rules.isEmpty)
        let allowed = try world.request(.post, "/_sim/faults", body: ["path": "/v1/customers", "status": 500],
                                        headers: [("X-Admin-Key", "a-long-enough-admin-key")])
        #expect(allowed.status == 201)
    }

    @Test("At most 1000 rules are held: the next is 409 700012 and nothing is added")
    func full() throws {
        let world = try TestWorld()
        for index in 0..<FaultRegistry.maximumRules {
            _ = try world.services.faults.rules.add { id throws(APIError) in
                try FaultRule(parsing: Body(JSONObject([("path", .string("/r\(index)")), ("status", 500)])), id: id)
            }
        }
        let refused = try world.request(.post, "/_sim/faults", body: ["path": "/v1/customers", "status": 500])
        #expect(refused.status == 409)
        #expect(refused.code == 700012)
        #expect(try world.request(.get, "/_sim/faults")["totalCount"]?.intValue == Int64(FaultRegistry.maximumRules))
    }

    /// Bodies each wrong in one field, and the field the 400 must name.
    static let invalid: [(JSON, String)] = [
        (["status": 500], "path"),
        (["path": "v1/customers", "status": 500], "path"),
        (["path": "/v1/customers?x=1", "status": 500], "path"),
        (["path": "/v1//customers", "status": 500], "path"),
        (["path": "/_sim/**", "status": 500], "path"),
        (["path": "/_SIM/faults", "status": 500], "path"),
        (["path": "/%5Fsim/reset", "status": 500], "path"),
        (["path": .string("/" + String(repeating: "a", count: 600)), "status": 500], "path"),
        (["path": .string(String(repeating: "/a", count: 33)), "status": 500], "path"),
        (["path": "/v1/cus tomers", "status": 500], "path"),
        (["path": 5, "status": 500], "path"),
        (["path": "/x", "method": "FETCH", "status": 500], "method"),
        (["path": "/x", "method": 1, "status": 500], "method"),
        (["path": "/x", "tenantId": "contoso", "status": 500], "tenantId"),
        (["path": "/x", "status": 399], "status"),
        (["path": "/x", "status": 600], "status"),
        (["path": "/x", "status": "500"], "status"),
        (["path": "/x", "status": 500.5], "status"),
        (["path": "/x", "status": 500, "code": ["a": 1]], "code"),
        (["path": "/x", "status": 500, "code": -1], "code"),
        (["path": "/x", "status": 500, "code": .string(String(repeating: "c", count: 65))], "code"),
        (["path": "/x", "status": 500, "description": .string(String(repeating: "d", count: 1025))], "description"),
        (["path": "/x", "status": 500, "description": 3], "description"),
        (["path": "/x", "status": 429, "retryAfter": -1], "retryAfter"),
        (["path": "/x", "status": 429, "retryAfter": 3601], "retryAfter"),
        (["path": "/x", "delayMs": -1], "delayMs"),
        (["path": "/x", "delayMs": 60_001], "delayMs"),
        (["path": "/x", "delayMs": "100"], "delayMs"),
        (["path": "/x", "delayMs": 1.5], "delayMs"),
        (["path": "/x", "delayMs": ["min": 5, "max": 1]], "delayMs.max"),
        (["path": "/x", "delayMs": ["min": 1]], "delayMs.max"),
        (["path": "/x", "delayMs": ["max": 1]], "delayMs.min"),
        (["path": "/x", "delayMs": ["min": 0, "max": 70_000]], "delayMs.max"),
        (["path": "/x", "delayMs": ["min": 0, "max": 1, "mean": 1]], "delayMs.mean"),
        (["path": "/x", "drop": "later"], "drop"),
        (["path": "/x", "drop": true], "drop"),
        (["path": "/x", "status": 500, "times": 0], "times"),
        (["path": "/x", "status": 500, "times": 1_000_001], "times"),
        (["path": "/x", "status": 500, "probability": 1.5], "probability"),
        (["path": "/x", "status": 500, "probability": -0.1], "probability"),
        (["path": "/x", "status": 500, "probability": "half"], "probability"),
        (["path": "/x", "status": 500, "from": "yesterday"], "from"),
        (["path": "/x", "status": 500, "until": "2026-13-01T00:00:00Z"], "until"),
        (["path": "/x", "status": 500, "from": "2026-01-06T00:00:00Z", "until": "2026-01-06T00:00:00Z"], "until"),
        (["path": "/x"], "status"),
        (["path": "/x", "status": 500, "drop": "beforeCommit"], "drop"),
        (["path": "/x", "drop": "afterCommit", "code": "1"], "code"),
        (["path": "/x", "delayMs": 10, "description": "slow"], "description"),
        (["path": "/x", "drop": "beforeCommit", "retryAfter": 1], "retryAfter"),
        (["path": "/x", "status": 500, "delay": 100], "delay"),
    ]

    @Test("Every invalid field is 400 800002 naming it, and adds no rule", arguments: invalid)
    func invalidField(_ body: JSON, _ field: String) throws {
        let world = try TestWorld(demo: false)
        let response = try world.request(.post, "/_sim/faults", body: body)
        #expect(response.status == 400, "\(body): \(response.text)")
        #expect(response.code == 800002)
        #expect(response["description"]?.stringValue?.hasPrefix("\(field):") == true, "\(body): \(response.text)")
        #expect(world.services.faults.rules.isEmpty)
    }

    @Test("A body that is not a JSON object is 400 and adds no rule")
    func malformedBody() throws {
        let world = try TestWorld(demo: false)
        for raw in ["[1]", "{\"path\":", "\"x\""] {
            let response = try world.request(.post, "/_sim/faults", rawBody: Array(raw.utf8))
            #expect(response.status == 400, "\(raw)")
            #expect(response.code == 800002)
        }
        #expect(world.services.faults.rules.isEmpty)
    }
}
