package org.x2go.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import org.x2go.api.AgentInfo;
import org.x2go.api.BackendKind;
import org.x2go.api.Backends;
import org.x2go.api.ServerSessionStatus;
import org.x2go.api.SessionInfo;
import org.x2go.api.SessionList;
import org.x2go.api.TerminalParams;
import org.x2go.spi.CommandResult;
import org.x2go.spi.ControlSession;
import org.x2go.spi.ControlSessionProvider;
import org.x2go.spi.GraphicsProxy;
import org.x2go.spi.NamedProvider;
import org.x2go.spi.ProxyProvider;
import org.x2go.spi.ProxyRequest;
import org.x2go.spi.RemoteShell;
import org.x2go.spi.SessionListParser;
import org.x2go.spi.SshTransport;
import org.x2go.spi.TerminalSession;
import org.x2go.spi.TerminalSessionProvider;

/**
 * An in-memory X2Go server for client tests: sessions with a status letter, plus the lags and races a
 * real server shows (a suspend listed late, a terminated session relisted as suspended). Thread-safe.
 */
final class InMemoryServer {
    private final Map<String, ServerSessionStatus> sessions = new LinkedHashMap<>();
    private final AtomicInteger counter = new AtomicInteger(100);
    /** Lists after a suspend request that still show the session running (Integer.MAX_VALUE: never S). */
    volatile int suspendLag;
    /** After the first terminate request the session is listed as S until the next request. */
    volatile boolean relistTerminatedAsSuspended;
    /** When set, x2gostartagent waits for it (bounded) after the session is listed. */
    volatile CountDownLatch startGate;
    final CountDownLatch starting = new CountDownLatch(1);
    final AtomicInteger suspends = new AtomicInteger();
    final AtomicInteger terminates = new AtomicInteger();
    final AtomicInteger lists = new AtomicInteger();
    final List<X2GoClientConnectTest.Shell> shells = new CopyOnWriteArrayList<>();
    final List<Proxy> proxies = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> lagLeft = new LinkedHashMap<>();
    private final Map<String, Integer> terminateRequests = new LinkedHashMap<>();
    /** Session name → the agent state its {@code ~/.x2go/C-<name>/state} file holds. */
    final Map<String, String> agentStates = new java.util.concurrent.ConcurrentHashMap<>();
    /** When set, reading a state file not in {@link #agentStates} fails as cat does; else the command is unknown. */
    volatile boolean agentStatesReadable;
    /** Every command run through a control session, in order. */
    final List<String> commands = new CopyOnWriteArrayList<>();
    private static final java.util.regex.Pattern AGENT_STATE =
            java.util.regex.Pattern.compile("cat '/home/alice/\\.x2go/C-([^/']+)/state'");
    /** Every connect waits here (bounded) when set, so that two connects overlap. */
    volatile java.util.concurrent.CyclicBarrier connectBarrier;

    synchronized String add(ServerSessionStatus status) {
        String name = "alice-" + counter.incrementAndGet() + "-1700000000_stRxterm_dp24";
        sessions.put(name, status);
        return name;
    }

    synchronized ServerSessionStatus status(String name) {
        return sessions.get(name);
    }

    synchronized SessionList list() {
        lists.incrementAndGet();
        List<SessionInfo> out = new ArrayList<>();
        sessions.forEach((n, st) -> {
            ServerSessionStatus shown = st;
            Integer lag = lagLeft.get(n);
            if (lag != null && lag > 0 && st == ServerSessionStatus.SUSPENDED) {
                shown = ServerSessionStatus.RUNNING;
                if (lag != Integer.MAX_VALUE) {
                    lagLeft.put(n, lag - 1);
                }
            }
            out.add(new SessionInfo(1234, n, 50, "srv", shown, "", "cookie", "127.0.0.1", 30001, 30002, "",
                    "alice", 0, 30003, -1, -1));
        });
        return new SessionList(out, List.of());
    }

    /** When set, a suspend makes every proxy exit (as nxagent drops nxproxy), before the command returns. */
    volatile boolean proxiesExitOnSuspend;

    void suspend(String name) {
        synchronized (this) {
            suspends.incrementAndGet();
            if (sessions.containsKey(name)) {
                sessions.put(name, ServerSessionStatus.SUSPENDED);
                lagLeft.put(name, suspendLag);
            }
        }
        if (proxiesExitOnSuspend) {
            proxies.forEach(p -> p.exit(0));
        }
    }

    synchronized void terminate(String name) {
        terminates.incrementAndGet();
        int n = terminateRequests.merge(name, 1, Integer::sum);
        if (relistTerminatedAsSuspended && n == 1 && sessions.containsKey(name)) {
            sessions.put(name, ServerSessionStatus.SUSPENDED); // the agent is gone, the row says S
            lagLeft.remove(name);
        } else {
            sessions.remove(name);
        }
    }

    synchronized void resume(String name) {
        sessions.put(name, ServerSessionStatus.RUNNING);
        lagLeft.remove(name);
    }

