package org.x2go.cli.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.x2go.api.ConnectOptions;
import org.x2go.api.SafeText;
import org.x2go.api.SessionInfo;
import org.x2go.api.SessionList;
import org.x2go.api.SessionProfile;
import org.x2go.api.SessionType;

/**
 * The command's output: session, desktop and profile lists as aligned tables or JSON. Pure functions;
 * every result ends with a line break. The agent cookie is never printed (it authenticates the
 * graphics connection). Tables and lists show server and file text made visible ({@link SafeText}, each
 * cell cut to {@value #MAX_CELL} characters); JSON keeps it exact (escaped as JSON).
 */
public final class Formats {
    /** The longest cell (in characters of the original) a table shows. */
    public static final int MAX_CELL = 1000;

    private static final Pattern COMMAND = Pattern.compile("_st[A-Z](.*)_dp\\d+$");

    private Formats() {
    }

    /**
     * @param name a session name {@code <user>-<display>-<time>_st<T><command>_dp<depth>}
     * @return the command part, empty when the name has none
     */
    public static Optional<String> commandOf(String name) {
        Matcher m = COMMAND.matcher(name);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * @param s a server session
     * @return its status as the word shown in tables and JSON
     */
    static String status(SessionInfo s) {
        return s.status().name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param list the sessions
     * @return a table with a header (NAME, STATUS, DISPLAY, CREATED, PORTS gr/snd/sshfs), or pyhoca-cli's
     *         "No running/suspended sessions found" line
     */
    public static String sessionTable(SessionList list) {
        if (list.sessions().isEmpty()) {
            return "No running/suspended sessions found on X2Go server.\n";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "STATUS", "DISPLAY", "CREATED", "PORTS (gr/snd/sshfs)"});
        for (SessionInfo s : list.sessions()) {
            rows.add(new String[] {s.name(), status(s), String.valueOf(s.display()), s.createdAt(),
                s.graphicsPort() + "/" + s.soundPort() + "/" + s.sshfsPort()});
        }
        return table(rows);
    }

    /**
     * @param connection where the list came from
     * @param list       the sessions
     * @return one JSON object: server, port, username, sessions and skipped lines
     */
    public static String sessionsJson(ConnectOptions connection, SessionList list) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("server", connection.host());
        m.put("port", connection.port());
        m.put("username", connection.username());
        List<Object> sessions = new ArrayList<>();
        list.sessions().forEach(s -> sessions.add(sessionMap(s)));
        m.put("sessions", sessions);
        m.put("skippedLines", list.skippedLines());
        return Json.write(m) + "\n";
    }

    /**
     * @param s a session
     * @return its JSON fields (no cookie)
     */
    public static Map<String, Object> sessionMap(SessionInfo s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("status", status(s));
        m.put("display", s.display());
        m.put("type", s.sessionType().map(SessionType::name).map(n -> n.toLowerCase(Locale.ROOT)).orElse(null));
        m.put("command", commandOf(s.name()).orElse(null));
        m.put("agentPid", s.agentPid());
        m.put("hostname", s.hostname());
        m.put("username", s.username());
        m.put("createdAt", s.createdAt());
        m.put("lastChangedAt", s.lastChangedAt());
        m.put("graphicsPort", s.graphicsPort());
        m.put("soundPort", s.soundPort());
        m.put("sshfsPort", s.sshfsPort());
        return m;
    }

    /**
     * @param desktops shareable desktops ({@code user@display})
     * @return one per line, or pyhoca-cli's "none found" line
     */
    public static String desktopList(List<String> desktops) {
        if (desktops.isEmpty()) {
            return "No X2Go desktop sessions found that are available for desktop sharing.\n";
        }
        StringBuilder sb = new StringBuilder();
        desktops.forEach(d -> sb.append(cell(d)).append('\n'));
        return sb.toString();
    }

    /**
     * @param desktops shareable desktops
     * @return {@code {"desktops":[...]}}
     */
    public static String desktopsJson(List<String> desktops) {
        return Json.write(Map.of("desktops", desktops)) + "\n";
    }

    /**
     * @param profiles session profiles
     * @return a table (ID, NAME, SERVER, USER, PORT, COMMAND), or a "no profiles" line
     */
    public static String profileTable(List<SessionProfile> profiles) {
        if (profiles.isEmpty()) {
            return "No X2Go session profiles found.\n";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "NAME", "SERVER", "USER", "PORT", "COMMAND"});
        for (SessionProfile p : profiles) {
            rows.add(new String[] {p.id(), p.name(), hosts(p), value(p, "user"), value(p, "sshport"),
                value(p, "command")});
        }
        return table(rows);
    }

    /**
     * @param profiles session profiles
     * @return {@code {"profiles":[{"id":..,"name":..,"values":{...}}]}} with every stored value
     */
    public static String profilesJson(List<SessionProfile> profiles) {
        List<Object> l = new ArrayList<>();
        for (SessionProfile p : profiles) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", p.id());
            m.put("name", p.name());
            m.put("values", p.values());
            l.add(m);
        }
        return Json.write(Map.of("profiles", l)) + "\n";
    }

    private static String hosts(SessionProfile p) {
        try {
            return String.join(",", p.hosts());
        } catch (RuntimeException e) {
            return "?"; // a malformed host list must not hide the other profiles
        }
    }

    private static String value(SessionProfile p, String key) {
        try {
            return p.text(key);
        } catch (RuntimeException e) {
            return "?"; // a malformed or unknown value must not hide the other profiles
        }
    }

    /**
     * @param text server or file text
     * @return what a table or list shows of it: visible, bounded
     */
    static String cell(String text) {
        return SafeText.excerpt(text, MAX_CELL);
    }

    /** Left-aligned columns separated by two spaces; the last column is not padded. Cells are made visible. */
    static String table(List<String[]> raw) {
        List<String[]> rows = new ArrayList<>();
        for (String[] r : raw) {
            String[] v = new String[r.length];
            for (int i = 0; i < r.length; i++) {
                v[i] = cell(r[i]);
            }
            rows.add(v);
        }
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < cols; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < cols; i++) {
                if (i == cols - 1) {
                    sb.append(r[i]);
                } else {
                    sb.append(r[i]).append(" ".repeat(width[i] - r[i].length() + 2));
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
