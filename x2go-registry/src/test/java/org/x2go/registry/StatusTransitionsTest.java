package org.x2go.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.x2go.registry.Fakes.info;
import static org.x2go.registry.Fakes.list;
import static org.x2go.registry.Fakes.running;
import static org.x2go.registry.Fakes.suspended;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.x2go.api.ServerSessionStatus;
import org.x2go.api.SessionEvent;
import org.x2go.api.SessionList;
import org.x2go.api.SessionState;
import org.x2go.api.SessionSummary;
import org.x2go.registry.Fakes.FakeControl;
import org.x2go.registry.Fakes.FakeProxy;
import org.x2go.registry.Fakes.FakeTerminal;
import org.x2go.registry.Fakes.ManualClock;
import org.x2go.registry.Fakes.Recorder;

/**
 * TV-36 (the 17 single-record scenarios), TV-36b, TV-37 and TV-38: status reconciliation, the events
 * it fires with their causes, master election and throttles.
 */
class StatusTransitionsTest {
    static final String N = "alice-50-1700000000_stDKDE_dp24";

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

    /** A fresh record bound to N, its profile connected, not yet updated while connected. */
    UUID fresh() {
        UUID u = reg.register("srv", "PID", "P", N);
        reg.attachControlSession("PID", "P", cs);
        return u;
    }

    /** python's "L.connected = true": one update while connected, the session not listed yet. */
    UUID freshWithBaseline() {
        UUID u = fresh();
        update(u, SessionList.EMPTY);
        return u;
    }

    void update(UUID u, SessionList l) {
        reg.updateStatus(StatusTarget.session(u), l, true, false);
    }

    SessionSummary s(UUID u) {
        return reg.require(u);
    }

    UUID ownRunning() {
        UUID u = freshWithBaseline();
        reg.attachTerminal(u, new FakeTerminal(N));
        reg.markRunning(u);
        rec.clear();
        return u;
    }

    @Test
    void row1_virginConnected_listedRunning_startedByOther() {
        UUID u = freshWithBaseline();
        update(u, running(N));
        assertThat(rec.kinds()).containsExactly("STARTED/BY_OTHER_CLIENT");
        assertThat(s(u).state()).isEqualTo(SessionState.RUNNING);
        assertThat(s(u).master()).isFalse();
        assertThat(reg.isVirgin(u)).isTrue();
        assertThat(s(u).info()).map(i -> i.status()).contains(ServerSessionStatus.RUNNING);
    }

    @Test
    void row2_newlyConnected_foundRunningAfterConnect() {
        UUID u = freshWithBaseline();
        reg.updateStatus(StatusTarget.session(u), running(N), true, true);
        assertThat(rec.kinds()).containsExactly("FOUND_RUNNING_AFTER_CONNECT/BY_OTHER_CLIENT");
        assertThat(s(u).state()).isEqualTo(SessionState.RUNNING);
    }

    @Test
    void row3_firstUpdateAfterConnect_isSilent() {
        UUID u = fresh();
        update(u, running(N));
        assertThat(rec.events).isEmpty();
        assertThat(s(u).state()).isEqualTo(SessionState.RUNNING);
    }

    @Test
    void row4_ownTerminal_listedRunning_startedByThisClient_becomesMaster() {
        UUID u = freshWithBaseline();
        reg.attachTerminal(u, new FakeTerminal(N));
        assertThat(s(u).state()).isEqualTo(SessionState.STARTING);
        update(u, running(N));
        assertThat(rec.kinds()).containsExactly("STARTED/BY_THIS_CLIENT");
        assertThat(s(u).master()).isTrue();
        assertThat(s(u).owned()).isTrue();
        assertThat(reg.isVirgin(u)).isFalse();
        assertThat(reg.masterSession("P")).map(SessionSummary::uuid).contains(u);
    }

    @Test
    void row4b_pendingStart_listedRunning_startedByThisClient() {
        UUID u = freshWithBaseline();
        assertThat(reg.markStarting(u)).isTrue();
        update(u, running(N));
        assertThat(rec.kinds()).containsExactly("STARTED/BY_THIS_CLIENT");
        assertThat(s(u).master()).isTrue();
        assertThat(s(u).owned()).isFalse();
    }

    @Test
    void row5_ownResume_listedRunning_resumedByThisClient() {
        UUID u = freshWithBaseline();
        update(u, suspended(N));
        reg.attachTerminal(u, new FakeTerminal(N));
        assertThat(s(u).state()).isEqualTo(SessionState.RESUMING);
        update(u, running(N));
        assertThat(rec.kinds()).containsExactly("RESUMED/BY_THIS_CLIENT");
        assertThat(s(u).master()).isTrue();
        assertThat(s(u).state()).isEqualTo(SessionState.RUNNING);
    }

