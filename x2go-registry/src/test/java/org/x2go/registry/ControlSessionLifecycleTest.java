package org.x2go.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.x2go.api.SessionState;
import org.x2go.registry.Fakes.FakeControl;
import org.x2go.registry.Fakes.FakeProxy;
import org.x2go.registry.Fakes.FakeTerminal;

/** Attaching, detaching and losing a profile's control session; replacing terminals and proxies. */
class ControlSessionLifecycleTest {
    static final String N = "alice-50-1700000000_stDKDE_dp24";

    Fakes.ManualClock clock = new Fakes.ManualClock();
    SessionRegistry reg = new SessionRegistry(clock, Runnable::run);
    Fakes.Recorder rec = new Fakes.Recorder();
    FakeControl cs = new FakeControl("srv");

    ControlSessionLifecycleTest() {
        reg.addListener(rec);
    }

    @AfterEach
    void close() {
        reg.close();
    }

    @Test
    void detachReturnsTheControlSession_recordsDisconnect_reattachReconnects() {
        UUID u = reg.register("srv", "PID", "P");
        assertThat(reg.require(u).state()).isEqualTo(SessionState.NEW);
        reg.attachControlSession("PID", "P", cs);
        assertThat(reg.require(u).state()).isEqualTo(SessionState.CONNECTED);
        FakeTerminal t = new FakeTerminal(N);
        reg.attachTerminal(u, t);
        reg.markRunning(u);
        assertThat(reg.masterSession("P")).isPresent();

        assertThat(reg.detachControlSession("PID")).containsSame(cs);
        assertThat(reg.require(u).state()).isEqualTo(SessionState.DISCONNECTED);
        assertThat(t.closed.get()).isEqualTo(1);
        assertThat(reg.masterSession("P")).isEmpty();
        assertThat(reg.connectedControlSessions()).isEmpty();
        assertThat(reg.controlSessionOfProfile("PID")).isEmpty();
        assertThat(rec.deaths).as("an orderly disconnect is no death").isEmpty();

        reg.attachControlSession("PID", "P", cs);
        assertThat(reg.require(u).state()).isEqualTo(SessionState.CONNECTED);
        assertThat(reg.require(u).sessionName()).as("the name stays bound for a later resume").isEqualTo(N);
    }

    @Test
    void controlSessionDeathTellsListenersWithTheProfileName() {
        UUID u = reg.register("srv", "PID", "Office");
        reg.attachControlSession("PID", "Office", cs);
        reg.reportControlSessionDeath("PID", new IllegalStateException("eof"));
        assertThat(rec.deaths).containsExactly("Office");
        assertThat(reg.require(u).state()).isEqualTo(SessionState.DISCONNECTED);
        assertThat(reg.connectedProfiles()).isEmpty();
        assertThat(reg.connectedSessions().isEmpty()).isTrue();
    }

    @Test
    void replacingTerminalOrProxyClosesThePreviousOne() {
        reg.attachControlSession("PID", "P", cs);
        UUID u = reg.register("srv", "PID", "P");
        FakeTerminal t1 = new FakeTerminal(N);
        FakeTerminal t2 = new FakeTerminal(N);
        FakeProxy p1 = new FakeProxy();
        FakeProxy p2 = new FakeProxy();
        reg.attachTerminal(u, t1);
        reg.attachProxy(u, p1);
        reg.attachTerminal(u, t2);
        reg.attachProxy(u, p2);
        assertThat(t1.closed.get()).isEqualTo(1);
        assertThat(p1.closed.get()).isEqualTo(1);
        assertThat(t2.closed.get()).isZero();
        assertThat(reg.terminal(u)).containsSame(t2);
        assertThat(reg.associatedSessions().uuids()).containsExactly(u);
        assertThat(reg.releaseAllTerminals()).isEqualTo(1);
        assertThat(t2.closed.get()).isEqualTo(1);
        assertThat(p2.closed.get()).isEqualTo(1);
        assertThat(reg.releaseAllTerminals()).isZero();
    }

    @Test
    void ownResumeOfASuspendedSession() {
        reg.attachControlSession("PID", "P", cs);
        UUID u = reg.register("srv", "PID", "P");
        reg.updateStatus(StatusTarget.session(u), Fakes.suspended(N), true, false); // no name bound: nothing
        assertThat(reg.require(u).state()).isEqualTo(SessionState.CONNECTED);
        assertThat(reg.markResuming(u, N)).isTrue();
        assertThat(reg.require(u).sessionName()).isEqualTo(N);
        reg.attachTerminal(u, new FakeTerminal(N));
        assertThat(reg.markRunning(u)).isTrue();
        assertThat(reg.markRunning(u)).as("already running").isFalse();
        assertThat(rec.kinds()).containsExactly("RESUMED/BY_THIS_CLIENT");
        assertThat(reg.sessionOfSessionName(N)).contains(u);
    }

    @Test
    void selectionHelpers() {
        reg.attachControlSession("PID", "P", cs);
        UUID a = reg.register("srv", "PID", "P", N);
        UUID b = reg.register("srv", "PID", "P", "alice-51-1_stRxterm_dp24");
        SessionSelection all = reg.registeredSessions();
        assertThat(all.size()).isEqualTo(2);
        assertThat(all.contains(a)).isTrue();
        assertThat(all.contains(UUID.randomUUID())).isFalse();
        assertThat(all.first().map(s -> s.uuid())).contains(a);
        assertThat(all.stream().map(s -> s.uuid())).containsExactly(a, b);
        assertThat(all).isEqualTo(reg.registeredSessions());
        assertThat(all.toString()).contains(a.toString());
        assertThat(SessionSelection.empty().first()).isEmpty();
        assertThat(SessionSelection.of(java.util.List.of())).isSameAs(SessionSelection.empty());
    }
}
