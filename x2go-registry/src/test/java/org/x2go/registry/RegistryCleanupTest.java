package org.x2go.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.x2go.registry.Fakes.info;
import static org.x2go.registry.Fakes.list;
import static org.x2go.registry.Fakes.running;
import static org.x2go.registry.Fakes.suspended;

import java.lang.reflect.Field;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.x2go.api.ServerSessionStatus;
import org.x2go.api.SessionEvent;
import org.x2go.api.SessionList;
import org.x2go.api.SessionListener;
import org.x2go.api.SessionState;
import org.x2go.api.SessionSummary;
import org.x2go.api.X2GoControlSessionException;
import org.x2go.api.X2GoSessionRegistryException;
import org.x2go.registry.Fakes.FakeControl;
import org.x2go.registry.Fakes.FakeProxy;
import org.x2go.registry.Fakes.FakeTerminal;
import org.x2go.registry.Fakes.ManualClock;
import org.x2go.registry.Fakes.Recorder;
import org.x2go.spi.RemoteShell;

/**
 * Clean-ups leave no trace in any index (by UUID, profile ID, profile name, session name, state),
 * refused operations say so, and the registry's own resources (lock, listener thread) are released.
 */
class RegistryCleanupTest {
    static final String N = "alice-50-1700000000_stDKDE_dp24";
    static final String N2 = "alice-51-1700000000_stRxterm_dp24";
    static final String PUBAPP = "alice-52-1700000000_stRPUBLISHED_dp24";

    final ManualClock clock = new ManualClock();
    final SessionRegistry reg = new SessionRegistry(clock, Runnable::run);
    final Recorder rec = new Recorder();
    final FakeControl cs = new FakeControl("srv");

    @BeforeEach
    void listen() {
        reg.addListener(rec);
        reg.attachControlSession("PID1", "P1", cs);
    }

    @AfterEach
    void close() {
        reg.close();
    }

    /** A record of PID1/P1 bound to {@code name}, held by this client and running. */
    UUID ownRunning(String name) {
        UUID u = reg.register("srv", "PID1", "P1", name);
        reg.attachTerminal(u, new FakeTerminal(name));
        reg.markRunning(u);
        return u;
    }

    /** Asserts that no query finds {@code u} or its former name any more. */
    void assertGoneEverywhere(UUID u, String name) {
        assertThat(reg.summary(u)).isEmpty();
        assertThat(reg.keys()).doesNotContain(u);
        assertThat(reg.registeredSessions().contains(u)).isFalse();
        assertThat(reg.registeredSessionsOfProfileName("P1").contains(u)).isFalse();
        assertThat(reg.connectedSessions().contains(u)).isFalse();
        assertThat(reg.runningSessions().contains(u)).isFalse();
        assertThat(reg.nonRunningSessions().contains(u)).isFalse();
        assertThat(reg.sessionOfSessionName(name)).isEmpty();
        assertThat(reg.indexProblems()).isEmpty();
    }

    @Test
    void forgetCleansEveryIndex_closesTerminalAndProxy_andDropsTheMaster() {
        UUID u = ownRunning(N);
        FakeTerminal t = (FakeTerminal) reg.terminal(u).orElseThrow();
        FakeProxy p = new FakeProxy();
        reg.attachProxy(u, p);
        assertThat(reg.masterSession("P1")).map(SessionSummary::uuid).contains(u);

        assertThat(reg.forget(u)).isTrue();

        assertGoneEverywhere(u, N);
        assertThat(reg.size()).isZero();
        assertThat(reg.masterSession("P1")).isEmpty();
        assertThat(t.closed.get()).isEqualTo(1);
        assertThat(p.closed.get()).isEqualTo(1);
        assertThat(reg.register("srv", "PID1", "P1", N)).as("the name is free again").isNotEqualTo(u);
    }

    @Test
    void forgettingAnotherRecordKeepsTheMaster() {
        UUID master = ownRunning(N);
        UUID other = reg.register("srv", "PID1", "P1", N2);
        assertThat(reg.forget(other)).isTrue();
        assertGoneEverywhere(other, N2);
        assertThat(reg.masterSession("P1")).map(SessionSummary::uuid).contains(master);
        assertThat(reg.require(master).master()).isTrue();
    }

