package org.x2go.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.x2go.api.ConnectOptions;
import org.x2go.api.ServerSessionStatus;
import org.x2go.api.SessionEvent;
import org.x2go.api.SessionListener;
import org.x2go.api.SessionState;
import org.x2go.api.TerminalParams;
import org.x2go.api.X2GoSessionException;
import org.x2go.guardian.GuardianOptions;
import org.x2go.spi.ControlSession;

/** Own suspend/terminate wait for the server; concurrent starts and connects; sessions found at connect. */
class OwnOperationsTest {
    private static final ConnectOptions OPTIONS = ConnectOptions.builder("127.0.0.1", "alice").port(2222).build();
    private static final TerminalParams PARAMS = TerminalParams.builder().command("xterm").build();

    private final InMemoryServer server = new InMemoryServer();
    private final Events events = new Events();
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    /** Events as "KIND/CAUSE", in delivery order. */
    static final class Events implements SessionListener {
        final List<String> seen = Collections.synchronizedList(new ArrayList<>());
        final List<String> proxyDeaths = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onProxyDied(UUID sessionUuid, String profileName, String sessionName, int exitCode,
                                String logTail) {
            synchronized (seen) {
                proxyDeaths.add(sessionName + " " + exitCode + " " + logTail);
                seen.notifyAll();
            }
        }

        @Override
        public void dispatch(SessionEvent event) {
            synchronized (seen) {
                seen.add(event.kind() + "/" + event.cause());
                seen.notifyAll();
            }
        }

        List<String> list() {
            synchronized (seen) {
                return List.copyOf(seen);
            }
        }

