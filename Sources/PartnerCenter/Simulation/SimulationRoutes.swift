import HTTP

enum SimulationRoutes {
    static let endpoints: [Endpoint] = [
        Endpoint(.get, "/_sim/health", .controlPlane, summary: "Ready once migrations ran and the world loaded",
                 .direct(SimulationControl.health)),
        Endpoint(.post, "/_sim/reset", .controlPlane, summary: "Empty world, reference data kept (SIM-3)",
                 .write(SimulationControl.reset)),
        Endpoint(.post, "/_sim/seed", .controlPlane, summary: "Replace the world with a fixture (SIM-3)",
                 .write(SimulationControl.seed)),
        Endpoint(.get, "/_sim/clock", .controlPlane, summary: "Read the simulated clock (SIM-1)",
                 .read(SimulationControl.readClock)),
        Endpoint(.post, "/_sim/clock", .controlPlane, summary: "Set or advance the simulated clock (SIM-1, SIM-2)",
                 .direct(SimulationControl.setClock)),
        Endpoint(.post, "/_sim/tokens", .controlPlane, summary: "Mint an access token",
                 .direct(SimulationControl.mintToken)),
        Endpoint(.get, "/_sim/principals", .controlPlane, summary: "Named principals of the world, with fresh tokens",
                 .read(SimulationControl.principals)),
        Endpoint(.get, "/_sim/outbox", .controlPlane, summary: "Notifications sent (GEN-4)",
                 .read(SimulationControl.outbox)),
        Endpoint(.get, "/_sim/audit", .controlPlane, summary: "All audit records (GEN-4)",
                 .read(SimulationControl.audit)),
    ]
}
