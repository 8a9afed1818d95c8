package org.x2go.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.x2go.api.EventCause;
import org.x2go.api.SessionEvent;
import org.x2go.api.SessionState;
import org.x2go.registry.OwnOperation;
import org.x2go.registry.internal.StatusReconciler.Input;
import org.x2go.registry.internal.StatusReconciler.Listed;
import org.x2go.registry.internal.StatusReconciler.Outcome;

/** One test row per line of {@link StatusReconciler}'s table (plus the lines' boundaries). */
class StatusReconcilerTest {

    @ParameterizedTest(name = "row {0}: {1} own={2} listed {3} held={4} baseline={5} virgin={6} new={7}")
    @CsvSource(nullValues = "-", value = {
            // row, state,     own,       listed,    held,  base,  virgin, newly, -> next,     event,        cause,          release, ownRun, end
            "1,  RUNNING,    SUSPEND,   SUSPENDED, true,  true,  false, false, SUSPENDED,  SUSPENDED,  BY_THIS_CLIENT, true,  false, false",
            "1,  FAULTY,     SUSPEND,   SUSPENDED, false, true,  false, false, SUSPENDED,  SUSPENDED,  BY_THIS_CLIENT, true,  false, false",
            "2,  RUNNING,    SUSPEND,   GONE,      true,  true,  false, false, TERMINATED, TERMINATED, BY_SERVER,      false, false, true",
            "2,  SUSPENDED,  SUSPEND,   ENDED,     false, true,  false, false, TERMINATED, TERMINATED, BY_SERVER,      false, false, true",
            "3,  RUNNING,    SUSPEND,   RUNNING,   true,  true,  false, false, -,          -,          -,              false, false, false",
            "3,  SUSPENDED,  SUSPEND,   SUSPENDED, false, true,  false, false, -,          -,          -,              false, false, false",
            "4,  RUNNING,    TERMINATE, GONE,      true,  true,  false, false, TERMINATED, TERMINATED, BY_THIS_CLIENT, false, false, true",
            "4,  SUSPENDED,  TERMINATE, ENDED,     false, true,  false, false, TERMINATED, TERMINATED, BY_THIS_CLIENT, false, false, true",
            "5,  RUNNING,    TERMINATE, SUSPENDED, true,  true,  false, false, -,          -,          -,              false, false, false",
            "5,  SUSPENDED,  TERMINATE, RUNNING,   false, true,  false, false, -,          -,          -,              false, false, false",
            "6,  RUNNING,    -,         RUNNING,   true,  true,  false, false, -,          -,          -,              false, false, false",
            "6,  FAULTY,     -,         RUNNING,   false, true,  false, false, -,          -,          -,              false, false, false",
            "7,  CONNECTED,  -,         RUNNING,   false, false, true,  true,  RUNNING,    FOUND_RUNNING_AFTER_CONNECT, BY_OTHER_CLIENT, false, false, false",
            "7,  SUSPENDED,  -,         RUNNING,   false, false, false, true,  RUNNING,    FOUND_RUNNING_AFTER_CONNECT, BY_OTHER_CLIENT, false, false, false",
            "8,  STARTING,   -,         RUNNING,   false, true,  true,  false, RUNNING,    STARTED,    BY_THIS_CLIENT, false, true,  false",
            "8,  CONNECTED,  -,         RUNNING,   true,  true,  false, false, RUNNING,    STARTED,    BY_THIS_CLIENT, false, true,  false",
            "9,  RESUMING,   -,         RUNNING,   false, true,  false, false, RUNNING,    RESUMED,    BY_THIS_CLIENT, false, true,  false",
            "9,  SUSPENDED,  -,         RUNNING,   true,  true,  false, false, RUNNING,    RESUMED,    BY_THIS_CLIENT, false, true,  false",
            "10, SUSPENDED,  -,         RUNNING,   false, true,  false, false, RUNNING,    RESUMED,    BY_OTHER_CLIENT, false, false, false",
            "11, CONNECTED,  -,         RUNNING,   false, true,  true,  false, RUNNING,    STARTED,    BY_OTHER_CLIENT, false, false, false",
            "12, CONNECTED,  -,         RUNNING,   false, false, true,  false, RUNNING,    -,          -,              false, false, false",
            "12, CONNECTED,  -,         RUNNING,   false, true,  false, false, RUNNING,    -,          -,              false, false, false",
            "13, RUNNING,    -,         SUSPENDED, true,  true,  false, false, SUSPENDED,  SUSPENDED,  BY_SERVER,      true,  false, false",
            "13, FAULTY,     -,         SUSPENDED, false, true,  false, false, SUSPENDED,  SUSPENDED,  BY_SERVER,      true,  false, false",
            "14, RUNNING,    -,         SUSPENDED, false, false, false, false, SUSPENDED,  -,          -,              true,  false, false",
            "15, CONNECTED,  -,         SUSPENDED, false, true,  true,  false, SUSPENDED,  -,          -,              false, false, false",
            "16, STARTING,   -,         SUSPENDED, false, true,  false, false, -,          -,          -,              false, false, false",
            "16, RESUMING,   -,         SUSPENDED, true,  true,  false, false, -,          -,          -,              false, false, false",
            "17, RUNNING,    -,         GONE,      true,  true,  false, false, TERMINATED, TERMINATED, BY_SERVER,      false, false, true",
            "17, SUSPENDED,  -,         ENDED,     false, true,  false, false, TERMINATED, TERMINATED, BY_SERVER,      false, false, true",
            "17, FAULTY,     -,         GONE,      false, true,  false, false, TERMINATED, TERMINATED, BY_SERVER,      false, false, true",
            "18, CONNECTED,  -,         GONE,      false, true,  true,  false, -,          -,          -,              false, false, false",
            "18, STARTING,   -,         ENDED,     false, true,  false, false, -,          -,          -,              false, false, false",
    })
    void tableRow(int row, SessionState state, OwnOperation own, Listed listed, boolean held, boolean baseline,
                  boolean virgin, boolean newly, SessionState next, SessionEvent.Kind event, EventCause cause,
                  boolean release, boolean ownRun, boolean end) {
        Outcome o = StatusReconciler.decide(new Input(state, own, listed, held, baseline, virgin, newly));
        assertThat(o).isEqualTo(new Outcome(row, next, event, cause, release, ownRun, end));
        if (next != null) {
            assertThat(state.canTransitionTo(next)).as("a row only asks for transitions the life cycle allows").isTrue();
        }
    }
}
