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

    /** NX3 pack methods (R-DEF-6): the base list; each {@code %} stands for the digits 0-9. */
    private static final Set<String> PACKS = packs();

    private SessionTypeRules() {
    }

    private static Set<String> packs() {
        String base = "nopack 8 64 256 512 4k 32k 64k 256k 2m 16m 256-rdp 256-rdp-compressed 32k-rdp "
                + "32k-rdp-compressed 64k-rdp 64k-rdp-compressed 16m-rdp 16m-rdp-compressed rfb-hextile rfb-tight "
                + "rfb-tight-compressed 8-tight 64-tight 256-tight 512-tight 4k-tight 32k-tight 64k-tight 256k-tight "
                + "2m-tight 16m-tight 8-jpeg-% 64-jpeg 256-jpeg 512-jpeg 4k-jpeg 32k-jpeg 64k-jpeg 256k-jpeg 2m-jpeg "
                + "16m-jpeg-% 8-png-jpeg-% 64-png-jpeg 256-png-jpeg 512-png-jpeg 4k-png-jpeg 32k-png-jpeg 64k-png-jpeg "
                + "256k-png-jpeg 2m-png-jpeg 16m-png-jpeg-% 8-png-% 64-png 256-png 512-png 4k-png 32k-png 64k-png "
                + "256k-png 2m-png 16m-png-% 16m-rgb-% 16m-rle-%";
        java.util.TreeSet<String> out = new java.util.TreeSet<>();
        for (String p : base.split(" ")) {
            if (p.endsWith("%")) {
                for (int d = 0; d <= 9; d++) {
                    out.add(p.substring(0, p.length() - 1) + d);
                }
            } else {
                out.add(p);
            }
        }
        return java.util.Collections.unmodifiableSet(out);
    }

    /**
     * @param pack an NX pack method
     * @return true when it is one of the 136 methods of R-DEF-6 (python never enforced the list; neither
     *         do we: an unknown method is only warned about)
     */
    public static boolean isKnownPack(String pack) {
        return PACKS.contains(pack);
    }

    /** @return the 136 known pack methods, sorted */
    public static Set<String> knownPacks() {
        return PACKS;
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
