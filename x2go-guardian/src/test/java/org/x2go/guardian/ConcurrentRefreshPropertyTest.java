package org.x2go.guardian;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.x2go.api.SessionList;
import org.x2go.guardian.TickReport.ProfileOutcome;
import org.x2go.guardian.TickReport.StepOutcome;
import org.x2go.registry.Fakes;
import org.x2go.registry.Fakes.FakeControl;
import org.x2go.registry.SessionRegistry;
import org.x2go.spi.ControlSession;

/**
 * For any number of profiles, concurrency bound and set of failing servers, one refresh reports every
 * profile once, in the order of the connected profiles, never runs more list calls at once than the
 * bound, and fails exactly the failing profiles.
 */
class ConcurrentRefreshPropertyTest {

    @Property(tries = 40)
    void everyProfileIsReportedOnce_inOrder_withinTheBound(@ForAll @IntRange(min = 0, max = 30) int profiles,
                                                           @ForAll @IntRange(min = 1, max = 8) int bound,
                                                           @ForAll @Size(max = 30) Set<@IntRange(min = 0, max = 29) Integer> failing) {
        Fakes.ManualClock clock = new Fakes.ManualClock();
        SessionRegistry registry = new SessionRegistry(clock, Runnable::run);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Map<String, ControlSession> connected = new LinkedHashMap<>();
        for (int i = 0; i < profiles; i++) {
            boolean fails = failing.contains(i);
            FakeControl c = new FakeControl("srv") {
                @Override
                public SessionList listSessions() {
                    most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    try {
                        Thread.onSpinWait();
                        if (fails) {
                            throw new IllegalStateException("scripted failure");
                        }
                        return super.listSessions();
                    } finally {
                        inside.decrementAndGet();
                    }
                }
            };
            String id = "P" + (char) ('a' + (i * 7) % 26) + i; // not sorted by name
            registry.attachControlSession(id, id, c);
            connected.put(id, c);
        }
        try (SessionGuardian g = SessionGuardian.builder(registry, () -> connected)
                .options(GuardianOptions.builder().refreshInterval(Duration.ofSeconds(5)).autoRegisterSessions(true)
                        .maxConcurrentRefreshes(bound).build()).clock(clock).build()) {
            TickReport r = g.tick();
            assertThat(r.profiles()).extracting(TickReport.ProfileLag::profileId)
                    .containsExactlyElementsOf(connected.keySet());
            assertThat(r.profiles()).allSatisfy(p -> assertThat(p.outcome()).isEqualTo(ProfileOutcome.DONE));
            assertThat(r.steps()).extracting(StepOutcome::profileId).containsExactlyElementsOf(connected.keySet());
            List<String> ids = List.copyOf(connected.keySet());
            List<String> expectedFailures = ids.stream().filter(id -> failing.contains(ids.indexOf(id))).toList();
            assertThat(r.failures()).extracting(StepOutcome::profileId).containsExactlyElementsOf(expectedFailures);
            assertThat(most.get()).isLessThanOrEqualTo(bound);
        } finally {
            registry.close();
        }
    }
}
