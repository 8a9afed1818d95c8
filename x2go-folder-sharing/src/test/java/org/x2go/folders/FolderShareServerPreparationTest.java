package org.x2go.folders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.x2go.folders.internal.ServerPreparation;
import org.x2go.folders.internal.ServerPreparation.KeyMaker;
import org.x2go.folders.internal.ServerPreparation.Keys;

/** The keys are made in the background from creation, once, and closing ends that cleanly with no thread left. */
class FolderShareServerPreparationTest {
    private static final long WAIT_S = 30;
    /** Small real keys: these tests are about when and where keys are made, not about their size. */
    private static final KeyMaker SMALL = ServerPreparation.keyMaker(1024);

    @TempDir
    Path tmp;
    Path share;

    @BeforeEach
    void folder() throws IOException {
        share = Files.createDirectories(tmp.resolve("share"));
    }

    /** Runs nothing until told: what was submitted stays queued. */
    static final class Manual implements Executor {
        final List<Runnable> queued = new ArrayList<>();

        @Override
        public synchronized void execute(Runnable r) {
            queued.add(r);
        }

        synchronized void runAll() {
            queued.forEach(Runnable::run);
            queued.clear();
        }
    }

    @Test
    void theKeysAreMadeOnADaemonThreadAssoonAsTheServerExists_nothingListensBeforeTheFirstShare() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Thread> maker = new AtomicReference<>();
        AtomicReference<Keys> made = new AtomicReference<>();
        KeyMaker gated = () -> {
            maker.set(Thread.currentThread());
            started.countDown();
            try {
                assertTrue(release.await(WAIT_S, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            made.set(SMALL.make());
            return made.get();
        };
        try (FolderShareServer server = new FolderShareServer("tester", ServerPreparation.sharedExecutor(), gated)) {
            assertTrue(started.await(WAIT_S, TimeUnit.SECONDS), "key generation must start without any share");
            assertTrue(maker.get().isDaemon());
            assertTrue(maker.get().getName().startsWith(ServerPreparation.THREAD_PREFIX), maker.get().getName());
            assertFalse(server.prepare().isDone());
            assertTrue(server.port().isEmpty(), "nothing listens before the first share");
            assertTrue(server.clientKeyPair().isEmpty());
            release.countDown();
            server.prepare().get(WAIT_S, TimeUnit.SECONDS);
            assertTrue(server.port().isEmpty(), "keys ready, still nothing listening before the first share");
            server.share(share, false);
            assertTrue(server.port().isPresent());
            assertSame(made.get().client(), server.clientKeyPair().orElseThrow());
        }
    }

    @Test
    void oneGenerationPerInstance_whateverIsShared() throws Exception {
        AtomicInteger generations = new AtomicInteger();
        KeyMaker counting = () -> {
            generations.incrementAndGet();
            return SMALL.make();
        };
        Path other = Files.createDirectories(tmp.resolve("other"));
        try (FolderShareServer server = new FolderShareServer("tester", ServerPreparation.sharedExecutor(), counting)) {
            server.share(share, false);
            String bundle = server.keyBundle();
            server.share(other, true);
            server.unshare(share);
            server.share(share, false);
            server.prepare().get(WAIT_S, TimeUnit.SECONDS);
            assertEquals(bundle, server.keyBundle());
        }
        assertEquals(1, generations.get());
    }

    @Test
    void aFailedGenerationSurfacesAtTheFirstShareAsBefore() throws Exception {
        GeneralSecurityException cause = new GeneralSecurityException("no RSA here");
        KeyMaker failing = () -> {
            throw cause;
        };
        try (FolderShareServer server = new FolderShareServer("tester", ServerPreparation.sharedExecutor(), failing)) {
            ExecutionException prep = assertThrows(ExecutionException.class,
                    () -> server.prepare().get(WAIT_S, TimeUnit.SECONDS));
            assertSame(cause, prep.getCause());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> server.share(share, false));
            assertEquals("cannot generate the folder-sharing keys", e.getMessage());
            assertSame(cause, e.getCause());
            assertThrows(IllegalStateException.class, () -> server.share(share, false), "and at every later share");
            assertTrue(server.port().isEmpty());
        }
    }

    @Test
    void closingBeforeTheGenerationBeginsMeansItNeverRuns() {
        Manual executor = new Manual();
        AtomicInteger generations = new AtomicInteger();
        FolderShareServer server = new FolderShareServer("tester", executor, () -> {
            generations.incrementAndGet();
            return SMALL.make();
        });
        server.close();
        executor.runAll();
        assertEquals(0, generations.get());
        assertTrue(server.prepare().isCancelled() || server.prepare().isCompletedExceptionally());
        assertThrows(CancellationException.class, () -> server.prepare().join());
        assertThrows(IllegalStateException.class, () -> server.share(share, false));
    }

    @Test
    void closingWhileAShareWaitsForTheKeysEndsTheWaitAndTheLateKeysAreDropped() throws Exception {
        CountDownLatch generating = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FolderShareServer server = new FolderShareServer("tester", ServerPreparation.sharedExecutor(), () -> {
            generating.countDown();
            try {
                assertTrue(release.await(WAIT_S, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            return SMALL.make();
        });
        assertTrue(generating.await(WAIT_S, TimeUnit.SECONDS));
        AtomicReference<Throwable> shareFailure = new AtomicReference<>();
        Thread sharer = new Thread(() -> {
            try {
                server.share(share, false);
            } catch (Throwable t) {
                shareFailure.set(t);
            }
        }, "sharer");
        sharer.start();
        awaitParked(sharer);
        server.close(); // must not wait for the generation: the share waits outside the lock
        sharer.join(TimeUnit.SECONDS.toMillis(WAIT_S));
        assertFalse(sharer.isAlive());
        assertTrue(shareFailure.get() instanceof IllegalStateException, String.valueOf(shareFailure.get()));
        assertTrue(shareFailure.get().getMessage().contains("closed"), shareFailure.get().getMessage());
        release.countDown();
        assertThrows(CancellationException.class, () -> server.prepare().join());
        assertTrue(server.port().isEmpty());
        assertTrue(server.clientKeyPair().isEmpty());
    }

    @Test
    void noThreadOutlivesClosedServers_sharedOrNot_closedDuringGenerationOrAfter() throws Exception {
        // earlier tests' idle preparation threads end first, so that every preparation thread below is new
        awaitNone(() -> Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(ServerPreparation.THREAD_PREFIX)).toList());
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        List<FolderShareServer> servers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            servers.add(new FolderShareServer("tester")); // real RSA 3072 keys on the shared executor
        }
        servers.get(0).close(); // most likely while its keys are being made
        FolderShareServer used = servers.get(1);
        used.share(share, false);
        Files.writeString(share.resolve("f.txt"), "served");
        SshClient client = SshClient.setUpDefaultClient();
        client.start();
        try (ClientSession s = client.connect("tester", FolderShareServer.LOOPBACK, used.port().getAsInt())
                .verify(Duration.ofSeconds(WAIT_S)).getSession()) {
            s.addPublicKeyIdentity(used.clientKeyPair().orElseThrow());
            s.auth().verify(Duration.ofSeconds(WAIT_S));
            try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(s);
                 InputStream in = sftp.read(share + "/f.txt")) {
                assertEquals("served", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } finally {
            client.stop();
        }
        servers.get(2).prepare().get(WAIT_S, TimeUnit.SECONDS); // ready, never shared, never listening
        servers.forEach(FolderShareServer::close);
        assertEquals(List.of(), awaitNone(() -> newThreads(before)),
                "threads started during the test and still alive after every server closed");
    }

    /** Polls (with a deadline) until the list is empty: idle preparation threads end after their keep-alive. */
    private static List<String> awaitNone(java.util.function.Supplier<List<String>> threads) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(WAIT_S).toNanos();
        List<String> left = threads.get();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            left = threads.get();
        }
        return left;
    }

    private static List<String> newThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && !before.contains(t))
                .map(Thread::getName).sorted().toList();
    }

    private static void awaitParked(Thread t) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TIMED_WAITING) {
            assertTrue(t.isAlive() && System.nanoTime() < deadline, "the share did not wait for the keys: " + t.getState());
            Thread.sleep(5);
        }
    }
}
