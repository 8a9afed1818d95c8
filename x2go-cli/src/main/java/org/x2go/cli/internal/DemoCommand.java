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
 * <p>The demo is headless ({@code graphics(false)}): the fake server runs no nxagent, so a local
 * nxproxy would have nothing to draw, and the demo must work on machines without X or nxproxy.
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
        try (FakeX2GoServer server = FakeX2GoServer.builder().build().start()) {
            sessionsRoot = Files.createTempDirectory("x2go-demo-");
            ConnectOptions options = server.connectOptions().build();
            Map<String, String> config = Map.of("x2go.backend.ssh", sshBackend);
            env.out().println("x2go demo: fake X2Go server on " + server.host() + ":" + server.port() + " (user "
                    + server.user() + ", host key " + server.hostKeyType() + " " + server.hostKeyFingerprint()
                    + "); SSH backend " + sshBackend.toUpperCase(java.util.Locale.ROOT) + "; headless (no graphics proxy)");
            try (X2GoClient client = X2GoClient.builder().config(config).progress(progress).listener(events)
                    .graphics(false).sessionsRoot(sessionsRoot).build()) {
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

                step(console, timings, "4. list sessions: it runs");
                SessionList running = client.listSessions(profile);
                env.out().print(Formats.sessionTable(running));
                expectStatus(running, name, true);

                step(console, timings, "5. suspend");
                mark = events.size();
                client.suspendSession(uuid);
                events.await(mark, SessionEvent.Kind.SUSPENDED, EventCause.BY_THIS_CLIENT, name, EVENT_TIMEOUT);

                step(console, timings, "6. resume");
                mark = events.size();
                client.resumeSession(profile, name, TerminalParams.builder().command(command).build());
                events.await(mark, SessionEvent.Kind.RESUMED, EventCause.BY_THIS_CLIENT, name, EVENT_TIMEOUT);

                step(console, timings, "7. another client suspends the session");
                mark = events.size();
                try (X2GoClient other = X2GoClient.builder().config(config).graphics(false)
                        .sessionsRoot(sessionsRoot.resolve("other")).build()) {
                    other.connect("other-client", options);
                    other.suspendSession(other.sessionByName("other-client", name));
                }

                step(console, timings, "8. this client polls the server (as its guardian does)");
                client.listSessions(profile);
                events.await(mark, SessionEvent.Kind.SUSPENDED, EventCause.BY_OTHER_CLIENT, name, EVENT_TIMEOUT);

                step(console, timings, "9. resume again");
                mark = events.size();
                client.resumeSession(profile, name, TerminalParams.builder().command(command).build());
                events.await(mark, SessionEvent.Kind.RESUMED, EventCause.BY_THIS_CLIENT, name, EVENT_TIMEOUT);

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
