package org.x2go.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.x2go.registry.Fakes.info;
import static org.x2go.registry.Fakes.list;
import static org.x2go.registry.Fakes.running;
import static org.x2go.registry.Fakes.suspended;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.x2go.api.ServerSessionStatus;
import org.x2go.api.SessionList;
import org.x2go.api.SessionState;
import org.x2go.api.X2GoSessionRegistryException;
import org.x2go.registry.Fakes.FakeControl;
import org.x2go.registry.Fakes.FakeProxy;
import org.x2go.registry.Fakes.FakeTerminal;
import org.x2go.registry.Fakes.ManualClock;
import org.x2go.registry.Fakes.Recorder;

/** This client's own suspend/terminate windows, recently terminated names and paused auto-registration. */
class OwnOperationWindowTest {
    static final String N = "alice-50-1700000000_stDKDE_dp24";
    static final String OTHER = "alice-51-1700000001_stRxterm_dp24";

    ManualClock clock = new ManualClock();
    SessionRegistry reg = new SessionRegistry(clock, Runnable::run);
    Recorder rec = new Recorder();
    FakeControl cs = new FakeControl("srv");

    @BeforeEach
    void listen() {
        reg.addListener(rec);
    }

    @AfterEach
    void close() {
        reg.close();
    }

    UUID ownRunning() {
        reg.attachControlSession("PID", "P", cs);
        UUID u = reg.registerStarting("srv", "PID", "P");
        reg.attachTerminal(u, new FakeTerminal(N));
        reg.markRunning(u);
        rec.clear();
        return u;
    }

    void update(UUID u, SessionList l) {
        reg.updateStatus(StatusTarget.session(u), l, true, false);
    }

    @Test
    void ownSuspendStillListedRunningIsNotReportedAndListedSuspendedIsReportedOnceAsOwn() {
        UUID u = ownRunning();
        FakeProxy proxy = new FakeProxy();
        reg.attachProxy(u, proxy);
        reg.openOwnOperation(u, OwnOperation.SUSPEND);
        update(u, running(N));
        assertThat(rec.kinds()).isEmpty();
        assertThat(reg.require(u).state()).isEqualTo(SessionState.RUNNING);
        update(u, suspended(N));
        assertThat(rec.kinds()).containsExactly("SUSPENDED/BY_THIS_CLIENT");
        assertThat(proxy.closed.get()).isEqualTo(1);
        assertThat(reg.closeOwnOperation(u, true)).as("already reported inside the window").isFalse();
        update(u, suspended(N));
        assertThat(rec.kinds()).containsExactly("SUSPENDED/BY_THIS_CLIENT");
        assertThat(reg.ownOperation(u)).isEmpty();
    }

    @Test
    void confirmedOwnSuspendClosesWithOneEventByThisClient() {
        UUID u = ownRunning();
        reg.openOwnOperation(u, OwnOperation.SUSPEND);
        assertThat(reg.closeOwnOperation(u, true)).isTrue();
        assertThat(reg.require(u).state()).isEqualTo(SessionState.SUSPENDED);
        assertThat(rec.kinds()).containsExactly("SUSPENDED/BY_THIS_CLIENT");
    }

    @Test
    void unconfirmedOwnSuspendLeavesTheRecordAsTheServerListsIt() {
        UUID u = ownRunning();
        reg.openOwnOperation(u, OwnOperation.SUSPEND);
        update(u, running(N));
        assertThat(reg.closeOwnOperation(u, false)).isFalse();
        assertThat(reg.require(u).state()).isEqualTo(SessionState.RUNNING);
        assertThat(rec.kinds()).isEmpty();
    }

    @Test
    void sessionEndingDuringOwnSuspendIsTerminatedWithTheNeutralCause() {
        UUID u = ownRunning();
        reg.openOwnOperation(u, OwnOperation.SUSPEND);
        update(u, SessionList.EMPTY);
        assertThat(rec.kinds()).containsExactly("TERMINATED/BY_SERVER");
        assertThat(reg.closeOwnOperation(u, true)).as("recycled: nothing to close").isFalse();
        assertThat(rec.kinds()).hasSize(1);
    }

    @Test
    void ownTerminateIgnoresIntermediateStatesAndReportsTheEndAsOwn() {
        UUID u = ownRunning();
        reg.openOwnOperation(u, OwnOperation.TERMINATE);
        update(u, suspended(N)); // the server's x2golistsessions/x2gocleansessions race relists it as S
        update(u, running(N));
        assertThat(rec.kinds()).isEmpty();
        assertThat(reg.require(u).state()).isEqualTo(SessionState.RUNNING);
        update(u, list(info(N, ServerSessionStatus.FAILED)));
        assertThat(rec.kinds()).containsExactly("TERMINATED/BY_THIS_CLIENT");
        assertThat(reg.require(u).sessionName()).isEmpty();
        assertThat(reg.closeOwnOperation(u, true)).isFalse();
        assertThat(rec.kinds()).hasSize(1);
    }

