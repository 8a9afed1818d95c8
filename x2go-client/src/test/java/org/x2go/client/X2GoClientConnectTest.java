package org.x2go.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.x2go.api.BackendKind;
import org.x2go.api.Backends;
import org.x2go.api.ConnectOptions;
import org.x2go.api.SessionList;
import org.x2go.api.X2GoClientException;
import org.x2go.api.X2GoControlSessionException;
import org.x2go.api.X2GoTimeOutException;
import org.x2go.spi.CommandResult;
import org.x2go.spi.ControlSession;
import org.x2go.spi.ControlSessionProvider;
import org.x2go.spi.NamedProvider;
import org.x2go.spi.PortForward;
import org.x2go.spi.RemoteShell;
import org.x2go.spi.SessionListParser;
import org.x2go.spi.SftpSession;
import org.x2go.spi.SshTransport;

/** connect() against close(): nothing a closed client opened may stay open or registered. */
class X2GoClientConnectTest {
    private static final Duration SLOW_SERVER = Duration.ofMillis(1500);
    private static final ConnectOptions OPTIONS = ConnectOptions.builder("127.0.0.1", "alice").port(2222)
            .connectTimeout(Duration.ofSeconds(5)).commandTimeout(Duration.ofSeconds(5)).build();

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    // ------------------------------------------------------------------ fakes

    /** A connection that records whether it was closed; a feature query may block until it is. */
    static final class Shell implements RemoteShell {
        private final CountDownLatch closedLatch = new CountDownLatch(1);

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
            return closedLatch.getCount() > 0;
        }

        @Override
        public String host() {
            return "127.0.0.1";
        }

        @Override
        public int port() {
            return 2222;
        }

        @Override
        public String username() {
            return "alice";
        }

        @Override
        public void close() {
            closedLatch.countDown();
        }

        boolean closed() {
            return closedLatch.getCount() == 0;
        }