    @Test
    void startupFailureWhileStartingUnbindsTheNameFromEveryIndex() {
        UUID u = reg.register("srv", "PID1", "P1");
        FakeTerminal t = new FakeTerminal(N);
        reg.attachTerminal(u, t); // binds N, CONNECTED -> STARTING
        assertThat(reg.sessionOfSessionName(N)).contains(u);

        reg.markStartupFailed(u, new IllegalStateException("agent died"));

        assertThat(reg.require(u).state()).isEqualTo(SessionState.CONNECTED);
        assertThat(reg.require(u).sessionName()).isEmpty();
        assertThat(reg.sessionOfSessionName(N)).as("no stale session-name index entry").isEmpty();
        assertThat(reg.registeredSessionsOfProfileName("P1").uuids()).containsExactly(u);
        assertThat(reg.connectedSessions().uuids()).containsExactly(u);
        assertThat(reg.associatedSessions().isEmpty()).isTrue();
        assertThat(reg.indexProblems()).isEmpty();
        assertThat(t.closed.get()).isEqualTo(1);
        assertThat(rec.startupFailures).containsExactly("P1");
    }

    @Test
    void startupFailureWhileResumingGoesBackToSuspended_keepingTheName() {
        UUID u = reg.register("srv", "PID1", "P1", N);
        reg.updateStatus(StatusTarget.session(u), suspended(N), true, false);
        assertThat(reg.markResuming(u, null)).isTrue();
        FakeTerminal t = new FakeTerminal(N);
        reg.attachTerminal(u, t);

        reg.markStartupFailed(u, new IllegalStateException("resume refused"));

        assertThat(reg.require(u).state()).isEqualTo(SessionState.SUSPENDED);
        assertThat(reg.sessionOfSessionName(N)).contains(u);
        assertThat(reg.suspendedSessionsOfProfileName("P1").uuids()).containsExactly(u);
        assertThat(reg.indexProblems()).isEmpty();
        assertThat(t.closed.get()).isEqualTo(1);
        assertThat(rec.startupFailures).containsExactly("P1");
    }

    @Test
    void terminatedRecordIsRecycledOutOfTheNameAndStateIndexes() {
        UUID u = ownRunning(N);
        assertThat(reg.markTerminatedByThisClient(u)).isTrue();
        assertThat(reg.sessionOfSessionName(N)).isEmpty();
        assertThat(reg.runningSessions().isEmpty()).isTrue();
        assertThat(reg.virginSessionsOfProfileName("P1").uuids()).containsExactly(u);
        assertThat(reg.masterSession("P1")).isEmpty();
        assertThat(reg.indexProblems()).isEmpty();
    }

    @Test
    void refusedOperationsReturnFalseAndChangeNothing() {
        UUID fresh = reg.register("srv", "PID2", "P2"); // PID2 not connected: NEW
        assertThat(reg.markResuming(fresh, N)).isFalse();
        assertThat(reg.sessionOfSessionName(N)).as("a refused resume binds no name").isEmpty();
        assertThat(reg.markTerminatedByThisClient(fresh)).isFalse();
        assertThat(reg.require(fresh).state()).isEqualTo(SessionState.NEW);

        UUID u = ownRunning(N);
        assertThat(reg.markSuspendedByThisClient(u)).isTrue();
        assertThat(reg.markSuspendedByThisClient(u)).as("already suspended").isFalse();
        assertThat(rec.kinds()).containsExactly("STARTED/BY_THIS_CLIENT", "SUSPENDED/BY_THIS_CLIENT");
    }

    @Test
    void blankProfileIdsAndNamesAreRefusedByEveryProfileOperation() {
        assertThatThrownBy(() -> reg.attachControlSession(" ", "P", cs)).isInstanceOf(X2GoSessionRegistryException.class)
                .hasMessageContaining("profile id must not be blank");
        assertThatThrownBy(() -> reg.attachControlSession("PID9", "", cs)).isInstanceOf(X2GoSessionRegistryException.class)
                .hasMessageContaining("profile name must not be blank");
        assertThatThrownBy(() -> reg.detachControlSession(" ")).isInstanceOf(X2GoSessionRegistryException.class)
                .hasMessageContaining("profile id must not be blank");
        assertThatThrownBy(() -> reg.reportControlSessionDeath("", null)).isInstanceOf(X2GoSessionRegistryException.class)
                .hasMessageContaining("profile id must not be blank");
        assertThatThrownBy(() -> reg.registerAvailableServerSessions(" ", SessionList.EMPTY, false, true, false))
                .isInstanceOf(X2GoSessionRegistryException.class).hasMessageContaining("profile id must not be blank");
        assertThat(reg.connectedProfiles()).containsExactly("PID1");
        assertThat(rec.deaths).isEmpty();
    }

