package org.x2go.cli.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.x2go.api.ConnectOptions;
import org.x2go.api.EventCause;
import org.x2go.api.SessionEvent;
import org.x2go.api.SessionInfo;
import org.x2go.api.SessionList;
import org.x2go.api.SessionSummary;
import org.x2go.api.TerminalParams;
import org.x2go.cli.CliEnvironment;
import org.x2go.cli.ExitStatus;
import org.x2go.client.ProgressListener;
import org.x2go.client.X2GoClient;
import org.x2go.testkit.FakeX2GoServer;

/**
 * {@code x2go demo}: starts the testkit's fake X2Go server in this process and runs a scripted session
 * life cycle through the real client stack (PLAIN backends over SSH with JSch, or sshj): connect,
 * list, start, list (running), suspend, resume, another client suspends the session, this client's
 * poll notices it, resume, terminate, list. Registry events are printed as they arrive, phase timings
 * at the end.
 *
 * <p>Graphics: when {@code DISPLAY} is set and {@code nxproxy} is installed (and {@code --headless} is not
 * given), the real NX3 proxy starts and attaches to the fake agent's graphics port through the SSH
 * tunnel, exactly as against a real server. Otherwise the client runs headless ({@code graphics(false)})
 * and a {@link StandInProxy} attaches to the graphics port directly, because X2Go servers (and the
 * faithful fake) end a session that is suspended before any proxy attached.
 */
@Command(name = "demo", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Runs a complete X2Go session life cycle against an embedded fake X2Go server",
            "(in this process, on 127.0.0.1, no set-up needed) through the real client stack."})
final class DemoCommand {
    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(20);

    @Option(names = "--ssh-backend", paramLabel = "{JSCH,SSHJ}", description = "SSH library (default: JSCH)")
    String sshBackend = "JSCH";

    @Option(names = {"-c", "--command"}, paramLabel = "COMMAND", description = "session command (default: xterm)")
    String command = "xterm";

    @Option(names = {"-d", "--debug"}, description = "stack traces on errors")
    boolean debug;

    @Option(names = "--headless", description = "no graphics proxy even when DISPLAY and nxproxy are there")
    boolean headless;

