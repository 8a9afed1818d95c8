package org.x2go.registry.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.x2go.api.SessionState;
import org.x2go.api.SessionSummary;

/**
 * Sessions that ended recently, as they were when they ended, oldest first: at most {@code max}, none
 * older than {@code keep}. Not thread-safe: called under the registry's write lock (a query prunes
 * expired entries). Internal to x2go-registry.
 */
public final class EndedSessions {
    private final ArrayDeque<Ended> ended = new ArrayDeque<>();
    private final Clock clock;
    private final Duration keep;
    private final int max;

    /**
     * @param clock time source
     * @param keep  how long an ended session is kept
     * @param max   how many are kept at most
     */
    public EndedSessions(Clock clock, Duration keep, int max) {
        this.clock = clock;
        this.keep = keep;
        this.max = max;
    }

    /** @param r a record whose session just ended, before it is recycled */
    public void add(SessionRecord r) {
        expire();
        ended.addLast(new Ended(new SessionSummary(r.uuid, r.profileId(), r.profileName(), r.sessionName(),
                SessionState.TERMINATED, false, false, r.server, Optional.ofNullable(r.info)), clock.instant()));
        while (ended.size() > max) {
            ended.removeFirst();
        }
    }

    /**
     * @param profileName only this profile name's sessions; null for all
     * @return the ended sessions still kept, oldest first
     */
    public List<SessionSummary> list(String profileName) {
        expire();
        List<SessionSummary> out = new ArrayList<>();
        for (Ended e : ended) {
            if (profileName == null || e.summary().profileName().equals(profileName)) {
                out.add(e.summary());
            }
        }
        return out;
    }

    private void expire() {
        Instant oldest = clock.instant().minus(keep);
        while (!ended.isEmpty() && ended.peekFirst().at().isBefore(oldest)) {
            ended.removeFirst();
        }
    }

    private record Ended(SessionSummary summary, Instant at) {
    }
}
