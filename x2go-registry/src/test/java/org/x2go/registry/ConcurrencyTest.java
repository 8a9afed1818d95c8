package org.x2go.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.x2go.api.SessionEvent;
import org.x2go.api.SessionListener;
import org.x2go.api.SessionSummary;

/**
 * 8 threads x 10,000 mixed register / query / update / own-operation / forget calls. Afterwards every
 * index agrees with the record map, and exactly the sessions each thread kept are registered, each once,
 * with its own session name.
 */
class ConcurrencyTest {
    static final int THREADS = 8;
    static final int OPS = 10_000;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void eightThreadsTenThousandOpsEach_indexesAgree_nothingLostOrDuplicated() throws Exception {
        AtomicLong delivered = new AtomicLong();
        try (SessionRegistry reg = new SessionRegistry(Clock.systemUTC(), null)) {
            reg.addListener(new SessionListener() {
                @Override
                public void dispatch(SessionEvent event) {
                    delivered.incrementAndGet();
                    reg.summary(event.sessionUuid()); // listeners may call back while others mutate
                }
            });
            for (int p = 0; p < 3; p++) {
                reg.attachControlSession("PID" + p, "P" + p, new Fakes.FakeControl("srv"));
            }
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<Map<UUID, String>>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int id = t;
                results.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return work(reg, id);
                }));
            }
            Map<UUID, String> expected = new HashMap<>();
            for (Future<Map<UUID, String>> f : results) {
                expected.putAll(f.get(50, TimeUnit.SECONDS));
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();

            assertThat(reg.indexProblems()).isEmpty();
            List<UUID> keys = reg.keys();
            assertThat(new HashSet<>(keys)).hasSameSizeAs(keys).isEqualTo(expected.keySet());
            for (Map.Entry<UUID, String> e : expected.entrySet()) {
                SessionSummary s = reg.require(e.getKey());
                assertThat(s.sessionName()).isEqualTo(e.getValue());
                assertThat(reg.sessionOfSessionName(e.getValue())).contains(e.getKey());
            }
            int byProfile = 0;
            for (int p = 0; p < 3; p++) {
                byProfile += reg.registeredSessionsOfProfileName("P" + p).size();
            }
            assertThat(byProfile).isEqualTo(keys.size());
            assertThat(reg.runningSessions().size() + reg.nonRunningSessions().size()).isEqualTo(keys.size());
            assertThat(delivered.get()).isPositive();
        }
    }

    private static Map<UUID, String> work(SessionRegistry reg, int thread) {
        Random rnd = new Random(42L + thread);
        Map<UUID, String> mine = new HashMap<>();
        List<UUID> live = new ArrayList<>();
        int serial = 0;
        for (int i = 0; i < OPS; i++) {
            int op = rnd.nextInt(10);
            if (op <= 1 || live.isEmpty()) {
                String name = "u" + thread + "-" + (serial++) + "-1_stDKDE_dp24";
                int p = rnd.nextInt(3);
                UUID u = reg.register("srv", "PID" + p, "P" + p, name);
                if (mine.put(u, name) != null) {
                    throw new AssertionError("register returned a UUID twice: " + u);
                }
                live.add(u);
                continue;
            }
            UUID u = live.get(rnd.nextInt(live.size()));
            String name = mine.get(u);
            switch (op) {
                case 2, 3 -> {
                    reg.forget(u);
                    live.remove(u);
                    mine.remove(u);
                }
                case 4 -> {
                    if (!reg.sessionOfSessionName(name).equals(java.util.Optional.of(u))) {
                        throw new AssertionError("lost " + u + " / " + name);
                    }
                    reg.runningSessionsOfProfileName("P" + rnd.nextInt(3)).uuids();
                }
                case 5 -> reg.updateStatus(StatusTarget.session(u),
                        rnd.nextBoolean() ? Fakes.running(name) : Fakes.suspended(name), rnd.nextBoolean(), false);
                case 6 -> {
                    reg.attachTerminal(u, new Fakes.FakeTerminal(name));
                    reg.markRunning(u);
                }
                case 7 -> reg.markSuspendedByThisClient(u);
                case 8 -> {
                    reg.hasRunningSessions();
                    reg.suspendedSessions().sessionNames();
                    reg.masterSession("P" + rnd.nextInt(3));
                }
                default -> reg.summary(u).orElseThrow(() -> new AssertionError("lost " + u));
            }
        }
        Set<UUID> check = new HashSet<>(live);
        if (!check.equals(mine.keySet())) {
            throw new AssertionError("bookkeeping broken");
        }
        return mine;
    }
}