    /** @return a client on this server; graphics use {@link Proxy} */
    X2GoClient.Builder clientBuilder(boolean graphics) {
        List<NamedProvider> ps = new ArrayList<>(FakeProviders.all("FAKE"));
        ps.removeIf(p -> p instanceof SshTransport || p instanceof ControlSessionProvider
                || p instanceof TerminalSessionProvider || p instanceof ProxyProvider);
        ps.add(new Ssh());
        ps.add(new Control());
        ps.add(new Terminals());
        ps.add(new Proxies());
        Map<String, String> cfg = new java.util.HashMap<>();
        for (BackendKind k : BackendKind.selectable()) {
            cfg.put(k.propertyName(), "fake");
        }
        return X2GoClient.builder().backends(Backends.of(ps)).config(cfg).systemProperties(new Properties())
                .graphics(graphics).display(":0");
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released within 20 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    final class Ssh extends FakeProviders.Named implements SshTransport {
        Ssh() {
            super("FAKE");
        }

        @Override
        public RemoteShell connect(org.x2go.api.ConnectOptions options) {
            java.util.concurrent.CyclicBarrier b = connectBarrier;
            if (b != null) {
                try {
                    b.await(20, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("connects did not overlap", e);
                }
            }
            X2GoClientConnectTest.Shell s = new X2GoClientConnectTest.Shell();
            shells.add(s);
            return s;
        }
    }

    final class Control extends FakeProviders.Named implements ControlSessionProvider {
        Control() {
            super("FAKE");
        }

        @Override
        public ControlSession create(RemoteShell shell, SessionListParser parser, Duration commandTimeout) {
            return new ControlSession() {
                @Override
                public CommandResult run(String command) {
                    commands.add(command);
                    java.util.regex.Matcher m = AGENT_STATE.matcher(command);
                    if (m.matches() && agentStates.containsKey(m.group(1))) {
                        return new CommandResult(agentStates.get(m.group(1)) + "\n", "", 0);
                    }
                    if (m.matches() && agentStatesReadable) {
                        return new CommandResult("", "cat: No such file or directory", 1);
                    }
                    throw new UnsupportedOperationException(command);
                }

                @Override
                public Set<String> features() {
                    return Set.of("X2GO_LIST_SESSIONS");
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
                    return list();
                }

                @Override
                public List<String> listDesktops() {
                    return List.of();
                }

                @Override
                public List<String> listMounts(String sessionName) {
                    return List.of();
                }

                @Override
                public void suspend(String sessionName) {
                    InMemoryServer.this.suspend(sessionName);
                }

                @Override
                public void terminate(String sessionName) {
                    InMemoryServer.this.terminate(sessionName);
                }

                @Override
                public boolean isAlive() {
                    return shell.isConnected();
                }

                @Override
                public RemoteShell shell() {
                    return shell;
                }

                @Override
                public void close() {
                    shell.close();
                }
            };
        }
    }

    final class Terminals extends FakeProviders.Named implements TerminalSessionProvider {
        Terminals() {
            super("FAKE");
        }

        @Override
        public TerminalSession start(ControlSession c, TerminalParams p) {
            String name = add(ServerSessionStatus.RUNNING);
            starting.countDown();
            CountDownLatch gate = startGate;
            if (gate != null) {
                await(gate);
            }
            return terminal(name);
        }

        @Override
        public TerminalSession resume(ControlSession c, String s, TerminalParams p) {
            InMemoryServer.this.resume(s);
            return terminal(s);
        }
    }

    private static TerminalSession terminal(String name) {
        AgentInfo agent = new AgentInfo(50, "cookie", 1234, name, 30001, 30002, 30003, -1, -1);
        return new TerminalSession() {
            @Override
            public AgentInfo agent() {
                return agent;
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
            }
        };
    }

    final class Proxies extends FakeProviders.Named implements ProxyProvider {
        Proxies() {
            super("FAKE");
        }

        @Override
        public GraphicsProxy start(ProxyRequest r) {
            Proxy p = new Proxy(r.sessionsRoot());
            proxies.add(p);
            return p;
        }
    }

    /** A proxy that exits when the test says so (or when closed, with 0). */
    static final class Proxy implements GraphicsProxy {
        private final Path root;
        private final List<IntConsumer> onExit = new CopyOnWriteArrayList<>();
        private volatile Integer code;

        Proxy(Path root) {
            this.root = root;
        }

        void exit(int exitCode) {
            synchronized (this) {
                if (code != null) {
                    return;
                }
                code = exitCode;
            }
            onExit.forEach(c -> c.accept(exitCode));
        }

        @Override
        public boolean isAlive() {
            return code == null;
        }

        @Override
        public java.net.InetSocketAddress tunnelAddress() {
            return new java.net.InetSocketAddress("127.0.0.1", 40000);
        }

        @Override
        public Path sessionDirectory() {
            return root.resolve("S-test");
        }

        @Override
        public Path errorLog() {
            return sessionDirectory().resolve("session.err");
        }

        @Override
        public java.util.OptionalInt exitCode() {
            Integer c = code;
            return c == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(c);
        }

        @Override
        public void onExit(IntConsumer consumer) {
            onExit.add(consumer);
            Integer c = code;
            if (c != null) {
                consumer.accept(c);
            }
        }

        @Override
        public void close() {
            exit(0);
        }
    }
}
