package org.x2go.api;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Facts encoded in an X2Go session name {@code <user>-<display>-<unixtime>_st<T><cmd>_dp<depth>}
 * (spec §0). Pure functions; malformed names give empty results rather than exceptions.
 */
public final class SessionNames {
    private SessionNames() {
    }

    /**
     * @param name a session name
     * @return true when the command part is {@code PUBLISHED} in a rootless session
     */
    public static boolean isPublishedApplicationsProvider(String name) {
        return name != null && name.contains("_stRPUBLISHED_");
    }

    /**
     * @param name a session name
     * @return the type letter's meaning (R with PUBLISHED reported as P), or empty
     */
    public static Optional<SessionType> sessionType(String name) {
        String token = typeToken(name);
        if (token == null || token.length() < 3) {
            return Optional.empty();
        }
        Optional<SessionType> t = SessionType.parse(String.valueOf(token.charAt(2)));
        if (t.isPresent() && t.get() == SessionType.ROOTLESS && isPublishedApplicationsProvider(name)) {
            return Optional.of(SessionType.PUBLISHED);
        }
        return t;
    }

    /**
     * @param name a session name
     * @return the colour depth from the {@code _dp<depth>} token, or empty
     */
    public static OptionalInt colourDepth(String name) {
        if (name == null) {
            return OptionalInt.empty();
        }
        String[] parts = name.split("_", -1);
        if (parts.length < 3 || !parts[2].startsWith("dp")) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(parts[2].substring(2)));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * @param name a session name
     * @return for shadow sessions {@code 0} (view only) or {@code 1} (full access); empty otherwise
     */
    public static OptionalInt shareMode(String name) {
        String token = typeToken(name);
        if (token == null || token.length() < 4 || token.charAt(2) != 'S') {
            return OptionalInt.empty();
        }
        char c = token.charAt(3);
        return c == '0' || c == '1' ? OptionalInt.of(c - '0') : OptionalInt.empty();
    }

    /**
     * @param name a session name
     * @return the timestamp token (between the last {@code -} and the first {@code _}), used for sorting
     */
    public static Optional<String> timestampToken(String name) {
        if (name == null) {
            return Optional.empty();
        }
        int us = name.indexOf('_');
        String head = us < 0 ? name : name.substring(0, us);
        int dash = head.lastIndexOf('-');
        return dash < 0 ? Optional.empty() : Optional.of(head.substring(dash + 1));
    }

    private static String typeToken(String name) {
        if (name == null) {
            return null;
        }
        String[] parts = name.split("_", -1);
        return parts.length < 2 ? null : parts[1];
    }
}