    @Test
    void row6_nonVirginSuspended_resumedElsewhere_resumedByOther() {
        UUID u = ownRunning();
        reg.markSuspendedByThisClient(u);
        rec.clear();
        update(u, running(N));
        assertThat(rec.kinds()).containsExactly("RESUMED/BY_OTHER_CLIENT");
        assertThat(s(u).master()).isFalse();
        assertThat(s(u).owned()).isFalse();
        assertThat(s(u).state()).isEqualTo(SessionState.RUNNING);
    }

    @Test
    void row6b_virginSuspended_resumedElsewhere_resumedByOther() {
        UUID u = freshWithBaseline();
        update(u, suspended(N));
        assertThat(rec.events).as("adopting a listed suspended session is silent").isEmpty();
        update(u, running(N));
        assertThat(rec.kinds()).containsExactly("RESUMED/BY_OTHER_CLIENT");
        assertThat(reg.isVirgin(u)).isTrue();
    }

    @Test
    void row7_ownRunning_listedSuspended_suspendedSeenOnServer_terminalReleased() {
        UUID u = ownRunning();
        FakeTerminal t = (FakeTerminal) reg.terminal(u).orElseThrow();
        FakeProxy p = new FakeProxy();
        reg.attachProxy(u, p);
        update(u, suspended(N));
        assertThat(rec.kinds()).containsExactly("SUSPENDED/BY_SERVER");
        assertThat(s(u).state()).isEqualTo(SessionState.SUSPENDED);
        assertThat(s(u).owned()).isFalse();
        assertThat(s(u).master()).isFalse();
        assertThat(t.closed.get()).isEqualTo(1);
        assertThat(p.closed.get()).isEqualTo(1);
    }

    @Test
    void row7b_afterReconnect_listedSuspended_isAdoptedSilently() {
        UUID u = ownRunning();
        reg.detachControlSession("PID");
        assertThat(s(u).state()).isEqualTo(SessionState.DISCONNECTED);
        reg.attachControlSession("PID", "P", cs);
        rec.clear();
        update(u, suspended(N));
        assertThat(rec.events).isEmpty();
        assertThat(s(u).state()).isEqualTo(SessionState.SUSPENDED);
    }

    @Test
    void row8_ownRunning_gone_terminatedSeenOnServer_thenRecycled() {
        UUID u = ownRunning();
        FakeTerminal t = (FakeTerminal) reg.terminal(u).orElseThrow();
        update(u, SessionList.EMPTY);
        assertThat(rec.kinds()).containsExactly("TERMINATED/BY_SERVER");
        assertThat(rec.events.get(0).sessionName()).as("the event names the session before recycling").isEqualTo(N);
        SessionSummary after = s(u);
        assertThat(after.state()).isEqualTo(SessionState.CONNECTED);
        assertThat(after.sessionName()).isEmpty();
        assertThat(after.owned()).isFalse();
        assertThat(reg.isVirgin(u)).isTrue();
        assertThat(t.closed.get()).isEqualTo(1);
        assertThat(reg.masterSession("P")).isEmpty();
    }

    @Test
    void row8b_virginRecordWithBoundSession_gone_nowReportsTermination_fixed() {
        // python keeps quiet for virgin records (R-REG-16); a known session must not vanish silently
        UUID u = freshWithBaseline();
        update(u, running(N));
        rec.clear();
        update(u, SessionList.EMPTY);
        assertThat(rec.kinds()).containsExactly("TERMINATED/BY_SERVER");
        assertThat(s(u).state()).isEqualTo(SessionState.CONNECTED);
    }

    @Test
    void row8c_updateByProfileName_suspendedGone_terminated_recordKeptAsOnlyVirgin() {
        UUID u = ownRunning();
        reg.markSuspendedByThisClient(u);
        rec.clear();
        reg.updateStatus(StatusTarget.profileName("P"), SessionList.EMPTY, true, false);
        assertThat(rec.kinds()).containsExactly("TERMINATED/BY_SERVER");
        assertThat(reg.keys()).containsExactly(u);
    }

    @Test
    void row8d_updateBySession_terminatedRecordDroppedWhenProfileHasAnotherVirgin_q56Fixed() {
        UUID u = ownRunning();
        UUID spare = reg.register("srv", "PID", "P");
        assertThat(spare).isNotEqualTo(u);
        update(u, SessionList.EMPTY);
        assertThat(rec.kinds()).containsExactly("TERMINATED/BY_SERVER");
        assertThat(reg.keys()).containsExactly(spare);
    }

