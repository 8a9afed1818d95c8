package org.x2go.cli.internal;

import java.nio.file.Path;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The command line of {@code x2go}: pyhoca-cli's options with the same names and meanings, plus
 * {@code --known-hosts}, {@code --json}, {@code --ssh-backend}, {@code --no-graphics} and {@code --connect-timeout}. Fields hold
 * {@code null} when an option was not given, so that a session profile's value can apply
 * ({@link Invocation} supplies the defaults). Filled by picocli; not thread-safe.
 */
@Command(name = "x2go", sortOptions = false, versionProvider = VersionProvider.class,
        subcommands = DemoCommand.class,
        description = {"X2Go command line client (pyhoca-cli compatible), built on x2go-java.",
            "Without a mode option a new session is started (-N)."},
        footer = {"", "Exit codes: 0 ok, 1 failure, 2 usage, 10 bad --pack, 11 host key, 12 authentication,",
            "13 connection, 14 not an X2Go server, 15 graphics proxy, 16 backend, 17 session,",
            "20/21/22 session to resume/suspend/terminate not found, 30 key file missing, 31 profile,",
            "40 not supported.", "",
            "Run 'x2go demo' for a complete session life cycle against an embedded fake X2Go server."})
final class Options {

    // ---------------------------------------------------------------- server
    @Parameters(index = "0", arity = "0..1", paramLabel = "host", description = "host to connect to (as alternative to --server)")
    String host;

    @Option(names = "--server", paramLabel = "SERVER", description = "server hostname or IP address")
    String server;

    // ---------------------------------------------------------------- modes
    @Option(names = {"-N", "--new"}, description = "start a new X2Go session on server (default)")
    boolean newSession;

    @Option(names = "--try-resume", description = "with --new: resume a suspended/running session with the same command if there is one")
    boolean tryResume;

    @Option(names = {"-R", "--resume"}, paramLabel = "SESSION_NAME", description = "resume a suspended session (OLDEST and NEWEST pick one)")
    String resume;

    @Option(names = {"-D", "--share-desktop"}, paramLabel = "USER@DISPLAY", description = "share a desktop session (not supported yet)")
    String shareDesktop;

    @Option(names = {"-S", "--suspend"}, paramLabel = "SESSION_NAME", description = "suspend a running session (ALL for every session)")
    String suspend;

    @Option(names = {"-T", "--terminate"}, paramLabel = "SESSION_NAME", description = "terminate a session (ALL for every session)")
    String terminate;

    @Option(names = {"-L", "--list-sessions"}, description = "list the user's sessions on the server")
    boolean listSessions;

    @Option(names = "--list-desktops", description = "list desktop sessions available for sharing")
    boolean listDesktops;

    @Option(names = "--list-profiles", description = "list the session profiles of ~/.x2goclient/sessions")
    boolean listProfiles;

    @Option(names = {"-P", "--session-profile"}, paramLabel = "SESSION_PROFILE", description = "use session profile SESSION_PROFILE (name or ID)")
    String sessionProfile;

    @Option(names = "--from-stdin", description = "read <username> <host[:port]> <command> <password> from stdin (LightDM remote login)")
    boolean fromStdin;

    // ---------------------------------------------------------------- debug
    @Option(names = {"-d", "--debug"}, description = "debug output; error messages include the stack trace")
    boolean debug;

    @Option(names = "--quiet", description = "no progress or log output (results and errors only)")
    boolean quiet;

    @Option(names = "--libdebug", description = "debug logging of the library")
    boolean libdebug;