    @Test
    void ownRunMakesTheRecordMasterAtOnce() {
        UUID u = ownRunning(N);
        assertThat(reg.require(u).master()).isTrue();
        assertThat(reg.masterSession("P1")).map(SessionSummary::uuid).contains(u);
        assertThat(reg.masterSession("P2")).isEmpty();
    }

    @Test
    void aRunningPublishedApplicationsProviderTakesOverFromAnotherNonDesktopMaster() {
        UUID xterm = ownRunning(N2);
        assertThat(reg.require(xterm).master()).isTrue();
        UUID pubapp = ownRunning(PUBAPP);
        assertThat(reg.require(pubapp).master()).isTrue();
        assertThat(reg.require(xterm).master()).isFalse();
        assertThat(reg.pubappSessionsOfProfileName("P1").uuids()).containsExactly(pubapp);
        UUID desktop = ownRunning(N);
        assertThat(reg.masterSession("P1")).map(SessionSummary::uuid).contains(desktop);
        assertThat(reg.pubappSessionsOfProfileName("P1").uuids()).containsExactly(pubapp);
        reg.markSuspendedByThisClient(pubapp);
        assertThat(reg.pubappSessionsOfProfileName("P1").isEmpty()).as("only running providers").isTrue();
    }

    @Test
    void aNonDesktopMasterIsKeptWhenAnotherNonDesktopSessionStarts() {
        UUID xterm = ownRunning(N2);
        UUID xterm2 = ownRunning("alice-53-1700000000_stRxterm_dp24");
        assertThat(reg.require(xterm).master()).isTrue();
        assertThat(reg.require(xterm2).master()).isFalse();
    }

    @Test
    void masterSessionNeedsAConnectedProfile() {
        UUID u = ownRunning(N);
        reg.detachControlSession("PID1");
        assertThat(reg.masterSession("P1")).isEmpty();
        assertThat(reg.require(u).state()).isEqualTo(SessionState.DISCONNECTED);
    }

    @Test
    void hasRunningAndHasSuspendedFollowTheStates() {
        assertThat(reg.hasRunningSessions()).isFalse();
        assertThat(reg.hasSuspendedSessions()).isFalse();
        UUID u = ownRunning(N);
        assertThat(reg.hasRunningSessions()).isTrue();
        assertThat(reg.hasSuspendedSessions()).isFalse();
        reg.markSuspendedByThisClient(u);
        assertThat(reg.hasRunningSessions()).isFalse();
        assertThat(reg.hasSuspendedSessions()).isTrue();
    }

    @Test
    void autoRegistrationSwitch() {
        assertThat(reg.isSessionAutoRegistrationEnabled()).isTrue();
        reg.disableSessionAutoRegistration();
        assertThat(reg.isSessionAutoRegistrationEnabled()).isFalse();
        assertThat(reg.registerAvailableServerSessions("PID1", running(N), false, false, false)).isEmpty();
        reg.enableSessionAutoRegistration();
        assertThat(reg.isSessionAutoRegistrationEnabled()).isTrue();
        assertThat(reg.registerAvailableServerSessions("PID1", running(N), false, true, false)).hasSize(1);
    }

    @Test
    void perRecordAccessors() {
        UUID u = ownRunning(N);
        FakeProxy p = new FakeProxy();
        reg.attachProxy(u, p);
        assertThat(reg.proxy(u)).containsSame(p);
        assertThat(reg.profileId(u)).isEqualTo("PID1");
        assertThat(reg.profileName(u)).isEqualTo("P1");
        assertThat(reg.isVirgin(u)).isFalse();
        assertThat(reg.origin(u)).isEqualTo(SessionOrigin.LOCAL);
        assertThatThrownBy(() -> reg.proxy(UUID.randomUUID())).isInstanceOf(X2GoSessionRegistryException.class);
    }

