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
 * moving on one microsecond. Existing IDs of any shape are accepted elsewhere.
 */
public final class ProfileIds {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSSSSS")
            .withZone(ZoneOffset.UTC);
    private static final int MAX_ATTEMPTS = 1_000_000;

    private ProfileIds() {
    }

    /**
     * @param instant a time
     * @return its 20-digit ID
     */
    public static String format(Instant instant) {
        return FORMAT.format(instant.truncatedTo(ChronoUnit.MICROS));
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
            String id = format(t);
            if (!taken.test(id)) {
                return id;
            }
            t = t.plus(1, ChronoUnit.MICROS);
        }
        throw new IllegalStateException("No free profile ID near " + clock.instant());
    }
}
