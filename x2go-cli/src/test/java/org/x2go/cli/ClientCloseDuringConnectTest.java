package org.x2go.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.x2go.api.ConnectOptions;
import org.x2go.api.X2GoClientException;
import org.x2go.client.Phase;
import org.x2go.client.X2GoClient;
import org.x2go.testkit.FakeX2GoServer;

/**
 * {@code X2GoClient.close()} while {@code connect()} waits on a slow server, with the real JSch transport
 * against the fake server (the client's own tests use fakes): the connection and its JSch threads end.
 */
class ClientCloseDuringConnectTest {
    static FakeX2GoServer server;
    static ExecutorService pool;

    @BeforeAll
    static void start() {
        server = FakeX2GoServer.builder().build().start();
        pool = Executors.newCachedThreadPool();
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
        server.close();
    }

    private static List<Thread> jschThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("Connect thread " + server.host())).toList();
    }

    @Test
    @Timeout(30)
    void closeWhileTheServerIsSlowLeavesNoConnectionAndNoJschThread() throws Exception {
        server.behaviour().delayCommand("x2gofeaturelist", Duration.ofMillis(1500));
        try {
            assertThat(jschThreads()).isEmpty();
            CountDownLatch connecting = new CountDownLatch(1);
            X2GoClient client = X2GoClient.builder().graphics(false)
                    .progress((profile, phase) -> {
                        if (phase == Phase.CONNECTING) {
                            connecting.countDown();
                        }
                    }).build();
            ConnectOptions options = ConnectOptions.builder(server.host(), server.user()).port(server.port())
                    .privateKey(server.clientKeyFile()).knownHosts(server.knownHostsFile()).build();
            Future<String> connect = pool.submit(() -> client.connect("slow", options));
            assertThat(connecting.await(10, TimeUnit.SECONDS)).isTrue();

            client.close();

            assertThat(client.connectedProfiles()).isEmpty();
            Throwable failure = null;
            try {
                connect.get(20, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                failure = e.getCause();
            }
            assertThat(failure).isInstanceOf(X2GoClientException.class).hasMessageContaining("closed while connecting");
            // JSch's reader thread notices the closed socket right after disconnect(); bounded wait, no sleep
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            for (Thread t : jschThreads()) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
            assertThat(jschThreads()).isEmpty();
        } finally {
            server.behaviour().reset();
        }
    }
}
