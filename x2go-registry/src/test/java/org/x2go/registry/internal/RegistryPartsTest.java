package org.x2go.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.x2go.api.EventCause;
import org.x2go.api.ServerSessionStatus;
import org.x2go.api.SessionEvent;
import org.x2go.api.SessionList;
import org.x2go.api.SessionState;
import org.x2go.api.X2GoSessionRegistryException;
import org.x2go.registry.Fakes;
import org.x2go.registry.Fakes.ManualClock;
import org.x2go.registry.SessionOrigin;

/** The registry's internal parts on their own: record index, master election, auto-registration, ended sessions. */
class RegistryPartsTest {
    static final String DESKTOP = "alice-50-1_stDKDE_dp24";
    static final String APP = "alice-51-1_stRxterm_dp24";
    static final String PROVIDER = "alice-52-1_stRPUBLISHED_dp24";

    ManualClock clock = new ManualClock();
    RecordIndex index = new RecordIndex();

    SessionRecord add(String profileId, String name, SessionState state) {
        index.profile(profileId, "name-" + profileId);
        SessionRecord r = index.create(profileId, "name-" + profileId, "srv", SessionOrigin.LOCAL);
        index.add(r, name);
        if (state != SessionState.NEW) {
            index.setState(r, SessionState.CONNECTED);
            index.setState(r, state == SessionState.SUSPENDED ? SessionState.RESUMING : SessionState.STARTING);
            index.setState(r, SessionState.RUNNING);
            index.setState(r, state);
        }
        return r;
    }

    // ------------------------------------------------------------------ RecordIndex

    @Test
    void renamingKeepsRegistrationOrderAndTheIndexesTrue() {
        SessionRecord a = add("P", "", SessionState.NEW);
        SessionRecord b = add("P", APP, SessionState.NEW);
        index.rename(a, DESKTOP);
        index.renameProfile(b, "other");
        assertThat(index.keys()).containsExactly(a.uuid, b.uuid);
        assertThat(index.withSessionName(DESKTOP)).containsExactly(a);
        assertThat(index.ofProfileName("other")).containsExactly(b);
        assertThat(index.ofProfileName("name-P")).containsExactly(a);
        assertThat(index.problems()).isEmpty();
        index.rename(a, "");
        assertThat(index.withSessionName(DESKTOP)).isEmpty();
        assertThat(index.problems()).isEmpty();
    }

    @Test
    void anImpossibleTransitionIsRefusedAndLeavesTheStateIndexAlone() {
        SessionRecord r = add("P", DESKTOP, SessionState.NEW);
        assertThat(index.setState(r, SessionState.STARTING)).isFalse();
        assertThat(r.state()).isEqualTo(SessionState.NEW);
        assertThat(index.any(SessionState.STARTING)).isFalse();
        assertThat(index.any(SessionState.NEW)).isTrue();
        assertThat(index.setState(r, SessionState.NEW)).as("staying is fine").isTrue();
        assertThat(index.problems()).isEmpty();
    }

    @Test
    void lookupsAnswerInRegistrationOrderAndRemovalEmptiesEveryIndex() {
        SessionRecord a = add("P", DESKTOP, SessionState.RUNNING);
        SessionRecord b = add("Q", APP, SessionState.SUSPENDED);
        SessionRecord c = add("P", PROVIDER, SessionState.RUNNING);
        assertThat(index.inStates(EnumSet.of(SessionState.RUNNING, SessionState.SUSPENDED), null))
                .containsExactly(a, b, c);
        assertThat(index.inStates(EnumSet.of(SessionState.RUNNING), "name-P")).containsExactly(a, c);
        assertThat(index.inStates(EnumSet.of(SessionState.RUNNING), "nobody")).isEmpty();
        assertThat(index.ofProfileId("P")).containsExactly(a, c);
        assertThat(index.hasConnectedRecord("Q")).isTrue();
        assertThat(index.hasConnectedRecord("nobody")).isFalse();
        assertThat(index.require(b.uuid)).isSameAs(b);
        assertThat(index.get(null)).isNull();
        assertThatThrownBy(() -> index.require(UUID.randomUUID())).isInstanceOf(X2GoSessionRegistryException.class);
        index.remove(b);
        index.remove(a);
        index.remove(c);
        assertThat(index.size()).isZero();
        assertThat(index.hasConnectedRecord("Q")).isFalse();
        assertThat(index.any(SessionState.RUNNING)).isFalse();
        assertThat(index.withSessionName(APP)).isEmpty();
        assertThat(index.problems()).isEmpty();
        assertThat(index.profiles()).extracting(p -> p.id).containsExactly("P", "Q");
    }

