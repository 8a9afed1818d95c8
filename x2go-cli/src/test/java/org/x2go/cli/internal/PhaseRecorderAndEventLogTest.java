package org.x2go.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.x2go.api.EventCause;
import org.x2go.api.SessionEvent;
import org.x2go.client.Phase;

class PhaseRecorderAndEventLogTest {

    @Test
    void phasesAreGroupedByStepAndRenderedWithTimes() {
        PhaseRecorder r = new PhaseRecorder();
        r.phase("p", Phase.CONNECTING); // before any step: ignored
        r.begin("connect");
        r.phase("p", Phase.CONNECTING);
        r.phase("p", Phase.CONNECTED);
        r.begin("list");
        r.end();
        assertThat(r.phasesPerStep()).containsExactly(List.of(Phase.CONNECTING, Phase.CONNECTED), List.of());
        String[] lines = r.render().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).matches("  connect\\s+\\d+\\.\\d ms   connecting \\d+\\.\\d, connected and authenticated \\d+\\.\\d");
        assertThat(lines[1]).matches("  list\\s+\\d+\\.\\d ms");
    }

    private static SessionEvent event(SessionEvent.Kind kind, EventCause cause, String name) {
        return new SessionEvent(kind, cause, UUID.randomUUID(), "p", "p", name, Instant.EPOCH);
    }

    @Test
    void eventLogPrintsEachEventAndFindsTheAwaitedOne() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EventLog log = new EventLog(new Console(new PrintStream(bytes, true, StandardCharsets.UTF_8), false));
        log.dispatch(event(SessionEvent.Kind.STARTED, EventCause.BY_THIS_CLIENT, "s1"));
        assertThat(log.await(0, SessionEvent.Kind.STARTED, EventCause.BY_THIS_CLIENT, "s1", Duration.ofSeconds(5))).isZero();
        // an event delivered later, from another thread, wakes the waiter
        CompletableFuture<Integer> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                return log.await(1, SessionEvent.Kind.SUSPENDED, EventCause.BY_OTHER_CLIENT, "s1", Duration.ofSeconds(20));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        log.dispatch(event(SessionEvent.Kind.SUSPENDED, EventCause.BY_THIS_CLIENT, "s1")); // wrong cause
        log.dispatch(event(SessionEvent.Kind.SUSPENDED, EventCause.BY_OTHER_CLIENT, "s1"));
        assertThat(waiter.get(20, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("event: STARTED s1 (by this client)",
                "event: SUSPENDED s1 (by another client)");
    }

    @Test
    void eventLogTimesOutNamingWhatItSaw() {
        EventLog log = new EventLog(new Console(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), true));
        log.dispatch(event(SessionEvent.Kind.STARTED, EventCause.BY_THIS_CLIENT, "s1"));
        assertThatThrownBy(() -> log.await(0, SessionEvent.Kind.TERMINATED, EventCause.BY_SERVER, "s1", Duration.ofMillis(50)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no TERMINATED event (by another client or the server) for s1")
                .hasMessageContaining("STARTED");
    }

    @Test
    void quietConsolePrintsOnlyWarnings() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Console c = new Console(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        c.note("progress");
        c.phase("p", Phase.CONNECTING);
        c.warn("careful");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("x2go: warning: careful\n");
    }
}