    @Test
    void virginQueriesListTheVirginRecords() {
        UUID v = reg.register("srv", "PID1", "P1");
        UUID used = ownRunning(N);
        assertThat(reg.virginSessions().uuids()).containsExactly(v);
        assertThat(reg.virginSessionsOfProfileName("P1").uuids()).containsExactly(v);
        assertThat(reg.associatedSessionsOfProfileName("P1").uuids()).containsExactly(used);
        assertThat(reg.virginSessionsOfProfileName("nobody").isEmpty()).isTrue();
    }

    @Test
    void queriesKeepRegistrationOrderAfterARecordIsReindexed() {
        UUID a = reg.register("srv", "PID1", "P1", N);
        UUID b = reg.register("srv", "PID1", "P1", N2);
        reg.attachTerminal(a, new FakeTerminal(N)); // takes a out of the indexes and puts it back last
        assertThat(reg.registeredSessions().uuids()).containsExactly(a, b);
        assertThat(reg.registeredSessionsOfProfileName("P1").uuids()).containsExactly(a, b);
        assertThat(reg.connectedSessions().uuids()).containsExactly(a, b);
    }

    @Test
    void updateStatusCountsTheRecordsItReconciled() {
        UUID u = reg.register("srv", "PID1", "P1", N);
        reg.register("srv", "PID1", "P1", N2);
        assertThat(reg.updateStatus(u, null, null, running(N), true, false)).isEqualTo(1);
        assertThat(reg.updateStatus(null, "P1", null, running(N), true, false)).isEqualTo(2);
    }

    @Test
    void everyFailingControlSessionIsReported_theSecondAsSuppressed() {
        FakeControl other = new FakeControl("srv");
        reg.attachControlSession("PID2", "P1", other); // a second profile ID with the same name
        reg.register("srv", "PID1", "P1", N);
        reg.register("srv", "PID2", "P1", N2);
        cs.dies();
        other.dies();
        assertThatThrownBy(() -> reg.updateStatus(StatusTarget.profileName("P1"), null, true, false))
                .isInstanceOf(X2GoControlSessionException.class)
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
        assertThat(rec.deaths).containsExactly("P1", "P1");
        assertThat(reg.connectedProfiles()).isEmpty();
    }

    @Test
    void autoRegistrationReleasesTheLockOnEveryPath() throws Exception {
        reg.registerAvailableServerSessions("PID1", running(N), false, false, false);
        reg.registerAvailableServerSessions("PID1", running(N), false, false, false); // throttled
        assertThat(CompletableFuture.supplyAsync(reg::size).get(5, TimeUnit.SECONDS))
                .as("another thread can still read").isEqualTo(1);
        assertThat(CompletableFuture.supplyAsync(() -> reg.register("srv", "PID1", "P1")).get(5, TimeUnit.SECONDS))
                .as("and write").isNotNull();
    }

    @Test
    void autoRegistrationReportsFoundRunningOnlyForRunningSessionsAfterConnect() {
        reg.registerAvailableServerSessions("PID1", list(info(N, ServerSessionStatus.SUSPENDED),
                info(N2, ServerSessionStatus.RUNNING)), true, true, false);
        assertThat(rec.kinds()).containsExactly("REGISTERED/BY_OTHER_CLIENT", "REGISTERED/BY_OTHER_CLIENT",
                "FOUND_RUNNING_AFTER_CONNECT/BY_OTHER_CLIENT");
        rec.clear();
        reg.registerAvailableServerSessions("PID1", list(info(N, ServerSessionStatus.SUSPENDED),
                info(N2, ServerSessionStatus.RUNNING), info("alice-60-1700000000_stDKDE_dp24", ServerSessionStatus.RUNNING)),
                false, true, false);
        assertThat(rec.kinds()).containsExactly("REGISTERED/BY_OTHER_CLIENT");
    }

    @Test
    void reRegistrationRefreshesOnlyTheProfilesOwnRecordOfAName() {
        FakeControl other = new FakeControl("srv");
        reg.attachControlSession("PID2", "P2", other);
        UUID mine = reg.register("srv", "PID1", "P1", N);
        UUID theirs = reg.register("srv", "PID2", "P2", N);
        reg.registerAvailableServerSessions("PID1", list(info(N, ServerSessionStatus.SUSPENDED)), false, true, false);
        assertThat(reg.require(mine).info()).map(i -> i.status()).contains(ServerSessionStatus.SUSPENDED);
        assertThat(reg.require(theirs).info()).as("another profile's record is not touched").isEmpty();
    }

