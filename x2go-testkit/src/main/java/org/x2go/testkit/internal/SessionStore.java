package org.x2go.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;

import org.x2go.api.ServerSessionStatus;
import org.x2go.testkit.AgentState;
import org.x2go.testkit.FakeSession;

/**
 * The fake's session database and agents. All state changes go through this monitor; readers get
 * immutable {@link FakeSession} snapshots.
 */
public final class SessionStore implements AutoCloseable {
    /** {@code YYYY-MM-DDTHH:MM:SS}, UTC, no zone: the format of list fields 5 and 10. */
    public static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final String user;
    private final Clock clock;
    private final FakeFiles files;
    private final String home;
    private final Random random = new Random();
    private final Map<String, Row> rows = new LinkedHashMap<>();
    private int nextPid = 10750;

    /** Mutable state of one session; guarded by the store's monitor. */
    private final class Row {
        final String name;
        final int display;
        final int agentPid;
        final String cookie;
        final Instant created;
        final char type;
        final String startCommand;
        final String clientIp;
        final GraphicsPort port;
        ServerSessionStatus status = ServerSessionStatus.RUNNING;
        AgentState state = AgentState.STARTING;
        Instant lastChanged;
        String runCommand;
        int attachments;
        boolean attached;
        String handshake;

        Row(String name, int display, int agentPid, String cookie, Instant created, char type, String startCommand,
            String clientIp) throws IOException {
            this.name = name;
            this.display = display;
            this.agentPid = agentPid;
            this.cookie = cookie;
            this.created = created;
            this.lastChanged = created;
            this.type = type;
            this.startCommand = startCommand;
            this.clientIp = clientIp;
            this.port = new GraphicsPort(name, new GraphicsPort.Listener() {
                @Override
                public void attached() {
                    proxyAttached(Row.this);
                }

                @Override
                public void greeted(String greeting) {
                    proxyGreeted(Row.this, greeting);
                }

                @Override
                public void detached() {
                    proxyDetached(Row.this);
                }
            });
        }

        FakeSession snapshot() {
            int gr = port.port();
            return new FakeSession(name, user, display, agentPid, cookie, status, state, created, lastChanged, gr,
                    gr + 1, gr + 2, type, startCommand, clientIp, Optional.ofNullable(runCommand), attachments,
                    attached, Optional.ofNullable(handshake));
        }
    }

    /**
     * @param user  the server's user
     * @param clock time source
     * @param files the fake file system (agent state files are written there)
     */
    public SessionStore(String user, Clock clock, FakeFiles files) {
        this.user = user;
        this.clock = clock;
        this.files = files;
        this.home = "/home/" + user;
    }

