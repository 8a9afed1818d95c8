package org.x2go.proxy.nx3;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.x2go.api.AgentInfo;
import org.x2go.api.X2GoProxyException;

/**
 * The exact {@code nxproxy} invocation for one session on Unix (spec R-PRX-4, vector TV-27).
 *
 * <p>The command is three argv elements: the binary, {@code -S}, and
 * {@code nx/nx,retry=5,composite=1,connect=127.0.0.1,clipboard=1,cookie=<cookie>,port=<local port>,errors=<dir>/session.err:<display>}.
 * No options file is written on Unix. The environment additions are {@code NX_CLIENT=/bin/true},
 * {@code NX_ROOT=<sessions root>} and {@code DISPLAY=<local X display>}.
 *
 * <p>The option string is comma- and colon-separated and nxproxy does no quoting, so every value
 * that goes into it is checked: a cookie that is not hex, or a path containing {@code ,} or
 * {@code :}, would inject options and is rejected with {@link X2GoProxyException}.
 *
 * @param argv        the full command, binary first
 * @param environment the variables to add to the client's environment
 */
public record Nx3CommandLine(List<String> argv, Map<String, String> environment) {
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");

    /** Copies the fields into immutable collections. */
    public Nx3CommandLine {
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
    }

    /**
     * Builds the command line.
     *
     * @param binary       the {@code nxproxy} executable
     * @param agent        the agent facts (cookie, display number)
     * @param sessionDir   the local session directory ({@code <sessionsRoot>/S-<session>})
     * @param sessionsRoot the local sessions root, exported as {@code NX_ROOT}
     * @param localPort    the local end of the graphics tunnel nxproxy connects to
     * @param xDisplay     the local X display nxproxy draws on, exported as {@code DISPLAY}
     * @return the command line
     * @throws X2GoProxyException when a value would corrupt the option string (names the value)
     */
    public static Nx3CommandLine of(Path binary, AgentInfo agent, Path sessionDir, Path sessionsRoot,
                                    int localPort, String xDisplay) {
        Objects.requireNonNull(binary, "binary");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(sessionDir, "sessionDir");
        Objects.requireNonNull(sessionsRoot, "sessionsRoot");
        Objects.requireNonNull(xDisplay, "xDisplay");
        if (!HEX.matcher(agent.cookie()).matches()) {
            // the cookie is a secret: its value is not echoed
            throw new X2GoProxyException(X2GoProxyException.Reason.BAD_SESSION_DATA,
                    "Agent cookie is not hexadecimal (" + agent.cookie().length() + " characters)");
        }
        if (agent.display() < 0) {
            throw new X2GoProxyException(X2GoProxyException.Reason.BAD_SESSION_DATA,
                    "Agent display number is negative: " + agent.display());
        }
        if (localPort < 1 || localPort > 65535) {
            throw new X2GoProxyException("Local graphics port out of range: " + localPort);
        }
        String errors = sessionDir.resolve("session.err").toString();
        if (errors.indexOf(',') >= 0 || errors.indexOf(':') >= 0) {
            throw new X2GoProxyException("nxproxy cannot take an error log path containing ',' or ':': '"
                    + errors + "'");
        }
        String options = String.join(",",
                "nx/nx",
                "retry=5",
                "composite=1",
                "connect=127.0.0.1",
                "clipboard=1", // python-x2go always sends 1, whatever the profile's clipboard mode (R-PRX-4)
                "cookie=" + agent.cookie(),
                "port=" + localPort,
                "errors=" + errors) + ":" + agent.display();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("NX_CLIENT", "/bin/true");
        env.put("NX_ROOT", sessionsRoot.toString());
        env.put("DISPLAY", xDisplay);
        return new Nx3CommandLine(List.of(binary.toString(), "-S", options), env);
    }

    /** @return the option string (the third argv element) */
    public String optionString() {
        return argv.get(2);
    }
}
