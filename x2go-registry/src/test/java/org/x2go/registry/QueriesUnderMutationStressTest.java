package org.x2go.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.x2go.api.SessionList;
import org.x2go.api.X2GoSessionRegistryException;
import org.x2go.registry.Fakes.FakeControl;

/**
 * Every public query of {@link SessionRegistry}, found by reflection so that a new query cannot be
 * forgotten, runs while other threads mutate the registry. A query may only answer or refuse with
 * {@link X2GoSessionRegistryException} (unknown UUID, ambiguous name); anything else, such as a
 * {@link java.util.ConcurrentModificationException} from an index copied outside the lock, fails the
 * test. Bounded in operations and time; a deadlock fails it with a thread dump.
 */
class QueriesUnderMutationStressTest {
    /** Public methods that change the registry, its listeners or its life cycle; every other public method is a query. */
    static final Set<String> MUTATORS = Set.of("register", "forget", "enableSessionAutoRegistration",
            "disableSessionAutoRegistration", "registerAvailableServerSessions", "attachControlSession",
            "detachControlSession", "reportControlSessionDeath", "markStarting", "markResuming", "attachTerminal",
            "attachProxy", "markRunning", "markFaulty", "markSuspendedByThisClient", "markTerminatedByThisClient",
            "markStartupFailed", "releaseAllTerminals", "updateStatus", "addListener", "removeListener", "close",
            "openOwnOperation", "closeOwnOperation", "pauseProfileAutoRegistration", "resumeProfileAutoRegistration",
            "registerStarting", "proxyExited");

    static final int WRITERS = 4;
    static final int READERS = 4;
    static final int OPS_PER_THREAD = 3_000;
    static final long BUDGET_NANOS = TimeUnit.SECONDS.toNanos(4);
    static final long DEADLINE_SECONDS = 30;
    static final int PROFILES = 3;

