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
 *
 * <p>Faults for transport tests pick commands by a fragment of their command line and last until
 * {@link #clearFault(String)} or {@link #reset()}: {@link #floodStdout(String)},
 * {@link #floodStderr(String)}, {@link #hang(String)}, {@link #dropConnectionMidCommand(String)},
 * {@link #trickle(String, int, Duration)} and {@link #omitEndMarker(String)}. When several fragments
 * match one line, the one set last wins. Thread-safe.
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
    private final Map<String, Fault> faults = new java.util.LinkedHashMap<>();

    ServerBehaviour() {
        installed.addAll(DEFAULT_APPLICATIONS);
    }

    /**
     * Applications {@code which} finds by default (each "runs" instantly and exits 0). {@code fusermount} and
     * {@code sshfs} let folder sharing work; uninstall them to play a server that does not allow it.
     */
    public static final List<String> DEFAULT_APPLICATIONS = List.of("xterm", "uxterm", "xclock", "xeyes",
            "x-terminal-emulator", "startkde", "startplasma-x11", "gnome-session", "startxfce4", "startlxde",
            "mate-session", "rdesktop", "setxkbmap", "fusermount", "sshfs");

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

    /** The misbehaviour of a command picked by {@link ServerBehaviour}'s fault methods. */
    enum FaultKind {
        FLOOD_STDOUT, FLOOD_STDERR, HANG, DROP_MID_COMMAND, TRICKLE, OMIT_END_MARKER
    }

    /**
     * A scripted fault.
     *
     * @param kind     what happens
     * @param chunk    bytes per chunk ({@link FaultKind#TRICKLE} only)
     * @param interval pause before each chunk ({@link FaultKind#TRICKLE} only)
     */
    record Fault(FaultKind kind, int chunk, Duration interval) {
    }

    /** Upper bound of one flood, so a client that never closes its channel cannot keep a server thread forever. */
    public static final long FLOOD_MAX_BYTES = 4L * 1024 * 1024 * 1024;

    /** Upper bound of a hang, for the same reason. */
    public static final Duration HANG_MAX = Duration.ofMinutes(10);

    /**
     * Makes every command line containing {@code fragment} write endless output to stdout instead of
     * running, until the client closes the channel (at most {@link #FLOOD_MAX_BYTES}): a server or
     * login script gone mad. The command never exits on its own.
     *
     * @param fragment text to look for in the command line
     * @return this
     */
    public ServerBehaviour floodStdout(String fragment) {
        return fault(fragment, new Fault(FaultKind.FLOOD_STDOUT, 0, Duration.ZERO));
    }

    /**
     * Like {@link #floodStdout(String)} on stderr; stdout stays silent.
     *
     * @param fragment text to look for in the command line
     * @return this
     */
    public ServerBehaviour floodStderr(String fragment) {
        return fault(fragment, new Fault(FaultKind.FLOOD_STDERR, 0, Duration.ZERO));
    }

    /**
     * Makes every command line containing {@code fragment} hang silently: no output, no exit status, until
     * the client closes the channel or the connection (at most {@link #HANG_MAX}).
     *
     * @param fragment text to look for in the command line
     * @return this
     */
    public ServerBehaviour hang(String fragment) {
        return fault(fragment, new Fault(FaultKind.HANG, 0, Duration.ZERO));
    }

    /**
     * Makes every command line containing {@code fragment} run and send the first half of its stdout
     * (at least one byte when there is any), then close the whole SSH connection without an exit status,
     * as a network failure in the middle of a reply does.
     *
     * @param fragment text to look for in the command line
     * @return this
     */
    public ServerBehaviour dropConnectionMidCommand(String fragment) {
        return fault(fragment, new Fault(FaultKind.DROP_MID_COMMAND, 0, Duration.ZERO));
    }

    /**
     * Makes every command line containing {@code fragment} run, then send its stdout in chunks of
     * {@code chunkBytes}, each after a pause of {@code interval} (a slow or congested link); stderr and
     * the exit status follow unchanged.
     *
     * @param fragment   text to look for in the command line
     * @param chunkBytes bytes per chunk, at least 1
     * @param interval   pause before each chunk, not negative
     * @return this
     * @throws IllegalArgumentException when {@code chunkBytes} or {@code interval} is out of range
     */
    public ServerBehaviour trickle(String fragment, int chunkBytes, Duration interval) {
        if (chunkBytes < 1) {
            throw new IllegalArgumentException("chunkBytes must be positive: " + chunkBytes);
        }
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must not be negative: " + interval);
        }
        return fault(fragment, new Fault(FaultKind.TRICKLE, chunkBytes, interval));
    }

    /**
     * Makes every command line containing {@code fragment} run but drop each stdout line that starts
     * with python-x2go's end marker {@code X2GODATAEND:}, as when the reply is cut off: the exit status
     * is still sent.
     *
     * @param fragment text to look for in the command line
     * @return this
     */
    public ServerBehaviour omitEndMarker(String fragment) {
        return fault(fragment, new Fault(FaultKind.OMIT_END_MARKER, 0, Duration.ZERO));
    }

    /**
     * Removes the fault set for exactly this fragment, if any.
     *
     * @param fragment the fragment a fault method was given
     * @return this
     */
    public ServerBehaviour clearFault(String fragment) {
        synchronized (faults) {
            faults.remove(fragment);
        }
        return this;
    }

    private ServerBehaviour fault(String fragment, Fault fault) {
        Objects.requireNonNull(fragment, "fragment");
        synchronized (faults) {
            // re-insert so that the fault set last comes last in iteration order and wins
            faults.remove(fragment);
            faults.put(fragment, fault);
        }
        return this;
    }

    /** @return the fault for this command line, or null; the one set last wins */
    Fault faultFor(String line) {
        Fault found = null;
        synchronized (faults) {
            for (Map.Entry<String, Fault> e : faults.entrySet()) {
                if (line.contains(e.getKey())) {
                    found = e.getValue();
                }
            }
        }
        return found;
    }

    /** Turns every scripted misbehaviour off. */
    public void reset() {
        synchronized (faults) {
            faults.clear();
        }
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
