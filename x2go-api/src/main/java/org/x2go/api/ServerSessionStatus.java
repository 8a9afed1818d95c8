package org.x2go.api;

/**
 * The status letter of a server-side session as {@code x2golistsessions} prints it (field 4).
 */
public enum ServerSessionStatus {
    /** {@code R}: an agent runs and a client may be attached. */
    RUNNING('R'),
    /** {@code S}: suspended, no client attached. */
    SUSPENDED('S'),
    /** {@code T}: terminated (normally filtered by the server, handled like "gone"). */
    TERMINATED('T'),
    /** {@code F}: failed (normally filtered by the server). */
    FAILED('F'),
    /** Any other letter; neither running nor suspended. */
    UNKNOWN('?');

    private final char letter;

    ServerSessionStatus(char letter) {
        this.letter = letter;
    }

    /** @return the letter used on the wire ({@code ?} for {@link #UNKNOWN}) */
    public char letter() {
        return letter;
    }

    /**
     * @param text the status field, surrounding whitespace allowed
     * @return the matching status, {@link #UNKNOWN} for anything else
     */
    public static ServerSessionStatus fromLetter(String text) {
        String t = text == null ? "" : text.strip();
        if (t.length() != 1) {
            return UNKNOWN;
        }
        return switch (t.charAt(0)) {
            case 'R' -> RUNNING;
            case 'S' -> SUSPENDED;
            case 'T' -> TERMINATED;
            case 'F' -> FAILED;
            default -> UNKNOWN;
        };
    }
}
