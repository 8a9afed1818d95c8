package org.x2go.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.x2go.api.SessionState;
import org.x2go.api.SessionSummary;
import org.x2go.api.X2GoSessionRegistryException;
import org.x2go.registry.Fakes.FakeControl;
import org.x2go.registry.Fakes.FakeTerminal;
import org.x2go.registry.Fakes.ManualClock;

/** TV-30..TV-33: state queries, projections, per-profile queries, name lookup, summary and errors. */
class RegistryQueriesTest {
    static final String S1 = "alice-50-1_stDKDE_dp24";
    static final String S3 = "alice-51-1_stRTERMINAL_dp24";

    ManualClock clock = new ManualClock();
    SessionRegistry reg = new SessionRegistry(clock, Runnable::run);
    FakeControl c1 = new FakeControl("srv");
    FakeControl c2 = new FakeControl("srv");
    UUID u1;
    UUID u3;

    @BeforeEach
    void fixture() {
        u1 = reg.register("srv", "PID1", "P1");
        UUID u2 = reg.register("srv", "PID1", "P1");
        assertThat(u2).as("a virgin, unactivated record is reused (R-REG-3)").isEqualTo(u1);
        u3 = reg.register("srv", "PID2", "P2");
        reg.attachControlSession("PID1", "P1", c1);
        reg.attachControlSession("PID2", "P2", c2);
        // S1: running, not virgin; S3: suspended, not virgin; neither keeps a terminal
        reg.attachTerminal(u1, new FakeTerminal(S1));
        reg.markRunning(u1);
        reg.attachTerminal(u3, new FakeTerminal(S3));
        reg.markRunning(u3);
        reg.markSuspendedByThisClient(u3);
        reg.releaseAllTerminals();
    }

    @AfterEach
    void close() {
        reg.close();
    }

    @Test
    void tv30_stateQueriesWithEveryProjection() {
        SessionSelection all = reg.registeredSessions();
        assertThat(all.uuids()).containsExactly(u1, u3);
        assertThat(all.summaries()).extracting(SessionSummary::uuid).containsExactly(u1, u3);
        assertThat(all.profileNames()).containsExactly("P1", "P2");
        assertThat(all.profileIds()).containsExactly("PID1", "PID2");
        assertThat(all.sessionNames()).containsExactly(S1, S3);

        assertThat(reg.connectedSessions().uuids()).containsExactly(u1, u3);
        assertThat(reg.connectedSessions().profileNames()).containsExactly("P1", "P2");
        assertThat(reg.virginSessions().uuids()).isEmpty();
        assertThat(reg.runningSessions().uuids()).containsExactly(u1);
        assertThat(reg.runningSessions().sessionNames()).containsExactly(S1);
        assertThat(reg.suspendedSessions().uuids()).containsExactly(u3);
        assertThat(reg.suspendedSessions().profileNames()).containsExactly("P2");
        assertThat(reg.terminatedSessions().isEmpty()).isTrue();
        assertThat(reg.associatedSessions().uuids()).isEmpty();
        assertThat(reg.nonRunningSessions().uuids()).containsExactly(u3);
        assertThat(reg.nonRunningSessions().sessionNames()).containsExactly(S3);
    }

    @Test
    void q52_nonRunningNamesAreComputedPerRecordNotBySetDifference() {
        UUID idle = reg.register("srv", "PID1", "P1");
        // P1 now has one running and one idle record: python's name set difference dropped P1
        assertThat(reg.nonRunningSessions().uuids()).containsExactly(u3, idle);
        assertThat(reg.nonRunningSessions().profileNames()).containsExactly("P2", "P1");
    }

    @Test
    void tv31_perProfileQueries() {
        assertThat(reg.runningSessionsOfProfileName("P1").uuids()).containsExactly(u1);
        assertThat(reg.runningSessionsOfProfileName("P1").sessionNames()).containsExactly(S1);
        assertThat(reg.runningSessionsOfProfileName("P2").isEmpty()).isTrue();
        assertThat(reg.suspendedSessionsOfProfileName("PX").isEmpty()).isTrue();
        assertThat(reg.suspendedSessionsOfProfileName("P2").uuids()).containsExactly(u3);
        assertThat(reg.registeredSessionsOfProfileName("P1").uuids()).containsExactly(u1);
        assertThat(reg.connectedSessionsOfProfileName("P2").uuids()).containsExactly(u3);
        assertThat(reg.virginSessionsOfProfileName("P1").isEmpty()).isTrue();
        assertThat(reg.associatedSessionsOfProfileName("P1").isEmpty()).isTrue();
        assertThat(reg.nonRunningSessionsOfProfileName("P2").uuids()).containsExactly(u3);
        assertThat(reg.terminatedSessionsOfProfileName("P2").isEmpty()).isTrue();
        assertThat(reg.pubappSessionsOfProfileName("P1").isEmpty()).isTrue();
    }

