package org.x2go.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.x2go.registry.Fakes.info;
import static org.x2go.registry.Fakes.list;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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

/** TV-34 and TV-35: registration, re-use of fresh records and auto-registration (Q-47..Q-51). */
class RegistrationTest {
    static final String S50 = "alice-50-1_stDKDE_dp24";
    static final String S51 = "alice-51-1_stRPUBLISHED_dp24";
    static final String S52 = "alice-52-1_stRxterm_dp24";
    static final String S53 = "alice-53-1_stDLXDE_dp24";

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

    @Test
    void tv34_registerWithNameThenWithout_returnsSameFreshRecord() {
        UUID u = reg.register("srv", "PID1", "P1", S50);
        assertThat(reg.isVirgin(u)).isTrue();
        assertThat(reg.require(u).state()).as("not connected yet").isEqualTo(SessionState.NEW);
        UUID again = reg.register("srv2", "PID1", "P1");
        assertThat(again).isEqualTo(u);
        assertThat(reg.require(u).sessionName()).isEqualTo(S50);
        assertThat(reg.require(u).server()).isEqualTo("srv2");
        UUID third = reg.register("srv", "PID1", "P1");
        assertThat(third).as("an activated record is not handed out again").isNotEqualTo(u);
    }

    @Test
    void tv34_registerByKnownNameReusesThatRecord() {
        UUID u = reg.register("srv", "PID1", "P1", S50);
        assertThat(reg.register("srv", "PID1", "P1", S50)).isEqualTo(u);
        assertThat(reg.size()).isEqualTo(1);
    }

    @Test
    void q49_duplicateNameFailure_doesNotKeepTheProfileLocked() throws Exception {
        reg.attachControlSession("PID1", "P1", cs);
        UUID a = reg.register("srv", "PID1", "P1", S50);
        assertThat(reg.register("srv", "PID1", "P1", S50)).as("activates a").isEqualTo(a);
        UUID b = reg.register("srv", "PID1", "P1");
        reg.attachTerminal(b, new FakeTerminal(S50)); // two records of P1 now carry S50
        assertThatThrownBy(() -> reg.register("srv", "PID1", "P1", S50))
                .isInstanceOf(X2GoSessionRegistryException.class).hasMessageContaining(S50).hasMessageContaining("P1");
        UUID other = CompletableFuture.supplyAsync(() -> reg.register("srv", "PID1", "P1"))
                .get(5, TimeUnit.SECONDS);
        assertThat(other).isNotIn(a, b);
    }

    SessionList tv35List() {
        return list(info(S50, ServerSessionStatus.RUNNING), info(S51, ServerSessionStatus.SUSPENDED),
                info(S52, ServerSessionStatus.SUSPENDED));
    }

    @Test
    void aThrottledCallStillAppliesTheListItWasGivenButRegistersNothingNew() {
        reg.attachControlSession("PROF1", "Prof One", cs);
        List<UUID> created = reg.registerAvailableServerSessions("PROF1",
                list(info(S50, ServerSessionStatus.RUNNING)), true, false, false);
        assertThat(created).hasSize(1);

        // within the throttle: S50's suspend is applied at once, the new S53 waits for the next turn
        SessionList changed = list(info(S50, ServerSessionStatus.SUSPENDED), info(S53, ServerSessionStatus.RUNNING));
        assertThat(reg.registerAvailableServerSessions("PROF1", changed, false, false, false)).isEmpty();
        assertThat(reg.require(created.get(0)).state()).isEqualTo(SessionState.SUSPENDED);
        assertThat(reg.hasSessionOfSessionName(S53, null)).isFalse();

        clock.advance(SessionRegistry.AUTO_REGISTRATION_THROTTLE);
        assertThat(reg.registerAvailableServerSessions("PROF1", changed, false, false, false))
                .extracting(u -> reg.require(u).sessionName()).containsExactly(S53);
    }