        /** Events arrive on the registry's listener thread: waits (bounded) until at least n arrived. */
        List<String> await(int n) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            synchronized (seen) {
                while (seen.size() < n && System.nanoTime() < deadline) {
                    try {
                        seen.wait(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
                return List.copyOf(seen);
            }
        }
    }

    private X2GoClient client() {
        return server.clientBuilder(false).listener(events).ownOperationWait(Duration.ofSeconds(10)).build();
    }

    @Test
    void ownSuspendReturnsOnlyOnceTheServerListsTheSessionSuspended() {
        server.suspendLag = 3; // x2gosuspend-session returns while the list still shows R three times
        try (X2GoClient client = client()) {
            String p = client.connect("p", OPTIONS);
            UUID u = client.startSession(p, PARAMS);
            String name = client.summary(u).orElseThrow().sessionName();
            client.nxClientAttached(u); // headless: the test plays the NX client
            client.suspendSession(u);
            assertThat(server.list().byName(name).orElseThrow().isSuspended()).isTrue();
            assertThat(client.summary(u).orElseThrow().state()).isEqualTo(SessionState.SUSPENDED);
            client.listSessions(p); // what a guardian tick does next: nothing more to report
            assertThat(events.await(2)).containsExactly("STARTED/BY_THIS_CLIENT", "SUSPENDED/BY_THIS_CLIENT");
            assertThat(client.resumeSession(p, name, PARAMS)).isEqualTo(u);
            assertThat(events.await(3)).containsExactly("STARTED/BY_THIS_CLIENT", "SUSPENDED/BY_THIS_CLIENT",
                    "RESUMED/BY_THIS_CLIENT");
        }
    }

    @Test
    void ownSuspendTheServerNeverListsFailsNamingTheSessionTheStateAndTheWait_andTheRecordStaysRunning() {
        server.suspendLag = Integer.MAX_VALUE;
        try (X2GoClient client = server.clientBuilder(false).listener(events)
                .ownOperationWait(Duration.ofMillis(400)).build()) {
            String p = client.connect("p", OPTIONS);
            UUID u = client.startSession(p, PARAMS);
            String name = client.summary(u).orElseThrow().sessionName();
            client.nxClientAttached(u);
            assertThatThrownBy(() -> client.suspendSession(u)).isInstanceOf(X2GoSessionException.class)
                    .hasMessageContaining(name).hasMessageContaining("running").hasMessageContaining("400 ms")
                    .hasMessageContaining("expected: suspended");
            assertThat(client.summary(u).orElseThrow().state()).isEqualTo(SessionState.RUNNING);
            assertThat(client.registry().ownOperation(u)).isEmpty();
            assertThat(events.await(1)).containsExactly("STARTED/BY_THIS_CLIENT");
        }
    }

    @Test
    void ownTerminateOfASessionRelistedAsSuspendedIsIssuedAgainAndReportedOnce() {
        server.relistTerminatedAsSuspended = true;
        try (X2GoClient client = client()) {
            String p = client.connect("p", OPTIONS);
            UUID u = client.startSession(p, PARAMS);
            String name = client.summary(u).orElseThrow().sessionName();
            client.terminateSession(u);
            assertThat(server.status(name)).as("gone on the server").isNull();
            assertThat(server.terminates.get()).isEqualTo(2);
            assertThat(client.registry().sessionOfSessionName(name)).isEmpty();
            assertThat(events.await(2)).containsExactly("STARTED/BY_THIS_CLIENT", "TERMINATED/BY_THIS_CLIENT");
        }
    }

    @Test
    void aSessionThisClientTerminatedIsNotAutoRegisteredWhileTheServerStillListsIt() {
        server.relistTerminatedAsSuspended = true;
        try (X2GoClient client = server.clientBuilder(false).listener(events)
                .ownOperationWait(Duration.ofMillis(300)).build()) {
            String p = client.connect("p", OPTIONS);
            UUID u = client.startSession(p, PARAMS);
            String name = client.summary(u).orElseThrow().sessionName();
            // the wait ends before the re-issue: the server still lists the dead session as S
            assertThatThrownBy(() -> client.terminateSession(u)).isInstanceOf(X2GoSessionException.class)
                    .hasMessageContaining(name).hasMessageContaining("expected: gone");
            assertThat(client.registry().registerAvailableServerSessions(p,
                    client.controlSession(p).listSessions(), false, true, false)).isEmpty();
            assertThat(events.await(1)).doesNotContain("REGISTERED/BY_OTHER_CLIENT");
        }
    }

    @Test
    void autoRegistrationDoesNotRegisterTheSessionThisClientIsStarting() throws Exception {
        server.startGate = new CountDownLatch(1);
        try (X2GoClient client = client()) {
            String p = client.connect("p", OPTIONS);
            Future<UUID> start = pool.submit(() -> client.startSession(p, PARAMS));
            InMemoryServer.await(server.starting); // x2gostartagent runs; the server lists the new session
            assertThat(client.registry().registerAvailableServerSessions(p,
                    client.controlSession(p).listSessions(), false, false, false)).isEmpty();
            server.startGate.countDown();
            UUID u = start.get(20, TimeUnit.SECONDS);
            String name = client.summary(u).orElseThrow().sessionName();
            assertThat(client.registry().registeredSessions().uuids()).containsExactly(u);
            assertThat(client.registry().sessionOfSessionName(name)).contains(u);
            assertThat(events.await(1)).containsExactly("STARTED/BY_THIS_CLIENT");
        }
    }

    @Test
    void twoConcurrentStartsGetTwoRecordsAndTwoSessions() throws Exception {
        try (X2GoClient client = client()) {
            String p = client.connect("p", OPTIONS);
            CyclicBarrier together = new CyclicBarrier(2);
            List<Future<UUID>> starts = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                starts.add(pool.submit(() -> {
                    together.await(20, TimeUnit.SECONDS);
                    return client.startSession(p, PARAMS);
                }));
            }
            UUID a = starts.get(0).get(20, TimeUnit.SECONDS);
            UUID b = starts.get(1).get(20, TimeUnit.SECONDS);
            assertThat(a).isNotEqualTo(b);
            assertThat(client.summary(a).orElseThrow().sessionName())
                    .isNotEqualTo(client.summary(b).orElseThrow().sessionName());
            assertThat(client.registry().runningSessions().uuids()).containsExactlyInAnyOrder(a, b);
        }
    }