    @Option(names = "--libdebug-sftpxfer", description = "accepted for compatibility; same as --libdebug")
    boolean libdebugSftpxfer;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "print version number and exit")
    boolean version;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help message and exit")
    boolean help;

    // ---------------------------------------------------------------- X2Go options
    @Option(names = {"-c", "--command"}, paramLabel = "COMMAND", description = "command to run (default: xterm)")
    String command;

    @Option(names = {"-l", "-u", "--username"}, paramLabel = "USERNAME", description = "remote user (default: current user)")
    String username;

    @Option(names = "--password", paramLabel = "PASSWORD", description = "password for authentication")
    String password;

    @Option(names = "--force-password", description = "use password authentication only (prompts when --password is missing)")
    boolean forcePassword;

    @Option(names = {"-p", "--remote-ssh-port"}, paramLabel = "REMOTE_SSH_PORT", description = "remote SSH port (default: 22)")
    Integer remoteSshPort;

    @Option(names = {"-i", "-k", "--ssh-privkey"}, paramLabel = "SSH_PRIVKEY", description = "private key file (it is used, unlike pyhoca-cli's)")
    Path sshPrivkey;

    @Option(names = "--add-to-known-hosts", description = "accept an unknown host key and add it to the known_hosts file")
    boolean addToKnownHosts;

    @Option(names = "--known-hosts", paramLabel = "FILE", description = "known_hosts file (default: ~/.ssh/known_hosts)")
    Path knownHosts;

    @Option(names = "--sound", paramLabel = "{pulse,esd,none}", description = "server sound system (default: none; sound is not forwarded yet)")
    String sound;

    @Option(names = "--printing", description = "print from the session to this client (the server's X2Go printer; see --print-action)")
    boolean printing;

    @Option(names = "--share-mode", paramLabel = "SHARE_MODE", description = "desktop sharing mode (0 view-only, 1 full access)")
    Integer shareMode;

    @Option(names = {"-F", "--share-local-folders"}, paramLabel = "<folder1>[,<folder2>...]", description = "share local folders with the session (mounted under the session's ~/media/disk)")
    String shareLocalFolders;

    @Option(names = "--clean-sessions", description = "terminate all suspended sessions before starting a new one")
    boolean cleanSessions;

    @Option(names = "--terminate-on-ctrl-c", description = "terminate (instead of suspend) the session on Ctrl-C")
    boolean terminateOnCtrlC;

    @Option(names = "--auth-attempts", paramLabel = "AUTH_ATTEMPTS", description = "login attempts with a key passphrase or password asked on the terminal (default: 3; 0 = ask nothing)")
    String authAttempts;

    @Option(names = {"-A", "--forward-sshagent"}, description = "forward the SSH agent to the session (JSCH transport)")
    boolean forwardSshAgent;

    @Option(names = {"-J", "--jump-host"}, paramLabel = "[USER@]HOST[:PORT]", description = "connect through this SSH jump host (as OpenSSH's -J; never directly)")
    String jumpHost;

    @Option(names = "--http-proxy", paramLabel = "[USER[:PASSWORD]@]HOST:PORT", description = "connect through this HTTP CONNECT proxy (never directly)")
    String httpProxy;

    // ---------------------------------------------------------------- printing (with --printing)
    @Option(names = "--print-action", paramLabel = "{PDFVIEW,PDFSAVE,PRINT,PRINTCMD,DIALOG}", description = "what to do with a print job (default: PDFVIEW; DIALOG is refused)")
    String printAction;

    @Option(names = "--pdfview-cmd", paramLabel = "PDFVIEW_CMD", description = "PDF viewer for PDFVIEW (default: xdg-open)")
    String pdfviewCmd;

    @Option(names = "--save-to-folder", paramLabel = "PRINT_DEST", description = "folder for PDFSAVE, relative to the home directory (default: PDF)")
    String saveToFolder;

    @Option(names = "--printer", paramLabel = "PRINTER", description = "printer for PRINT (default: the default printer)")
    String printer;

    @Option(names = "--print-cmd", paramLabel = "PRINT_CMD", description = "command for PRINTCMD, given the PDF (default: lpr)")
    String printCmd;

    // ---------------------------------------------------------------- broker (unsupported)
    @Option(names = {"-B", "--broker-url"}, paramLabel = "BROKER_URL", description = "not supported: session brokers")
    String brokerUrl;

    @Option(names = "--broker-password", paramLabel = "BROKER_PASSWORD", description = "not supported: session brokers")
    String brokerPassword;

    // ---------------------------------------------------------------- NX options
    @Option(names = {"-g", "--geometry"}, paramLabel = "GEOMETRY", description = "<width>x<height>, maximize or fullscreen (default: 800x600)")
    String geometry;

    @Option(names = {"-x", "--xinerama"}, description = "enable Xinerama in the session")
    boolean xinerama;

    @Option(names = {"-q", "--link"}, paramLabel = "{modem,isdn,adsl,wan,lan}", description = "link quality (default: adsl)")
    String link;

    @Option(names = {"-t", "--session-type"}, paramLabel = "{desktop,application}", description = "session type (default: application); also shadow, kdrive, published")
    String sessionType;

    @Option(names = "--pack", paramLabel = "PACK", description = "NX compression method (default: 16m-jpeg-9)")
    String pack;

    @Option(names = "--kbd-type", paramLabel = "KBD_TYPE", description = "keyboard type: auto (default), pc105/us, ...")
    String kbdType;

    @Option(names = "--kbd-layout", paramLabel = "KBD_LAYOUT", description = "keyboard layout: null (default), de, fr, ...")
    String kbdLayout;

    // ---------------------------------------------------------------- backends
    @Option(names = "--backend-controlsession", paramLabel = "<NAME>", description = "control session backend (x2go.backend.control)")
    String backendControl;

    @Option(names = "--backend-terminalsession", paramLabel = "<NAME>", description = "terminal session backend (x2go.backend.terminal)")
    String backendTerminal;

    @Option(names = "--backend-serversessioninfo", paramLabel = "<NAME>", description = "session info backend (x2go.backend.info)")
    String backendInfo;

    @Option(names = "--backend-serversessionlist", paramLabel = "<NAME>", description = "session list backend (x2go.backend.list)")
    String backendList;

    @Option(names = "--backend-proxy", paramLabel = "<NAME>", description = "graphics proxy backend (x2go.backend.proxy)")
    String backendProxy;

    @Option(names = "--backend-sessionprofiles", paramLabel = "<NAME>", description = "session profiles backend (x2go.backend.profiles)")
    String backendProfiles;

    @Option(names = "--backend-clientsettings", paramLabel = "<NAME>", description = "client settings backend (x2go.backend.settings)")
    String backendSettings;

    @Option(names = "--backend-clientprinting", paramLabel = "<NAME>", description = "client printing backend (x2go.backend.printing)")
    String backendPrinting;

    @Option(names = "--ssh-backend", paramLabel = "{JSCH,SSHJ}", description = "SSH library (x2go.backend.ssh; default: JSCH)")
    String sshBackend;

    // ---------------------------------------------------------------- compatibility
    @Option(names = "--port", paramLabel = "PORT", description = "synonym of --remote-ssh-port")
    Integer port;

    @Option(names = "--ssh-key", paramLabel = "SSH_KEY", description = "synonym of --ssh-privkey")
    Path sshKey;

    @Option(names = "--use-sound", paramLabel = "{yes,no}", description = "synonym of --sound {pulse|none}")
    String useSound;

    @Option(names = "--client-ssh-port", paramLabel = "CLIENT_SSH_PORT", description = "ignored (compatibility with x2goclient)")
    String clientSshPort;

    // ---------------------------------------------------------------- x2go-java additions
    @Option(names = "--json", description = "machine-readable output (lists and results) as JSON")
    boolean json;

    @Option(names = "--no-graphics", description = "headless: no local graphics proxy (no DISPLAY needed)")
    boolean noGraphics;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", description = "time limit for TCP connect, SSH handshake and authentication (default: 20; fractions allowed)")
    String connectTimeout;

    @Option(names = "--poll-interval", hidden = true, paramLabel = "MILLIS", description = "status poll interval while attached")
    Long pollIntervalMillis;
}
