package org.x2go.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.x2go.api.X2GoAuthenticationException;
import org.x2go.api.X2GoBackendException;
import org.x2go.api.X2GoClientException;
import org.x2go.api.X2GoClientSettingsException;
import org.x2go.api.X2GoConnectionException;
import org.x2go.api.X2GoControlSessionException;
import org.x2go.api.X2GoDesktopSharingDeniedException;
import org.x2go.api.X2GoFwTunnelException;
import org.x2go.api.X2GoHostKeyException;
import org.x2go.api.X2GoNotAnX2GoServerException;
import org.x2go.api.X2GoNotImplementedYetException;
import org.x2go.api.X2GoPasswordRequiredException;
import org.x2go.api.X2GoPrintActionException;
import org.x2go.api.X2GoProfileException;
import org.x2go.api.X2GoProtocolException;
import org.x2go.api.X2GoProxyException;
import org.x2go.api.X2GoSessionException;
import org.x2go.api.X2GoSessionRegistryException;
import org.x2go.api.X2GoSftpException;
import org.x2go.api.X2GoSshException;
import org.x2go.api.X2GoTerminalSessionException;
import org.x2go.api.X2GoTimeOutException;
import org.x2go.cli.internal.ErrorReporter;
import org.x2go.testkit.FakeSession;
import org.x2go.testkit.FakeX2GoServer;

/**
 * Every row of the exit-code table in x2go-cli/README.md holds: each code is produced by real invocations
 * (without a server, or against the in-process fake server) and/or by the exception instances the library
 * throws for that situation. The exit status follows from exception types and reasons only.
 */
class ExitCodeTableTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern ROW = Pattern.compile("^\\| ([0-9 /]+) \\| (.+) \\|$");

    static FakeX2GoServer server;

    /** One way to reach a code: given a fresh home directory, it returns the exit code. */
    record Case(String name, Function<Path, Integer> exit) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void startServer() {
        server = FakeX2GoServer.builder().build().start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @AfterEach
    void resetServer() {
        for (FakeSession s : server.sessions().listed()) {
            server.sessions().terminateExternally(s.name());
        }
        server.behaviour().reset();
    }

    // ------------------------------------------------------------------ the cases, by code

    private static Case thrown(Throwable t) {
        return new Case(t.getClass().getSimpleName() + "(" + t.getMessage() + ")",
                home -> ErrorReporter.classify(t).status().code());
    }

    private static Case run(String name, String... args) {
        return new Case(name + ": x2go " + String.join(" ", args), home -> new TestEnv(home).run(args));
    }

    private static Case fake(String name, String... more) {
        return new Case(name + " (fake server): " + String.join(" ", more), home -> new TestEnv(home).run(fakeArgs(more)));
    }

    private static String[] fakeArgs(String... more) {
        List<String> a = new ArrayList<>(List.of("--server", server.host(), "-p", String.valueOf(server.port()),
                "-u", server.user(), "-i", server.clientKeyFile().toString(),
                "--known-hosts", server.knownHostsFile().toString()));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    private static X2GoHostKeyException hostKey(X2GoHostKeyException.Reason r) {
        return new X2GoHostKeyException("127.0.0.1", 2222, "ssh-ed25519", "SHA256:x", r);
    }

    static Map<Integer, List<Case>> cases() {
        Map<Integer, List<Case>> m = new LinkedHashMap<>();
        m.put(0, List.of(run("no profiles file", "--list-profiles"), fake("list", "-L", "--quiet")));
        m.put(1, List.of(thrown(new X2GoProtocolException("No X2GODATABEGIN marker in the output of 'x2golistsessions'")),
                thrown(new X2GoClientException("X2GoClient is closed")),
                thrown(new X2GoPrintActionException("Empty command for print action PRINTCMD")),
                thrown(new IllegalStateException("bug"))));
        m.put(2, List.of(run("unknown option", "--bogus", "srv"), run("missing server", "-L"),
                run("conflicting modes", "srv", "-L", "-S", "x"), run("bad value", "srv", "-L", "--connect-timeout", "x")));
        m.put(10, List.of(run("unknown pack", "srv", "-L", "--pack", "no-such-pack")));
        m.put(11, List.of(thrown(hostKey(X2GoHostKeyException.Reason.UNKNOWN)),
                thrown(hostKey(X2GoHostKeyException.Reason.CHANGED)), thrown(hostKey(X2GoHostKeyException.Reason.REVOKED)),
                new Case("unknown host key (fake server, empty known_hosts)", home -> {
                    Path empty = home.resolve("known_hosts");
                    write(empty);
                    String[] a = fakeArgs("-L");
                    a[Arrays.asList(a).indexOf(server.knownHostsFile().toString())] = empty.toString();
                    return new TestEnv(home).run(a);
                })));
        m.put(12, List.of(thrown(new X2GoAuthenticationException("Auth fail")),
                thrown(new X2GoPasswordRequiredException("key is encrypted")),
                thrown(new X2GoConnectionException(X2GoConnectionException.Reason.AUTHENTICATION, "no method left")),
                fake("wrong password", "-L", "--force-password", "--password", "wrong")));
        m.put(13, List.of(
                // the transports' SSH connect timeout (it used to sit at the root of the hierarchy: exit 1)
                thrown(new X2GoTimeOutException("SSH connect to u@h:22 timed out after 20000 ms", new SocketTimeoutException())),
                thrown(new X2GoControlSessionException("connect timed out", new X2GoTimeOutException("t"))),
                thrown(new X2GoSshException("Cannot connect to u@h:22", new ConnectException("Connection refused"))),
                thrown(new X2GoSshException("Cannot connect to u@nowhere:22", new UnknownHostException("nowhere"))),
                thrown(new X2GoSshException("known_hosts file unreadable")),
                thrown(new X2GoControlSessionException("lost the connection to the server")),
                thrown(new X2GoSftpException("SFTP write failed")),
                new Case("refused (nothing listens)", home -> new TestEnv(home).run(portArgs(closedPort(), "-L"))),
                new Case("no SSH banner within --connect-timeout", ExitCodeTableTest::silentServer)));
        m.put(14, List.of(thrown(new X2GoNotAnX2GoServerException("127.0.0.1:22 is not an X2Go server")),
                new Case("fake server without x2gofeaturelist", home -> {
                    server.behaviour().features(List.of());
                    return new TestEnv(home).run(fakeArgs("-L"));
                })));
        m.put(15, List.of(thrown(new X2GoProxyException(X2GoProxyException.Reason.BINARY_MISSING, "nxproxy missing")),
                thrown(new X2GoProxyException(X2GoProxyException.Reason.NO_DISPLAY, "no display")),
                thrown(new X2GoProxyException("nxproxy ended at once")),
                thrown(new X2GoFwTunnelException("Cannot bind 127.0.0.1:30001")),
                run("no DISPLAY, graphics wanted", "127.0.0.1", "-p", "1", "-N")));
        m.put(16, List.of(thrown(new X2GoBackendException("Unknown ssh backend 'NOPE'")),
                fake("unknown backend", "-L", "--ssh-backend", "NOPE")));
        m.put(17, List.of(thrown(new X2GoTerminalSessionException("x2gostartagent gave no valid answer")),
                thrown(new X2GoSessionException("session s did not reach RUNNING")),
                thrown(new X2GoDesktopSharingDeniedException("ACCESS DENIED")),
                thrown(new X2GoSessionRegistryException("no session found for UUID x"))));
        m.put(20, List.of(fake("resume a missing session", "-R", "nope", "--no-graphics")));
        m.put(21, List.of(fake("suspend a missing session", "-S", "nope")));
        m.put(22, List.of(fake("terminate a missing session", "-T", "nope")));
        m.put(30, List.of(new Case("-i names a directory", home -> new TestEnv(home).run("srv", "-L", "-i", home.toString())),
                new Case("-i names no file", home -> new TestEnv(home).run("srv", "-L", "-i", home.resolve("nope").toString()))));
        m.put(31, List.of(thrown(new X2GoProfileException("broken sessions file")),
                thrown(new X2GoClientSettingsException("settings: bad value")),
                new Case("unknown profile", home -> {
                    write(home.resolve(".x2goclient/sessions"), "[20260101000000001]\nname=other\nhost=h\n");
                    return new TestEnv(home).run("-P", "nope", "-L");
                })));
        m.put(40, List.of(run("desktop sharing", "srv", "-D", "bob@50"), run("broker", "srv", "-B", "http://broker"),
                thrown(new X2GoNotImplementedYetException("the backend has no SFTP"))));
        m.put(130, List.of(new Case("interrupted while attached (fake server)", ExitCodeTableTest::interruptedWhileAttached)));
        return m;
    }

    // ------------------------------------------------------------------ the table

    static Stream<Arguments> rows() throws IOException {
        List<Arguments> rows = new ArrayList<>();
        for (Map.Entry<Integer, String> r : readmeTable().entrySet()) {
            rows.add(Arguments.of(r.getKey(), r.getValue()));
        }
        return rows.stream();
    }

    /** @return code → meaning, from the "| code | meaning |" table of the README */
    static Map<Integer, String> readmeTable() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        int header = lines.indexOf("| code | meaning |");
        assertThat(header).as("exit-code table in README.md").isNotNegative();
        Map<Integer, String> table = new LinkedHashMap<>();
        for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            Matcher row = ROW.matcher(lines.get(i));
            assertThat(row.matches()).as("table row: " + lines.get(i)).isTrue();
            for (String code : row.group(1).split("/")) {
                table.put(Integer.parseInt(code.strip()), row.group(2));
            }
        }
        return table;
    }

    @ParameterizedTest(name = "exit {0}: {1}")
    @MethodSource("rows")
    void everyRowOfTheReadmeTableHolds(int code, String meaning, @TempDir Path home) throws IOException {
        List<Case> cases = cases().get(code);
        assertThat(cases).as("cases for exit " + code + " (" + meaning + ")").isNotNull().isNotEmpty();
        int n = 0;
        for (Case c : cases) {
            Path h = Files.createDirectory(home.resolve("case" + n++));
            assertThat(c.exit().apply(h)).as(c.name()).isEqualTo(code);
            server.behaviour().reset();
        }
    }

    @Test
    void theTableListsEveryExitStatusAndNothingElse() throws IOException {
        TreeSet<Integer> statuses = new TreeSet<>();
        for (ExitStatus s : ExitStatus.values()) {
            statuses.add(s.code());
        }
        assertThat(new TreeSet<>(readmeTable().keySet())).isEqualTo(statuses);
        assertThat(new TreeSet<>(cases().keySet())).isEqualTo(statuses);
    }

    // ------------------------------------------------------------------ helpers

    private static String[] portArgs(int port, String... more) {
        String[] a = fakeArgs(more);
        a[Arrays.asList(a).indexOf(String.valueOf(server.port()))] = String.valueOf(port);
        return a;
    }

    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server that accepts and never writes: the SSH connect timeout (1 s) must end the command with 13. */
    private static int silentServer(Path home) {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // no accept(): the kernel completes the TCP handshake from the backlog, no banner ever comes
            long start = System.nanoTime();
            int code = new TestEnv(home).run(portArgs(silent.getLocalPort(), "-L", "--connect-timeout", "1"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            return code;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code -N} stays attached; interrupting the command's thread there ends it with 130. */
    private static int interruptedWhileAttached(Path home) {
        TestEnv t = new TestEnv(home);
        AtomicInteger exit = new AtomicInteger(-1);
        Thread cli = new Thread(() -> exit.set(t.run(fakeArgs("-N", "--no-graphics", "-c", "xterm"))), "x2go-cli-130");
        cli.start();
        try {
            t.awaitErr("the attached state", WAIT, e -> e.contains("press Ctrl-C to"));
            cli.interrupt();
            cli.join(WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        assertThat(cli.isAlive()).as("the command ended; stderr:\n" + t.err()).isFalse();
        return exit.get();
    }

    private static void write(Path file, String... text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, String.join("", text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
