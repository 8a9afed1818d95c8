package org.x2go.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

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

    ServerBehaviour() {
    }

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
        return injectIntoSessionList("perl: warning: Setting locale failed.");
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