    /** Public instance methods declared by the registry that are not mutators, in a stable order. */
    static List<Method> queries() {
        return Arrays.stream(SessionRegistry.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()))
                .filter(m -> !m.isSynthetic() && !m.isBridge() && !MUTATORS.contains(m.getName()))
                .sorted(Comparator.comparing(Method::toGenericString))
                .toList();
    }

    @Test
    void everyMutatorNamedHereExists_soARenamedOneIsNotMistakenForAQuery() {
        Set<String> publicNames = Arrays.stream(SessionRegistry.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers())).map(Method::getName).collect(Collectors.toSet());
        assertThat(publicNames).containsAll(MUTATORS);
        assertThat(queries()).extracting(Method::getName).contains("registeredSessions", "virginSessions",
                "associatedSessions", "registeredSessionsOfProfileName", "summary", "masterSession", "keys");
    }

    @Test
    void everyQueryHasArguments_soNoneIsSkippedByTheStressTest() {
        Shared shared = new Shared();
        Random rnd = new Random(1);
        for (Method m : queries()) {
            for (Class<?> type : m.getParameterTypes()) {
                assertThat(shared.argument(type, rnd, true))
                        .as("no argument generator for %s of %s: extend Shared.argument", type, m)
                        .isNotEqualTo(Shared.UNSUPPORTED);
            }
        }
    }

    @Test
    void everyPublicQueryIsSafeWhileOtherThreadsMutate() throws Exception {
        List<Method> queries = queries();
        Shared shared = new Shared();
        List<String> failures = new CopyOnWriteArrayList<>();
        Map<String, LongAdder> calls = new ConcurrentHashMap<>();
        try (SessionRegistry reg = new SessionRegistry(Clock.systemUTC(), null)) {
            shared.reg = reg;
            reg.addListener(new Fakes.Recorder());
            for (int p = 0; p < PROFILES; p++) {
                reg.attachControlSession("PID" + p, "P" + p, shared.controls[p]);
            }
            for (int i = 0; i < 300; i++) { // start with enough records that copying an index takes a while
                shared.live.add(reg.register("srv", "PID" + (i % PROFILES), "P" + (i % PROFILES), shared.newName()));
            }
            CountDownLatch go = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(WRITERS + READERS);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < WRITERS + READERS; t++) {
                boolean writer = t < WRITERS;
                long seed = 4711L + t;
                Thread th = new Thread(() -> {
                    try {
                        go.await();
                        Random rnd = new Random(seed);
                        long end = System.nanoTime() + BUDGET_NANOS;
                        for (int i = 0; i < OPS_PER_THREAD && System.nanoTime() < end; i++) {
                            if (writer) {
                                shared.mutate(rnd, failures);
                            } else {
                                Method q = queries.get((int) ((seed * 7 + i) % queries.size()));
                                shared.query(q, rnd, failures);
                                calls.computeIfAbsent(q.getName(), k -> new LongAdder()).increment();
                            }
                        }
                    } catch (Throwable e) {
                        failures.add("thread died: " + e);
                    } finally {
                        done.countDown();
                    }
                }, (writer ? "stress-writer-" : "stress-reader-") + t);
                th.setDaemon(true);
                threads.add(th);
                th.start();
            }
            go.countDown();
            if (!done.await(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                fail("stress threads did not finish within " + DEADLINE_SECONDS + " s (deadlock?)\n" + threadDump());
            }
            assertThat(summarise(failures)).as("unexpected exceptions from queries or mutations").isEmpty();
            assertThat(calls.keySet()).as("every query ran").containsAll(
                    queries.stream().map(Method::getName).collect(Collectors.toSet()));
            assertThat(reg.indexProblems()).isEmpty();
        }
    }

    /** Distinct failure kinds with their counts (the full list can be thousands long). */
    private static List<String> summarise(List<String> failures) {
        Map<String, Long> counts = failures.stream().collect(Collectors.groupingBy(f -> f, Collectors.counting()));
        return counts.entrySet().stream().map(e -> e.getValue() + " x " + e.getKey()).sorted().toList();
    }

    private static String threadDump() {
        StringBuilder sb = new StringBuilder();
        for (ThreadInfo ti : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            sb.append(ti);
        }
        return sb.toString();
    }

    /** State shared by the stress threads. */
    static final class Shared {
        static final Object UNSUPPORTED = new Object();

        final FakeControl[] controls = new FakeControl[PROFILES];
        final List<UUID> live = Collections.synchronizedList(new ArrayList<>());
        final LongAdder serial = new LongAdder();
        SessionRegistry reg;

        Shared() {
            for (int p = 0; p < PROFILES; p++) {
                controls[p] = new FakeControl("srv");
            }
        }

        String newName() {
            serial.increment();
            return "alice-" + (50 + serial.sum()) + "-1700000000_stDKDE_dp24";
        }

        UUID someUuid(Random rnd) {
            synchronized (live) {
                if (live.isEmpty() || rnd.nextInt(10) == 0) {
                    return UUID.randomUUID();
                }
                return live.get(rnd.nextInt(live.size()));
            }
        }

        String someName(Random rnd) {
            return switch (rnd.nextInt(8)) {
                case 0 -> "P" + rnd.nextInt(PROFILES);
                case 1 -> "PID" + rnd.nextInt(PROFILES);
                case 2 -> "no-such-profile";
                case 3 -> null;
                default -> reg.summary(someUuid(rnd)).map(s -> s.sessionName()).orElse("alice-1-1_stDKDE_dp24");
            };
        }

        Object argument(Class<?> type, Random rnd, boolean probe) {
            if (type == UUID.class) {
                return probe ? UUID.randomUUID() : someUuid(rnd);
            } else if (type == String.class) {
                return probe ? "P0" : someName(rnd);
            } else if (type == boolean.class) {
                return rnd.nextBoolean();
            } else if (type == int.class) {
                return rnd.nextInt(3);
            } else if (type == org.x2go.spi.GraphicsProxy.class) {
                return new Fakes.FakeProxy();
            } else if (type == OwnOperation.class) {
                return OwnOperation.values()[rnd.nextInt(OwnOperation.values().length)];
            }
            return UNSUPPORTED;
        }

        void query(Method q, Random rnd, List<String> failures) {
            Object[] args = Arrays.stream(q.getParameterTypes()).map(t -> argument(t, rnd, false)).toArray();
            try {
                Object result = q.invoke(reg, args);
                if (result instanceof SessionSelection s) {
                    s.sessionNames(); // the result is a snapshot: using it must not touch the registry
                }
            } catch (InvocationTargetException e) {
                if (!(e.getCause() instanceof X2GoSessionRegistryException)) {
                    failures.add(q.getName() + ": " + e.getCause());
                }
            } catch (IllegalAccessException e) {
                failures.add(q.getName() + ": " + e);
            }
        }

        void mutate(Random rnd, List<String> failures) {
            int p = rnd.nextInt(PROFILES);
            String pid = "PID" + p;
            String pname = "P" + p;
            UUID u = someUuid(rnd);
            try {
                switch (rnd.nextInt(16)) {
                    case 0, 1 -> live.add(reg.register("srv", pid, pname, rnd.nextBoolean() ? shared() : newName()));
                    case 2 -> {
                        reg.forget(u);
                        live.remove(u);
                    }
                    case 3 -> reg.updateStatus(StatusTarget.session(u), list(rnd), rnd.nextBoolean(), false);
                    case 4 -> reg.updateStatus(rnd.nextBoolean() ? StatusTarget.profileId(pid)
                            : StatusTarget.profileName(pname), rnd.nextBoolean() ? list(rnd) : null, true, false);
                    case 5 -> live.addAll(reg.registerAvailableServerSessions(pid, list(rnd), rnd.nextBoolean(), true,
                            false));
                    case 6 -> {
                        reg.attachTerminal(u, new Fakes.FakeTerminal(reg.summary(u).map(s -> s.sessionName())
                                .orElse(newName())));
                        reg.markRunning(u);
                    }
                    case 7 -> reg.markSuspendedByThisClient(u);
                    case 8 -> reg.markTerminatedByThisClient(u);
                    case 9 -> {
                        reg.markStarting(u);
                        reg.markStartupFailed(u, new IllegalStateException("stress"));
                    }
                    case 10 -> reg.markResuming(u, null);
                    case 11 -> reg.markFaulty(u);
                    case 12 -> reg.attachProxy(u, new Fakes.FakeProxy());
                    case 13 -> {
                        if (rnd.nextInt(20) == 0) {
                            reg.releaseAllTerminals();
                        } else {
                            reg.markRunning(u);
                        }
                    }
                    case 14 -> {
                        if (rnd.nextBoolean()) {
                            reg.detachControlSession(pid);
                        } else {
                            reg.reportControlSessionDeath(pid, new IllegalStateException("stress"));
                        }
                        reg.attachControlSession(pid, pname, controls[p]);
                    }
                    default -> controls[p].sessions = list(rnd);
                }
            } catch (X2GoSessionRegistryException e) {
                // an unknown UUID (forgotten by another thread) or a duplicate name: a specific refusal
            } catch (RuntimeException e) {
                failures.add("mutation: " + e);
            }
        }

        /** A name some record already has, so that several records can share it. */
        private String shared() {
            return reg.summary(someUuid(new Random())).map(s -> s.sessionName()).filter(n -> !n.isEmpty())
                    .orElse(newName());
        }

        private SessionList list(Random rnd) {
            List<String> names = new ArrayList<>(new TreeSet<>(List.of(someNameOfRecord(rnd), someNameOfRecord(rnd),
                    newName())));
            return Fakes.list(names.stream().map(n -> Fakes.info(n, rnd.nextBoolean()
                    ? org.x2go.api.ServerSessionStatus.RUNNING : org.x2go.api.ServerSessionStatus.SUSPENDED))
                    .toArray(org.x2go.api.SessionInfo[]::new));
        }

        private String someNameOfRecord(Random rnd) {
            return reg.summary(someUuid(rnd)).map(s -> s.sessionName()).filter(n -> !n.isEmpty()).orElse(newName());
        }
    }
}
