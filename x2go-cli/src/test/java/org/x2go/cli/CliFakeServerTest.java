package org.x2go.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.x2go.api.ServerSessionStatus;
import org.x2go.cli.internal.StandInProxy;
import org.x2go.testkit.FakeSession;
import org.x2go.testkit.FakeX2GoServer;

/** Each flag group of the command against the in-process fake X2Go server: output and exit codes. */
class CliFakeServerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern STARTED = Pattern.compile("X2Go session (\\S+) has been (started|resumed)");

    static FakeX2GoServer server;
    static ExecutorService pool;

    @TempDir
    Path home;

    @BeforeAll
    static void startServer() {
        server = FakeX2GoServer.builder().build().start();
        pool = Executors.newCachedThreadPool();
    }

    @AfterAll
    static void stopServer() {
        pool.shutdownNow();
        server.close();
    }

    @AfterEach
    void terminateLeftovers() {
        for (FakeSession s : server.sessions().listed()) {
            server.sessions().terminateExternally(s.name());
        }
        server.behaviour().reset();
    }

    private List<String> args(String... more) {
        List<String> a = new ArrayList<>(List.of("--server", server.host(), "-p", String.valueOf(server.port()),
                "-u", server.user(), "-i", server.clientKeyFile().toString(),
                "--known-hosts", server.knownHostsFile().toString()));
        a.addAll(List.of(more));
        return a;
    }

    private TestEnv env() {
        return new TestEnv(home);
    }

    private int run(TestEnv t, List<String> args) {
        return t.run(args.toArray(String[]::new));
    }

    private FakeSession runningSession(String command) {
        return server.sessions().startExternally('R', command);
    }

    private FakeSession suspendedSession(String command) {
        FakeSession s = runningSession(command);
        server.sessions().suspendExternally(s.name());
        return server.sessions().get(s.name());
    }

    private Future<Integer> runInBackground(TestEnv t, List<String> args) {
        return pool.submit(() -> run(t, args));
    }

    private static String awaitSessionName(TestEnv t) throws InterruptedException {
        t.awaitOut("a started/resumed session", WAIT, o -> STARTED.matcher(o).find());
        Matcher m = STARTED.matcher(t.out());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    // ------------------------------------------------------------------ -L

    @Test
    void listWithoutSessionsPrintsPyhocasSentenceAndTheProgressPhases() {
        TestEnv t = env();
        assertThat(run(t, args("-L"))).isZero();
        assertThat(t.out()).isEqualTo("No running/suspended sessions found on X2Go server.\n");
        assertThat(t.err()).contains("] connecting", "] connected and authenticated");
    }

    @Test
    void listShowsRunningAndSuspendedSessionsAsTable() {
        FakeSession r = runningSession("xterm");
        FakeSession s = suspendedSession("xclock");
        TestEnv t = env();
        assertThat(run(t, args("--list-sessions", "--quiet"))).isZero();
        assertThat(t.out()).startsWith("NAME").contains(r.name(), s.name(), "running", "suspended",
                r.graphicsPort() + "/" + r.soundPort() + "/" + r.sshfsPort());
        assertThat(t.out()).doesNotContain(r.cookie());
        assertThat(t.err()).isEmpty();
    }

    @Test
    void listJsonIsOneParseableObject() {
        FakeSession r = runningSession("xterm");
        TestEnv t = env();
        assertThat(run(t, args("-L", "--json"))).isZero();
        String json = t.out().strip();
        assertThat(json.lines().count()).isEqualTo(1);
        assertThat(json).startsWith("{\"server\":\"127.0.0.1\",\"port\":" + server.port() + ",\"username\":\""
                + server.user() + "\",\"sessions\":[{\"name\":\"" + r.name() + "\",\"status\":\"running\",\"display\":"
                + r.display() + ",").contains("\"command\":\"xterm\"", "\"graphicsPort\":" + r.graphicsPort())
                .endsWith("\"skippedLines\":[]}");
    }

    @Test
    void malformedServerLinesAreSkippedNotFatal() {
        server.behaviour().malformedLineInSessionList();
        TestEnv t = env();
        assertThat(run(t, args("-L", "--json"))).isZero();
        assertThat(t.out()).contains("\"skippedLines\":[\"12345|broken-line|50|R\"]");
    }

    @Test
    void listDesktopsAsLinesAndJson() {
        server.behaviour().addDesktop("bob@55");
        TestEnv t = env();
        assertThat(run(t, args("--list-desktops", "--quiet"))).isZero();
        assertThat(t.out().lines()).contains("bob@55");
        TestEnv j = env();
        assertThat(run(j, args("--list-desktops", "--json"))).isZero();
        assertThat(j.out()).startsWith("{\"desktops\":[").contains("\"bob@55\"");
    }

    private static final String HOSTILE = "x2gouser-77-1700000000_stRxterm\u001b]0;TITLE\u0007\u001b[31m_dp24";
    private static final String HOSTILE_VISIBLE = "x2gouser-77-1700000000_stRxterm\\x1b]0;TITLE\\x07\\x1b[31m_dp24";

    private void injectHostileSession() {
        server.behaviour().injectIntoSessionList("4242|" + HOSTILE + "|77|fakehost|S|2026-01-01T00:00:00|"
                + "0123456789abcdef0123456789abcdef|127.0.0.1|30001|30002|2026-01-01T00:00:00|" + server.user()
                + "|10|30003|-1|-1");
    }

    @Test
    void hostileSessionNameReachesTheTerminalOnlyAsVisibleEscapes() {
        injectHostileSession();
        TestEnv t = env();
        assertThat(run(t, args("-L"))).isZero();
        assertThat(t.out()).contains(HOSTILE_VISIBLE, "suspended");
        assertThat(t.out() + t.err()).doesNotContain("\u001b", "\u0007");

        TestEnv s = env();
        assertThat(run(s, args("-S", "ALL"))).isZero(); // the server ignores the unknown name; the line is printed
        assertThat(s.out()).contains("X2Go session " + HOSTILE_VISIBLE + " has been suspended");
        assertThat(s.out() + s.err()).doesNotContain("\u001b", "\u0007");
    }

    @Test
    void hostileSessionNameRoundTripsExactlyThroughJson() {
        injectHostileSession();
        TestEnv t = env();
        assertThat(run(t, args("-L", "--json"))).isZero();
        assertThat(t.out()).doesNotContain("\u001b", "\u0007");
        Matcher m = Pattern.compile("\"name\":(\"(?:[^\"\\\\]|\\\\.)*\")").matcher(t.out());
        assertThat(m.find()).as(t.out()).isTrue();
        assertThat(jsonString(m.group(1))).isEqualTo(HOSTILE);
    }

    /** Decodes one JSON string literal (RFC 8259 escapes), for the round-trip check. */
    private static String jsonString(String literal) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < literal.length() - 1; i++) {
            char c = literal.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = literal.charAt(++i);
            switch (e) {
                case 'u' -> {
                    sb.append((char) Integer.parseInt(literal.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                default -> sb.append(e); // " \ /
            }
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ -N / -R / Ctrl-C

    @Test
    @SuppressWarnings("try") // the stand-in only has to stay attached
    void newSessionStaysAttachedAndCtrlCSuspendsIt() throws Exception {
        TestEnv t = env();
        Future<Integer> exit = runInBackground(t, args("-N", "--no-graphics", "-c", "xterm"));
        String name = awaitSessionName(t);
        assertThat(server.sessions().get(name).status()).isEqualTo(ServerSessionStatus.RUNNING);
        t.awaitErr("the STARTED event", WAIT, e -> e.contains("event: STARTED " + name + " (by this client)"));
        assertThat(t.err()).contains("] starting agent", "] running", "press Ctrl-C to suspend");
        // headless: a proxy has to attach, or the server ends a session suspended before one did (README §8 #12)
        try (StandInProxy proxy = StandInProxy.attach(server.host(), server.sessions().get(name).graphicsPort(),
                server.sessions().get(name).cookie())) {
            server.sessions().awaitProxyAttached(name, WAIT);
            t.ctrlC();
            assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        }
        assertThat(t.out()).contains("X2Go session " + name + " has been started", "X2Go session " + name + " has been suspended");
        assertThat(server.sessions().get(name).status()).isEqualTo(ServerSessionStatus.SUSPENDED);
    }

    @Test
    void dashFSharesTheFoldersWhenTheSessionComesUp_andReportsOneThatCannotBeSharedWhileTheSessionRunsOn()
            throws Exception {
        Path docs = Files.createDirectories(home.resolve("docs"));
        Path missing = home.resolve("missing");
        TestEnv t = env();
        Future<Integer> exit = runInBackground(t, args("-N", "--no-graphics", "-c", "xterm", "--terminate-on-ctrl-c",
                "-F", docs + "," + missing));
        String name = awaitSessionName(t);
        t.awaitErr("the share notes", WAIT, e -> e.contains("shared folder " + docs));
        assertThat(t.err()).contains("x2go: warning: folder " + missing + " not shared (BAD_FOLDER)");
        assertThat(server.receivedCommands()).anyMatch(c -> c.contains("x2gomountdirs") && c.contains(docs.toString()));
        assertThat(server.sessions().get(name).status()).isEqualTo(ServerSessionStatus.RUNNING);
        t.ctrlC();
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void resumeAndTerminateOnCtrlC() throws Exception {
        FakeSession s = suspendedSession("xterm");
        TestEnv t = env();
        Future<Integer> exit = runInBackground(t, args("-R", s.name(), "--no-graphics", "--terminate-on-ctrl-c", "--json"));
        assertThat(awaitSessionNameJson(t)).isEqualTo(s.name());
        t.ctrlC();
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(t.out()).contains("{\"session\":\"" + s.name() + "\",\"outcome\":\"terminated\"}");
        assertThat(server.sessions().get(s.name()).isListed()).isFalse();
    }

    private static String awaitSessionNameJson(TestEnv t) throws InterruptedException {
        Pattern p = Pattern.compile("\\{\"session\":\"([^\"]+)\",\"outcome\":\"(started|resumed)\"}");
        t.awaitOut("a JSON start/resume result", WAIT, o -> p.matcher(o).find());
        Matcher m = p.matcher(t.out());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    /** A clock the test moves forward, so that session names carry different creation times. */
    static final class SteppingClock extends java.time.Clock {
        private volatile java.time.Instant now = java.time.Instant.parse("2026-11-22T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }

    @Test
    void resumeNewestAndOldestPickByCreationTime() throws Exception {
        SteppingClock clock = new SteppingClock();
        try (FakeX2GoServer timed = FakeX2GoServer.builder().clock(clock).build().start()) {
            FakeSession older = timed.sessions().startExternally('R', "xterm");
            timed.sessions().suspendExternally(older.name());
            clock.advance(Duration.ofMinutes(5));
            FakeSession newer = timed.sessions().startExternally('R', "xterm");
            timed.sessions().suspendExternally(newer.name());
            for (String which : new String[] {"NEWEST", "OLDEST"}) {
                TestEnv t = env();
                Future<Integer> exit = runInBackground(t, List.of("--server", timed.host(), "-p",
                        String.valueOf(timed.port()), "-u", timed.user(), "-i", timed.clientKeyFile().toString(),
                        "--known-hosts", timed.knownHostsFile().toString(), "-R", which, "--no-graphics",
                        "--terminate-on-ctrl-c"));
                String name = awaitSessionName(t);
                t.ctrlC();
                assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
                assertThat(name).as(which).isEqualTo(which.equals("NEWEST") ? newer.name() : older.name());
            }
        }
    }

    @Test
    @SuppressWarnings("try") // the stand-in only has to stay attached
    void attachedCommandEndsWhenAnotherClientSuspendsTheSession() throws Exception {
        TestEnv t = env();
        Future<Integer> exit = runInBackground(t, args("--no-graphics", "--poll-interval", "100"));
        String name = awaitSessionName(t);
        try (StandInProxy proxy = StandInProxy.attach(server.host(), server.sessions().get(name).graphicsPort(),
                server.sessions().get(name).cookie())) {
            server.sessions().awaitProxyAttached(name, WAIT);
            server.sessions().suspendExternally(name);
            assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        }
        assertThat(t.out()).contains("X2Go session " + name + " has been suspended by another client or the server");
        assertThat(t.err()).contains("event: SUSPENDED " + name + " (by another client or the server)");
    }

    @Test
    void attachedCommandEndsWhenTheSessionIsTerminatedElsewhere() throws Exception {
        TestEnv t = env();
        Future<Integer> exit = runInBackground(t, args("--no-graphics", "--poll-interval", "100"));
        String name = awaitSessionName(t);
        TestEnv other = env();
        assertThat(run(other, args("-T", name))).isZero();
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(t.out()).contains("X2Go session " + name + " has terminated");
    }

    @Test
    void tryResumeResumesASuspendedSessionWithTheSameCommand() throws Exception {
        FakeSession s = suspendedSession("xterm");
        TestEnv t = env();
        Future<Integer> exit = runInBackground(t, args("-N", "--try-resume", "--no-graphics", "--terminate-on-ctrl-c"));
        assertThat(awaitSessionName(t)).isEqualTo(s.name());
        assertThat(t.out()).contains("has been resumed");
        t.ctrlC();
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void cleanSessionsTerminatesSuspendedSessionsFirst() {
        FakeSession suspended = suspendedSession("xterm");
        FakeSession running = runningSession("xclock");
        TestEnv t = env();
        assertThat(run(t, args("-L", "--clean-sessions"))).isZero();
        assertThat(server.sessions().get(suspended.name()).isListed()).isFalse();
        assertThat(server.sessions().get(running.name()).isListed()).isTrue();
        assertThat(t.out()).contains(running.name()).doesNotContain(suspended.name());
    }

    // ------------------------------------------------------------------ -S / -T

    @Test
    void suspendAndTerminateByName() {
        FakeSession s = runningSession("xterm");
        TestEnv t = env();
        assertThat(run(t, args("-S", s.name()))).isZero();
        assertThat(t.out()).isEqualTo("X2Go session " + s.name() + " has been suspended\n");
        assertThat(server.sessions().get(s.name()).status()).isEqualTo(ServerSessionStatus.SUSPENDED);
        TestEnv t2 = env();
        assertThat(run(t2, args("--terminate", s.name()))).isZero();
        assertThat(t2.out()).isEqualTo("X2Go session " + s.name() + " has been terminated\n");
        assertThat(server.sessions().get(s.name()).isListed()).isFalse();
    }

    @Test
    void terminateAllWithJson() {
        FakeSession a = runningSession("xterm");
        FakeSession b = suspendedSession("xclock");
        TestEnv t = env();
        assertThat(run(t, args("-T", "ALL", "--json"))).isZero();
        assertThat(t.out()).contains("{\"session\":\"" + a.name() + "\",\"outcome\":\"terminated\"}",
                "{\"session\":\"" + b.name() + "\",\"outcome\":\"terminated\"}");
        assertThat(server.sessions().listed()).isEmpty();
    }

    @Test
    void unknownSessionNamesHavePyhocasExitCodes() {
        String where = "[127.0.0.1]:" + server.port();
        TestEnv s = env();
        assertThat(run(s, args("-S", "nope"))).isEqualTo(21);
        assertThat(s.err()).contains("x2go: error: session nope not available on X2Go server " + where);
        TestEnv t = env();
        assertThat(run(t, args("-T", "nope"))).isEqualTo(22);
        TestEnv r = env();
        assertThat(run(r, args("-R", "nope", "--no-graphics"))).isEqualTo(20);
        assertThat(r.err()).contains("requested session nope not available");
        assertThat(s.err() + t.err() + r.err()).doesNotContain("\tat ");
    }

    // ------------------------------------------------------------------ host keys, authentication, connection

    @Test
    void unknownHostKeyPrintsFingerprintAndAddToKnownHostsAcceptsIt() throws IOException {
        Path kh = Files.createFile(home.resolve("known_hosts"));
        List<String> a = args("-L");
        a.set(a.indexOf(server.knownHostsFile().toString()), kh.toString());
        TestEnv t = env();
        assertThat(run(t, a)).isEqualTo(11);
        assertThat(t.err()).contains("x2go: error: the host key of [127.0.0.1]:" + server.port() + " is not known: "
                + server.hostKeyType() + " " + server.hostKeyFingerprint(), "--add-to-known-hosts")
                .doesNotContain("\tat ");
        assertThat(Files.size(kh)).isZero();

        a.add("--add-to-known-hosts");
        TestEnv t2 = env();
        assertThat(run(t2, a)).isZero();
        // the entry may be hashed (|1|...); the key itself must be there, and the next run must accept it
        assertThat(Files.readString(kh)).contains(server.hostKeyType() + " ");

        a.remove("--add-to-known-hosts");
        TestEnv t3 = env();
        assertThat(run(t3, a)).as(t3.err()).isZero();
    }

    @Test
    void debugAddsTheStackTrace() throws IOException {
        Path kh = Files.createFile(home.resolve("known_hosts"));
        List<String> a = args("-L", "-d");
        a.set(a.indexOf(server.knownHostsFile().toString()), kh.toString());
        TestEnv t = env();
        assertThat(run(t, a)).isEqualTo(11);
        assertThat(t.err()).contains("X2GoHostKeyException", "\tat ");
    }

    @Test
    void changedHostKeyIsRefused() {
        try (FakeX2GoServer other = FakeX2GoServer.builder().build().start()) {
            other.changeHostKey();
            TestEnv t = env();
            assertThat(t.run("--server", other.host(), "-p", String.valueOf(other.port()), "-u", other.user(),
                    "-i", other.clientKeyFile().toString(), "--known-hosts", other.knownHostsFile().toString(),
                    "-L", "--add-to-known-hosts")).isEqualTo(11);
            assertThat(t.err()).contains("HAS CHANGED", other.hostKeyFingerprint());
        }
    }

    @Test
    void wrongPasswordIsAnAuthenticationError() {
        TestEnv t = env();
        assertThat(run(t, args("-L", "--force-password", "--password", "wrong"))).isEqualTo(12);
        assertThat(t.err()).contains("x2go: error: authentication failed").doesNotContain("\tat ");
        assertThat(t.err().lines().filter(l -> l.startsWith("x2go: error:")).count()).isEqualTo(1);
    }

    @Test
    void refusedConnectionIsAConnectionError() {
        int port;
        try (FakeX2GoServer gone = FakeX2GoServer.builder().build().start()) {
            port = gone.port();
        }
        TestEnv t = env();
        List<String> a = args("-L");
        a.set(a.indexOf(String.valueOf(server.port())), String.valueOf(port));
        assertThat(run(t, a)).isEqualTo(13);
        assertThat(t.err()).contains("x2go: error:").doesNotContain("\tat ");
    }

    @Test
    @org.junit.jupiter.api.Timeout(30)
    void serverThatNeverSendsABannerIsAConnectionFailureAfterTheConnectTimeout() throws Exception {
        for (String backend : new String[] {"JSCH", "SSHJ"}) {
            try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
                List<java.net.Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
                Future<?> acceptor = pool.submit(() -> {
                    while (!silent.isClosed()) {
                        held.add(silent.accept()); // accept, never write: no SSH banner
                    }
                    return null;
                });
                TestEnv t = env();
                List<String> a = args("-L", "--connect-timeout", "1", "--ssh-backend", backend);
                a.set(a.indexOf(String.valueOf(server.port())), String.valueOf(silent.getLocalPort()));
                long start = System.nanoTime();
                assertThat(run(t, a)).as(backend + ": " + t.err()).isEqualTo(13);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as(backend).isLessThan(Duration.ofSeconds(5));
                assertThat(t.err()).as(backend).contains("x2go: error:").doesNotContain("\tat ");
                silent.close();
                for (java.net.Socket s : held) {
                    s.close();
                }
                acceptor.cancel(true);
            }
        }
    }

    @Test
    void sshServerWithoutX2GoIsReportedAsSuch() {
        server.behaviour().features(List.of());
        TestEnv t = env();
        assertThat(run(t, args("-L"))).isEqualTo(14);
        assertThat(t.err()).contains("x2go: error: [127.0.0.1]:" + server.port() + " is not an X2Go server");
    }

    // ------------------------------------------------------------------ backends

    @Test
    void sshjBackendLists() {
        runningSession("xterm");
        TestEnv t = env();
        assertThat(run(t, args("-L", "--ssh-backend", "sshj", "--quiet"))).isZero();
        assertThat(t.out()).contains("running");
    }

    @Test
    void unknownBackendNamesTheKnownOnes() {
        TestEnv t = env();
        assertThat(run(t, args("-L", "--ssh-backend", "NOPE"))).isEqualTo(16);
        assertThat(t.err()).contains("NOPE", "JSCH").doesNotContain("\tat ");
    }

    // ------------------------------------------------------------------ profiles

    private void writeProfile(String name) throws IOException {
        Path dir = Files.createDirectories(home.resolve(".x2goclient"));
        Files.writeString(dir.resolve("sessions"), "[20260101000000001]\nname=" + name + "\nhost=" + server.host()
                + "\nuser=" + server.user() + "\nsshport=" + server.port() + "\nkey=" + server.clientKeyFile()
                + "\ncommand=xterm\n");
    }

    @Test
    void listProfilesReadsTheSessionsFile() throws IOException {
        writeProfile("fake server");
        TestEnv t = env();
        assertThat(t.run("--list-profiles")).isZero();
        assertThat(t.out()).startsWith("ID").contains("20260101000000001", "fake server", server.host(),
                server.user(), String.valueOf(server.port()), "xterm");
        TestEnv j = env();
        assertThat(j.run("--list-profiles", "--json")).isZero();
        assertThat(j.out()).startsWith("{\"profiles\":[{\"id\":\"20260101000000001\",\"name\":\"fake server\"");
    }

    @Test
    void noProfilesFile() {
        TestEnv t = env();
        assertThat(t.run("--list-profiles")).isZero();
        assertThat(t.out()).isEqualTo("No X2Go session profiles found.\n");
    }

    @Test
    void sessionProfileSuppliesServerPortUserAndKey() throws IOException {
        writeProfile("fake server");
        FakeSession s = runningSession("xterm");
        TestEnv t = env();
        assertThat(t.run("-P", "fake server", "-L", "--known-hosts", server.knownHostsFile().toString())).isZero();
        assertThat(t.out()).contains(s.name());
        TestEnv byId = env();
        assertThat(byId.run("-P", "20260101000000001", "-L", "--known-hosts", server.knownHostsFile().toString())).isZero();
    }

    @Test
    void unknownProfileIsPyhocasExitCode31() throws IOException {
        writeProfile("fake server");
        TestEnv t = env();
        assertThat(t.run("-P", "nope", "-L")).isEqualTo(31);
        assertThat(t.err()).contains("no such session profile of name: nope");
    }
}
