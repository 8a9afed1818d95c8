package org.x2go.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.function.IntFunction;

/**
 * The deterministic inputs of the benchmark workloads W1–W5, generated exactly as
 * {@code shared/bench/WORKLOADS.md} §1 defines them, so that this harness and python-x2go's
 * ({@code bench/python/gen.py}) parse and register byte-identical data. The SHA-256 of every
 * generated text is pinned by {@code WorkloadInputsTest}.
 */
public final class Workloads {

    /** The remote user of every generated session. */
    public static final String USER = "x2gotest";
    /** Unix time of index 0 (2026-11-21T23:45:31 UTC). */
    public static final long BASE_EPOCH = 1795304731L;
    /** Agent PID of index 0. */
    public static final int BASE_PID = 29702;
    /** Display of index 0. */
    public static final int BASE_DISPLAY = 50;
    /** Graphics port of index 0; sound and sshfs follow. */
    public static final int BASE_PORT = 30001;
    /** Number of bench profiles. */
    public static final int PROFILES = 10;

    private static final String[] COMMANDS = {"Rxterm", "DKDE", "DXFCE", "RTERMINAL", "DLXDE"};
    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private Workloads() {
    }

    /**
     * Status patterns of WORKLOADS.md §1.2: the status letter of index i, or null when the session
     * is gone from the list.
     */
    public enum Pattern {
        /** W1 and W5: {@code S} if i mod 4 = 3, else {@code R}. */
        W1(i -> i % 4 == 3 ? "S" : "R"),
        /** W4 before: all running. */
        W4_BEFORE(i -> "R"),
        /** W4 after: gone if i mod 20 = 19, {@code S} if i mod 10 = 4, else {@code R}. */
        W4_AFTER(i -> i % 20 == 19 ? null : i % 10 == 4 ? "S" : "R");

        private final IntFunction<String> status;

        Pattern(IntFunction<String> status) {
            this.status = status;
        }

        /**
         * @param i a session index
         * @return its status letter, null when it is not listed
         */
        public String status(int i) {
            return status.apply(i);
        }
    }

    /** The state of W3 fixture record i (WORKLOADS.md §1.2). */
    public enum W3State {
        /** k ≤ 4 (50 %). */
        RUNNING,
        /** 5 ≤ k ≤ 7 (30 %). */
        SUSPENDED,
        /** k ≥ 8 (20 %): left as registration leaves it. */
        REGISTERED_ONLY;

        /**
         * @param i a record index
         * @return its state, k = ⌊i/10⌋ mod 10
         */
        public static W3State of(int i) {
            int k = (i / 10) % 10;
            return k <= 4 ? RUNNING : k <= 7 ? SUSPENDED : REGISTERED_ONLY;
        }
    }

    /** Profiles whose ID, name and server text are made once and shared (an application holds its profiles). */
    private static final int CACHED_PROFILES = 100;
    private static final String[] PROFILE_IDS = new String[CACHED_PROFILES];
    private static final String[] PROFILE_NAMES = new String[CACHED_PROFILES];
    private static final String[] SERVER_NAMES = new String[CACHED_PROFILES];

    static {
        for (int p = 0; p < CACHED_PROFILES; p++) {
            PROFILE_IDS[p] = String.format("2026112123450000%04d", p);
            PROFILE_NAMES[p] = String.format("bench-profile-%02d", p);
            SERVER_NAMES[p] = String.format("bench-server-%02d", p);
        }
    }

    /**
     * @param p a profile number 0…9 (the guardian benchmark uses up to 99)
     * @return its 20-digit ID, {@code 2026112123450000} followed by p as 4 digits; one shared instance
     *         per profile, so the timed regions do not format text
     */
    public static String profileId(int p) {
        return p < CACHED_PROFILES ? PROFILE_IDS[p] : String.format("2026112123450000%04d", p);
    }

    /**
     * @param p a profile number
     * @return {@code bench-profile-0p}
     */
    public static String profileName(int p) {
        return p < CACHED_PROFILES ? PROFILE_NAMES[p] : String.format("bench-profile-%02d", p);
    }

