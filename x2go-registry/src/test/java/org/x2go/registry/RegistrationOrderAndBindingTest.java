package org.x2go.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.x2go.api.SessionEvent;
import org.x2go.api.SessionListener;
import org.x2go.api.SessionState;
import org.x2go.api.X2GoSessionRegistryException;
import org.x2go.registry.Fakes.FakeControl;
import org.x2go.registry.Fakes.FakeTerminal;
import org.x2go.registry.Fakes.ManualClock;

/** keys() keeps registration order through every re-indexing change; marks need a bound server session. */
class RegistrationOrderAndBindingTest {
    static final String A = "alice-50-1_stRxterm_dp24";
    static final String B = "alice-51-1_stRxterm_dp24";

    final SessionRegistry reg = new SessionRegistry(new ManualClock(), Runnable::run);
    final List<SessionEvent> events = new ArrayList<>();

    @BeforeEach
    void connect() {
        reg.attachControlSession("PID1", "P1", new FakeControl("srv"));
        reg.addListener(new SessionListener() {
            @Override
            public void dispatch(SessionEvent e) {
                events.add(e);
            }
        });
    }

    @AfterEach
    void close() {
        reg.close();
    }

    @Test
    void keysStayInRegistrationOrderWhenAnEarlierRecordIsBoundResumedAndRecycled() {
        UUID first = reg.register("srv", "PID1", "P1");
        reg.markStarting(first);
        reg.attachTerminal(first, new FakeTerminal(B));          // binds a name: re-indexes the record
        UUID second = reg.register("srv", "PID1", "P1");
        UUID third = reg.register("srv", "PID1", "P1", A);
        assertThat(second).isNotEqualTo(first);
        assertThat(reg.keys()).containsExactly(first, second, third);
        reg.markRunning(first);
        reg.markSuspendedByThisClient(first);
        reg.markResuming(first, B);                              // re-binds: re-indexes again
        assertThat(reg.keys()).containsExactly(first, second, third);
        reg.markRunning(first);
        reg.markTerminatedByThisClient(first);                   // recycled or forgotten, never moved to the end
        assertThat(reg.keys()).containsSubsequence(second, third);
        if (reg.keys().contains(first)) {
            assertThat(reg.keys()).containsExactly(first, second, third);
        }
    }

    @Test
    void reusingARegisteredSessionNameKeepsItsPlace() {
        UUID named = reg.register("srv", "PID1", "P1", A);
        UUID later = reg.register("srv", "PID1", "P1", B);
        assertThat(reg.register("srv", "PID1", "P1", A)).isEqualTo(named);   // reuse re-indexes
        assertThat(reg.keys()).containsExactly(named, later);
    }

    @Test
    void resumingARecordBoundToNoSessionIsRefusedAndChangesNothing() {
        UUID u = reg.register("srv", "PID1", "P1");
        SessionState before = reg.summary(u).orElseThrow().state();
        for (String none : new String[] {null, ""}) {
            assertThatThrownBy(() -> reg.markResuming(u, none))
                    .isInstanceOf(X2GoSessionRegistryException.class)
                    .hasMessageContaining(u.toString()).hasMessageContaining("bound to no server session");
        }
        reg.markStartupFailed(u, new RuntimeException("boom"));
        assertThat(reg.summary(u).orElseThrow().state()).isEqualTo(before);
        assertThat(reg.hasSuspendedSessions()).isFalse();
    }

    @Test
    void resumingWithANameBindsIt() {
        UUID u = reg.register("srv", "PID1", "P1", A);
        reg.updateStatus(StatusTarget.session(u), Fakes.suspended(A), true, false);
        assertThat(reg.markResuming(u, null)).isTrue();                      // keeps the bound name
        assertThat(reg.summary(u).orElseThrow().sessionName()).isEqualTo(A);
    }

    @Test
    void markingARecordBoundToNoSessionAsRunningIsRefusedWithoutAnEvent() {
        UUID u = reg.register("srv", "PID1", "P1");
        reg.markStarting(u);
        events.clear();
        assertThatThrownBy(() -> reg.markRunning(u))
                .isInstanceOf(X2GoSessionRegistryException.class).hasMessageContaining("bound to no server session");
        assertThat(events).isEmpty();
        assertThat(reg.summary(u).orElseThrow().state()).isEqualTo(SessionState.STARTING);
    }

    @Test
    void suspendingOrTerminatingARecordBoundToNoSessionIsRefusedWithoutAnEvent() {
        UUID u = reg.register("srv", "PID1", "P1");
        events.clear();
        assertThatThrownBy(() -> reg.markSuspendedByThisClient(u))
                .isInstanceOf(X2GoSessionRegistryException.class).hasMessageContaining("bound to no server session");
        assertThatThrownBy(() -> reg.markTerminatedByThisClient(u))
                .isInstanceOf(X2GoSessionRegistryException.class).hasMessageContaining("bound to no server session");
        assertThat(events).isEmpty();
        assertThat(reg.summary(u).orElseThrow().state()).isEqualTo(SessionState.CONNECTED);
    }
}
