package org.x2go.testkit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.x2go.testkit.FakeSession;
import org.x2go.testkit.ServerBehaviour;

/**
 * The X2Go server commands, answering with the real scripts' output formats, exit codes and stderr
 * (real-server README §3.4-§3.6, §4).
 */
public final class X2GoCommands implements AutoCloseable {

    /** {@code x2goversion} of the recorded server. */
    public static final String VERSION = """
            x2goserver: 4.1.0.3
            x2goserver-common: 4.1.0.3
            x2goserver-extensions: 4.1.0.3
            x2goserver-fmbindings: 4.1.0.3
            x2goserver-printing: 4.1.0.3
            x2goserver-x2goagent: 3.5.99.26
            x2goserver-xsession: 4.1.0.3
            """;

    /** {@code x2gofeaturelist} of the recorded server, in its order. */
    public static final List<String> FEATURES = List.of("X2GO_RUN_EXTENSIONS", "X2GO_FMBINDINGS", "X2GO_PRINTING",
            "X2GOAGENT_RANDRXINERAMA", "X2GO_XSESSION", "X2GO_LIST_DESKTOPS", "X2GO_MOUNTDIRS",
            "X2GO_UMOUNTSESSION_ALL", "X2GO_UMOUNTSESSION_ONLYPATH", "X2GO_PUBLISHED_APPLICATIONS",
            "X2GO_SERVERSIDE_DESKTOPCOMMANDS", "X2GO_SET_KEYBOARD", "X2GO_LIST_SHADOWSESSIONS",
            "X2GO_MOUNT_UNCPATHS", "X2GO_CLIPBOARD_MODES");

    /** The stdout lines the SQLite wrapper leaks into the list when the locale is missing (§4.6). */
    public static final List<String> LOCALE_WARNING_STDOUT = List.of("perl:warning:Settinglocalefailed.",
            "perl:warning:Pleasecheckthatyourlocalesettings:", "\tLANGUAGE=(unset),", "\tLC_ALL=(unset),",
            "\tLANG=\"en_US.UTF-8\"", "aresupportedandinstalledonyoursystem.",
            "perl:warning:Fallingbacktothestandardlocale(\"C\").");

    private static final Pattern DEPTH = Pattern.compile("-depth_(\\d+)");

    private final String user;
    private final String hostname;
    private final Clock clock;
    private final ServerBehaviour behaviour;
    private final SessionStore store;
    private final FakeMounts mounts;
    private final String getApps;

    /**
     * @param user      the server's user
     * @param hostname  the server's host name (list field 3)
     * @param clock     time source
     * @param behaviour scripted quirks
     * @param files     the fake file system
     */
    public X2GoCommands(String user, String hostname, Clock clock, ServerBehaviour behaviour, FakeFiles files) {
        this.user = user;
        this.hostname = hostname;
        this.clock = clock;
        this.behaviour = behaviour;
        this.store = new SessionStore(user, clock, files);
        this.mounts = new FakeMounts(user, files, name -> behaviour.installedApplications().contains(name));
        this.getApps = resource("x2gogetapps.txt");
    }

