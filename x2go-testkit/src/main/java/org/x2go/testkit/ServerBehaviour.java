package org.x2go.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.x2go.testkit.internal.X2GoCommands;

/**
 * Scriptable misbehaviour of a {@link FakeX2GoServer}, as real servers show it: login noise,
 * CRLF line endings, slow commands, dropped connections, warnings and malformed lines inside
 * session lists. Everything is off by default; changes apply to commands received afterwards.
 * Thread-safe.
 */
public final class ServerBehaviour {
    private volatile String noise = "";
    private volatile boolean crlf;
    private final Map<String, Duration> delays = new ConcurrentHashMap<>();
    private final Map<String, Integer> drops = new ConcurrentHashMap<>();
    private final List<String> listNoise = new CopyOnWriteArrayList<>();
    private volatile boolean localeWarning;
    private volatile List<String> features = X2GoCommands.FEATURES;
    private final Set<String> installed = ConcurrentHashMap.newKeySet();
    private final List<String> extraDesktops = new CopyOnWriteArrayList<>();

    ServerBehaviour() {
        installed.addAll(DEFAULT_APPLICATIONS);
    }

    /** Applications {@code which} finds by default (each "runs" instantly and exits 0). */
    public static final List<String> DEFAULT_APPLICATIONS = List.of("xterm", "uxterm", "xclock", "xeyes",
            "x-terminal-emulator", "startkde", "startplasma-x11", "gnome-session", "startxfce4", "startlxde",
            "mate-session", "rdesktop", "setxkbmap");

    /**
     * Prints text on stdout before anything a command prints, as a chatty login script
     * ({@code .bashrc} echo, MOTD) does: it lands before python-x2go's {@code X2GODATABEGIN} marker.
     *
     * @param noise the text (a newline is added when missing); empty to stop
     * @return this
     */
    public ServerBehaviour noiseBeforeOutput(String noise) {
        this.noise = Objects.requireNonNull(noise, "noise");
        return this;
    }

    /**
     * @param crlf whether stdout and stderr use {@code \r\n} line endings
     * @return this
     */
    public ServerBehaviour crlfLineEndings(boolean crlf) {
        this.crlf = crlf;
        return this;
    }

    /**
     * Makes every command line containing {@code fragment} wait before it runs.
     *
     * @param fragment text to look for in the command line
     * @param delay    how long to wait; zero removes the delay
     * @return this
     */
    public ServerBehaviour delayCommand(String fragment, Duration delay) {
        Objects.requireNonNull(fragment, "fragment");
        if (delay.isZero()) {
            delays.remove(fragment);
        } else {
            delays.put(fragment, delay);
        }
        return this;
    }

    /**
     * Closes the whole SSH connection (no exit status, no output) when the next command line
     * containing {@code fragment} arrives. One-shot.
     *
     * @param fragment text to look for in the command line
     * @return this
     */
    public ServerBehaviour dropConnectionOn(String fragment) {
        drops.merge(Objects.requireNonNull(fragment, "fragment"), 1, Integer::sum);
        return this;
    }

    /**
     * Inserts a line into the output of {@code x2golistsessions} (and the shadow/desktop lists)
     * before the first session line, e.g. a locale warning or a malformed session line.
     *
     * @param line the line, without newline
     * @return this
     */
    public ServerBehaviour injectIntoSessionList(String line) {
        listNoise.add(Objects.requireNonNull(line, "line"));
        return this;
    }

    /**
     * Inserts the warning a server prints when the client's locale is missing there.
     *
     * @return this
     */
    public ServerBehaviour localeWarningInSessionList() {
        this.localeWarning = true;
        return this;
    }

    /**
     * @param features the lines {@code x2gofeaturelist} prints (default: the recorded server's 15)
     * @return this
     */
    public ServerBehaviour features(List<String> features) {
        this.features = List.copyOf(features);
        return this;
    }

    /**
     * @param command an application name {@code which} should find (and that "runs" and exits 0)
     * @return this
     */
    public ServerBehaviour installApplication(String command) {
        installed.add(Objects.requireNonNull(command, "command"));
        return this;
    }

    /**
     * @param command an application name {@code which} should no longer find
     * @return this
     */
    public ServerBehaviour uninstallApplication(String command) {
        installed.remove(command);
        return this;
    }

    /**
     * @param desktop an extra {@code user@:display} line for {@code x2golistdesktops} (another user's
     *                session, a local X server)
     * @return this
     */
    public ServerBehaviour addDesktop(String desktop) {
        extraDesktops.add(Objects.requireNonNull(desktop, "desktop"));
        return this;
    }

    /**
     * Inserts a session line with too few fields.
     *
     * @return this
     */
    public ServerBehaviour malformedLineInSessionList() {
        return injectIntoSessionList("12345|broken-line|50|R");
    }

    /** Turns every scripted misbehaviour off. */
    public void reset() {
        noise = "";
        crlf = false;
        delays.clear();
        drops.clear();
        listNoise.clear();
        localeWarning = false;
        features = X2GoCommands.FEATURES;
        installed.clear();
        installed.addAll(DEFAULT_APPLICATIONS);
        extraDesktops.clear();
    }

    /** @return whether the locale warning is injected into session lists */
    public boolean localeWarning() {
        return localeWarning;
    }

    /** @return the feature list */
    public List<String> features() {
        return features;
    }

    /** @return the pretend-installed applications */
    public Set<String> installedApplications() {
        return Set.copyOf(installed);
    }

    /** @return extra desktop lines */
    public List<String> extraDesktops() {
        return List.copyOf(extraDesktops);
    }

    String noise() {
        return noise;
    }

    boolean crlf() {
        return crlf;
    }

    Duration delayFor(String line) {
        Duration d = Duration.ZERO;
        for (Map.Entry<String, Duration> e : delays.entrySet()) {
            if (line.contains(e.getKey()) && e.getValue().compareTo(d) > 0) {
                d = e.getValue();
            }
        }
        return d;
    }

    boolean shouldDrop(String line) {
        for (String f : drops.keySet()) {
            if (line.contains(f)) {
                boolean[] consumed = {false};
                drops.computeIfPresent(f, (k, v) -> {
                    consumed[0] = true;
                    return v > 1 ? v - 1 : null;
                });
                if (consumed[0]) {
                    return true;
                }
            }
        }
        return false;
    }

    /** @return lines to inject into session lists */
    public List<String> sessionListNoise() {
        return List.copyOf(listNoise);
    }
}
