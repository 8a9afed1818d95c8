package org.x2go.bench;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.x2go.api.SessionList;
import org.x2go.api.X2GoNotImplementedYetException;
import org.x2go.spi.CommandResult;
import org.x2go.spi.ControlSession;
import org.x2go.spi.PortForward;
import org.x2go.spi.RemoteShell;
import org.x2go.spi.SftpSession;

/**
 * The benchmarks' in-memory control session (WORKLOADS.md §2, "fake control session"): already
 * connected to its profile's server on port 22, no server features, and {@link #listSessions()}
 * answers the canned, already parsed list of its fake server instead of running
 * {@code x2golistsessions} over SSH. It counts the list calls so a workload can check them. No
 * network, no threads; thread-safe.
 */
public final class BenchControlSession implements ControlSession {

    private final Shell shell;
    private volatile SessionList sessions;
    private final AtomicInteger listCalls = new AtomicInteger();

    /**
     * @param host     the server host name the connection reports
     * @param sessions the list {@link #listSessions()} answers
     */
    public BenchControlSession(String host, SessionList sessions) {
        this.shell = new Shell(Objects.requireNonNull(host, "host"));
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    /** @param sessions the list later {@link #listSessions()} calls answer */
    public void setSessions(SessionList sessions) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    /** @return how often {@link #listSessions()} was called */
    public int listCalls() {
        return listCalls.get();
    }

    /**
     * @param command ignored
     * @return an empty, successful result (the workloads run no other command)
     */
    @Override
    public CommandResult run(String command) {
        return new CommandResult("", "", 0);
    }

    /** @return no features, as the python fake */
    @Override
    public Set<String> features() {
        return Set.of();
    }

    /** @return no versions */
    @Override
    public Map<String, String> versions() {
        return Map.of();
    }

    /** @return {@code /home/x2gotest} */
    @Override
    public String remoteHome() {
        return "/home/" + Workloads.USER;
    }

    /** @return the canned list; counts the call */
    @Override
    public SessionList listSessions() {
        listCalls.incrementAndGet();
        return sessions;
    }

    /** @return no shareable desktops */
    @Override
    public List<String> listDesktops() {
        return List.of();
    }

    /**
     * @param sessionName ignored
     * @return no mounts
     */
    @Override
    public List<String> listMounts(String sessionName) {
        return List.of();
    }

    /** @param sessionName ignored: the fake server list is fixed per workload */
    @Override
    public void suspend(String sessionName) {
    }

    /** @param sessionName ignored */
    @Override
    public void terminate(String sessionName) {
    }

    /** @return true, always connected */
    @Override
    public boolean isAlive() {
        return true;
    }

    /** @return the in-memory connection */
    @Override
    public RemoteShell shell() {
        return shell;
    }

    /** Nothing to close. */
    @Override
    public void close() {
    }

    /** A connected in-memory "SSH connection" that only knows its host, port and user. */
    private static final class Shell implements RemoteShell {
        private final String host;

        Shell(String host) {
            this.host = host;
        }

        @Override
        public CommandResult exec(String command, Duration timeout) {
            return new CommandResult("", "", 0);
        }

        @Override
        public PortForward forwardLocal(InetSocketAddress bind, String remoteHost, int remotePort) {
            throw new X2GoNotImplementedYetException("the benchmark shell opens no tunnels (asked for "
                    + remoteHost + ":" + remotePort + ")");
        }

        @Override
        public SftpSession openSftp() {
            throw new X2GoNotImplementedYetException("the benchmark shell has no SFTP");
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
            return Workloads.USER;
        }

        @Override
        public void close() {
        }
    }
}
