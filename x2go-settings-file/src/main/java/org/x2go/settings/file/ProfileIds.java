package org.x2go.settings.file;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Profile IDs: 20 digits {@code yyyyMMddHHmmss} + microseconds from the UTC clock, the shape python-x2go
 * generates, but with the minutes where python put the month again. A taken ID is avoided by
 * moving on one microsecond, and within one JVM no ID is handed out twice (stores of one file in several threads
 * check only their own copy, so two profiles made in the same microsecond would otherwise merge into one on save).
 * Existing IDs of any shape are accepted elsewhere.
 */
public final class ProfileIds {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSSSSS")
            .withZone(ZoneOffset.UTC);
    private static final int MAX_ATTEMPTS = 1_000_000;
    /** The last instant handed out in this JVM: the next ID is later. */
    private static final java.util.concurrent.atomic.AtomicReference<Instant> LAST =
            new java.util.concurrent.atomic.AtomicReference<>(Instant.MIN);

    private ProfileIds() {
    }

    /**
     * @param instant a time
     * @return its 20-digit ID
     */
    public static String format(Instant instant) {
        return FORMAT.format(instant.truncatedTo(ChronoUnit.MICROS));
    }

    /** A test clock far from the last ID handed out is left alone: only IDs of one moment can collide. */
    private static boolean clockNear(Instant a, Instant b) {
        return java.time.Duration.between(a, b).abs().compareTo(java.time.Duration.ofSeconds(1)) < 0;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /**
     * @param clock the clock (UTC is used whatever its zone)
     * @param taken IDs already in use
     * @return a fresh ID not in use
     */
    public static String generate(Clock clock, Predicate<String> taken) {
        Objects.requireNonNull(taken, "taken");
        Instant t = clock.instant().truncatedTo(ChronoUnit.MICROS);
        for (int i = 0; i < MAX_ATTEMPTS; i++) {
            Instant last = LAST.get();
            Instant candidate = !t.isAfter(last) && clockNear(t, last) ? last.plus(1, ChronoUnit.MICROS) : t;
            if (!LAST.compareAndSet(last, max(last, candidate))) {
                continue; // another thread took an ID meanwhile: look again
            }
            String id = format(candidate);
            if (!taken.test(id)) {
                return id;
            }
            t = candidate.plus(1, ChronoUnit.MICROS);
        }
        throw new IllegalStateException("No free profile ID near " + clock.instant());
    }
}