    // ------------------------------------------------------------------ MasterElection

    @Test
    void aDesktopTakesOverFromAnApplicationButNotTheOtherWayRound() {
        MasterElection m = new MasterElection(index);
        SessionRecord app = add("P", APP, SessionState.RUNNING);
        SessionRecord desk = add("P", DESKTOP, SessionState.RUNNING);
        SessionRecord app2 = add("P", "alice-53-1_stRxclock_dp24", SessionState.RUNNING);
        index.profileOf("P").connected = true;
        m.electOnOwnRun(app);
        assertThat(m.masterOf("name-P")).contains(app);
        m.electOnOwnRun(desk);
        assertThat(m.masterOf("name-P")).contains(desk);
        assertThat(app.master).isFalse();
        m.electOnOwnRun(app2);
        assertThat(m.masterOf("name-P")).contains(desk);
        m.drop(desk);
        assertThat(m.masterOf("name-P")).isEmpty();
    }

    @Test
    void reElectionPrefersAHeldDesktopThenAProviderThenTheFirstHeld() {
        MasterElection m = new MasterElection(index);
        SessionRecord app = add("P", APP, SessionState.RUNNING);
        SessionRecord prov = add("P", PROVIDER, SessionState.RUNNING);
        SessionRecord desk = add("P", DESKTOP, SessionState.RUNNING);
        index.profileOf("P").connected = true;
        m.reelect("P");
        assertThat(m.masterOf("name-P")).as("nothing held").isEmpty();
        app.terminal = new Fakes.FakeTerminal(APP);
        prov.terminal = new Fakes.FakeTerminal(PROVIDER);
        m.reelect("P");
        assertThat(m.masterOf("name-P")).contains(prov);
        desk.terminal = new Fakes.FakeTerminal(DESKTOP);
        m.reelect("P");
        assertThat(m.masterOf("name-P")).as("a master in place is kept").contains(prov);
        m.dropAll(index.profileOf("P"));
        assertThat(prov.master).isFalse();
        m.reelect("P");
        assertThat(m.masterOf("name-P")).contains(desk);
        prov.terminal = null;
        desk.terminal = null;
        m.drop(desk);
        m.reelect("P");
        assertThat(m.masterOf("name-P")).contains(app);
        index.profileOf("P").connected = false;
        index.setState(app, SessionState.DISCONNECTED);
        index.setState(prov, SessionState.DISCONNECTED);
        index.setState(desk, SessionState.DISCONNECTED);
        assertThat(m.masterOf("name-P")).as("not connected").isEmpty();
    }

    // ------------------------------------------------------------------ AutoRegistration

    AutoRegistration auto() {
        return new AutoRegistration(index, clock, Duration.ofSeconds(2), Duration.ofMinutes(2), 2);
    }

    static SessionList listed(String... running) {
        return Fakes.list(java.util.Arrays.stream(running).map(n -> Fakes.info(n, ServerSessionStatus.RUNNING))
                .toArray(org.x2go.api.SessionInfo[]::new));
    }

    @Test
    void theThrottleLetsOneTurnThroughPerIntervalUnlessReRegistering() {
        AutoRegistration a = auto();
        assertThat(a.takeTurn("P", false)).isTrue();
        assertThat(a.takeTurn("P", false)).isFalse();
        assertThat(a.takeTurn("Q", false)).as("per profile").isTrue();
        assertThat(a.takeTurn("P", true)).isTrue();
        clock.advance(Duration.ofMillis(1999));
        assertThat(a.takeTurn("P", false)).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(a.takeTurn("P", false)).isTrue();
    }