    @Test
    void row9_listedWithStatusT_terminatedByServer() {
        UUID u = ownRunning();
        reg.releaseAllTerminals();
        update(u, list(info(N, ServerSessionStatus.TERMINATED)));
        assertThat(rec.kinds()).containsExactly("TERMINATED/BY_SERVER");
        assertThat(s(u).sessionName()).isEmpty();
    }

    @Test
    void row10_ownRunningWithoutMaster_staysSilent_postLoopElection_q88() {
        UUID a = ownRunning();
        UUID b = reg.register("srv", "PID", "P");
        String nb = "alice-51-1700000000_stRxterm_dp24";
        reg.attachTerminal(b, new FakeTerminal(nb));
        reg.markRunning(b);
        assertThat(s(a).master()).isTrue();
        assertThat(s(b).master()).isFalse();
        reg.forget(a); // forgetting the master drops the master entry
        assertThat(reg.masterSession("P")).isEmpty();
        rec.clear();
        update(b, running(nb));
        assertThat(rec.events).isEmpty();
        assertThat(s(b).master()).isTrue();
        assertThat(reg.masterSession("P")).map(SessionSummary::uuid).contains(b);
    }

    @Test
    void row11_controlHostChanged_recordRecycledWithoutEvents() {
        UUID u = ownRunning();
        FakeTerminal t = (FakeTerminal) reg.terminal(u).orElseThrow();
        update(u, running(N));
        cs.shell.host = "other";
        update(u, suspended(N));
        assertThat(rec.events).isEmpty();
        assertThat(s(u).sessionName()).isEmpty();
        assertThat(s(u).state()).isEqualTo(SessionState.CONNECTED);
        assertThat(t.closed.get()).isEqualTo(1);
    }

    @Test
    void row12_suspendedStaysSuspended_unchanged() {
        UUID u = ownRunning();
        reg.markSuspendedByThisClient(u);
        rec.clear();
        SessionSummary before = s(u);
        update(u, suspended(N));
        assertThat(rec.events).isEmpty();
        assertThat(s(u).state()).isEqualTo(before.state());
        assertThat(s(u).sessionName()).isEqualTo(N);
    }

    @Test
    void tv36b_ownSuspendIsReportedOnceByThisClient_fixed() {
        UUID u = ownRunning();
        FakeTerminal t = (FakeTerminal) reg.terminal(u).orElseThrow();
        assertThat(reg.markSuspendedByThisClient(u)).isTrue();
        assertThat(rec.kinds()).containsExactly("SUSPENDED/BY_THIS_CLIENT");
        assertThat(t.closed.get()).isEqualTo(1);
        update(u, suspended(N));
        assertThat(rec.kinds()).as("the next poll does not report it again as by-other").hasSize(1);
    }

    @Test
    void tv36b_ownTerminateIsReportedOnceByThisClient_fixed() {
        UUID u = ownRunning();
        assertThat(reg.markTerminatedByThisClient(u)).isTrue();
        assertThat(rec.kinds()).containsExactly("TERMINATED/BY_THIS_CLIENT");
        assertThat(s(u).sessionName()).isEmpty();
        update(u, SessionList.EMPTY);
        assertThat(rec.kinds()).hasSize(1);
    }

    @Test
    void ownRunConfirmedByMarkRunning_isNotReportedAgainByPoll() {
        UUID u = freshWithBaseline();
        reg.attachTerminal(u, new FakeTerminal(N));
        reg.markRunning(u);
        update(u, running(N));
        assertThat(rec.kinds()).containsExactly("STARTED/BY_THIS_CLIENT");
    }

    @Test
    void startupFailure_restoresStateAndTellsListeners() {
        UUID u = freshWithBaseline();
        FakeTerminal t = new FakeTerminal(N);
        reg.attachTerminal(u, t);
        reg.markStartupFailed(u, new IllegalStateException("agent died"));
        assertThat(s(u).state()).isEqualTo(SessionState.CONNECTED);
        assertThat(s(u).owned()).isFalse();
        assertThat(t.closed.get()).isEqualTo(1);
        assertThat(rec.startupFailures).containsExactly("P");
    }

    @Test
    void impossibleTransitionsAreIgnored() {
        UUID u = fresh();
        update(u, suspended(N));
        assertThat(s(u).state()).isEqualTo(SessionState.SUSPENDED);
        assertThat(reg.markStarting(u)).as("SUSPENDED -> STARTING is not in the life cycle").isFalse();
        assertThat(reg.markFaulty(u)).isFalse();
        assertThat(s(u).state()).isEqualTo(SessionState.SUSPENDED);
        assertThat(rec.events).isEmpty();
    }

