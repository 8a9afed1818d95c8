package org.x2go.cli.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.x2go.api.BackendKind;
import org.x2go.api.ConnectOptions;
import org.x2go.api.HostKeyPolicy;
import org.x2go.api.HttpProxy;
import org.x2go.api.JumpHost;
import org.x2go.api.NxPack;
import org.x2go.api.PrintAction;
import org.x2go.api.ProfileSessionParameters;
import org.x2go.api.SafeText;
import org.x2go.api.SessionType;
import org.x2go.api.X2GoProfileException;
import org.x2go.api.TerminalParams;
import org.x2go.cli.CliEnvironment;
import org.x2go.cli.ExitStatus;

/**
 * One validated {@code x2go} command line: the {@link Mode}, the warnings about accepted but
 * unsupported options, and the methods that turn the options (over a session profile's values, when
 * {@code -P} is given) into {@link ConnectOptions} and {@link TerminalParams}. Options that were not
 * given fall back to the profile, then to pyhoca-cli's defaults. Immutable after {@link #of}.
 */
public final class Invocation {
    /** The default of {@code --geometry} (pyhoca-cli's). */
    public static final String DEFAULT_GEOMETRY = "800x600";
    /** The default of {@code --command} (pyhoca-cli's). */
    public static final String DEFAULT_COMMAND = "xterm";
    /** The largest {@code --connect-timeout} (the library's default is 20 s). */
    public static final Duration MAX_CONNECT_TIMEOUT = Duration.ofHours(1);
    /** The default status poll interval while attached (pyhoca-cli polls every 2 s). */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);

    private final Options o;
    private final CliEnvironment env;
    private final Mode mode;
    private final List<String> warnings;
    private final Duration connectTimeout;

    private Invocation(Options o, CliEnvironment env, Mode mode, List<String> warnings, Duration connectTimeout) {
        this.o = o;
        this.env = env;
        this.mode = mode;
        this.warnings = List.copyOf(warnings);
        this.connectTimeout = connectTimeout;
    }

    /**
     * Validates parsed options (pyhoca-cli's rules, with its exit codes where it has them).
     *
     * @param o   the parsed options
     * @param env the environment ({@code --from-stdin} reads its input)
     * @return the invocation
     * @throws UsageException naming the bad option
     */
    static Invocation of(Options o, CliEnvironment env) {
        if (o.brokerUrl != null || o.brokerPassword != null) {
            throw new UsageException(ExitStatus.NOT_SUPPORTED, "X2Go session brokers (-B/--broker-url) are not supported");
        }
        if (o.fromStdin) {
            readFromStdin(o, env);
        }
        if (o.host != null && o.server != null && !o.host.equals(o.server)) {
            throw new UsageException(ExitStatus.USAGE, "two servers given: --server " + o.server + " and host " + o.host);
        }
        if (o.server == null) {
            o.server = o.host;
        }
        int modes = count(o.newSession, o.resume != null, o.shareDesktop != null, o.suspend != null,
                o.terminate != null, o.listSessions, o.listDesktops, o.listProfiles);
        if (modes > 1) {
            throw new UsageException(ExitStatus.USAGE, "modes --new, --resume, --share-desktop, --suspend, --terminate,"
                    + " --list-sessions, --list-desktops and --list-profiles are mutually exclusive");
        }
        Mode mode;
        if (o.listSessions) {
            mode = new Mode.ListSessions();
        } else if (o.listDesktops) {
            mode = new Mode.ListDesktops();
        } else if (o.listProfiles) {
            mode = new Mode.ListProfiles();
        } else if (o.resume != null) {
            mode = new Mode.Resume(requireName(o.resume, "--resume"));
        } else if (o.suspend != null) {
            mode = new Mode.Suspend(requireName(o.suspend, "--suspend"));
        } else if (o.terminate != null) {
            mode = new Mode.Terminate(requireName(o.terminate, "--terminate"));
        } else if (o.shareDesktop != null) {
            mode = new Mode.ShareDesktop(o.shareDesktop);
        } else {
            mode = new Mode.NewSession(o.tryResume);
        }
        if (mode.needsServer() && o.server == null && o.sessionProfile == null) {
            throw new UsageException(ExitStatus.USAGE, "argument --server (or --session-profile) is required");
        }
        if (o.pack != null && !NxPack.isValid(o.pack)) {
            throw new UsageException(ExitStatus.BAD_PACK, "unknown pack method '" + o.pack
                    + "' (see x2go --help for the valid ones, e.g. 16m-jpeg-9)");
        }
        if (o.remoteSshPort != null && o.port != null && !o.remoteSshPort.equals(o.port)) {
            throw new UsageException(ExitStatus.USAGE, "two SSH ports given: -p " + o.remoteSshPort + " and --port " + o.port);
        }
        for (Integer p : new Integer[] {o.remoteSshPort, o.port}) {
            if (p != null && (p < 1 || p > 65535)) {
                throw new UsageException(ExitStatus.USAGE, "SSH port out of range 1..65535: " + p);
            }
        }
        Path key = o.sshPrivkey != null ? o.sshPrivkey : o.sshKey;
        if (key != null) {
            checkKeyFile(key, Files::isReadable);
        }
        Duration connectTimeout = o.connectTimeout == null ? null : connectTimeout(o.connectTimeout);
        if (o.authAttempts != null) {
            try {
                if (Integer.parseInt(o.authAttempts.strip()) < 0) {
                    throw new NumberFormatException("negative");
                }
            } catch (NumberFormatException e) {
                throw new UsageException(ExitStatus.USAGE, "value for cmd line argument --auth-attempts has to be of type integer: '"
                        + o.authAttempts + "'");
            }
        }
        if (o.jumpHost != null) {
            try {
                JumpHost.parse(o.jumpHost, "user");
            } catch (IllegalArgumentException e) {
                throw new UsageException(ExitStatus.USAGE, "-J/--jump-host: " + e.getMessage());
            }
        }
        if (o.httpProxy != null) {
            httpProxy(o.httpProxy);
        }
        if (o.sound != null) {
            sound(o.sound);
        }
        if (o.useSound != null && !o.useSound.equals("yes") && !o.useSound.equals("no")) {
            throw new UsageException(ExitStatus.USAGE, "--use-sound must be yes or no: '" + o.useSound + "'");
        }
        if (o.link != null) {
            link(o.link);
        }
        if (o.sessionType != null) {
            sessionType(o.sessionType);
        }
        if (o.sshBackend != null && o.sshBackend.isBlank()) {
            throw new UsageException(ExitStatus.USAGE, "--ssh-backend must name a backend (JSCH or SSHJ)");
        }
        if (o.pollIntervalMillis != null && o.pollIntervalMillis < 10) {
            throw new UsageException(ExitStatus.USAGE, "--poll-interval must be at least 10 ms: " + o.pollIntervalMillis);
        }
        Invocation inv = new Invocation(o, env, mode, warnings(o), connectTimeout);
        inv.terminalParams(TerminalParams.builder().build()); // a bad --geometry etc. fails before connecting
        inv.shareFolders(); // and so do an empty -F entry and an unknown --print-action
        inv.printAction();
        return inv;
    }

    /**
     * {@code -i FILE}: says what is wrong with it (pyhoca-cli's exit code 30 for each case).
     *
     * @param key      the key file given
     * @param readable whether the process may read a path (injected: root reads every file)
     * @throws UsageException naming the file and the problem
     */
    static void checkKeyFile(Path key, java.util.function.Predicate<Path> readable) {
        String problem;
        if (Files.isDirectory(key)) {
            problem = "is a directory, not a key file";
        } else if (!Files.exists(key)) {
            problem = "file does not exist.";
        } else if (!Files.isRegularFile(key)) {
            problem = "is not a regular file";
        } else if (!readable.test(key)) {
            problem = "file is not readable (check its permissions)";
        } else {
            return;
        }
        throw new UsageException(ExitStatus.KEY_FILE_MISSING, "SSH private key " + key + " " + problem);
    }

    /** {@code --connect-timeout SECONDS}: seconds with up to 3 decimals, more than 0, at most {@link #MAX_CONNECT_TIMEOUT}. */
    private static Duration connectTimeout(String value) {
        String v = value.strip();
        if (!v.matches("\\d{1,7}(\\.\\d{1,3})?")) {
            throw new UsageException(ExitStatus.USAGE, "--connect-timeout must be a number of seconds such as 20 or 2.5: '"
                    + value + "'");
        }
        Duration d = Duration.ofMillis(new java.math.BigDecimal(v).movePointRight(3).longValueExact());
        if (d.isZero() || d.compareTo(MAX_CONNECT_TIMEOUT) > 0) {
            throw new UsageException(ExitStatus.USAGE, "--connect-timeout must be more than 0 and at most "
                    + MAX_CONNECT_TIMEOUT.toSeconds() + " seconds: '" + value + "'");
        }
        return d;
    }

    private static String requireName(String name, String option) {
        if (name.isBlank()) {
            throw new UsageException(ExitStatus.USAGE, option + " needs a session name");
        }
        return name.strip();
    }

    private static int count(boolean... flags) {
        int n = 0;
        for (boolean f : flags) {
            n += f ? 1 : 0;
        }
        return n;
    }

    private static List<String> warnings(Options o) {
        List<String> w = new ArrayList<>();
        if (!o.printing && (o.printAction != null || o.pdfviewCmd != null || o.saveToFolder != null
                || o.printer != null || o.printCmd != null)) {
            w.add("--print-action, --pdfview-cmd, --save-to-folder, --printer and --print-cmd have no effect without"
                    + " --printing");
        }
        if (o.clientSshPort != null) {
            w.add("--client-ssh-port is ignored (as by pyhoca-cli)");
        }
        if (o.shareMode != null && o.shareDesktop == null) {
            w.add("--share-mode has no effect without --share-desktop");
        }
        String sound = o.sound != null ? o.sound : "yes".equals(o.useSound) ? "pulse" : null;
        if (sound != null && !sound.equalsIgnoreCase("none")) {
            w.add("sound is not forwarded yet: the server is told to use " + sound + ", no local tunnel is opened");
        }
        return w;
    }

    /** {@code --from-stdin}: {@code <username> <host[:port]> <command> <password...>} on one line. */
    private static void readFromStdin(Options o, CliEnvironment env) {
        String line;
        try {
            line = new BufferedReader(new InputStreamReader(env.in(), StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read --from-stdin input", e);
        }
        String[] parts = line == null ? new String[0] : line.strip().split("\\s+", 4);
        if (parts.length < 3) {
            throw new UsageException(ExitStatus.USAGE, "--from-stdin expects '<username> <host[:port]> <command> <password>' on stdin");
        }
        o.username = parts[0];
        String hostPort = parts[1];
        int colon = hostPort.lastIndexOf(':');
        if (colon > 0) {
            try {
                o.remoteSshPort = Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new UsageException(ExitStatus.USAGE, "--from-stdin: bad port in '" + hostPort + "'");
            }
            hostPort = hostPort.substring(0, colon);
        }
        o.server = hostPort;
        o.host = null;
        o.command = parts[2].toUpperCase(Locale.ROOT);
        o.password = parts.length > 3 ? parts[3] : null;
        o.geometry = "fullscreen";
    }

    /**
     * @return the local folders of {@code -F} (comma separated, as pyhoca-cli), in order; empty when not given
     * @throws UsageException when an entry is blank
     */
    public List<Path> shareFolders() {
        if (o.shareLocalFolders == null) {
            return List.of();
        }
        List<Path> folders = new ArrayList<>();
        for (String f : o.shareLocalFolders.split(",", -1)) {
            if (f.isBlank()) {
                throw new UsageException(ExitStatus.USAGE, "-F/--share-local-folders: empty folder name in '"
                        + SafeText.excerpt(o.shareLocalFolders) + "'");
            }
            folders.add(Path.of(f.strip()).toAbsolutePath().normalize());
        }
        return List.copyOf(folders);
    }

    /**
     * The print action of {@code --printing} with pyhoca-cli's options and defaults: {@code --print-action}
     * (PDFVIEW), {@code --pdfview-cmd} (xdg-open), {@code --save-to-folder} (~/PDF), {@code --printer} (the
     * default printer), {@code --print-cmd} (lpr).
     *
     * @return the action, empty without {@code --printing}
     * @throws UsageException for an unknown action, or DIALOG (a command line has no print dialog)
     */
    public Optional<PrintAction> printAction() {
        if (!o.printing) {
            return Optional.empty();
        }
        String a = o.printAction == null ? "PDFVIEW" : o.printAction.strip().toUpperCase(Locale.ROOT);
        return Optional.of(switch (a) {
            case "PDFVIEW" -> new PrintAction.PdfView(o.pdfviewCmd == null ? "xdg-open" : o.pdfviewCmd);
            case "PDFSAVE" -> new PrintAction.PdfSave(Path.of(o.saveToFolder == null ? "PDF" : o.saveToFolder));
            case "PRINT" -> new PrintAction.Print(o.printer == null ? "" : o.printer);
            case "PRINTCMD" -> new PrintAction.PrintCmd(o.printCmd == null ? "lpr" : o.printCmd);
            case "DIALOG" -> throw new UsageException(ExitStatus.USAGE,
                    "--print-action DIALOG needs a print dialog, which a command line does not have");
            default -> throw new UsageException(ExitStatus.USAGE, "--print-action must be one of PDFVIEW, PDFSAVE,"
                    + " PRINT, PRINTCMD, DIALOG: " + SafeText.excerpt(o.printAction));
        });
    }

    /** @return what to do */
    public Mode mode() {
        return mode;
    }

    /** @return accepted but unsupported options, one sentence each */
    public List<String> warnings() {
        return warnings;
    }

    /** @return the session profile to use ({@code -P}) */
    public Optional<String> profile() {
        return Optional.ofNullable(o.sessionProfile);
    }

    /** @return the server given on the command line */
    public Optional<String> server() {
        return Optional.ofNullable(o.server);
    }

    /** @return {@code --json} */
    public boolean json() {
        return o.json;
    }

    /** @return {@code -d} */
    public boolean debug() {
        return o.debug;
    }

    /** @return {@code --quiet} */
    public boolean quiet() {
        return o.quiet;
    }

    /** @return {@code --clean-sessions} */
    public boolean cleanSessions() {
        return o.cleanSessions;
    }

    /** @return {@code --terminate-on-ctrl-c} */
    public boolean terminateOnCtrlC() {
        return o.terminateOnCtrlC;
    }

    /** @return whether a graphics proxy is wanted: attaching modes without {@code --no-graphics} */
    public boolean graphics() {
        return mode.attaches() && !o.noGraphics;
    }

    /** @return the status poll interval while attached */
    public Duration pollInterval() {
        return o.pollIntervalMillis != null ? Duration.ofMillis(o.pollIntervalMillis) : DEFAULT_POLL_INTERVAL;
    }

    /** @return the backend configuration ({@code x2go.backend.*}) from the {@code --backend-*} options */
    public Map<String, String> backendConfig() {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, BackendKind.CONTROL, o.backendControl);
        put(m, BackendKind.TERMINAL, o.backendTerminal);
        put(m, BackendKind.INFO, o.backendInfo);
        put(m, BackendKind.LIST, o.backendList);
        put(m, BackendKind.PROXY, o.backendProxy);
        put(m, BackendKind.PROFILES, o.backendProfiles);
        put(m, BackendKind.SETTINGS, o.backendSettings);
        put(m, BackendKind.PRINTING, o.backendPrinting);
        put(m, BackendKind.SSH, o.sshBackend);
        return m;
    }

    private static void put(Map<String, String> m, BackendKind kind, String value) {
        if (value != null) {
            m.put(kind.propertyName(), value);
        }
    }

    /** @return the client's configuration directory, {@code ~/.x2goclient} */
    public Path clientRoot() {
        return env.home().resolve(".x2goclient");
    }

    /**
     * The SSH connection: command-line values over the profile's over the defaults (port 22, the
     * local user, {@code ~/.ssh/id_ed25519|id_ecdsa|id_rsa} and the agent unless a key is given,
     * {@code ~/.ssh/known_hosts}, strict host keys unless {@code --add-to-known-hosts}, the library's connect
     * timeout unless {@code --connect-timeout}).
     *
     * @param profile the profile's parameters, if {@code -P} was given
     * @param password a password typed at a prompt, if any
     * @return the options
     * @throws UsageException when there is no server or a value is invalid
     */
    public ConnectOptions connectOptions(Optional<ProfileSessionParameters> profile, Optional<String> password) {
        String host = o.server;
        if (host == null) {
            host = profile.flatMap(p -> p.servers().stream().filter(s -> !s.isBlank()).findFirst())
                    .orElseThrow(() -> new UsageException(ExitStatus.PROFILE, "session profile '" + o.sessionProfile
                            + "' names no server; give one with --server"));
        }
        String user = o.username;
        if (user == null) {
            user = profile.map(ProfileSessionParameters::username).filter(u -> !u.isBlank())
                    .or(() -> env.getenv("USER")).orElse(System.getProperty("user.name"));
        }
        Integer port = o.remoteSshPort != null ? o.remoteSshPort : o.port;
        ConnectOptions.Builder b;
        try {
            b = profile.isPresent() ? profile.get().connectOptions(host).useAgent(false) : ConnectOptions.builder(host, user);
        } catch (X2GoProfileException e) {
            throw new UsageException(ExitStatus.PROFILE, e.getMessage());
        }
        b.username(user);
        if (port != null) {
            b.port(port);
        }
        Path key = o.sshPrivkey != null ? o.sshPrivkey : o.sshKey;
        boolean profileKey = profile.map(p -> p.keyFilename() != null && !p.keyFilename().isBlank()).orElse(false);
        List<Path> defaultKeys = new ArrayList<>();
        for (String name : new String[] {"id_ed25519", "id_ecdsa", "id_rsa"}) {
            Path k = env.home().resolve(".ssh").resolve(name);
            if (Files.isRegularFile(k)) {
                defaultKeys.add(k);
            }
        }
        if (o.forcePassword) {
            b.clearPrivateKeys();
        } else if (key != null) {
            b.clearPrivateKeys().privateKey(key);
        } else if (!profileKey) {
            defaultKeys.forEach(b::privateKey);
        }
        boolean agent = !o.forcePassword && env.getenv("SSH_AUTH_SOCK").isPresent();
        b.useAgent(agent);
        String pw = o.password != null ? o.password : password.orElse(null);
        if (pw != null) {
            b.password(pw);
        }
        if (o.forwardSshAgent) {
            b.forwardAgent(true);
        }
        if (connectTimeout != null) {
            b.connectTimeout(connectTimeout);
        }
        b.knownHosts(o.knownHosts != null ? o.knownHosts : env.home().resolve(".ssh").resolve("known_hosts"));
        b.hostKeyPolicy(o.addToKnownHosts ? HostKeyPolicy.ACCEPT_NEW : HostKeyPolicy.STRICT);
        try {
            ConnectOptions first = b.build();
            if (o.jumpHost != null) {
                // as OpenSSH -J: the jump host gets the same identities (keys, agent) as the server
                b.jumpHost(JumpHost.parse(o.jumpHost, user).withPrivateKeys(first.privateKeys()).withAgent(agent));
            } else if (first.jumpHost().isPresent()) {
                JumpHost j = first.jumpHost().get();
                boolean reuse = profile.flatMap(ProfileSessionParameters::sshProxy)
                        .map(ProfileSessionParameters.SshProxy::reuseAuthInfo).orElse(false);
                if (reuse && pw != null) {
                    j = j.withPassword(pw);
                }
                if (j.privateKeys().isEmpty() && j.useAgent()) {
                    // sshproxyautologin: the agent and the default keys, like the server's login
                    j = j.withPrivateKeys(key != null ? List.of(key) : defaultKeys).withAgent(agent);
                }
                b.jumpHost(j);
            }
            if (o.httpProxy != null) {
                b.httpProxy(httpProxy(o.httpProxy));
            } else if (first.httpProxy().isPresent() && pw != null && first.httpProxy().get().username().isPresent()
                    && profile.flatMap(ProfileSessionParameters::sshProxy)
                            .map(ProfileSessionParameters.SshProxy::reuseAuthInfo).orElse(false)) {
                HttpProxy hp = first.httpProxy().get();
                b.httpProxy(hp.withBasicAuth(hp.username().get(), pw));
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(ExitStatus.USAGE, e.getMessage());
        }
    }

    /** @return how many login attempts may ask on the terminal ({@code --auth-attempts}, default 3) */
    public int authAttempts() {
        return o.authAttempts == null ? 3 : Integer.parseInt(o.authAttempts.strip());
    }

    private static HttpProxy httpProxy(String spec) {
        String s = spec.strip();
        String user = null;
        String pass = null;
        int at = s.lastIndexOf('@');
        if (at >= 0) {
            String cred = s.substring(0, at);
            s = s.substring(at + 1);
            int colon = cred.indexOf(':');
            user = colon < 0 ? cred : cred.substring(0, colon);
            pass = colon < 0 ? null : cred.substring(colon + 1);
        }
        int colon = s.lastIndexOf(':');
        try {
            if (colon <= 0) {
                throw new IllegalArgumentException("no port");
            }
            HttpProxy p = HttpProxy.of(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1)));
            return user == null ? p : p.withBasicAuth(user, pass == null ? "" : pass);
        } catch (IllegalArgumentException e) {
            throw new UsageException(ExitStatus.USAGE, "--http-proxy: expected [USER[:PASSWORD]@]HOST:PORT, got '"
                    + org.x2go.api.SafeText.visible(s) + "' (" + e.getMessage() + ")");
        }
    }

    /** @return whether a password has to be asked for ({@code --force-password} without {@code --password}) */
    public boolean needsPasswordPrompt() {
        return o.forcePassword && o.password == null;
    }

    /**
     * The session parameters: command-line values over {@code base} (the profile's, or the library
     * defaults), with pyhoca-cli's defaults for geometry (800x600) and command (xterm) when neither gives one.
     *
     * @param base the profile's terminal parameters, or {@code TerminalParams.builder().build()}
     * @return the parameters
     * @throws UsageException naming the bad value
     */
    public TerminalParams terminalParams(TerminalParams base) {
        TerminalParams.Builder b = base.toBuilder();
        if (o.command != null) {
            b.command(o.command);
        }
        if (o.geometry != null) {
            b.geometry(o.geometry);
        }
        if (o.link != null) {
            b.link(link(o.link));
        }
        if (o.pack != null) {
            b.pack(o.pack);
        }
        if (o.sessionType != null) {
            b.sessionType(sessionType(o.sessionType));
        }
        if (o.xinerama) {
            b.xinerama(true);
        }
        String sound = o.sound != null ? o.sound : o.useSound == null ? null : o.useSound.equals("yes") ? "pulse" : "none";
        if (sound != null) {
            b.sound(sound(sound));
        }
        String type = o.kbdType == null ? null : o.kbdType.toLowerCase(Locale.ROOT);
        String layout = o.kbdLayout == null ? null : o.kbdLayout.toLowerCase(Locale.ROOT);
        if ("auto".equals(layout) || "auto".equals(type)) {
            b.kbType("null/null").kbLayout("null").setKeyboard(false);
        } else {
            if (type != null) {
                b.kbType(type).setKeyboard(true);
            }
            if (layout != null && !layout.equals("null")) {
                b.kbLayout(layout).setKeyboard(true);
            }
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(ExitStatus.USAGE, e.getMessage());
        }
    }

    private static TerminalParams.Link link(String v) {
        try {
            return TerminalParams.Link.valueOf(v.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException(ExitStatus.USAGE, "--link must be one of modem, isdn, adsl, wan, lan: '" + v + "'");
        }
    }

    private static SessionType sessionType(String v) {
        return SessionType.parse(v).orElseThrow(() -> new UsageException(ExitStatus.USAGE,
                "--session-type must be desktop or application (or kdrive, shadow, published): '" + v + "'"));
    }

    private static TerminalParams.SoundSystem sound(String v) {
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "pulse" -> TerminalParams.SoundSystem.PULSE;
            case "esd" -> TerminalParams.SoundSystem.ESD;
            case "none" -> TerminalParams.SoundSystem.NONE;
            default -> throw new UsageException(ExitStatus.USAGE, "--sound must be one of pulse, esd, none: '" + v + "'");
        };
    }
}