    @Test
    void tv32_profileLevelQueries_hasSuspendedSessionsWorks_q53Fixed() {
        assertThat(reg.hasRunningSessions()).isTrue();
        assertThat(reg.hasSuspendedSessions()).isTrue();
        assertThat(reg.connectedProfiles()).containsExactly("PID1", "PID2");
        assertThat(reg.connectedProfileNames()).containsExactly("P1", "P2");
        assertThat(reg.controlSessionOfProfileName("P1")).containsSame(c1);
        assertThat(reg.controlSessionOfProfileName("PX")).isEmpty();
        assertThat(reg.controlSessionOfProfile("PID2")).containsSame(c2);
        assertThat(reg.connectedControlSessions()).containsExactly(c1, c2);
        // releaseAllTerminals dropped the masters: no terminal, nothing to share
        assertThat(reg.masterSession("P1")).isEmpty();
        assertThat(reg.forget(UUID.randomUUID())).isFalse();
        assertThat(reg.forget(u3)).isTrue();
        assertThat(reg.keys()).containsExactly(u1);
        assertThat(reg.hasSuspendedSessions()).isFalse();
    }

    @Test
    void tv33_nameLookupAndDuplicates() {
        assertThat(reg.sessionOfSessionName(S1)).contains(u1);
        assertThat(reg.sessionOfSessionName("nope")).isEmpty();
        assertThat(reg.sessionOfSessionName(S1, "P2")).isEmpty();
        UUID dup = reg.register("srv", "PID2", "P2", S1);
        assertThat(dup).isNotIn(u1, u3);
        assertThatThrownBy(() -> reg.sessionOfSessionName(S1))
                .isInstanceOf(X2GoSessionRegistryException.class).hasMessageContaining(S1);
        assertThat(reg.hasSessionOfSessionName(S1, "P1")).isTrue();
        assertThat(reg.sessionOfSessionName(S1, "P2")).contains(dup);
    }

    @Test
    void tv33_summaryAndUnknownUuids() {
        SessionSummary s = reg.summary(u1).orElseThrow();
        assertThat(s.uuid()).isEqualTo(u1);
        assertThat(s.profileName()).isEqualTo("P1");
        assertThat(s.profileId()).isEqualTo("PID1");
        assertThat(s.sessionName()).isEqualTo(S1);
        assertThat(s.state()).isEqualTo(SessionState.RUNNING);
        assertThat(s.owned()).isFalse();
        assertThat(s.server()).isEqualTo("srv");
        assertThat(reg.isVirgin(u1)).isFalse();
        assertThat(reg.origin(u1)).isEqualTo(SessionOrigin.LOCAL);
        UUID nope = UUID.randomUUID();
        assertThat(reg.summary(nope)).isEmpty();
        assertThatThrownBy(() -> reg.require(nope)).isInstanceOf(X2GoSessionRegistryException.class)
                .hasMessageContaining("no session found for UUID " + nope);
        assertThatThrownBy(() -> reg.profileId(nope)).isInstanceOf(X2GoSessionRegistryException.class);
        assertThatThrownBy(() -> reg.profileName(nope)).isInstanceOf(X2GoSessionRegistryException.class);
        assertThat(reg.profileName(u3)).isEqualTo("P2");
    }

    @Test
    void tv33_updateStatusNeedsExactlyOneSelector() {
        assertThatThrownBy(() -> reg.updateStatus(null, null, null, null, false, false))
                .isInstanceOf(X2GoSessionRegistryException.class).hasMessageContaining("at least one");
        assertThatThrownBy(() -> reg.updateStatus(u1, "P1", null, null, false, false))
                .isInstanceOf(X2GoSessionRegistryException.class).hasMessageContaining("only one");
        assertThatThrownBy(() -> reg.updateStatus(null, "P1", "x", null, false, false))
                .isInstanceOf(X2GoSessionRegistryException.class).hasMessageContaining("only one");
        assertThatThrownBy(() -> reg.updateStatus(null, "", null, null, false, false))
                .as("python let an empty selector slip through").isInstanceOf(X2GoSessionRegistryException.class)
                .hasMessageContaining("''");
        assertThatThrownBy(() -> reg.updateStatus(UUID.randomUUID(), null, null, Fakes.running(S1), true, false))
                .isInstanceOf(X2GoSessionRegistryException.class);
    }

    @Test
    void selectionsAreImmutableSnapshots() {
        SessionSelection before = reg.runningSessions();
        reg.forget(u1);
        assertThat(before.uuids()).containsExactly(u1);
        assertThat(reg.runningSessions().isEmpty()).isTrue();
        List<UUID> uuids = before.uuids();
        assertThatThrownBy(() -> uuids.add(u3)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> before.summaries().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void blankProfileInputIsRejectedNamingIt() {
        assertThatThrownBy(() -> reg.register("srv", " ", "P1")).isInstanceOf(X2GoSessionRegistryException.class)
                .hasMessageContaining("profile id");
        assertThatThrownBy(() -> reg.register("srv", "PID1", null)).isInstanceOf(X2GoSessionRegistryException.class)
                .hasMessageContaining("profile name");
    }
}
