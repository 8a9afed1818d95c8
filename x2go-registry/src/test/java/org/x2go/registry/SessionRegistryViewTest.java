package org.x2go.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.x2go.api.SessionState;
import org.x2go.api.SessionSummary;
import org.x2go.registry.Fakes.FakeControl;
import org.x2go.registry.Fakes.FakeProxy;
import org.x2go.registry.Fakes.FakeTerminal;
import org.x2go.registry.Fakes.ManualClock;
import org.x2go.registry.Fakes.Recorder;

/** The read-only query view: queries only, live, and no way back to the registry's mutators. */
class SessionRegistryViewTest {
    static final String N = "alice-50-1_stDKDE_dp24";

    ManualClock clock = new ManualClock();
    SessionRegistry reg = new SessionRegistry(clock, Runnable::run);

    @AfterEach
    void close() {
        reg.close();
    }

    UUID running() {
        reg.attachControlSession("PID", "P", new FakeControl("srv"));
        UUID u = reg.registerStarting("srv", "PID", "P");
        reg.attachTerminal(u, new FakeTerminal(N));
        reg.attachProxy(u, new FakeProxy());
        reg.markRunning(u);
        return u;
    }

    @Test
    void theViewHoldsExactlyTheQueries() {
        Set<String> names = Arrays.stream(SessionRegistryView.class.getMethods()).map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(names).containsExactlyInAnyOrder("registeredSessions", "virginSessions", "associatedSessions",
                "connectedSessions", "runningSessions", "suspendedSessions", "terminatedSessions",
                "nonRunningSessions", "registeredSessionsOfProfileName", "virginSessionsOfProfileName",
                "associatedSessionsOfProfileName", "connectedSessionsOfProfileName", "runningSessionsOfProfileName",
                "suspendedSessionsOfProfileName", "terminatedSessionsOfProfileName",
                "nonRunningSessionsOfProfileName", "pubappSessionsOfProfileName", "hasRunningSessions",
                "hasSuspendedSessions", "keys", "size", "summary", "require", "profileId", "profileName", "isVirgin",
                "origin", "ownOperation", "sessionOfSessionName", "hasSessionOfSessionName", "masterSession",
                "connectedProfiles", "connectedProfileNames", "isSessionAutoRegistrationEnabled");
    }

    @Test
    void noViewMethodReturnsNothingOrAHandleThatCouldActOnASession() {
        for (Method m : SessionRegistryView.class.getMethods()) {
            assertThat(m.getReturnType()).as(m.getName()).isNotEqualTo(void.class);
            assertThat(m.getGenericReturnType().getTypeName()).as(m.getName())
                    .doesNotContain("org.x2go.spi").doesNotContain("SessionRegistry");
            assertThat(Modifier.isStatic(m.getModifiers())).as(m.getName()).isFalse();
        }
    }

    @Test
    void callingEveryViewMethodChangesNothingAndFiresNothing() throws Exception {
        UUID u = running();
        Recorder rec = new Recorder();
        reg.addListener(rec);
        List<SessionSummary> before = reg.registeredSessions().summaries();
        List<UUID> keysBefore = reg.keys();
        SessionRegistryView view = reg.readOnlyView();
        List<String> called = new ArrayList<>();
        for (Method m : SessionRegistryView.class.getMethods()) {
            Object[] args = Arrays.stream(m.getParameterTypes())
                    .map(t -> t == UUID.class ? u : t == String.class ? (Object) "P" : null).toArray();
            m.invoke(view, args);
            m.invoke(reg, args);
            called.add(m.getName());
        }
        assertThat(called).hasSize(SessionRegistryView.class.getMethods().length);
        assertThat(reg.registeredSessions().summaries()).isEqualTo(before);
        assertThat(reg.keys()).isEqualTo(keysBefore);
        assertThat(reg.terminal(u)).isPresent();
        assertThat(reg.proxy(u)).isPresent();
        assertThat(rec.events).isEmpty();
    }

    @Test
    void theReadOnlyViewCannotBeCastBackToTheRegistry() {
        SessionRegistryView view = reg.readOnlyView();
        assertThat(view).isNotInstanceOf(SessionRegistry.class).isNotInstanceOf(AutoCloseable.class);
        assertThat(reg.readOnlyView()).isSameAs(view);
        assertThat((SessionRegistryView) reg).as("the registry itself implements the view").isNotNull();
    }

    @Test
    void theViewReflectsLaterChanges() {
        SessionRegistryView view = reg.readOnlyView();
        assertThat(view.size()).isZero();
        assertThat(view.hasRunningSessions()).isFalse();
        UUID u = running();
        assertThat(view.keys()).containsExactly(u);
        assertThat(view.require(u).state()).isEqualTo(SessionState.RUNNING);
        assertThat(view.runningSessionsOfProfileName("P").uuids()).containsExactly(u);
        assertThat(view.masterSession("P").map(SessionSummary::uuid)).contains(u);
        assertThat(view.sessionOfSessionName(N)).contains(u);
        assertThat(view.connectedProfiles()).containsExactly("PID");
        reg.markSuspendedByThisClient(u);
        assertThat(view.hasRunningSessions()).isFalse();
        assertThat(view.hasSuspendedSessions()).isTrue();
        assertThat(view.masterSession("P")).isEmpty();
        reg.disableSessionAutoRegistration();
        assertThat(view.isSessionAutoRegistrationEnabled()).isFalse();
        reg.forget(u);
        assertThat(view.summary(u)).isEmpty();
        assertThat(view.size()).isZero();
    }

    @Test
    void theReadOnlyViewAnswersEveryQueryExactlyAsTheRegistry() throws Exception {
        UUID u = running();
        UUID fresh = reg.register("srv", "PID", "P");
        List<UUID> uuids = List.of(u, fresh, UUID.randomUUID());
        List<String> texts = Arrays.asList(N, "P", null);
        SessionRegistryView view = reg.readOnlyView();
        int compared = 0;
        for (int round = 0; round < 2; round++) {
            for (Method m : SessionRegistryView.class.getMethods()) {
                for (Object[] args : argumentSets(m, uuids, texts)) {
                    assertThat(outcome(m, view, args)).as(m.getName() + Arrays.toString(args))
                            .isEqualTo(outcome(m, reg, args));
                    compared++;
                }
            }
            // the second round sees other answers: suspended, auto-registration off
            reg.markSuspendedByThisClient(u);
            reg.disableSessionAutoRegistration();
        }
        assertThat(compared).isGreaterThan(2 * SessionRegistryView.class.getMethods().length);
        assertThat(view.toString()).contains("read-only");
    }

    /** Every combination of the candidates for the method's UUID and String parameters. */
    private static List<Object[]> argumentSets(Method m, List<UUID> uuids, List<String> texts) {
        List<Object[]> sets = new ArrayList<>();
        sets.add(new Object[0]);
        for (Class<?> t : m.getParameterTypes()) {
            List<?> candidates = t == UUID.class ? uuids : texts;
            List<Object[]> next = new ArrayList<>();
            for (Object[] prefix : sets) {
                for (Object c : candidates) {
                    Object[] a = Arrays.copyOf(prefix, prefix.length + 1);
                    a[prefix.length] = c;
                    next.add(a);
                }
            }
            sets = next;
        }
        return sets;
    }

    /** The method's result, or the class of what it threw. */
    private static Object outcome(Method m, Object target, Object[] args) throws IllegalAccessException {
        try {
            Object r = m.invoke(target, args);
            return r instanceof SessionSelection s ? s.summaries() : r;
        } catch (java.lang.reflect.InvocationTargetException e) {
            return e.getCause().getClass();
        }
    }
}
