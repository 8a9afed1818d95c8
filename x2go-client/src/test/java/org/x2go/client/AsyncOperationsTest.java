package org.x2go.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.x2go.api.ConnectOptions;
import org.x2go.api.ServerSessionStatus;
import org.x2go.api.SessionState;
import org.x2go.api.TerminalParams;
import org.x2go.api.X2GoClientException;

/** The CompletableFuture variants: results, failures, the caller's executor, and cancellation. */
class AsyncOperationsTest {
    private static final ConnectOptions OPTIONS = ConnectOptions.builder("127.0.0.1", "alice").port(2222).build();
    private static final TerminalParams PARAMS = TerminalParams.builder().command("xterm").build();
    private static final long WAIT_S = 20;

    private final InMemoryServer server = new InMemoryServer();
    private final ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "caller-pool"));

    @TempDir
    Path root;

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private X2GoClient client() {
        return server.clientBuilder(true).sessionsRoot(root).ownOperationWait(Duration.ofSeconds(10)).build();
    }

    @Test
    void everyLifeCycleStepCompletesWithItsResultOnTheCallersExecutor() throws Exception {
        try (X2GoClient client = client()) {
            String p = client.connectAsync("p", OPTIONS, pool).get(WAIT_S, TimeUnit.SECONDS);
            assertThat(client.connectedProfiles()).containsExactly(p);

            CompletableFuture<String> thread = new CompletableFuture<>();
            // hold the pool until the callback is attached: a start that completed before whenComplete would run
            // the callback on this thread instead (seen once under load)
            java.util.concurrent.CountDownLatch attached = new java.util.concurrent.CountDownLatch(1);
            pool.execute(() -> {
                try {
                    attached.await(WAIT_S, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            CompletableFuture<UUID> started = client.startSessionAsync(p, PARAMS, pool)
                    .whenComplete((r, e) -> thread.complete(Thread.currentThread().getName()));
            attached.countDown();
            UUID u = started.get(WAIT_S, TimeUnit.SECONDS);
            assertThat(thread.get(WAIT_S, TimeUnit.SECONDS)).isEqualTo("caller-pool");
            String name = client.summary(u).orElseThrow().sessionName();
            assertThat(server.status(name)).isEqualTo(ServerSessionStatus.RUNNING);

            client.suspendSessionAsync(u, pool).get(WAIT_S, TimeUnit.SECONDS);
            assertThat(server.status(name)).isEqualTo(ServerSessionStatus.SUSPENDED);
            assertThat(client.resumeSessionAsync(p, name, PARAMS, pool).get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(u);
            assertThat(client.summary(u).orElseThrow().state()).isEqualTo(SessionState.RUNNING);
            client.terminateSessionAsync(u, pool).get(WAIT_S, TimeUnit.SECONDS);
            assertThat(server.status(name)).isNull();

            UUID second = client.startSessionAsync(p, PARAMS, pool).get(WAIT_S, TimeUnit.SECONDS);
            assertThat(client.connectAsync("q", "q", OPTIONS, pool).get(WAIT_S, TimeUnit.SECONDS)).isEqualTo("q");
            assertThat(client.summary(second).orElseThrow().state()).isEqualTo(SessionState.RUNNING);
        }
    }

    @Test
    void aFailureCompletesTheFutureWithTheCallsOwnException() throws Exception {
        try (X2GoClient client = client()) {
            CompletableFuture<UUID> f = client.startSessionAsync("not-connected", PARAMS, pool);
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> f.get(WAIT_S, TimeUnit.SECONDS));
            assertThat(e.getCause()).isInstanceOf(X2GoClientException.class).hasMessageContaining("not-connected");
        }
    }

    @Test
    void cancelledBeforeTheExecutorRanItTheCallNeverRuns() {
        Queue<Runnable> queued = new ArrayDeque<>();
        try (X2GoClient client = client()) {
            CompletableFuture<String> f = client.connectAsync("p", OPTIONS, queued::add);
            assertThat(queued).hasSize(1);
            assertThat(f.cancel(true)).isTrue();
            queued.poll().run();
            assertThat(f).isCancelled();
            assertThat(client.connectedProfiles()).isEmpty();
            assertThat(server.shells).isEmpty(); // no connection was even opened
        }
    }

    @Test
    void cancelledWhileRunningTheCallIsNotInterruptedAndRunsToItsEnd() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        server.startGate = gate;
        try (X2GoClient client = client()) {
            String p = client.connect("p", OPTIONS);
            CountDownLatch finished = new CountDownLatch(1);
            CompletableFuture<UUID> f = client.startSessionAsync(p, PARAMS, r -> pool.execute(() -> {
                try {
                    r.run();
                } finally {
                    finished.countDown();
                }
            }));
            // the call is inside x2gostartagent: cancel now, then let the server answer
            assertThat(server.starting.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
            assertThat(f.cancel(true)).isTrue();
            gate.countDown();
            assertThat(finished.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
            assertThat(f).isCancelled();
            // it was not interrupted: the session started and the registry knows it
            assertThat(client.registry().keys()).singleElement()
                    .satisfies(u -> assertThat(client.summary(u).orElseThrow().state()).isEqualTo(SessionState.RUNNING));
            assertThat(server.list().sessions()).singleElement()
                    .satisfies(s -> assertThat(s.isRunning()).isTrue());
        }
    }

    @Test
    void anExecutorThatRefusesTheCallCompletesTheFutureExceptionally() {
        try (X2GoClient client = client()) {
            CompletableFuture<Void> f = client.terminateSessionAsync(UUID.randomUUID(), r -> {
                throw new RejectedExecutionException("pool is full");
            });
            assertThat(f).isCompletedExceptionally();
            assertThat(f.handle((r, e) -> e).join()).isInstanceOf(RejectedExecutionException.class);
        }
    }
}