    @Test
    void tv35_autoRegistration_fixedThrottleAndNonVirginRecords() {
        UUID u0 = reg.register("srv", "PROF1", "Prof One");
        reg.attachControlSession("PROF1", "Prof One", cs);

        // 1. newly connected, skipping the published-applications provider
        List<UUID> created = reg.registerAvailableServerSessions("PROF1", tv35List(), true, false, true);
        assertThat(created).hasSize(2);
        assertThat(reg.size()).isEqualTo(3);
        assertThat(created).extracting(u -> reg.require(u).sessionName()).containsExactly(S50, S52);
        assertThat(created).extracting(u -> reg.require(u).state()).containsExactly(SessionState.RUNNING,
                SessionState.SUSPENDED);
        assertThat(created).allSatisfy(u -> {
            assertThat(reg.isVirgin(u)).as("Q-48 fixed: auto-registered records are not virgin").isFalse();
            assertThat(reg.origin(u)).isEqualTo(SessionOrigin.DISCOVERED);
        });
        assertThat(rec.kinds()).containsExactly("REGISTERED/BY_OTHER_CLIENT",
                "FOUND_RUNNING_AFTER_CONNECT/BY_OTHER_CLIENT", "REGISTERED/BY_OTHER_CLIENT");
        assertThat(rec.events.get(1).sessionName()).isEqualTo(S50);

        // 2. an immediate second run is throttled (Q-47 fixed); after 2 s it registers the provider
        assertThat(reg.registerAvailableServerSessions("PROF1", tv35List(), false, false, false)).isEmpty();
        clock.advance(Duration.ofSeconds(2));
        assertThat(reg.registerAvailableServerSessions("PROF1", tv35List(), false, false, false))
                .extracting(u -> reg.require(u).sessionName()).containsExactly(S51);
        assertThat(reg.size()).isEqualTo(4);

        // 3. switched off: a new server session is not registered
        reg.disableSessionAutoRegistration();
        SessionList with53 = list(info(S50, ServerSessionStatus.RUNNING), info(S51, ServerSessionStatus.SUSPENDED),
                info(S52, ServerSessionStatus.SUSPENDED), info(S53, ServerSessionStatus.RUNNING));
        clock.advance(Duration.ofSeconds(2));
        assertThat(reg.registerAvailableServerSessions("PROF1", with53, false, false, false)).isEmpty();
        assertThat(reg.hasSessionOfSessionName(S53, null)).isFalse();

        // 4. re-register: registered regardless, nothing duplicated
        List<UUID> re = reg.registerAvailableServerSessions("PROF1", with53, false, true, false);
        assertThat(re).extracting(u -> reg.require(u).sessionName()).containsExactly(S53);
        assertThat(reg.size()).isEqualTo(5);
        assertThat(reg.registeredSessions().sessionNames()).containsExactly(S50, S52, S51, S53);

        // Q-51 fixed: a plain register hands out the fresh local record, never a discovered one
        assertThat(reg.register("srv", "PROF1", "Prof One")).isEqualTo(u0);
        assertThat(reg.register("srv", "PROF1", "Prof One")).isNotIn(reg.registeredSessions().uuids().subList(1, 5));
    }

    @Test
    void q50_adHocProfileWithoutRecordsCanAutoRegister() {
        reg.attachControlSession("adhoc-1", "srv (ad-hoc)", cs);
        cs.sessions = list(info(S50, ServerSessionStatus.RUNNING));
        List<UUID> created = reg.registerAvailableServerSessions("adhoc-1", null, false, false, false);
        assertThat(created).hasSize(1);
        assertThat(reg.require(created.get(0)).profileName()).isEqualTo("srv (ad-hoc)");
        assertThat(reg.require(created.get(0)).server()).isEqualTo("srv");
        assertThat(cs.listCalls.get()).isEqualTo(1);
    }

    @Test
    void autoRegistration_unknownProfileOrDisconnected() {
        assertThatThrownBy(() -> reg.registerAvailableServerSessions("nope", SessionList.EMPTY, false, false, false))
                .isInstanceOf(X2GoSessionRegistryException.class).hasMessageContaining("nope");
        reg.register("srv", "PID1", "P1");
        assertThat(reg.registerAvailableServerSessions("PID1", tv35List(), false, false, false))
                .as("nothing connected: nothing registered").isEmpty();
        assertThat(reg.size()).isEqualTo(1);
    }

    @Test
    void autoRegistration_skipsSessionsListedTerminatedAndNamesKnownElsewhere() {
        reg.attachControlSession("PID1", "P1", cs);
        reg.register("srv", "PID2", "P2", S52);
        SessionList l = list(info(S50, ServerSessionStatus.TERMINATED), info(S52, ServerSessionStatus.SUSPENDED));
        assertThat(reg.registerAvailableServerSessions("PID1", l, false, false, false)).isEmpty();
        assertThat(reg.size()).isEqualTo(1);
    }

    @Test
    void forgetIgnoresUnknownAndNull() {
        assertThat(reg.forget(null)).isFalse();
        UUID u = reg.register("srv", "PID1", "P1");
        assertThat(reg.forget(u)).isTrue();
        assertThat(reg.forget(u)).isFalse();
        assertThat(reg.keys()).isEmpty();
    }
}
