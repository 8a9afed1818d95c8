package org.x2go.backend.plain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

import org.x2go.api.AgentInfo;
import org.x2go.api.SafeText;
import org.x2go.api.TerminalParams;

/**
 * The one place where remote command lines are built (spec §7.2, §8; real-server README §3).
 *
 * <p><b>Quoting.</b> Every value that comes from a user or from the server (session names, commands,
 * paths, keyboard layouts, ...) goes through {@link #quote(String)}: a POSIX single-quote escaper. A
 * value made only of {@code [A-Za-z0-9_@%+=:,./-]} is left bare, so for ordinary values the command
 * lines are byte-identical to python-x2go's; anything else is wrapped in single quotes, with each
 * {@code '} written as {@code '\''}. No value can end a word, start a command or expand anything.
 *
 * <p><b>Framing</b> ({@link #frame}): python-x2go pastes the inner command {@code C} between double
 * quotes without escaping (spec Q-21), so a {@code "}, {@code $} or backtick in a value is
 * interpreted by the login shell. We send
 * <pre>{@code echo X2GODATABEGIN:<id>; PATH=/usr/local/bin:/usr/bin:/bin sh -c '<C, each ' as '\''>'; echo X2GODATAEND:<id>}</pre>
 * i.e. the same shape, but {@code C} is ONE single-quoted argument of {@code sh -c}: the login shell
 * hands {@code C} to {@code sh} byte for byte whatever it contains, and {@code sh} then parses the
 * (individually quoted) words of {@code C}. Where python's double quotes vanished at the login-shell
 * level (e.g. {@code "xterm"} in the {@code x2goruncommand} line) the server receives the same argv.
 *
 * <p><b>Commands with blanks and {@code /}</b> (real-server §8 #22): {@code x2goruncommand} gets the
 * full command (path and arguments kept, python cut it to a basename) with blanks written as
 * {@code X2GO_SPACE_CHAR}, as one quoted argument. {@code x2gostartagent} uses its command argument
 * only for the session name, so it gets one safe token: the base name of the command's first word
 * (python passed the raw text unquoted, which spilled its arguments into the clipboard slot, Q-72).
 *
 * <p><b>Text that cannot be sent.</b> Command lines go to the server as UTF-8. A NUL character cannot be
 * part of any shell word, and an unpaired UTF-16 surrogate has no UTF-8 form (Java's encoder would silently
 * turn it into {@code ?}); both are refused with an {@link IllegalArgumentException} naming the position,
 * never altered. Every other character, including newlines, control characters and non-ASCII text,
 * reaches the server byte for byte.
 *
 * <p>Pure functions; thread-safe.
 */
public final class X2GoCommands {
    /** The {@code PATH} the framed command runs with (python-x2go's). */
    public static final String FRAME_PATH = "/usr/local/bin:/usr/bin:/bin";
    /** What {@code x2goruncommand} turns back into blanks. */
    public static final String SPACE_CHAR = "X2GO_SPACE_CHAR";
    /** Prefix of the begin marker line. */
    public static final String BEGIN_MARKER = "X2GODATABEGIN:";
    /** Prefix of the end marker line. */
    public static final String END_MARKER = "X2GODATAEND:";
    /** Prefix of the section lines in the answer of {@link #connectSetup()}. */
    public static final String SETUP_MARKER = "X2GOSETUP:";

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern MARKER_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private X2GoCommands() {
    }

    // ------------------------------------------------------------------ quoting and framing