    @Test
    void pausesNestAndOnlyReRegisteringGetsThroughThem() {
        AutoRegistration a = auto();
        ProfileEntry p = index.profile("P", "name-P");
        List<SessionEvent.Kind> kinds = new ArrayList<>();
        AutoRegistration.Events ev = (k, c, r) -> kinds.add(k);
        a.pause("P");
        a.pause("P");
        a.resume("P");
        assertThat(a.register(p, listed(DESKTOP), false, false, false, ev)).isEmpty();
        a.resume("P");
        a.resume("P"); // one too many: harmless
        assertThat(a.register(p, listed(DESKTOP), true, false, false, ev)).hasSize(1);
        assertThat(kinds).containsExactly(SessionEvent.Kind.REGISTERED, SessionEvent.Kind.FOUND_RUNNING_AFTER_CONNECT);
        a.setEnabled(false);
        assertThat(a.isEnabled()).isFalse();
        assertThat(a.register(p, listed(APP), false, false, false, ev)).isEmpty();
        assertThat(a.register(p, listed(APP), false, true, false, ev)).hasSize(1);
    }

    @Test
    void namesThisClientTerminatedAreKeptOutForAWhileAndBounded() {
        AutoRegistration a = auto();
        ProfileEntry p = index.profile("P", "name-P");
        AutoRegistration.Events ev = (k, c, r) -> assertThat(c).isEqualTo(EventCause.BY_OTHER_CLIENT);
        a.rememberTerminated("P", DESKTOP);
        assertThat(a.register(p, listed(DESKTOP), false, false, false, ev)).isEmpty();
        a.rememberTerminated("P", APP);
        a.rememberTerminated("P", PROVIDER); // max 2: DESKTOP is forgotten
        assertThat(a.register(p, listed(APP, PROVIDER), false, false, false, ev)).isEmpty();
        assertThat(a.register(p, listed(DESKTOP), false, false, false, ev)).hasSize(1);
        clock.advance(Duration.ofMinutes(2).plusMillis(1));
        assertThat(a.register(p, listed(APP), false, false, false, ev)).as("expired").hasSize(1);
    }

    @Test
    void providersAndEndedListingsAreSkippedAndKnownNamesOnlyRefreshed() {
        AutoRegistration a = auto();
        ProfileEntry p = index.profile("P", "name-P");
        p.server = "";
        AutoRegistration.Events ev = (k, c, r) -> { };
        SessionList l = Fakes.list(Fakes.info(PROVIDER, ServerSessionStatus.RUNNING),
                Fakes.info(APP, ServerSessionStatus.TERMINATED), Fakes.info(DESKTOP, ServerSessionStatus.SUSPENDED));
        List<SessionRecord> made = a.register(p, l, false, false, true, ev);
        assertThat(made).extracting(SessionRecord::sessionName).containsExactly(DESKTOP);
        SessionRecord d = made.get(0);
        assertThat(d.state()).isEqualTo(SessionState.SUSPENDED);
        assertThat(d.server).as("the listed host when the profile has none").isEqualTo(l.sessions().get(2).hostname());
        assertThat(d.virgin).isFalse();
        assertThat(d.origin).isEqualTo(SessionOrigin.DISCOVERED);
        assertThat(a.register(p, l, false, true, false, ev)).extracting(SessionRecord::sessionName)
                .containsExactly(PROVIDER);
        assertThat(index.size()).isEqualTo(2);
    }

    // ------------------------------------------------------------------ EndedSessions

    @Test
    void endedSessionsAreKeptInOrderBoundedInCountAndTime() {
        EndedSessions e = new EndedSessions(clock, Duration.ofMinutes(2), 2);
        e.add(add("P", DESKTOP, SessionState.RUNNING));
        clock.advance(Duration.ofMinutes(1));
        e.add(add("Q", APP, SessionState.RUNNING));
        assertThat(e.list(null)).extracting(s -> s.sessionName()).containsExactly(DESKTOP, APP);
        assertThat(e.list("name-Q")).extracting(s -> s.sessionName()).containsExactly(APP);
        assertThat(e.list(null)).allSatisfy(s -> assertThat(s.state()).isEqualTo(SessionState.TERMINATED));
        clock.advance(Duration.ofMinutes(1).plusMillis(1));
        assertThat(e.list(null)).extracting(s -> s.sessionName()).containsExactly(APP);
        e.add(add("P", PROVIDER, SessionState.RUNNING));
        e.add(add("P", "alice-53-1_stRxclock_dp24", SessionState.RUNNING));
        assertThat(e.list(null)).hasSize(2).extracting(s -> s.sessionName()).doesNotContain(APP);
    }
}
