package org.x2go.registry;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import org.x2go.api.AgentInfo;
import org.x2go.api.ServerSessionStatus;
import org.x2go.api.SessionEvent;
import org.x2go.api.SessionInfo;
import org.x2go.api.SessionList;
import org.x2go.api.SessionListener;
import org.x2go.api.X2GoControlSessionException;
import org.x2go.spi.CommandResult;
import org.x2go.spi.ControlSession;
import org.x2go.spi.GraphicsProxy;
import org.x2go.spi.PortForward;
import org.x2go.spi.RemoteShell;
import org.x2go.spi.SftpSession;
import org.x2go.spi.TerminalSession;

/** In-memory fakes of the SPI for registry tests (no SSH). */
public final class Fakes {
    private Fakes() {
    }

    public static SessionInfo info(String name, ServerSessionStatus status) {
        return new SessionInfo(1234, name, 50, "srv", status, "2024-01-01T00:00:00", "abcd", "127.0.0.1", 30001,
                30002, "2024-01-01T00:00:00", "alice", 0, 30003, -1, -1);
    }

    public static SessionList list(SessionInfo... infos) {
        return new SessionList(List.of(infos), List.of());
    }

    public static SessionList running(String name) {
        return list(info(name, ServerSessionStatus.RUNNING));
    }

    public static SessionList suspended(String name) {
        return list(info(name, ServerSessionStatus.SUSPENDED));
    }

    /** A settable clock. */
    public static final class ManualClock extends Clock {
        private volatile Instant now = Instant.parse("2024-01-01T00:00:00Z");

        public void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Records every event in order. */
    public static final class Recorder implements SessionListener {
        public final List<SessionEvent> events = Collections.synchronizedList(new ArrayList<>());
        public final List<String> deaths = Collections.synchronizedList(new ArrayList<>());
        public final List<String> startupFailures = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void dispatch(SessionEvent event) {
            events.add(event);
        }

        @Override
        public void onControlSessionDeath(String profileName, Throwable cause) {
            deaths.add(profileName);
        }

        @Override
        public void onSessionStartupFailed(String profileName, Throwable cause) {
            startupFailures.add(profileName);
        }

        public List<String> kinds() {
            synchronized (events) {
                return events.stream().map(e -> e.kind() + "/" + e.cause()).toList();
            }
        }

        public void clear() {
            events.clear();
        }
    }

    public static final class FakeShell implements RemoteShell {
        public volatile String host;

        public FakeShell(String host) {
            this.host = host;
        }

        @Override
        public CommandResult exec(String command, Duration timeout) {
            throw new UnsupportedOperationException(command);
        }

        @Override
        public PortForward forwardLocal(InetSocketAddress bind, String remoteHost, int remotePort) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SftpSession openSftp() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isConnected() {
            return true;
        }

        @Override
        public String host() {
            return host;
        }

        @Override
        public int port() {
            return 22;
        }

        @Override
        public String username() {
            return "alice";
        }

        @Override
        public void close() {
        }
    }

    /** A control session whose server list is set by the test. */
    public static class FakeControl implements ControlSession {
        public final FakeShell shell;
        public volatile SessionList sessions = SessionList.EMPTY;
        public volatile RuntimeException failure;
        public final AtomicInteger listCalls = new AtomicInteger();
        public final String id;
        public final List<String> log;

        public FakeControl(String host) {
            this(host, host, Collections.synchronizedList(new ArrayList<>()));
        }

        public FakeControl(String host, String id, List<String> log) {
            this.shell = new FakeShell(host);
            this.id = id;
            this.log = log;
        }

        @Override
        public CommandResult run(String command) {
            throw new UnsupportedOperationException(command);
        }

        @Override
        public Set<String> features() {
            return Set.of();
        }

        @Override
        public Map<String, String> versions() {
            return Map.of();
        }

        @Override
        public String remoteHome() {
            return "/home/alice";
        }

        @Override
        public SessionList listSessions() {
            listCalls.incrementAndGet();
            log.add(id + ":listSessions");
            RuntimeException f = failure;
            if (f != null) {
                throw f;
            }
            return sessions;
        }

        @Override
        public List<String> listDesktops() {
            log.add(id + ":listDesktops");
            return List.of("alice@:50");
        }

        @Override
        public List<String> listMounts(String sessionName) {
            log.add(id + ":listMounts");
            return List.of("/home/alice/Documents|/tmp/mnt-" + sessionName);
        }

        @Override
        public void suspend(String sessionName) {
        }

        @Override
        public void terminate(String sessionName) {
        }

        @Override
        public boolean isAlive() {
            return failure == null;
        }

        @Override
        public RemoteShell shell() {
            return shell;
        }

        @Override
        public void close() {
        }

        public void dies() {
            failure = new X2GoControlSessionException("connection to srv dropped");
        }
    }

    public static final class FakeTerminal implements TerminalSession {
        public final String name;
        public final AtomicInteger closed = new AtomicInteger();

        public FakeTerminal(String name) {
            this.name = name;
        }

        @Override
        public AgentInfo agent() {
            return new AgentInfo(50, "abcd", 1234, name, 30001, 30002, 30003, -1, -1);
        }

        @Override
        public void runCommand() {
        }

        @Override
        public void suspend() {
        }

        @Override
        public void terminate() {
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    public static final class FakeProxy implements GraphicsProxy {
        public final AtomicInteger closed = new AtomicInteger();

        @Override
        public boolean isAlive() {
            return closed.get() == 0;
        }

        @Override
        public InetSocketAddress tunnelAddress() {
            return new InetSocketAddress("127.0.0.1", 40001);
        }

        @Override
        public Path sessionDirectory() {
            return Path.of("/tmp/S-x");
        }

        @Override
        public Path errorLog() {
            return Path.of("/tmp/S-x/session.err");
        }

        @Override
        public OptionalInt exitCode() {
            return OptionalInt.empty();
        }

        @Override
        public void onExit(IntConsumer onExit) {
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }
}