    @Test
    void faultyRunningSessionSuspendedElsewhere() {
        UUID u = ownRunning();
        assertThat(reg.markFaulty(u)).isTrue();
        update(u, running(N));
        assertThat(s(u).state()).as("a broken tunnel stays faulty while the server runs it").isEqualTo(SessionState.FAULTY);
        update(u, suspended(N));
        assertThat(rec.kinds()).containsExactly("SUSPENDED/BY_SERVER");
    }

    @Test
    void controlSessionFailureDuringUpdate_disconnectsProfileAndTellsListeners() {
        UUID u = ownRunning();
        cs.dies();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> reg.updateStatus(StatusTarget.profileId("PID"), null, true, false))
                .isInstanceOf(org.x2go.api.X2GoControlSessionException.class);
        assertThat(s(u).state()).isEqualTo(SessionState.DISCONNECTED);
        assertThat(s(u).owned()).isFalse();
        assertThat(rec.deaths).containsExactly("P");
        assertThat(reg.connectedProfiles()).isEmpty();
    }

    @Test
    void updateWithoutListAsksTheProfilesControlSession() {
        UUID u = freshWithBaseline();
        cs.sessions = running(N);
        reg.updateStatus(StatusTarget.profileId("PID"), null, true, false);
        assertThat(cs.listCalls.get()).isEqualTo(1);
        assertThat(rec.kinds()).containsExactly("STARTED/BY_OTHER_CLIENT");
        assertThat(s(u).state()).isEqualTo(SessionState.RUNNING);
    }

    @Test
    void tv37_masterElectionSequence() {
        String na = "alice-50-1_stRxterm_dp24";
        String nb = "alice-51-1_stDKDE_dp24";
        reg.attachControlSession("MID", "M", cs);
        UUID a = reg.register("srv", "MID", "M");
        reg.attachTerminal(a, new FakeTerminal(na));
        reg.updateStatus(StatusTarget.profileName("M"), running(na), true, false);
        assertThat(rec.kinds()).containsExactly("STARTED/BY_THIS_CLIENT");
        assertThat(s(a).master()).isTrue();

        UUID b = reg.register("srv", "MID", "M");
        assertThat(b).isNotEqualTo(a);
        reg.attachTerminal(b, new FakeTerminal(nb));
        SessionList both = list(info(na, ServerSessionStatus.RUNNING), info(nb, ServerSessionStatus.RUNNING));
        reg.updateStatus(StatusTarget.profileName("M"), both, true, false);
        assertThat(rec.kinds()).containsExactly("STARTED/BY_THIS_CLIENT", "STARTED/BY_THIS_CLIENT");
        assertThat(s(b).master()).as("a desktop session replaces a rootless master").isTrue();
        assertThat(s(a).master()).isFalse();

        SessionList bSuspended = list(info(na, ServerSessionStatus.RUNNING), info(nb, ServerSessionStatus.SUSPENDED));
        reg.updateStatus(StatusTarget.profileName("M"), bSuspended, true, false);
        assertThat(rec.events.get(2).kind()).isEqualTo(SessionEvent.Kind.SUSPENDED);
        assertThat(rec.events.get(2).sessionUuid()).isEqualTo(b);
        assertThat(s(b).master()).isFalse();
        assertThat(s(a).master()).as("post-loop re-election").isTrue();
        assertThat(reg.masterSession("M")).map(SessionSummary::uuid).contains(a);
    }

    @Test
    void tv38_recordUpdateThrottle_q87Fixed() {
        UUID u = fresh();
        StatusTarget t = StatusTarget.session(u);
        assertThat(reg.updateStatus(t, running(N), false, false)).as("first update is never throttled").isEqualTo(1);
        clock.advance(Duration.ofMillis(400));
        assertThat(reg.updateStatus(t, suspended(N), false, false)).isZero();
        assertThat(s(u).state()).as("a throttled update changes nothing").isEqualTo(SessionState.RUNNING);
        assertThat(reg.updateStatus(t, running(N), true, false)).isEqualTo(1);
        clock.advance(Duration.ofMillis(400));
        assertThat(reg.updateStatus(t, running(N), false, false)).isZero();
        clock.advance(Duration.ofMillis(600));
        assertThat(reg.updateStatus(t, running(N), false, false)).isEqualTo(1);
    }
}