    @Test
    void confirmedOwnTerminateClosesWithOneEventByThisClient() {
        UUID u = ownRunning();
        reg.openOwnOperation(u, OwnOperation.TERMINATE);
        assertThat(reg.closeOwnOperation(u, true)).isTrue();
        assertThat(rec.kinds()).containsExactly("TERMINATED/BY_THIS_CLIENT");
        assertThat(reg.require(u).state()).isEqualTo(SessionState.CONNECTED);
    }

    @Test
    void outsideAnyWindowASuspendOrEndSeenOnTheServerHasTheNeutralCause() {
        UUID u = ownRunning();
        update(u, suspended(N));
        update(u, SessionList.EMPTY);
        assertThat(rec.kinds()).containsExactly("SUSPENDED/BY_SERVER", "TERMINATED/BY_SERVER");
    }

    @Test
    void aSessionThisClientTerminatedIsNeverAutoRegisteredAgain() {
        UUID u = ownRunning();
        reg.openOwnOperation(u, OwnOperation.TERMINATE);
        reg.closeOwnOperation(u, true);
        rec.clear();
        // the server still (or again) lists it as suspended
        assertThat(reg.registerAvailableServerSessions("PID", suspended(N), false, true, false)).isEmpty();
        clock.advance(Duration.ofSeconds(3));
        assertThat(reg.registerAvailableServerSessions("PID", suspended(N), false, false, false)).isEmpty();
        assertThat(rec.kinds()).isEmpty();
        clock.advance(SessionRegistry.RECENTLY_TERMINATED_KEEP.plusSeconds(1));
        assertThat(reg.registerAvailableServerSessions("PID", suspended(N), false, false, false))
                .as("remembered for a bounded time only").hasSize(1);
    }

    @Test
    void markTerminatedByThisClientAlsoKeepsTheNameFromAutoRegistration() {
        UUID u = ownRunning();
        reg.markTerminatedByThisClient(u);
        assertThat(reg.registerAvailableServerSessions("PID", running(N), false, false, false)).isEmpty();
    }

    @Test
    void recentlyTerminatedNamesAreBoundedInCount() {
        reg.attachControlSession("PID", "P", cs);
        for (int i = 0; i <= SessionRegistry.RECENTLY_TERMINATED_MAX; i++) {
            UUID u = reg.register("srv", "PID", "P", "alice-" + (100 + i) + "-1700000000_stRxterm_dp24");
            update(u, running("alice-" + (100 + i) + "-1700000000_stRxterm_dp24"));
            reg.openOwnOperation(u, OwnOperation.TERMINATE);
            reg.closeOwnOperation(u, true);
        }
        // the first name fell out, the last is still kept
        assertThat(reg.registerAvailableServerSessions("PID", list(
                info("alice-100-1700000000_stRxterm_dp24", ServerSessionStatus.RUNNING),
                info("alice-" + (100 + SessionRegistry.RECENTLY_TERMINATED_MAX) + "-1700000000_stRxterm_dp24",
                        ServerSessionStatus.RUNNING)), false, true, false)).hasSize(1);
    }

    @Test
    void autoRegistrationWaitsForThisClientsStartOfTheProfile() {
        reg.attachControlSession("PID", "P", cs);
        reg.pauseProfileAutoRegistration("PID");
        UUID u = reg.registerStarting("srv", "PID", "P");
        assertThat(reg.registerAvailableServerSessions("PID", running(N), false, false, false))
                .as("the session being started is not registered a second time").isEmpty();
        reg.attachTerminal(u, new FakeTerminal(N));
        reg.resumeProfileAutoRegistration("PID");
        clock.advance(Duration.ofSeconds(3));
        assertThat(reg.registerAvailableServerSessions("PID", list(info(N, ServerSessionStatus.RUNNING),
                info(OTHER, ServerSessionStatus.RUNNING)), false, false, false)).hasSize(1);
        assertThat(reg.sessionOfSessionName(N)).contains(u);
    }

    @Test
    void concurrentStartsNeverShareARecord() {
        reg.attachControlSession("PID", "P", cs);
        UUID fresh = reg.register("srv", "PID", "P");
        UUID a = reg.registerStarting("srv", "PID", "P");
        UUID b = reg.registerStarting("srv", "PID", "P");
        assertThat(a).as("the profile's fresh record is reused").isEqualTo(fresh);
        assertThat(b).isNotEqualTo(a);
        assertThat(List.of(reg.require(a).state(), reg.require(b).state()))
                .containsOnly(SessionState.STARTING);
    }