    @Test
    void connectedProfileNamesLeaveOutDisconnectedProfiles() {
        reg.attachControlSession("PID2", "P2", new FakeControl("srv"));
        assertThat(reg.connectedProfileNames()).containsExactly("P1", "P2");
        reg.detachControlSession("PID1");
        assertThat(reg.connectedProfileNames()).containsExactly("P2");
        assertThat(reg.controlSessionOfProfileName("P1")).isEmpty();
    }

    @Test
    void aControlSessionWhoseShellFailsStillAttaches() {
        FakeControl noShell = new FakeControl("srv") {
            @Override
            public RemoteShell shell() {
                throw new IllegalStateException("shell gone");
            }
        };
        reg.attachControlSession("PID3", "P3", noShell);
        UUID u = reg.register("", "PID3", "P3", N);
        reg.updateStatus(StatusTarget.session(u), running(N), true, false);
        assertThat(reg.require(u).state()).isEqualTo(SessionState.RUNNING);
        assertThat(reg.controlSessionOfProfile("PID3")).containsSame(noShell);
    }

    @Test
    void serverChangeRecyclesTheRecord_dropsTheMaster_andForgetsASurplusVirgin() {
        UUID u = ownRunning(N);
        UUID spare = reg.register("srv", "PID1", "P1"); // a virgin record of the same profile
        reg.updateStatus(StatusTarget.session(u), running(N), true, false);
        cs.shell.host = "other";
        reg.updateStatus(StatusTarget.session(u), running(N), true, false);
        assertThat(reg.summary(u)).as("recycled into a second virgin record: dropped").isEmpty();
        assertThat(reg.keys()).containsExactly(spare);
        assertThat(reg.masterSession("P1")).isEmpty();
        assertThat(reg.indexProblems()).isEmpty();
    }

    @Test
    void serverChangeRecyclesARunningRecordToAVirginConnectedOne() {
        UUID u = ownRunning(N);
        reg.updateStatus(StatusTarget.session(u), running(N), true, false);
        cs.shell.host = "other";
        reg.updateStatus(StatusTarget.session(u), running(N), true, false);
        SessionSummary s = reg.require(u);
        assertThat(s.state()).isEqualTo(SessionState.CONNECTED);
        assertThat(s.master()).isFalse();
        assertThat(reg.isVirgin(u)).isTrue();
        assertThat(reg.masterSession("P1")).isEmpty();
    }

    @Test
    void removeListenerSaysWhetherItWasRegistered_andStopsDelivery() {
        assertThat(reg.removeListener(new Recorder())).isFalse();
        assertThat(reg.removeListener(rec)).isTrue();
        ownRunning(N);
        assertThat(rec.events).isEmpty();
    }

    @Test
    void anErrorThrownByAListenerIsContained_theOtherListenersStillHearTheEvent_andReleasedResourcesAreClosed() {
        reg.addListener(new SessionListener() {
            @Override
            public void dispatch(SessionEvent event) {
                if (event.kind() == SessionEvent.Kind.SUSPENDED) {
                    throw new OutOfMemoryError("simulated: listener");
                }
            }
        });
        List<SessionEvent.Kind> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        reg.addListener(new SessionListener() {
            @Override
            public void dispatch(SessionEvent event) {
                heard.add(event.kind());
            }
        });
        UUID u = ownRunning(N);
        FakeTerminal t = (FakeTerminal) reg.terminal(u).orElseThrow();
        FakeProxy p = new FakeProxy();
        reg.attachProxy(u, p);
        reg.markSuspendedByThisClient(u);
        assertThat(heard).endsWith(SessionEvent.Kind.SUSPENDED);
        assertThat(t.closed.get()).isEqualTo(1);
        assertThat(p.closed.get()).isEqualTo(1);
        assertThat(reg.require(u).state()).isEqualTo(SessionState.SUSPENDED);
        reg.markResuming(u, N);
        reg.markRunning(u);
        assertThat(heard).as("later events are still delivered").endsWith(SessionEvent.Kind.RESUMED);
    }