    /**
     * Creates a session as {@code x2gostartagent} does: the lowest free display from 50, a cookie, a
     * graphics port; status R, agent STARTING.
     *
     * @param type         session type letter
     * @param command      the command argument (used in the name)
     * @param depth        colour depth for the name
     * @param clientIp     the client address
     * @return the new session
     */
    public synchronized FakeSession start(char type, String command, int depth, String clientIp) {
        int display = 50;
        while (displayTaken(display)) {
            display++;
        }
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String raw = user + "-" + display + "-" + now.getEpochSecond() + "_st" + type + command + "_dp" + depth;
        String name = raw.replace(":", "PP").replaceAll("[^a-zA-Z0-9._@-]", "");
        byte[] c = new byte[16];
        random.nextBytes(c);
        Row row;
        try {
            row = new Row(name, display, nextPid++, HexFormat.of().formatHex(c), now, type, command, clientIp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a graphics port for " + name, e);
        }
        rows.put(name, row);
        writeState(row);
        notifyAll();
        return row.snapshot();
    }

    private boolean displayTaken(int display) {
        // F rows keep their display until purged, as on a server without x2gocleansessions running
        return rows.values().stream().anyMatch(r -> r.display == display);
    }

    /**
     * @param name a session name
     * @return its snapshot
     */
    public synchronized Optional<FakeSession> find(String name) {
        Row r = rows.get(name);
        return r == null ? Optional.empty() : Optional.of(r.snapshot());
    }

    /** @return every session, finished ones included, in creation order */
    public synchronized List<FakeSession> all() {
        return rows.values().stream().map(Row::snapshot).toList();
    }

    /**
     * What {@code x2golistsessions} shows, reconciling the database with agent states first (an
     * agent that suspended itself because its proxy vanished flips R to S, as the real script does).
     *
     * @return listed sessions, suspended ones first, then by creation
     */
    public synchronized List<FakeSession> listed() {
        Instant now = clock.instant();
        for (Row r : rows.values()) {
            if (r.status == ServerSessionStatus.RUNNING && r.state == AgentState.SUSPENDED) {
                r.status = ServerSessionStatus.SUSPENDED;
                r.lastChanged = now;
            }
        }
        List<FakeSession> out = new ArrayList<>();
        rows.values().stream().filter(r -> r.status == ServerSessionStatus.SUSPENDED).forEach(r -> out.add(r.snapshot()));
        rows.values().stream().filter(r -> r.status == ServerSessionStatus.RUNNING).forEach(r -> out.add(r.snapshot()));
        return out;
    }

    /**
     * @param s   a session
     * @param now the time of the listing
     * @return its 16-field {@code x2golistsessions} line, without newline
     */
    public String listLine(FakeSession s, String hostname, Instant now) {
        long age = Math.max(0, Duration.between(s.createdAt(), now).getSeconds());
        return s.agentPid() + "|" + s.name() + "|" + s.display() + "|" + hostname + "|" + s.status().letter() + "|"
                + TIMESTAMP.format(s.createdAt()) + "|" + s.cookie() + "|" + s.clientIp() + "|" + s.graphicsPort()
                + "|" + s.soundPort() + "|" + TIMESTAMP.format(s.lastChangedAt()) + "|" + s.user() + "|" + age + "|"
                + s.sshfsPort() + "|-1|-1";
    }

    /**
     * Suspends as {@code x2gosuspend-session} does. Suspending a session whose agent never had a
     * proxy (STARTING) aborts it: status F (real-server README §8 #12). Unknown names are ignored.
     *
     * @param name the session
     */
    public synchronized void suspend(String name) {
        Row r = rows.get(name);
        if (r == null || r.status == ServerSessionStatus.FAILED) {
            return;
        }
        switch (r.state) {
            case STARTING -> finish(r);
            case RUNNING, RESUMING -> {
                r.state = AgentState.SUSPENDED;
                r.status = ServerSessionStatus.SUSPENDED;
                r.lastChanged = clock.instant();
                r.port.dropProxy();
                writeState(r);
            }
            default -> {
                // SUSPENDED already: the real script only HUPs RESUMING/STARTING/RUNNING agents
                if (r.status == ServerSessionStatus.RUNNING) {
                    r.status = ServerSessionStatus.SUSPENDED;
                    r.lastChanged = clock.instant();
                }
            }
        }
        notifyAll();
    }

    /**
     * Terminates as {@code x2goterminate-session} does; unknown names are ignored.
     *
     * @param name the session
     */
    public synchronized void terminate(String name) {
        Row r = rows.get(name);
        if (r != null && r.status != ServerSessionStatus.FAILED) {
            finish(r);
            notifyAll();
        }
    }

    private void finish(Row r) {
        r.status = ServerSessionStatus.FAILED;
        r.state = AgentState.TERMINATED;
        r.lastChanged = clock.instant();
        r.port.close();
        writeState(r);
    }

    /** Result of a resume request. */
    public sealed interface ResumeResult permits Resumed, Gone {
    }

    /** @param session the resumed session */
    public record Resumed(FakeSession session) implements ResumeResult {
    }

    /** The session is terminated or unknown. */
    public record Gone() implements ResumeResult {
    }

    /**
     * Resumes as {@code x2goresume-session} does: a session with an attached proxy is suspended
     * first; the agent then waits for a proxy (RESUMING) while the database already says R.
     *
     * @param name the session
     * @return the resumed session, or {@link Gone}
     */
    public synchronized ResumeResult resume(String name) {
        Row r = rows.get(name);
        if (r == null || r.status == ServerSessionStatus.FAILED) {
            return new Gone();
        }
        if (r.attached) {
            r.state = AgentState.SUSPENDED;
            r.port.dropProxy();
        }
        r.state = AgentState.RESUMING;
        r.status = ServerSessionStatus.RUNNING;
        r.lastChanged = clock.instant();
        writeState(r);
        notifyAll();
        return new Resumed(r.snapshot());
    }

    /**
     * Records the command {@code x2goruncommand} runs.
     *
     * @param name    the session
     * @param command the command, {@code X2GO_SPACE_CHAR} already turned into blanks
     * @return false for an unknown or finished session
     */
    public synchronized boolean runCommand(String name, String command) {
        Row r = rows.get(name);
        if (r == null || r.status == ServerSessionStatus.FAILED) {
            return false;
        }
        r.runCommand = command;
        notifyAll();
        return true;
    }

    /**
     * Another client (or the server) changes a session: the agent state and status move as if a
     * proxy were attached elsewhere.
     *
     * @param name    the session
     * @param running true for R/RUNNING, false for S/SUSPENDED
     * @throws IllegalArgumentException naming the session when it is unknown or finished
     */
    public synchronized void setExternally(String name, boolean running) {
        Row r = rows.get(name);
        if (r == null || r.status == ServerSessionStatus.FAILED) {
            throw new IllegalArgumentException("no live session named '" + name + "'");
        }
        r.port.dropProxy();
        r.state = running ? AgentState.RUNNING : AgentState.SUSPENDED;
        r.status = running ? ServerSessionStatus.RUNNING : ServerSessionStatus.SUSPENDED;
        r.lastChanged = clock.instant();
        writeState(r);
        notifyAll();
    }

    /**
     * @param name the session
     * @throws IllegalArgumentException naming the session when it is unknown
     */
    public synchronized void requireKnown(String name) {
        if (!rows.containsKey(name)) {
            throw new IllegalArgumentException("no session named '" + name + "'; known: " + rows.keySet());
        }
    }

    /** Deletes F rows, freeing their displays, as x2gocleansessions does. */
    public synchronized void purgeFinished() {
        rows.values().removeIf(r -> r.status == ServerSessionStatus.FAILED);
    }

    /**
     * Waits for a session to satisfy a condition.
     *
     * @param name    the session
     * @param test    the condition
     * @param what    description for the failure message
     * @param timeout how long to wait
     * @return the matching snapshot
     * @throws InterruptedException when interrupted
     * @throws AssertionError on timeout, naming the last state seen
     */
    public synchronized FakeSession await(String name, Predicate<FakeSession> test, String what, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Row r = rows.get(name);
            if (r != null && test.test(r.snapshot())) {
                return r.snapshot();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("session '" + name + "' did not reach " + what + " within " + timeout
                        + "; last seen: " + (r == null ? "unknown" : r.snapshot()));
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /**
     * Waits until any session satisfies a condition.
     *
     * @param test    the condition
     * @param timeout how long to wait
     * @return the first matching snapshot
     * @throws InterruptedException when interrupted
     * @throws AssertionError on timeout
     */
    public synchronized FakeSession awaitAny(Predicate<FakeSession> test, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Row r : rows.values()) {
                if (test.test(r.snapshot())) {
                    return r.snapshot();
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no session matched within " + timeout + "; sessions: " + all());
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    private synchronized void proxyAttached(Row r) {
        r.attachments++;
        r.attached = true;
        if (r.state == AgentState.STARTING || r.state == AgentState.RESUMING) {
            r.state = AgentState.RUNNING;
            if (r.status != ServerSessionStatus.RUNNING) {
                r.status = ServerSessionStatus.RUNNING;
                r.lastChanged = clock.instant();
            }
            writeState(r);
        }
        notifyAll();
    }

    private synchronized void proxyGreeted(Row r, String greeting) {
        r.handshake = greeting;
        notifyAll();
    }

    private synchronized void proxyDetached(Row r) {
        r.attached = false;
        if (r.state == AgentState.RUNNING) {
            // the client vanished: the agent suspends itself; the database catches up on the next list
            r.state = AgentState.SUSPENDED;
            writeState(r);
        }
        notifyAll();
    }

    private void writeState(Row r) {
        Path f = files.resolve(home + "/.x2go/C-" + r.name + "/state", home);
        try {
            Files.createDirectories(f.getParent());
            // x2gostartagent also makes ~/.x2go/ssh, where folder sharing's key files go
            Files.createDirectories(files.resolve(home + "/.x2go/ssh", home));
            Files.writeString(f, r.state.name());
        } catch (IOException e) {
            // the state file is a convenience for tests that cat it; the in-memory state is authoritative
        }
    }

    /** Closes every graphics port. */
    @Override
    public synchronized void close() {
        rows.values().forEach(r -> r.port.close());
    }

    /** @return a comparator by display, for desktop listings */
    public static Comparator<FakeSession> byDisplay() {
        return Comparator.comparingInt(FakeSession::display);
    }
}