    @Test
    void registerStartingRefusesAProfileThatIsNotConnected() {
        assertThatThrownBy(() -> reg.registerStarting("srv", "PID", "P"))
                .isInstanceOf(X2GoSessionRegistryException.class).hasMessageContaining("not connected");
    }

    /** Records proxy deaths as "name exit tail". */
    static final class Deaths implements org.x2go.api.SessionListener {
        final List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void onProxyDied(UUID sessionUuid, String profileName, String sessionName, int exitCode, String logTail) {
            seen.add(sessionName + " " + exitCode + " " + logTail);
        }
    }

    @Test
    void aProxyThatExitsWhileItsSessionRunsMarksTheRecordFaultyAndTellsListenersOnce() {
        Deaths deaths = new Deaths();
        reg.addListener(deaths);
        UUID u = ownRunning();
        FakeProxy proxy = new FakeProxy();
        reg.attachProxy(u, proxy);
        assertThat(reg.proxyExited(u, proxy, 137, "Error: connection lost")).isTrue();
        assertThat(reg.require(u).state()).isEqualTo(SessionState.FAULTY);
        assertThat(reg.proxy(u)).isEmpty();
        assertThat(deaths.seen).containsExactly(N + " 137 Error: connection lost");
        assertThat(reg.proxyExited(u, proxy, 137, "again")).isFalse();
        // the agent suspends itself once its proxy is gone: seen on the server, cause unknown
        update(u, suspended(N));
        assertThat(rec.kinds()).containsExactly("SUSPENDED/BY_SERVER");
    }

    @Test
    void aProxyExitDuringAnOwnSuspendOrAfterItWasReleasedIsNoDeath() {
        Deaths deaths = new Deaths();
        reg.addListener(deaths);
        UUID u = ownRunning();
        FakeProxy proxy = new FakeProxy();
        reg.attachProxy(u, proxy);
        reg.openOwnOperation(u, OwnOperation.SUSPEND);
        assertThat(reg.proxyExited(u, proxy, 0, "")).isFalse();
        reg.closeOwnOperation(u, true);
        assertThat(reg.proxyExited(u, proxy, 0, "")).as("released by the suspend").isFalse();
        FakeProxy replaced = new FakeProxy();
        UUID v = reg.registerStarting("srv", "PID", "P");
        reg.attachProxy(v, replaced);
        reg.attachProxy(v, new FakeProxy());
        assertThat(reg.proxyExited(v, replaced, 1, "")).isFalse();
        assertThat(deaths.seen).isEmpty();
        assertThat(reg.require(u).state()).isEqualTo(SessionState.SUSPENDED);
    }

    @Test
    void terminatedSessionsKeepsRecentlyEndedSessionsBoundedInTime() {
        UUID u = ownRunning();
        reg.markTerminatedByThisClient(u);
        reg.attachControlSession("PID2", "Q", new FakeControl("srv"));
        UUID v = reg.register("srv", "PID2", "Q", OTHER);
        update(v, running(OTHER));
        update(v, SessionList.EMPTY); // ended, seen on the server
        assertThat(reg.terminatedSessions().sessionNames()).containsExactly(N, OTHER);
        assertThat(reg.terminatedSessions().summaries()).extracting(s -> s.state()).containsOnly(SessionState.TERMINATED);
        assertThat(reg.terminatedSessionsOfProfileName("Q").uuids()).containsExactly(v);
        assertThat(reg.require(u).state()).as("the record itself was recycled").isEqualTo(SessionState.CONNECTED);
        clock.advance(SessionRegistry.RECENTLY_TERMINATED_KEEP.plusSeconds(1));
        assertThat(reg.terminatedSessions().isEmpty()).isTrue();
    }

    @Test
    void terminatedSessionsIsBoundedInCount() {
        reg.attachControlSession("PID", "P", cs);
        for (int i = 0; i <= SessionRegistry.RECENTLY_TERMINATED_MAX; i++) {
            String name = "alice-" + (100 + i) + "-1700000000_stRxterm_dp24";
            UUID u = reg.register("srv", "PID", "P", name);
            update(u, running(name));
            update(u, SessionList.EMPTY);
        }
        assertThat(reg.terminatedSessions().size()).isEqualTo(SessionRegistry.RECENTLY_TERMINATED_MAX);
        assertThat(reg.terminatedSessions().sessionNames().get(0)).isEqualTo("alice-101-1700000000_stRxterm_dp24");
    }

    @Test
    void anOwnOperationNeedsABoundRecord() {
        reg.attachControlSession("PID", "P", cs);
        UUID u = reg.register("srv", "PID", "P");
        assertThatThrownBy(() -> reg.openOwnOperation(u, OwnOperation.SUSPEND))
                .isInstanceOf(X2GoSessionRegistryException.class).hasMessageContaining("bound to no server session");
    }
}