    @Test
    void twoConcurrentConnectsOfOneProfileLeaveExactlyOneLiveConnection_theClientsOnlyRecordOfIt() throws Exception {
        server.connectBarrier = new CyclicBarrier(2);
        try (X2GoClient client = client()) {
            Future<String> one = pool.submit(() -> client.connect("p", OPTIONS));
            Future<String> two = pool.submit(() -> client.connect("p", OPTIONS));
            assertThat(one.get(20, TimeUnit.SECONDS)).isEqualTo("p");
            assertThat(two.get(20, TimeUnit.SECONDS)).isEqualTo("p");
            ControlSession kept = client.controlSession("p");
            assertThat(kept.shell().isConnected()).isTrue();
            // the client keeps the only handle; the registry only knows the profile is connected
            assertThat(client.registry().controlSessionOfProfile("p")).isEmpty();
            assertThat(client.registry().connectedProfiles()).containsExactly("p");
            assertThat(server.shells).hasSize(2);
            assertThat(server.shells.stream().filter(s -> s.isConnected()).count()).isEqualTo(1);
        }
    }

    @Test
    void sessionsRunningAtConnectAreFoundWhenAutoRegistrationIsOn() {
        String running = server.add(ServerSessionStatus.RUNNING);
        String suspended = server.add(ServerSessionStatus.SUSPENDED);
        try (X2GoClient client = server.clientBuilder(false).listener(events)
                .guardian(GuardianOptions.builder().autoRegisterSessions(true)
                        .refreshInterval(Duration.ofMinutes(10)).build()).build()) {
            String p = client.connect("p", OPTIONS);
            assertThat(client.registry().sessionOfSessionName(running)).isPresent();
            assertThat(client.registry().sessionOfSessionName(suspended)).isPresent();
            assertThat(events.await(3)).containsExactly("REGISTERED/BY_OTHER_CLIENT",
                    "FOUND_RUNNING_AFTER_CONNECT/BY_OTHER_CLIENT", "REGISTERED/BY_OTHER_CLIENT");
            assertThat(p).isEqualTo("p");
        }
    }

    @Test
    void withoutAutoRegistrationConnectRegistersNothing() {
        server.add(ServerSessionStatus.RUNNING);
        try (X2GoClient client = client()) {
            client.connect("p", OPTIONS);
            assertThat(client.registry().size()).isZero();
            assertThat(events.list()).isEmpty();
        }
    }

    @Test
    void aProxyDyingWhileItsSessionRunsMarksItFaultyAndTellsTheExitStatusAndTheLogTail(@org.junit.jupiter.api.io.TempDir
                                                                                      java.nio.file.Path root)
            throws Exception {
        try (X2GoClient client = server.clientBuilder(true).sessionsRoot(root).listener(events).build()) {
            String p = client.connect("p", OPTIONS);
            UUID u = client.startSession(p, PARAMS);
            String name = client.summary(u).orElseThrow().sessionName();
            InMemoryServer.Proxy proxy = server.proxies.get(0);
            java.nio.file.Files.createDirectories(proxy.sessionDirectory());
            java.nio.file.Files.writeString(proxy.errorLog(), "x".repeat(5000) + "\nError: \u001b[31mlost\n");
            proxy.exit(137);
            assertThat(client.summary(u).orElseThrow().state()).isEqualTo(SessionState.FAULTY);
            String death = awaitDeath();
            assertThat(death).startsWith(name + " 137 ").contains("Error: \\x1b[31mlost").doesNotContain("\u001b");
            assertThat(death.length()).isLessThan(name.length() + 5 + X2GoClient.PROXY_LOG_TAIL + 100);
            assertThat(client.graphicsProxy(u)).isEmpty();
        }
    }

    @Test
    void aCleanProxyExitFromAnotherClientsSuspendIsNotADeathEvenWhileTheServerStillListsTheSessionRunning(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path root) throws Exception {
        try (X2GoClient client = server.clientBuilder(true).sessionsRoot(root).listener(events).build()) {
            String p = client.connect("p", OPTIONS);
            UUID u = client.startSession(p, PARAMS);
            String name = client.summary(u).orElseThrow().sessionName();
            // the agent drops nxproxy (exit 0) before the server lists the session S: two more lists say R
            server.suspendLag = 2;
            server.proxiesExitOnSuspend = true;
            server.suspend(name); // another client's suspend
            assertThat(events.await(2)).containsExactly("STARTED/BY_THIS_CLIENT", "SUSPENDED/BY_SERVER");
            assertThat(events.proxyDeaths).isEmpty();
            assertThat(client.summary(u).orElseThrow().state()).isEqualTo(SessionState.SUSPENDED);
        }
    }