    /**
     * Quotes one argument for a POSIX shell.
     *
     * @param value any text without NUL characters or unpaired surrogates
     * @return the value bare when it is made of safe characters only, else single-quoted ({@code ''} for empty)
     * @throws IllegalArgumentException when the value contains a NUL character (no shell can pass it) or an
     *                                  unpaired surrogate (no UTF-8 form); the message names the position
     */
    public static String quote(String value) {
        Objects.requireNonNull(value, "value");
        requireSendable(value, "shell argument");
        if (value.isEmpty()) {
            return "''";
        }
        if (SAFE.matcher(value).matches()) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /**
     * Joins a program name and its quoted arguments with single spaces.
     *
     * @param program a program name (must be a safe token: it is never user input)
     * @param args    arguments, each quoted with {@link #quote(String)}
     * @return the command line
     */
    public static String command(String program, String... args) {
        if (!SAFE.matcher(program).matches()) {
            throw new IllegalArgumentException("program name is not a plain token: " + SafeText.excerpt(program));
        }
        StringBuilder sb = new StringBuilder(program);
        for (String a : args) {
            sb.append(' ').append(quote(a));
        }
        return sb.toString();
    }

    /**
     * Wraps a command in the data markers (spec R-CTL-1; the shape is described in the class comment).
     *
     * @param command the inner command line
     * @param id      the per-call marker ID (letters, digits and {@code -}, e.g. a UUID)
     * @return the string sent to the SSH exec channel
     */
    public static String frame(String command, String id) {
        Objects.requireNonNull(command, "command");
        if (!MARKER_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("marker id must be letters, digits and '-': " + SafeText.excerpt(id));
        }
        return "echo " + BEGIN_MARKER + id + "; PATH=" + FRAME_PATH + " sh -c " + singleQuote(command)
                + "; echo " + END_MARKER + id;
    }

    private static String singleQuote(String s) {
        requireSendable(s, "command");
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Refuses text that cannot reach the server unchanged as UTF-8 (see the class comment). */
    private static void requireSendable(String s, String what) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\0') {
                throw new IllegalArgumentException(what + " contains a NUL character at index " + i + ": "
                        + SafeText.excerpt(s));
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++; // a proper pair: one supplementary character
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(what + " contains an unpaired surrogate U+"
                        + Integer.toHexString(c).toUpperCase(Locale.ROOT) + " at index " + i
                        + " (not encodable as UTF-8): " + SafeText.excerpt(s));
            }
        }
    }

    // ------------------------------------------------------------------ control session (spec §7.2)

    /** @return the feature query */
    public static String features() {
        return "which x2gofeaturelist >/dev/null && x2gofeaturelist";
    }

    /** @return the version query */
    public static String versions() {
        return "which x2goversion >/dev/null && x2goversion";
    }

    /** @return the remote home query ({@code $HOME} is expanded by the remote {@code sh}) */
    public static String remoteHome() {
        return "echo $HOME";
    }

    /**
     * @param home the remote home directory
     * @return the existence check ({@code stat -tL <home>}; python double-quoted the home unescaped)
     */
    public static String homeExists(String home) {
        return command("stat", "-tL", home);
    }

    /**
     * The connect-time set-up in one command (one round trip instead of three): the home directory
     * ({@code $HOME}), its {@code stat -tL} check with its exit status, and the feature list, each section
     * after a {@link #SETUP_MARKER} line: {@code HOME}, {@code STAT}, {@code STATUS <n>}, {@code FEATURES},
     * {@code END}. Only server-side expansions, no client data: nothing to quote. A server whose answer does
     * not have exactly this shape gets {@link #features()}, {@link #remoteHome()} and {@link #homeExists}
     * one after another instead.
     *
     * @return the combined set-up command
     */
    public static String connectSetup() {
        return "echo " + SETUP_MARKER + "HOME; echo \"$HOME\"; echo " + SETUP_MARKER + "STAT; stat -tL \"$HOME\" 2>&1;"
                + " echo \"" + SETUP_MARKER + "STATUS $?\"; echo " + SETUP_MARKER + "FEATURES; " + features()
                + "; echo " + SETUP_MARKER + "END";
    }

    /** @return the liveness probe */
    public static String alive() {
        return "echo";
    }

    /**
     * Prepares a folder mount in one round trip: checks that the server lets the user mount (prints the path of
     * {@code fusermount}, nothing when there is none) and then creates the key file empty and readable by its owner
     * only (or empties an existing one, which keeps its mode), so the key written into it afterwards over SFTP (which
     * keeps the mode of a file it truncates) is never readable by others. The last line is {@link #MOUNT_KEY_READY}
     * only when the key file was made (the control session's framing hides the exit status).
     *
     * @param keyFile the remote key file
     * @return {@code which fusermount && umask 077 && : > <keyFile> && echo x2go-mount-key-ready}
     */
    public static String prepareMountKey(String keyFile) {
        return "which fusermount && umask 077 && : > " + quote(keyFile) + " && echo " + MOUNT_KEY_READY;
    }

    /** What {@link #prepareMountKey} prints last when the key file is ready. */
    public static final String MOUNT_KEY_READY = "x2go-mount-key-ready";

    /**
     * @param withShadowSessions true when the server has feature {@code X2GO_LIST_SHADOWSESSIONS}
     * @return the list command
     */
    public static String listSessions(boolean withShadowSessions) {
        return withShadowSessions
                ? "export HOSTNAME && { x2golistsessions; x2golistshadowsessions; }"
                : "export HOSTNAME && x2golistsessions";
    }

    /** @return the desktop list command */
    public static String listDesktops() {
        return "export HOSTNAME && x2golistdesktops";
    }

    /**
     * @param sessionName a session name
     * @return the mount list command
     */
    public static String listMounts(String sessionName) {
        return "export HOSTNAME && " + command("x2golistmounts", requireName(sessionName));
    }

    /**
     * @param sessionName a session name
     * @return the suspend command
     */
    public static String suspend(String sessionName) {
        return command("x2gosuspend-session", requireName(sessionName));
    }

    /**
     * @param sessionName a session name
     * @return the terminate command
     */
    public static String terminate(String sessionName) {
        return command("x2goterminate-session", requireName(sessionName));
    }

    /** @return the published-applications query */
    public static String publishedApplications() {
        return "which x2gogetapps >/dev/null && x2gogetapps";
    }

    private static String requireName(String sessionName) {
        Objects.requireNonNull(sessionName, "sessionName");
        if (sessionName.isBlank()) {
            // python sent "x2gosuspend-session " with an empty name
            throw new IllegalArgumentException("session name must not be blank");
        }
        return sessionName;
    }

    // ------------------------------------------------------------------ terminal session (spec §8)

    /**
     * The keyboard flag sent to the server: {@code 1} when asked for, or when a keyboard type other than
     * {@code null/null} is set (python's rule), else {@code 0}.
     *
     * @param p session parameters
     * @return {@code "1"} or {@code "0"}
     */
    public static String setKeyboardFlag(TerminalParams p) {
        return p.setKeyboard() || !"null/null".equals(p.kbType()) ? "1" : "0";
    }

    /**
     * @param p session parameters
     * @return the geometry sent: {@code maximize} becomes {@code 1024x768} (python's fallback when no
     *         local X work area is known; callers that know the screen pass {@code WxH} instead)
     */
    public static String geometry(TerminalParams p) {
        return "maximize".equals(p.geometry()) ? "1024x768" : p.geometry();
    }

    /**
     * Builds the {@code x2gostartagent} line (R-TRM-5 step 7):
     * {@code X2GO_XINERAMA=true|false [X2GODPI=<dpi>] x2gostartagent <geometry> <link> <pack>
     * <cache>-depth_<depth> <kblayout> <kbtype> <setkbd> <type> <cmd> [<clipboard>]}; the clipboard is
     * omitted for shadow sessions.
     *
     * @param p    session parameters
     * @param kind the normalised type and command ({@link SessionTypeRules#normalise(TerminalParams)})
     * @return the command line
     */
    public static String startAgent(TerminalParams p, SessionTypeRules.Kind kind) {
        StringBuilder sb = new StringBuilder("X2GO_XINERAMA=").append(p.xinerama() ? "true" : "false");
        OptionalInt dpi = p.dpi();
        if (dpi.isPresent()) {
            sb.append(" X2GODPI=").append(dpi.getAsInt());
        }
        List<String> args = new ArrayList<>(List.of(geometry(p), p.link().wire(), p.pack(),
                p.cacheType() + "-depth_" + p.depth(), p.kbLayout(), p.kbType(), setKeyboardFlag(p),
                kind.type(), startAgentCommandToken(kind)));
        if (!"S".equals(kind.type())) {
            args.add(p.clipboard().wire());
        }
        sb.append(' ').append(command("x2gostartagent", args.toArray(String[]::new)));
        return sb.toString();
    }

    /**
     * The command argument of {@code x2gostartagent} (used by the server only to name the session): shadow
     * specs, {@code PUBLISHED} and upper-case tokens ({@code KDE}, {@code TERMINAL}, {@code RDP}) as they
     * are; any other command reduced to the base name of its first word; empty → {@code TERMINAL}.
     *
     * @param kind normalised type and command
     * @return the token
     */
    public static String startAgentCommandToken(SessionTypeRules.Kind kind) {
        String cmd = kind.command().strip();
        if (cmd.isEmpty()) {
            return "TERMINAL";
        }
        if ("S".equals(kind.type()) || cmd.contains("XSHAD")) {
            return cmd;
        }
        String first = cmd.split("\\s+", 2)[0];
        int slash = first.lastIndexOf('/');
        return slash >= 0 && slash < first.length() - 1 ? first.substring(slash + 1) : first;
    }

    /**
     * Builds the {@code x2goresume-session} line (R-TRM-6):
     * {@code x2goresume-session <name> <geometry> <link> <pack> <kblayout> <kbtype> <setkbd> <clipboard>
     * <True|False>} (xinerama capitalised, as python sends it, Q-37).
     *
     * @param sessionName the session
     * @param p           session parameters
     * @return the command line
     */
    public static String resume(String sessionName, TerminalParams p) {
        return command("x2goresume-session", requireName(sessionName), geometry(p), p.link().wire(), p.pack(),
                p.kbLayout(), p.kbType(), setKeyboardFlag(p), p.clipboard().wire(),
                p.xinerama() ? "True" : "False");
    }

    /**
     * The command text {@code x2goruncommand} gets: a desktop meta command replaced by its binary
     * (R-DEF-3, TV-26), blanks written as {@link #SPACE_CHAR}. Unlike python the text is not cut to a
     * base name when it contains {@code /}.
     *
     * @param command the session command
     * @return the rewritten command (not yet quoted)
     */
    public static String runCommandText(String command) {
        String c = SessionTypeRules.serverCommand(command);
        return c.replace(" ", SPACE_CHAR);
    }

    /**
     * Builds the backgrounded {@code x2goruncommand} line (R-TRM-8):
     * {@code [K=V ...] [PULSE_CLIENTCONFIG=<rc>/.pulse-client.conf] setsid x2goruncommand <display>
     * <agent pid> <name> <sound port> <cmd> <sound system> <type> 1>/dev/null 2>/dev/null & exit}.
     *
     * @param agent           the agent facts
     * @param command         the session command (rewritten by {@link #runCommandText})
     * @param sound           the sound system
     * @param typeLetter      the session type letter (D/K/R/S/P)
     * @param remoteContainer the session's remote directory ({@code <home>/.x2go/C-<name>}), used for pulse
     * @param env             extra environment entries, emitted in iteration order
     * @return the command line
     */
    public static String runCommand(AgentInfo agent, String command, TerminalParams.SoundSystem sound,
                                    String typeLetter, String remoteContainer, Map<String, String> env) {
        StringBuilder sb = new StringBuilder();
        env.forEach((k, v) -> sb.append(assignment(k, v)).append(' '));
        if (sound == TerminalParams.SoundSystem.PULSE) {
            sb.append(assignment("PULSE_CLIENTCONFIG", remoteContainer + "/.pulse-client.conf")).append(' ');
        }
        sb.append("setsid ").append(command("x2goruncommand", String.valueOf(agent.display()),
                String.valueOf(agent.agentPid()), requireName(agent.sessionName()),
                String.valueOf(agent.soundPort()), runCommandText(command), sound.wire(), typeLetter));
        sb.append(" 1>/dev/null 2>/dev/null & exit");
        return sb.toString();
    }

    /**
     * @param name  an environment variable name
     * @param value its value
     * @return {@code NAME=<quoted value>}
     */
    public static String assignment(String name, String value) {
        if (!ENV_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not an environment variable name: " + SafeText.excerpt(name));
        }
        return name + "=" + quote(value);
    }

    /**
     * The keyboard line of R-TRM-7 (python's doubled spaces kept):
     * {@code export DISPLAY=:<display> &&  setxkbmap  -layout <layout> -variant <variant>}; a part is left
     * out when its value is {@code null} or empty.
     *
     * @param display the session's display
     * @param layout  the layout
     * @param variant the variant
     * @return the command line, empty when neither is set
     */
    public static Optional<String> setKeyboard(int display, String layout, String variant) {
        boolean hasLayout = isSet(layout);
        boolean hasVariant = isSet(variant);
        if (!hasLayout && !hasVariant) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder("export DISPLAY=:").append(display).append(" &&  setxkbmap ");
        if (hasLayout) {
            sb.append(" -layout ").append(quote(layout));
        }
        if (hasVariant) {
            sb.append(" -variant ").append(quote(variant));
        }
        return Optional.of(sb.toString());
    }

    private static boolean isSet(String v) {
        return v != null && !v.isEmpty() && !"null".equals(v);
    }

    /**
     * The availability check of R-TRM-4 for a plain program: {@code which <first word> && echo OK}, or for an
     * absolute path {@code test -x <path> && echo OK}. Meta commands, generic tokens ({@code TERMINAL},
     * ...), shadow specs and {@code PUBLISHED} need no check.
     *
     * @param command the session command
     * @return the check, empty when none is needed
     */
    public static Optional<String> commandCheck(String command) {
        String c = command == null ? "" : command.strip();
        if (c.isEmpty() || SessionTypeRules.isMetaCommand(c) || SessionTypeRules.isGenericToken(c)
                || c.contains("XSHAD") || c.equals("PUBLISHED") || c.equals("RDP") || c.equals("XDMCP")) {
            return Optional.empty();
        }
        String first = c.split("\\s+", 2)[0];
        if (first.startsWith("/")) {
            return Optional.of(command("test", "-x", first) + " && echo OK");
        }
        return Optional.of(command("which", first) + " && echo OK");
    }

    /**
     * Replaces the macros {@code X2GO_USER} and {@code X2GO_PASSWORD} (TV-17); without a password the
     * password macro stays literal.
     *
     * @param command  a command
     * @param user     the SSH user
     * @param password the password, if known
     * @return the rewritten command
     */
    public static String rewriteMacros(String command, String user, Optional<String> password) {
        String c = command.replace("X2GO_USER", user);
        return password.map(pw -> c.replace("X2GO_PASSWORD", pw)).orElse(c);
    }

    // ------------------------------------------------------------------ folder sharing (R-TRM-15/16, TV-55)

    /** What a shared folder is used for; selects the path suffix. */
    public enum FolderType {
        /** A plain shared folder. */
        DISK(""),
        /** The print spool folder. */
        SPOOL("__PRINT_SPOOL_"),
        /** The MIME box folder. */
        MIMEBOX("__MIMEBOX_SPOOL_");

        private final String infix;

        FolderType(String infix) {
            this.infix = infix;
        }

        /**
         * @param sshfsPort the session's sshfs port
         * @return the suffix appended to the folder path
         */
        public String suffix(int sshfsPort) {
            return infix + "__REVERSESSH_PORT__" + sshfsPort;
        }
    }

    /**
     * The folder-sharing line of R-TRM-15 (TV-55):
     * {@code [export X2GO_ICONV=... && ]export HOSTNAME && x2gomountdirs dir <name> <user> <keyfile>
     * <path><suffix>;  rm -f <keyfile> <keyfile>.ident}.
     *
     * @param type        folder type
     * @param sessionName the session
     * @param localUser   the local user name
     * @param keyFile     the remote key file ({@code <home>/.x2go/ssh/key.z<pid>})
     * @param path        the (server-visible) folder path
     * @param sshfsPort   the session's sshfs port
     * @param iconv       {@code from_code,to_code} pair when encodings are converted
     * @return the command line
     */
    public static String mountDirs(FolderType type, String sessionName, String localUser, String keyFile,
                                   String path, int sshfsPort, Optional<Map.Entry<String, String>> iconv) {
        StringBuilder sb = new StringBuilder();
        iconv.ifPresent(e -> sb.append("export ").append(assignment("X2GO_ICONV",
                "modules=iconv,from_code=" + e.getKey() + ",to_code=" + e.getValue())).append(" && "));
        sb.append("export HOSTNAME && ").append(command("x2gomountdirs", "dir", requireName(sessionName), localUser,
                keyFile, path + type.suffix(sshfsPort)));
        sb.append(";  ").append(command("rm", "-f", keyFile, keyFile + ".ident"));
        return sb.toString();
    }

    /**
     * @param sessionName the session
     * @param localPath   one folder to unmount, or empty for all
     * @return the unmount line of R-TRM-16
     */
    public static String umountSession(String sessionName, Optional<String> localPath) {
        List<String> args = new ArrayList<>(List.of(requireName(sessionName)));
        localPath.ifPresent(args::add);
        return "export HOSTNAME && " + command("x2goumount-session", args.toArray(String[]::new));
    }
}