        /** @return whether the connection was closed within the limit */
        boolean awaitClosed(Duration limit) throws InterruptedException {
            return closedLatch.await(limit.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** A transport whose connect is told what to do by the test; every shell it hands out is kept. */
    static final class Ssh extends FakeProviders.Named implements SshTransport {
        final List<Shell> shells = new CopyOnWriteArrayList<>();
        final CountDownLatch entered = new CountDownLatch(1);
        volatile Duration delay = Duration.ZERO;
        volatile RuntimeException failure;

        Ssh() {
            super("FAKE");
        }

        @Override
        public RemoteShell connect(ConnectOptions options) {
            entered.countDown();
            if (failure != null) {
                throw failure;
            }
            if (!delay.isZero()) {
                // a slow server: the banner arrives only after the delay (no latch releases it earlier)
                try {
                    new CountDownLatch(1).await(delay.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new X2GoControlSessionException("interrupted");
                }
            }
            Shell s = new Shell();
            shells.add(s);
            return s;
        }
    }

    /** A control session over a {@link Shell}; its feature query may wait for the server (until the shell closes). */
    static final class Control extends FakeProviders.Named implements ControlSessionProvider {
        volatile boolean slowFeatures;
        final CountDownLatch querying = new CountDownLatch(1);

        Control() {
            super("FAKE");
        }

        @Override
        public ControlSession create(RemoteShell shell, SessionListParser parser, Duration commandTimeout) {
            return new ControlSession() {
                @Override
                public CommandResult run(String command) {
                    throw new UnsupportedOperationException(command);
                }

                @Override
                public Set<String> features() {
                    if (slowFeatures) {
                        querying.countDown();
                        try {
                            if (((Shell) shell).awaitClosed(Duration.ofSeconds(10))) {
                                throw new X2GoControlSessionException("connection closed while x2gofeaturelist ran");
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
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
                    return SessionList.EMPTY;
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
                }

                @Override
                public void terminate(String sessionName) {
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

    private static X2GoClient client(Ssh ssh, Control control) {
        List<NamedProvider> ps = new ArrayList<>(FakeProviders.all("FAKE"));
        ps.removeIf(p -> p instanceof SshTransport || p instanceof ControlSessionProvider);
        ps.add(ssh);
        ps.add(control);
        Map<String, String> cfg = new java.util.HashMap<>();
        for (BackendKind k : BackendKind.selectable()) {
            cfg.put(k.propertyName(), "fake");
        }
        return X2GoClient.builder().backends(Backends.of(ps)).config(cfg).systemProperties(new Properties())
                .graphics(false).build();
    }

    private static Throwable failureOf(Future<?> f) throws InterruptedException, java.util.concurrent.TimeoutException {
        try {
            f.get(20, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    // ------------------------------------------------------------------ tests

    @Test
    void closeWhileTheServerIsSlowFailsTheConnectAndLeavesNoConnection() throws Exception {
        Ssh ssh = new Ssh();
        ssh.delay = SLOW_SERVER;
        X2GoClient c = client(ssh, new Control());
        Future<String> connect = pool.submit(() -> c.connect("p1", OPTIONS));
        assertThat(ssh.entered.await(10, TimeUnit.SECONDS)).isTrue();

        c.close();

        // close() returned: the connection the slow server finally granted is closed, nothing is registered
        assertThat(ssh.shells).hasSize(1);
        assertThat(ssh.shells.get(0).closed()).isTrue();
        assertThat(c.connectedProfiles()).isEmpty();
        assertThat(failureOf(connect)).isInstanceOf(X2GoClientException.class)
                .hasMessageContaining("closed while connecting profile p1");
    }

    @Test
    void closeDuringTheFeatureQueryClosesTheConnectionAtOnce() throws Exception {
        Ssh ssh = new Ssh();
        Control control = new Control();
        control.slowFeatures = true;
        X2GoClient c = client(ssh, control);
        Future<String> connect = pool.submit(() -> c.connect("p1", OPTIONS));
        assertThat(control.querying.await(10, TimeUnit.SECONDS)).isTrue();

        long start = System.nanoTime();
        c.close();

        // the query waits up to 10 s for the server; close() must not wait for it but cut the connection
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(ssh.shells.get(0).closed()).isTrue();
        assertThat(c.connectedProfiles()).isEmpty();
        assertThat(failureOf(connect)).isInstanceOf(X2GoClientException.class)
                .hasMessageContaining("closed while connecting")
                .hasCauseInstanceOf(X2GoControlSessionException.class);
    }

    @Test
    void connectOnAClosedClientFailsClearlyWithoutConnecting() {
        Ssh ssh = new Ssh();
        X2GoClient c = client(ssh, new Control());
        c.close();
        assertThatThrownBy(() -> c.connect("p1", OPTIONS)).isInstanceOf(X2GoClientException.class)
                .hasMessage("X2GoClient is closed");
        assertThat(ssh.entered.getCount()).isEqualTo(1);
    }

    @Test
    void connectTimeoutIsAConnectionFailureKeepingTheTimeoutAsCause() {
        Ssh ssh = new Ssh();
        X2GoTimeOutException timeout = new X2GoTimeOutException("SSH connect to alice@[127.0.0.1]:2222 timed out after 5000 ms");
        ssh.failure = timeout;
        try (X2GoClient c = client(ssh, new Control())) {
            assertThatThrownBy(() -> c.connect("p1", OPTIONS)).isInstanceOf(X2GoControlSessionException.class)
                    .hasMessageContaining("timed out").hasCause(timeout);
            assertThat(c.connectedProfiles()).isEmpty();
        }
    }

    @Test
    void connectRacingCloseEitherFailsClearlyOrIsUndoneAndNothingStaysOpen() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int rounds = 0;
        int refused = 0;
        for (; rounds < 40 && System.nanoTime() < deadline; rounds++) {
            Ssh ssh = new Ssh();
            X2GoClient c = client(ssh, new Control());
            CyclicBarrier go = new CyclicBarrier(2);
            Function<Integer, Void> await = i -> {
                try {
                    go.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return null;
            };
            Future<String> connect = pool.submit(() -> {
                await.apply(0);
                return c.connect("p" + 0, OPTIONS);
            });
            Future<?> close = pool.submit(() -> {
                await.apply(1);
                c.close();
            });
            close.get(20, TimeUnit.SECONDS);
            Throwable failure = failureOf(connect);
            if (failure != null) {
                assertThat(failure).as("round %d", rounds).isInstanceOf(X2GoClientException.class)
                        .hasMessageContaining("X2GoClient");
                refused++;
            }
            assertThat(c.connectedProfiles()).as("round %d", rounds).isEmpty();
            assertThat(ssh.shells).as("round %d", rounds).allMatch(Shell::closed);
        }
        assertThat(rounds).isGreaterThanOrEqualTo(5);
    }
}
