package org.x2go.backend.plain.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeSet;

import org.x2go.api.SafeText;
import org.x2go.api.X2GoTerminalSessionException;

/** Parsers for the small control-session answers (spec §7.2, R-INF-9/10, R-TRM-6). Pure. */
public final class Outputs {
    private static final List<String> PORT_KEYS = List.of("gr_port", "sound_port", "fs_port", "tekictrl_port",
            "tekidata_port");

    private Outputs() {
    }

    /**
     * @param body de-framed output
     * @return its non-blank lines, stripped
     */
    public static List<String> nonBlankLines(String body) {
        List<String> out = new ArrayList<>();
        for (String l : body.split("\n")) {
            String s = l.strip();
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * @param body {@code x2gofeaturelist} output
     * @return the features, sorted, blanks dropped
     */
    public static List<String> features(String body) {
        return List.copyOf(new TreeSet<>(nonBlankLines(body)));
    }

    /**
     * @param body {@code x2goversion} output
     * @return component → version for every line containing {@code :} (text up to the second {@code :})
     */
    public static Map<String, String> versions(String body) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : nonBlankLines(body)) {
            String[] p = line.split(":", -1);
            if (p.length >= 2 && !p[0].strip().isEmpty()) {
                m.put(p[0].strip(), p[1].strip());
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * @param body {@code echo $HOME} output
     * @return the first whitespace-separated token, empty if none
     */
    public static String home(String body) {
        String s = body.strip();
        return s.isEmpty() ? "" : s.split("\\s+", 2)[0];
    }

    /**
     * Ports from {@code x2goresume-session} output.
     *
     * @param graphics graphics port
     * @param sound    sound port, if reported
     * @param sshfs    sshfs port, if reported
     * @param tekiCtrl Telekinesis control port, if reported
     * @param tekiData Telekinesis data port, if reported
     */
    public record ResumePorts(int graphics, OptionalInt sound, OptionalInt sshfs, OptionalInt tekiCtrl,
                              OptionalInt tekiData) {
    }

    /**
     * @param body        de-framed stdout of {@code x2goresume-session}
     * @param stderr      its stderr, for the message
     * @param sessionName the session, for the message
     * @return the ports
     * @throws X2GoTerminalSessionException when {@code gr_port=} is missing or a port is not a number
     *         (python raised a plain value error, Q-38)
     */
    public static ResumePorts resumePorts(String body, String stderr, String sessionName) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String line : nonBlankLines(body)) {
            String[] kv = line.split("=", 2);
            String key = kv[0].strip();
            if (kv.length < 2 || !PORT_KEYS.contains(key)) {
                continue;
            }
            String v = kv[1].strip();
            try {
                ports.put(key, decimalInt(v));
            } catch (NumberFormatException e) {
                // not chained: the JDK's message would quote the whole (unbounded) value
                throw new X2GoTerminalSessionException("x2goresume-session " + SafeText.excerpt(sessionName)
                        + " returned a bad " + key + ": '" + SafeText.excerpt(v, 60) + "'");
            }
        }
        Integer gr = ports.get("gr_port");
        if (gr == null) {
            throw new X2GoTerminalSessionException("x2goresume-session " + SafeText.excerpt(sessionName)
                    + " did not return a graphics port; server said: '" + SafeText.excerpt(stderr.strip()) + "'");
        }
        return new ResumePorts(gr, opt(ports.get("sound_port")), opt(ports.get("fs_port")),
                opt(ports.get("tekictrl_port")), opt(ports.get("tekidata_port")));
    }

    /**
     * Parses a server number strictly: optional {@code -} and ASCII digits only, surrounding blanks allowed.
     * ({@link Integer#parseInt} alone also takes {@code +7} and non-ASCII digits such as {@code ٣}, which no
     * X2Go server writes; such text is junk, not a number.)
     *
     * @param text the text
     * @return the number
     * @throws NumberFormatException when the text is not such a number or does not fit a {@code long}
     */
    public static long decimal(String text) {
        String s = text.strip();
        int start = s.startsWith("-") ? 1 : 0;
        if (s.length() == start) {
            throw new NumberFormatException("not a number");
        }
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException("not a number");
            }
        }
        return Long.parseLong(s);
    }

    /**
     * Like {@link #decimal(String)} for an {@code int}.
     *
     * @param text the text
     * @return the number
     * @throws NumberFormatException when the text is not such a number or does not fit an {@code int}
     */
    public static int decimalInt(String text) {
        long v = decimal(text);
        if (v != (int) v) {
            throw new NumberFormatException("out of range");
        }
        return (int) v;
    }

    private static OptionalInt opt(Integer v) {
        return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }
}