    @Test
    void indexProblemsReportsACorruptedIndex() throws Exception {
        UUID u = reg.register("srv", "PID1", "P1", N);
        reg.register("srv", "PID1", "P1"); // without a session name: not in the session-name index
        assertThat(reg.indexProblems()).isEmpty();
        for (String index : List.of("byProfileId", "byProfileName", "bySessionName")) {
            try (SessionRegistry r = new SessionRegistry(clock, Runnable::run)) {
                r.register("srv", "PID1", "P1", N);
                @SuppressWarnings("unchecked")
                Map<String, Set<Object>> idx = (Map<String, Set<Object>>) field(r, index);
                Set<Object> recs = idx.values().iterator().next();
                idx.put("bogus", Set.copyOf(recs)); // the record is indexed under a second, wrong key
                assertThat(r.indexProblems()).as(index).anySatisfy(p -> assertThat(p).contains(" index bogus holds "))
                        .anySatisfy(p -> assertThat(p).contains("index size 2 != 1"));
            }
        }
        try (SessionRegistry r = new SessionRegistry(clock, Runnable::run)) {
            r.register("srv", "PID1", "P1", N);
            @SuppressWarnings("unchecked")
            Map<SessionState, Set<Object>> byState = (Map<SessionState, Set<Object>>) field(r, "byState");
            byState.get(SessionState.RUNNING).addAll(byState.get(SessionState.NEW));
            assertThat(r.indexProblems()).anySatisfy(p -> assertThat(p).startsWith("state index RUNNING holds "))
                    .anySatisfy(p -> assertThat(p).isEqualTo("state index size 2 != 1"));
        }
        assertThat(reg.summary(u)).isPresent();
    }

    /** A field of the registry's record index (internal.RecordIndex). */
    private static Object field(SessionRegistry r, String name) throws Exception {
        Field i = SessionRegistry.class.getDeclaredField("index");
        i.setAccessible(true);
        Object index = i.get(r);
        Field f = index.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(index);
    }

    @Test
    void closeEndsTheRegistrysOwnDaemonListenerThread() throws Exception {
        SessionRegistry own = new SessionRegistry(Clock.systemUTC(), null);
        AtomicReference<Thread> deliveredOn = new AtomicReference<>();
        CountDownLatch delivered = new CountDownLatch(1);
        own.addListener(new SessionListener() {
            @Override
            public void dispatch(SessionEvent event) {
                deliveredOn.set(Thread.currentThread());
                delivered.countDown();
            }
        });
        own.attachControlSession("PID1", "P1", new FakeControl("srv"));
        own.registerAvailableServerSessions("PID1", running(N), false, true, false);
        assertThat(delivered.await(5, TimeUnit.SECONDS)).isTrue();
        Thread t = deliveredOn.get();
        assertThat(t.getName()).startsWith("x2go-registry-events-");
        assertThat(t.isDaemon()).as("never keeps the JVM alive").isTrue();
        own.close();
        t.join(5_000);
        assertThat(t.isAlive()).as("close ends the listener thread").isFalse();
    }

    @Test
    void aRejectingListenerExecutorDropsTheQueuedEvents_andLaterOnesAreStillDelivered() {
        AtomicBoolean reject = new AtomicBoolean(true);
        Executor flaky = r -> {
            if (reject.get()) {
                throw new RejectedExecutionException("shut down");
            }
            r.run();
        };
        try (SessionRegistry r = new SessionRegistry(clock, flaky)) {
            Recorder events = new Recorder();
            r.addListener(events);
            r.attachControlSession("PID1", "P1", new FakeControl("srv"));
            r.registerAvailableServerSessions("PID1", running(N), false, true, false);
            assertThat(events.events).isEmpty();
            reject.set(false);
            r.registerAvailableServerSessions("PID1", list(info(N, ServerSessionStatus.RUNNING),
                    info(N2, ServerSessionStatus.RUNNING)), false, true, false);
            assertThat(events.events).extracting(SessionEvent::sessionName).containsExactly(N2);
        }
    }

    @Test
    void selectionsCompareByTheirSnapshots() {
        UUID u = ownRunning(N);
        SessionSelection a = reg.registeredSessions();
        SessionSelection b = reg.runningSessions();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(SessionSelection.empty()).isNotEqualTo("not a selection");
        assertThat(a.isEmpty()).isFalse();
        assertThat(SessionSelection.empty().isEmpty()).isTrue();
        List<UUID> iterated = new ArrayList<>();
        for (SessionSummary s : a) {
            iterated.add(s.uuid());
        }
        assertThat(iterated).containsExactly(u);
    }
}