    /**
     * @param p a profile number
     * @return {@code bench-server-0p}
     */
    public static String serverName(int p) {
        return p < CACHED_PROFILES ? SERVER_NAMES[p] : String.format("bench-server-%02d", p);
    }

    /**
     * @param i a session index
     * @return {@code x2gotest-<50+i>-<E>_st<C>_dp24}
     */
    public static String sessionName(int i) {
        return USER + "-" + (BASE_DISPLAY + i) + "-" + (BASE_EPOCH + 60L * i) + "_st" + COMMANDS[i % 5] + "_dp24";
    }

    /**
     * @param i a session index
     * @return the lower-case hex MD5 of {@code x2go-bench-cookie-<i>}
     */
    public static String cookie(int i) {
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest(("x2go-bench-cookie-" + i).getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is a mandatory JDK algorithm", e);
        }
    }

    /**
     * One {@code x2golistsessions} line (16 fields, no line end).
     *
     * @param i      the session index
     * @param status the status letter
     * @param host   the server host name (field 3)
     * @return the line
     */
    public static String line(int i, String status, String host) {
        long epoch = BASE_EPOCH + 60L * i;
        return String.join("|",
                Integer.toString(BASE_PID + i),
                sessionName(i),
                Integer.toString(BASE_DISPLAY + i),
                host,
                status,
                ISO.format(Instant.ofEpochSecond(epoch)),
                cookie(i),
                "127.0.0.1",
                Integer.toString(BASE_PORT + 3 * i),
                Integer.toString(BASE_PORT + 3 * i + 1),
                ISO.format(Instant.ofEpochSecond(epoch + 1)),
                USER,
                Integer.toString(3 + i % 600),
                Integer.toString(BASE_PORT + 3 * i + 2),
                "-1",
                "-1");
    }

    /**
     * The list text for indices 0…n−1: listed lines in index order, each followed by {@code \n}.
     *
     * @param n       how many indices
     * @param pattern which status each index has (or whether it is gone)
     * @param host    the server host name of every line
     * @return the text
     */
    public static String listText(int n, Pattern pattern, String host) {
        StringBuilder sb = new StringBuilder(n * 190);
        for (int i = 0; i < n; i++) {
            String st = pattern.status(i);
            if (st != null) {
                sb.append(line(i, st, host)).append('\n');
            }
        }
        return sb.toString();
    }

    /** @return the ten profiles as x2goclient's {@code sessions} file (WORKLOADS.md §1.4) */
    public static String sessionsIni() {
        StringBuilder sb = new StringBuilder();
        for (int p = 0; p < PROFILES; p++) {
            sb.append('[').append(profileId(p)).append("]\nname=").append(profileName(p)).append("\nhost=")
                    .append(serverName(p)).append("\nuser=").append(USER).append("\ncommand=xterm\nrootless=true\n\n");
        }
        return sb.toString();
    }

    /**
     * @param text any text
     * @return the lower-case hex SHA-256 of its UTF-8 bytes
     */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a mandatory JDK algorithm", e);
        }
    }

    /**
     * W1's port checksum: Σ over i &lt; n of graphics + sound + sshfs port = Σ (3·(30001+3i) + 3).
     *
     * @param n the list size
     * @return the expected sum
     */
    public static long expectedPortSum(int n) {
        long s = 0;
        for (int i = 0; i < n; i++) {
            s += 3L * (BASE_PORT + 3L * i) + 3;
        }
        return s;
    }

    /**
     * @param n       the number of indices
     * @param pattern a pattern
     * @param letter  a status letter
     * @return how many of 0…n−1 have that letter under the pattern
     */
    public static int count(int n, Pattern pattern, String letter) {
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (letter.equals(pattern.status(i))) {
                c++;
            }
        }
        return c;
    }

    /**
     * @param n the number of indices
     * @return how many of 0…n−1 are gone under {@link Pattern#W4_AFTER}
     */
    public static int countGone(int n) {
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (Pattern.W4_AFTER.status(i) == null) {
                c++;
            }
        }
        return c;
    }
}
