package org.x2go.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.x2go.registry.Fakes.running;
import static org.x2go.registry.Fakes.suspended;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.x2go.api.ServerSessionStatus;
import org.x2go.api.SessionList;
import org.x2go.api.SessionState;
import org.x2go.api.X2GoSessionRegistryException;
import org.x2go.registry.Fakes.FakeControl;
import org.x2go.registry.Fakes.FakeTerminal;
import org.x2go.registry.Fakes.ManualClock;
import org.x2go.registry.Fakes.Recorder;

/** Lists fetched by the caller are passed in: the registry then never lists on a control session. */
class ListsPassedInTest {
    static final String A = "alice-50-1_stDKDE_dp24";
    static final String B = "bob-51-1_stDKDE_dp24";

    ManualClock clock = new ManualClock();
    SessionRegistry reg = new SessionRegistry(clock, Runnable::run);
    Recorder rec = new Recorder();
    FakeControl csA = new FakeControl("srv-a");
    FakeControl csB = new FakeControl("srv-b");

    @BeforeEach
    void setUp() {
        reg.addListener(rec);
        reg.attachControlSession("PA", "A", csA);
        reg.attachControlSession("PB", "B", csB);
        // what the control sessions would say if asked: the tests show they are not asked
        csA.sessions = SessionList.EMPTY;
        csB.sessions = SessionList.EMPTY;
    }

    @AfterEach
    void close() {
        reg.close();
    }

    UUID ownRunning(String profileId, String profileName, String name) {
        UUID u = reg.registerStarting("srv", profileId, profileName);
        reg.attachTerminal(u, new FakeTerminal(name));
        reg.markRunning(u);
        return u;
    }

    @Test
    void eachProfileIsReconciledWithItsOwnListInOneCallWithoutListing() {
        UUID a = ownRunning("PA", "A", A);
        UUID b = ownRunning("PB", "B", B);
        rec.clear();
        Map<String, SessionList> lists = new LinkedHashMap<>();
        lists.put("PA", suspended(A));
        lists.put("PB", running(B));

        int n = reg.updateStatus(lists, true, false);

        assertThat(n).isEqualTo(2);
        assertThat(reg.require(a).state()).isEqualTo(SessionState.SUSPENDED);
        assertThat(reg.require(b).state()).as("B's own list lists it running").isEqualTo(SessionState.RUNNING);
        assertThat(rec.kinds()).containsExactly("SUSPENDED/BY_SERVER");
        assertThat(csA.listCalls.get() + csB.listCalls.get()).as("no I/O").isZero();
    }

    @Test
    void aProfileLeftOutOfTheMapIsLeftAlone() {
        UUID a = ownRunning("PA", "A", A);
        UUID b = ownRunning("PB", "B", B);
        int n = reg.updateStatus(Map.of("PA", running(A)), true, false);
        assertThat(n).isEqualTo(1);
        assertThat(reg.require(b).state()).isEqualTo(SessionState.RUNNING);
        assertThat(reg.require(a).state()).isEqualTo(SessionState.RUNNING);
    }

    @Test
    void unknownProfilesAndProfilesWithoutRecordsCountNothing() {
        assertThat(reg.updateStatus(Map.of("nobody", running(A), "PA", running(A)), true, false)).isZero();
        assertThat(csA.listCalls.get()).isZero();
    }

    @Test
    void aMissingListIsRefusedNamingTheProfile() {
        Map<String, SessionList> lists = new HashMap<>();
        lists.put("PA", null);
        assertThatThrownBy(() -> reg.updateStatus(lists, true, false))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("PA");
        assertThatThrownBy(() -> reg.updateStatus((Map<String, SessionList>) null, true, false))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void passingTheListToTheSingleTargetCallsAndAutoRegistrationDoesNoIo() {
        UUID a = ownRunning("PA", "A", A);
        reg.updateStatus(StatusTarget.profileId("PA"), running(A), true, false);
        List<UUID> created = reg.registerAvailableServerSessions("PB", running(B), false, false, false);
        assertThat(created).hasSize(1);
        assertThat(reg.require(created.get(0)).sessionName()).isEqualTo(B);
        assertThat(reg.require(a).state()).isEqualTo(SessionState.RUNNING);
        assertThat(csA.listCalls.get() + csB.listCalls.get()).as("no I/O").isZero();
    }

    @Test
    void withoutAListTheCompatibilityPathStillListsOnTheControlSession() {
        csB.sessions = running(B);
        List<UUID> created = reg.registerAvailableServerSessions("PB", null, false, false, false);
        assertThat(created).hasSize(1);
        assertThat(csB.listCalls.get()).isEqualTo(1);
    }

    @Test
    void aProfileConnectedWithoutAControlSessionWorksOnListsPassedIn() {
        UUID u = reg.register("srv", "PX", "X", A);
        reg.profileConnected("PX", "X", "srv-x");
        assertThat(reg.require(u).state()).isEqualTo(SessionState.CONNECTED);
        assertThat(reg.connectedProfiles()).contains("PX");
        assertThat(reg.controlSessionOfProfile("PX")).isEmpty();

        List<UUID> created = reg.registerAvailableServerSessions("PX", Fakes.list(Fakes.info(A, ServerSessionStatus.RUNNING), Fakes.info(B, ServerSessionStatus.RUNNING)), false, false, false);
        assertThat(created).hasSize(1);
        assertThat(reg.require(created.get(0)).server()).isEqualTo("srv-x");
        reg.updateStatus(StatusTarget.profileId("PX"), Fakes.list(Fakes.info(A, ServerSessionStatus.RUNNING), Fakes.info(B, ServerSessionStatus.RUNNING)), true, false);
        assertThat(reg.require(u).state()).isEqualTo(SessionState.RUNNING);

        assertThatThrownBy(() -> reg.updateStatus(StatusTarget.profileId("PX"), null, true, false))
                .isInstanceOf(X2GoSessionRegistryException.class).hasMessageContaining("no session list given");
        assertThat(reg.detachControlSession("PX")).isEmpty();
        assertThat(reg.require(u).state()).isEqualTo(SessionState.DISCONNECTED);
    }

    @Test
    void connectingAProfileAgainToAnotherHostRecyclesItsRecords() {
        UUID u = reg.register("srv", "PX", "X", A);
        reg.profileConnected("PX", "X", "srv-x");
        reg.updateStatus(Map.of("PX", running(A)), true, false);
        assertThat(reg.require(u).sessionName()).isEqualTo(A);
        rec.clear();

        reg.profileConnected("PX", "X", "elsewhere");
        reg.updateStatus(Map.of("PX", running(A)), true, false);

        assertThat(reg.summary(u).map(s -> s.sessionName())).as("recycled").contains("");
        assertThat(rec.events).isEmpty();
    }
}
