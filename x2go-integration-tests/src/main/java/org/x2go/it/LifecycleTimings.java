package org.x2go.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.x2go.testkit.RealX2GoServer;
import org.x2go.api.BackendKind;
import org.x2go.api.Backends;
import org.x2go.api.TerminalParams;
import org.x2go.client.X2GoClient;
import org.x2go.spi.NamedProvider;

/**
 * Timed harness (not a test): runs the life cycle N times against the real test server and prints,
 * per step, the median wall time of the client call next to the median time the server commands of
 * that step took on the same connection. The difference is what the client adds.
 *
 * <p>Run: {@code ./mvnw -q -pl x2go-integration-tests exec:java -Dexec.mainClass=org.x2go.it.LifecycleTimings
 * -Dexec.args="5 JSCH"} after {@code scripts/x2go-test-server start}.
 */
public final class LifecycleTimings {
    private LifecycleTimings() {
    }

    /**
     * @param args {@code [N] [JSCH|SSHJ]}
     * @throws Exception when the server is not available or a step fails
     */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String ssh = args.length > 1 ? args[1] : "JSCH";
        RealX2GoServer server = RealX2GoServer.detect()
                .orElseThrow(() -> new IllegalStateException("no real server: " + RealX2GoServer.unavailableReason()));
        Backends found = Backends.discover();
        TimingTransport timing = new TimingTransport(found.select(BackendKind.SSH, ssh));
        // The same providers as discovered, with the selected SSH transport wrapped by the timer.
        List<NamedProvider> providers = new ArrayList<>();
        for (BackendKind k : BackendKind.values()) {
            found.providers(k).values().stream().filter(p -> k != BackendKind.SSH).forEach(providers::add);
        }
        providers.add(timing);
        Backends timed = Backends.of(providers);
        Map<String, List<long[]>> steps = new LinkedHashMap<>();
        Path home = Files.createTempDirectory("x2go-timings");
        for (int i = 0; i < n; i++) {
            try (X2GoClient client = X2GoClient.builder().backends(timed).set("x2go.backend.ssh", ssh)
                    .display(server.display()).sessionsRoot(home).build()) {
                String[] profile = new String[1];
                UUID[] uuid = new UUID[1];
                String[] name = new String[1];
                TerminalParams params = TerminalParams.builder().command("xterm").build();
                step(steps, timing, "connect", () -> profile[0] = client.connect("timings", server.connectOptions()));
                step(steps, timing, "list", () -> client.listSessions(profile[0]));
                step(steps, timing, "start", () -> uuid[0] = client.startSession(profile[0], params));
                name[0] = client.summary(uuid[0]).orElseThrow().sessionName();
                step(steps, timing, "start→running", () -> awaitState(client, profile[0], name[0], "RUNNING"));
                step(steps, timing, "suspend", () -> {
                    client.suspendSession(uuid[0]);
                    return null;
                });
                awaitState(client, profile[0], name[0], "SUSPENDED");
                timing.drainExecNanos();
                step(steps, timing, "resume", () -> client.resumeSession(profile[0], name[0], params));
                awaitState(client, profile[0], name[0], "RUNNING");
                timing.drainExecNanos();
                step(steps, timing, "terminate", () -> {
                    client.terminateSession(uuid[0]);
                    return null;
                });
            }
        }
        System.out.printf(Locale.ROOT, "%-14s %12s %14s %12s %8s%n", "step (" + ssh + ")", "client ms", "server cmd ms",
                "overhead ms", "ratio");
        for (Map.Entry<String, List<long[]>> e : steps.entrySet()) {
            double c = median(e.getValue(), 0) / 1e6;
            double s = median(e.getValue(), 1) / 1e6;
            System.out.printf(Locale.ROOT, "%-14s %12.1f %14.1f %12.1f %8.3f%n", e.getKey(), c, s, c - s,
                    s > 0 ? c / s : Double.NaN);
        }
    }

    private static Object awaitState(X2GoClient client, String profile, String name, String state) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            String s = client.controlSession(profile).run("cat ~/.x2go/C-" + name + "/state").stdout().strip();
            if (s.equals(state)) {
                return s;
            }
        }
        throw new IllegalStateException(name + " did not reach " + state);
    }

    private static void step(Map<String, List<long[]>> steps, TimingTransport timing, String name, Supplier<?> op) {
        timing.drainExecNanos();
        long t0 = System.nanoTime();
        op.get();
        long wall = System.nanoTime() - t0;
        steps.computeIfAbsent(name, k -> new ArrayList<>()).add(new long[] {wall, timing.drainExecNanos()});
    }

    private static double median(List<long[]> xs, int idx) {
        long[] v = xs.stream().mapToLong(a -> a[idx]).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2.0;
    }
}