    private static String resource(String name) {
        try (InputStream in = Objects.requireNonNull(X2GoCommands.class.getResourceAsStream(name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("missing testkit resource " + name, e);
        }
    }

    /** @return the session store */
    public SessionStore store() {
        return store;
    }

    /** @return the command table, including the pretend-installed applications */
    public Map<String, FakeShell.Handler> handlers() {
        Map<String, FakeShell.Handler> h = new LinkedHashMap<>();
        h.put("x2goversion", c -> print(c, VERSION));
        h.put("x2gofeaturelist", c -> print(c, String.join("\n", behaviour.features()) + "\n"));
        h.put("x2gofeature", this::feature);
        h.put("x2golistsessions", this::listSessions);
        h.put("x2golistshadowsessions", c -> 0);
        h.put("x2golistdesktops", this::listDesktops);
        h.put("x2golistmounts", mounts::listMounts);
        h.put("x2gomountdirs", mounts::mountDirs);
        h.put("x2gogetapps", c -> print(c, getApps));
        h.put("x2gostartagent", this::startAgent);
        h.put("x2goruncommand", this::runCommand);
        h.put("x2goresume-session", this::resume);
        h.put("x2gosuspend-session", c -> suspendOrTerminate(c, true));
        h.put("x2goterminate-session", c -> suspendOrTerminate(c, false));
        h.put("x2goumount-session", mounts::umount);
        for (String app : behaviour.installedApplications()) {
            h.putIfAbsent(app, c -> 0);
        }
        return h;
    }

    private static int print(FakeShell.Call c, String text) {
        c.out().write(text);
        return 0;
    }

    private int feature(FakeShell.Call c) {
        if (!c.args().isEmpty() && behaviour.features().contains(c.args().get(0))) {
            c.out().write("ok\n");
            return 0;
        }
        c.out().write("not available\n");
        return 255;
    }

    private int listSessions(FakeShell.Call c) {
        Instant now = clock.instant();
        StringBuilder b = new StringBuilder();
        for (String noise : behaviour.sessionListNoise()) {
            b.append(noise).append('\n');
        }
        if (behaviour.localeWarning()) {
            LOCALE_WARNING_STDOUT.forEach(l -> b.append(l).append('\n'));
            c.err().write("perl: warning: Setting locale failed.\nperl: warning: Please check that your locale "
                    + "settings:\n\tLANGUAGE = (unset),\n\tLC_ALL = (unset),\n\tLANG = \"en_US.UTF-8\"\n    are "
                    + "supported and installed on your system.\nperl: warning: Falling back to the standard locale "
                    + "(\"C\").\n");
        }
        for (FakeSession s : store.listed()) {
            b.append(store.listLine(s, hostname, now)).append('\n');
        }
        c.out().write(b.toString());
        return 0;
    }

    private int listDesktops(FakeShell.Call c) {
        StringBuilder b = new StringBuilder();
        store.listed().stream().sorted(SessionStore.byDisplay())
                .forEach(s -> b.append(s.user()).append("@:").append(s.display()).append('\n'));
        behaviour.extraDesktops().forEach(d -> b.append(d).append('\n'));
        c.out().write(b.toString());
        return 0;
    }

    private int startAgent(FakeShell.Call c) {
        List<String> a = c.args();
        if (!c.env().containsKey("SSH_CLIENT") && !c.env().containsKey("X2GO_CLIENT")) {
            c.err().write("The $X2GO_CLIENT environment variable is not set. Possible reasons: $X2GO_CLIENT not set "
                    + "in .*rc files, or X2Go Server is not run via ssh.\n");
            return 7;
        }
        if (a.size() < 9) {
            // the real script retries ten display numbers for ~5 s and then gives up like this
            Instant now = clock.instant();
            c.err().write("Unable to find free display port or insert new session into database; parameters: port (50),"
                    + " hostname (" + hostname + ") and session name (" + user + "-50-" + now.getEpochSecond()
                    + ").\n");
            return 10;
        }
        char type = a.get(7).isEmpty() ? 'R' : a.get(7).charAt(0);
        Matcher m = DEPTH.matcher(a.get(3));
        int depth = m.find() ? Integer.parseInt(m.group(1)) : 24;
        String clientIp = c.env().getOrDefault("SSH_CLIENT", "127.0.0.1").split(" ")[0];
        FakeSession s = store.start(type, a.get(8), depth, clientIp);
        c.out().write(s.display() + "\n" + s.cookie() + "\n" + s.agentPid() + "\n" + s.name() + "\n"
                + s.graphicsPort() + "\n" + s.soundPort() + "\n" + s.sshfsPort() + "\n");
        return 0;
    }

    private int runCommand(FakeShell.Call c) {
        List<String> a = c.args();
        if (a.size() < 5) {
            c.err().write("x2goruncommand: not enough arguments\n");
            return 1;
        }
        String command = a.get(4).replace("X2GO_SPACE_CHAR", " ");
        return store.runCommand(a.get(2), command) ? 0 : 1;
    }

    private int resume(FakeShell.Call c) {
        if (c.args().isEmpty()) {
            c.err().write("not enough command line arguments\n");
            return 1;
        }
        String name = c.args().get(0);
        SessionStore.ResumeResult r = store.resume(name);
        if (r instanceof SessionStore.Resumed res) {
            FakeSession s = res.session();
            c.out().write("gr_port=" + s.graphicsPort() + "\nsound_port=" + s.soundPort() + "\nfs_port="
                    + s.sshfsPort() + "\n");
            c.err().write("Died at /usr/lib/x2go/x2gormport line 34.\nDied at /usr/lib/x2go/x2gormport line 34.\n");
            return 0;
        }
        c.err().write("session " + name + " terminated\n");
        return 3;
    }

    private int suspendOrTerminate(FakeShell.Call c, boolean suspend) {
        String name = c.args().isEmpty() ? c.env().get("X2GO_SESSION") : c.args().get(0);
        if (name == null || name.isEmpty()) {
            c.err().write(c.name() + ": needs <X2GO-SESSION> as first argument. Alternatively, you can set "
                    + "$X2GO_SESSION with the correct session name\n");
            return 255;
        }
        mounts.dropSession(name);
        if (suspend) {
            store.suspend(name);
        } else {
            store.terminate(name);
        }
        return 0;
    }

    /** @return the names of the x2go commands (for {@code which}) */
    public List<String> commandNames() {
        return new ArrayList<>(handlers().keySet());
    }

    /** Closes every graphics port. */
    @Override
    public void close() {
        store.close();
    }
}