    @Test
    void aProxyExitingBecauseItsSessionEndedIsReportedAsTheEndNotAsADeath(@org.junit.jupiter.api.io.TempDir
                                                                           java.nio.file.Path root) {
        try (X2GoClient client = server.clientBuilder(true).sessionsRoot(root).listener(events).build()) {
            String p = client.connect("p", OPTIONS);
            UUID u = client.startSession(p, PARAMS);
            String name = client.summary(u).orElseThrow().sessionName();
            server.terminate(name); // the session's command exited: the agent and its proxy go
            server.proxies.get(0).exit(1);
            assertThat(events.await(2)).containsExactly("STARTED/BY_THIS_CLIENT", "TERMINATED/BY_SERVER");
            assertThat(events.proxyDeaths).isEmpty();
            assertThat(client.registry().sessionOfSessionName(name)).isEmpty();
        }
    }

    @Test
    void aProxyExitingBecauseOfAnOwnSuspendIsNoDeath(@org.junit.jupiter.api.io.TempDir java.nio.file.Path root) {
        try (X2GoClient client = server.clientBuilder(true).sessionsRoot(root).listener(events).build()) {
            String p = client.connect("p", OPTIONS);
            UUID u = client.startSession(p, PARAMS);
            client.suspendSession(u); // releasing the proxy closes it (off this thread): it exits
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (server.proxies.get(0).isAlive() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(server.proxies.get(0).isAlive()).isFalse();
            assertThat(events.await(2)).containsExactly("STARTED/BY_THIS_CLIENT", "SUSPENDED/BY_THIS_CLIENT");
            assertThat(events.proxyDeaths).isEmpty();
            assertThat(client.summary(u).orElseThrow().state()).isEqualTo(SessionState.SUSPENDED);
        }
    }

    @Test
    void aProxyThatTheAgentDropsDuringAnOwnSuspendIsNoDeath_andCostsNoExtraList(@org.junit.jupiter.api.io.TempDir
                                                                                 java.nio.file.Path root) {
        server.proxiesExitOnSuspend = true;
        server.suspendLag = 2;
        try (X2GoClient client = server.clientBuilder(true).sessionsRoot(root).listener(events).build()) {
            String p = client.connect("p", OPTIONS);
            UUID u = client.startSession(p, PARAMS);
            int before = server.lists.get();
            client.suspendSession(u);
            assertThat(server.lists.get() - before).as("R, R, S: only the suspend's own polls").isEqualTo(3);
            assertThat(events.await(2)).containsExactly("STARTED/BY_THIS_CLIENT", "SUSPENDED/BY_THIS_CLIENT");
            assertThat(events.proxyDeaths).isEmpty();
            assertThat(client.summary(u).orElseThrow().state()).isEqualTo(SessionState.SUSPENDED);
        }
    }

    private String awaitDeath() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        synchronized (events.seen) {
            while (events.proxyDeaths.isEmpty() && System.nanoTime() < deadline) {
                events.seen.wait(50);
            }
        }
        assertThat(events.proxyDeaths).hasSize(1);
        return events.proxyDeaths.get(0);
    }

    @Test
    void ownOperationWaitIsBounded() {
        X2GoClient.Builder b = X2GoClient.builder();
        assertThatThrownBy(() -> b.ownOperationWait(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ownOperationWait");
        assertThatThrownBy(() -> b.ownOperationWait(Duration.ofMinutes(11))).isInstanceOf(IllegalArgumentException.class);
        assertThat(X2GoClient.Builder.DEFAULT_OWN_OPERATION_WAIT).isEqualTo(Duration.ofSeconds(15));
    }
}