    /**
     * @param env the environment; the transcript goes to {@code env.out()}
     * @return the exit status
     */
    ExitStatus run(CliEnvironment env) {
        Console console = new Console(env.out(), false);
        EventLog events = new EventLog(console);
        PhaseRecorder timings = new PhaseRecorder();
        ProgressListener progress = (profile, phase) -> {
            timings.phase(profile, phase);
            console.phase(profile, phase);
        };
        Path sessionsRoot = null;
        boolean graphics = !headless && env.getenv("DISPLAY").isPresent() && nxproxyInstalled(env);
        StandIn standIn = new StandIn(graphics);
        try (FakeX2GoServer server = FakeX2GoServer.builder().build().start(); standIn) {
            sessionsRoot = Files.createTempDirectory("x2go-demo-");
            ConnectOptions options = server.connectOptions().build();
            Map<String, String> config = Map.of("x2go.backend.ssh", sshBackend);
            env.out().println("x2go demo: fake X2Go server on " + server.host() + ":" + server.port() + " (user "
                    + server.user() + ", host key " + server.hostKeyType() + " " + server.hostKeyFingerprint()
                    + "); SSH backend " + sshBackend.toUpperCase(java.util.Locale.ROOT) + "; "
                    + (graphics ? "graphics: nxproxy on " + env.getenv("DISPLAY").orElseThrow()
                    : "headless (a stand-in proxy attaches to the agent; no DISPLAY/nxproxy or --headless)"));
            try (X2GoClient client = X2GoClient.builder().config(config).progress(progress).listener(events)
                    .graphics(graphics).display(env.getenv("DISPLAY").orElse(null)).sessionsRoot(sessionsRoot).build()) {
                String profile = "demo";
                step(console, timings, "1. connect");
                client.connect(profile, options);

                step(console, timings, "2. list sessions");
                env.out().print(Formats.sessionTable(client.listSessions(profile)));

                step(console, timings, "3. start a session (" + command + ")");
                int mark = events.size();
                UUID uuid = client.startSession(profile, TerminalParams.builder().command(command).build());
                String name = client.summary(uuid).map(SessionSummary::sessionName).orElseThrow();
                events.await(mark, SessionEvent.Kind.STARTED, EventCause.BY_THIS_CLIENT, name, EVENT_TIMEOUT);
                standIn.attach(client, profile, name, console);
                server.sessions().awaitProxyAttached(name, EVENT_TIMEOUT);

                step(console, timings, "4. list sessions: it runs");
                SessionList running = client.listSessions(profile);
                env.out().print(Formats.sessionTable(running));
                expectStatus(running, name, true);

                step(console, timings, "5. suspend");
                mark = events.size();
                client.suspendSession(uuid);
                events.await(mark, SessionEvent.Kind.SUSPENDED, EventCause.BY_THIS_CLIENT, name, EVENT_TIMEOUT);
                standIn.close();

                step(console, timings, "6. resume");
                mark = events.size();
                client.resumeSession(profile, name, TerminalParams.builder().command(command).build());
                events.await(mark, SessionEvent.Kind.RESUMED, EventCause.BY_THIS_CLIENT, name, EVENT_TIMEOUT);
                standIn.attach(client, profile, name, console);
                server.sessions().awaitProxyAttached(name, EVENT_TIMEOUT);

                step(console, timings, "7. another client suspends the session");
                mark = events.size();
                try (X2GoClient other = X2GoClient.builder().config(config).graphics(false)
                        .sessionsRoot(sessionsRoot.resolve("other")).build()) {
                    other.connect("other-client", options);
                    other.suspendSession(other.sessionByName("other-client", name));
                }

                step(console, timings, "8. this client polls the server (as its guardian does)");
                client.listSessions(profile);
                events.await(mark, SessionEvent.Kind.SUSPENDED, EventCause.BY_SERVER, name, EVENT_TIMEOUT);
                standIn.close();

                step(console, timings, "9. resume again");
                mark = events.size();
                client.resumeSession(profile, name, TerminalParams.builder().command(command).build());
                events.await(mark, SessionEvent.Kind.RESUMED, EventCause.BY_THIS_CLIENT, name, EVENT_TIMEOUT);
                standIn.attach(client, profile, name, console);
                server.sessions().awaitProxyAttached(name, EVENT_TIMEOUT);

                step(console, timings, "10. terminate");
                mark = events.size();
                client.terminateSession(uuid);
                events.await(mark, SessionEvent.Kind.TERMINATED, EventCause.BY_THIS_CLIENT, name, EVENT_TIMEOUT);

                step(console, timings, "11. list sessions: none left");
                SessionList after = client.listSessions(profile);
                env.out().print(Formats.sessionTable(after));
                if (after.byName(name).isPresent()) {
                    throw new IllegalStateException("session " + name + " is still listed after terminate");
                }

                step(console, timings, "12. disconnect");
                client.disconnect(profile);
                timings.end();
            }
            env.out().println();
            env.out().println("phase timings (step total, then each phase until the next):");
            env.out().print(timings.render());
            env.out().println("demo finished: " + events.size() + " events, exit 0");
            return ExitStatus.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitStatus.INTERRUPTED;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the demo's sessions directory", e);
        } finally {
            deleteQuietly(sessionsRoot);
        }
    }

    /** The headless demo's stand-in proxy, attached after each start/resume (nothing in graphics mode). */
    private static final class StandIn implements AutoCloseable {
        private final boolean graphics;
        private StandInProxy current;

        StandIn(boolean graphics) {
            this.graphics = graphics;
        }

        void attach(X2GoClient client, String profile, String name, Console console) {
            if (graphics) {
                return;
            }
            close();
            SessionInfo info = client.listSessions(profile).byName(name).orElseThrow(() -> new IllegalStateException(
                    "session " + name + " is not listed by the server"));
            console.note("stand-in proxy attaches to the agent's graphics port " + info.graphicsPort());
            current = StandInProxy.attach(FakeX2GoServer.HOST, info.graphicsPort(), info.cookie());
        }

        @Override
        public void close() {
            if (current != null) {
                current.close();
                current = null;
            }
        }
    }

    /** @return whether nxproxy can be started: {@code NXPROXY_BINARY} or {@code nxproxy} on {@code PATH} */
    static boolean nxproxyInstalled(CliEnvironment env) {
        if (env.getenv("NXPROXY_BINARY").map(p -> Files.isExecutable(Path.of(p))).orElse(false)) {
            return true;
        }
        for (String dir : env.getenv("PATH").orElse("/usr/local/bin:/usr/bin:/bin").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "nxproxy"))) {
                return true;
            }
        }
        return false;
    }

    private static void step(Console console, PhaseRecorder timings, String name) {
        timings.begin(name);
        console.note("== " + name);
    }

    private static void expectStatus(SessionList list, String name, boolean running) {
        boolean ok = list.byName(name).map(s -> running ? s.isRunning() : s.isSuspended()).orElse(false);
        if (!ok) {
            throw new IllegalStateException("session " + name + " is not " + (running ? "running" : "suspended")
                    + " on the server: " + list.byName(name).map(s -> s.status().name()).orElse("not listed"));
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
