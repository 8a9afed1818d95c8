package org.x2go.api;

import java.util.Locale;
import java.util.Optional;

/**
 * X2Go session types: the {@code T} in {@code _st<T><command>} of a session name (spec §0).
 */
public enum SessionType {
    /** {@code D}: full desktop through NX. */
    DESKTOP('D'),
    /** {@code K}: full desktop through KDrive. */
    KDRIVE('K'),
    /** {@code R}: rootless, single application. */
    ROOTLESS('R'),
    /** {@code S}: shadow session (desktop sharing). */
    SHADOW('S'),
    /** {@code P}: published-applications provider (a rootless session running {@code PUBLISHED}). */
    PUBLISHED('P');

    private final char letter;

    SessionType(char letter) {
        this.letter = letter;
    }

    /** @return the one-letter code sent to {@code x2gostartagent} */
    public char letter() {
        return letter;
    }

    /**
     * Maps a letter or one of python-x2go's type words ({@code desktop}, {@code application},
     * {@code rootless}, {@code shared}, {@code shadow}, {@code published}, ...) to a type.
     *
     * @param text letter or word, case-insensitive
     * @return the type, empty when the text names none
     */
    public static Optional<SessionType> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "d", "desktop" -> DESKTOP;
            case "k", "kdrive" -> KDRIVE;
            case "r", "rootless", "application" -> ROOTLESS;
            case "s", "shared", "shadow" -> SHADOW;
            case "p", "published", "published_applications" -> PUBLISHED;
            default -> null;
        });
    }

    /** @return true for {@link #DESKTOP} and {@link #KDRIVE} */
    public boolean isDesktop() {
        return this == DESKTOP || this == KDRIVE;
    }
}
