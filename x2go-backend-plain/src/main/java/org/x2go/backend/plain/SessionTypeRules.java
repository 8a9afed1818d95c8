package org.x2go.backend.plain;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.x2go.api.SessionType;
import org.x2go.api.TerminalParams;

/**
 * Session-type normalisation (spec R-TRM-3, TV-25) and the desktop meta commands (R-DEF-3/4). Pure.
 */
public final class SessionTypeRules {

    /**
     * A normalised session: the type letter sent to the server and the command.
     *
     * @param type    {@code D}, {@code K}, {@code R}, {@code S}, {@code P}, or an unknown type word passed through
     * @param command the command
     */
    public record Kind(String type, String command) {
        /** Validates the fields. */
        public Kind {
            Objects.requireNonNull(type, "type");
            command = Objects.requireNonNullElse(command, "");
        }
    }

    /** Desktop meta command → server binary, NX3-preferred and KDrive-preferred together (R-DEF-3). */
    private static final Map<String, String> META = Map.ofEntries(
            Map.entry("IceWM", "icewm"), Map.entry("KDE", "startkde"), Map.entry("MATE", "mate-session"),
            Map.entry("XFCE", "xfce4-session"), Map.entry("LXDE", "startlxde"), Map.entry("LXQt", "startlxqt"),
            Map.entry("TRINITY", "starttrinity"), Map.entry("CINNAMON", "cinnamon-session-cinnamon2d"),
            Map.entry("GNOME", "gnome-session"), Map.entry("UNITY", "unity"));
    private static final Set<String> GENERIC = Set.of("WWWBROWSER", "MAILCLIENT", "OFFICE", "TERMINAL");

    private SessionTypeRules() {
    }

    /**
     * @param command a command
     * @return true for a desktop meta command key ({@code KDE}, {@code XFCE}, ...)
     */
    public static boolean isMetaCommand(String command) {
        return META.containsKey(command);
    }

    /**
     * @param command a command
     * @return true for a generic application token ({@code TERMINAL}, {@code WWWBROWSER}, ...)
     */
    public static boolean isGenericToken(String command) {
        return GENERIC.contains(command);
    }

    /**
     * @param command a session command
     * @return the binary of a meta command ({@code KDE} → {@code startkde}), otherwise the command itself
     *         (null → empty)
     */
    public static String serverCommand(String command) {
        String c = command == null ? "" : command;
        return META.getOrDefault(c, c);
    }

    /**
     * Normalises a type word and command as python's {@code rewrite_session_type} does (TV-25).
     * Difference: {@code xfreerdp} commands count as RDP (python's {@code xfreedrp} typo never matched,
     * Q-34), and the meta-binary test looks at the base name of the first word only.
     *
     * @param command   the command (null → empty)
     * @param type      the requested type: a letter or a word such as {@code desktop}, {@code application}
     * @param kdrive    whether KDrive is requested
     * @param published whether published applications are requested
     * @param geometry  the geometry ({@code fullscreen} makes RDP a desktop)
     * @return the normalised type and command
     */
    public static Kind normalise(String command, String type, boolean kdrive, boolean published, String geometry) {
        String cmd = command == null ? "" : command;
        if (published && (cmd.isEmpty() || cmd.equals("PUBLISHED"))) {
            return new Kind("P", "PUBLISHED");
        }
        String t = type == null ? "" : type;
        if (cmd.equals("RDP") || cmd.startsWith("rdesktop") || cmd.startsWith("xfreerdp")) {
            t = "fullscreen".equals(geometry) ? "D" : "R";
        } else if (cmd.equals("XDMCP") || META.containsKey(cmd) || META.containsValue(firstWordBaseName(cmd))) {
            t = "desktop";
        }
        String lower = t.toLowerCase(Locale.ROOT);
        String out;
        if (t.equals("D") || (lower.equals("desktop") && !kdrive)) {
            out = "D";
        } else if (t.equals("K") || (lower.equals("desktop") && kdrive)) {
            out = "K";
        } else if (t.equals("S") || lower.equals("shared") || lower.equals("shadow")) {
            out = "S";
        } else if (t.equals("R") || lower.equals("rootless") || lower.equals("application")) {
            out = "R";
        } else if (t.equals("P") || lower.equals("published") || lower.equals("published_applications")) {
            out = "P";
        } else {
            out = t;
        }
        return new Kind(out, cmd);
    }

    /**
     * Typed form: {@link SessionType#KDRIVE} means "desktop with KDrive", {@link SessionType#PUBLISHED}
     * means "published applications".
     *
     * @param p session parameters
     * @return the normalised type and command
     */
    public static Kind normalise(TerminalParams p) {
        SessionType st = p.sessionType();
        return normalise(p.command(), String.valueOf(st.letter()), st == SessionType.KDRIVE,
                st == SessionType.PUBLISHED, p.geometry());
    }

    private static String firstWordBaseName(String cmd) {
        String first = cmd.strip().split("\\s+", 2)[0];
        int slash = first.lastIndexOf('/');
        return slash >= 0 ? first.substring(slash + 1) : first;
    }
}
