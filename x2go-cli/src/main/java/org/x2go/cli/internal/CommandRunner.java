package org.x2go.cli.internal;


import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.api.AuthPrompter;
import org.x2go.api.ConnectOptions;
import org.x2go.api.EventCause;
import org.x2go.api.ProfileConverter;
import org.x2go.api.ProfileSessionParameters;
import org.x2go.api.SafeText;
import org.x2go.api.SessionEvent;
import org.x2go.api.SessionInfo;
import org.x2go.api.SessionList;
import org.x2go.api.SessionListener;
import org.x2go.api.SessionNames;
import org.x2go.api.SessionProfile;
import org.x2go.api.SessionState;
import org.x2go.api.SessionSummary;
import org.x2go.api.TerminalParams;
import org.x2go.api.X2GoControlSessionException;
import org.x2go.api.X2GoAuthenticationException;
import org.x2go.api.X2GoException;
import org.x2go.api.X2GoFolderSharingException;
import org.x2go.api.X2GoPasswordRequiredException;
import org.x2go.cli.CliEnvironment;
import org.x2go.cli.ExitStatus;
import org.x2go.cli.InterruptSource;
import org.x2go.client.X2GoClient;
import org.x2go.spi.SessionProfiles;
import org.x2go.spi.SessionProfilesProvider;

/**
 * Runs one {@link Invocation} against a server through {@link X2GoClient}: the list modes print and
 * return, {@code -S}/{@code -T} act on named sessions, {@code -N}/{@code -R} start or resume a session
 * and stay attached until Ctrl-C (suspend, or terminate with {@code --terminate-on-ctrl-c}), until the
 * session is suspended or terminated elsewhere, or until the connection dies.
 */
final class CommandRunner {
    private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);
    private static final String ADHOC_PROFILE_ID = "x2go-cli";
    private static final Duration EVENT_GRACE = Duration.ofSeconds(2);

    private final Invocation inv;
    private final CliEnvironment env;
    private final Console console;
    private final PrintStream out;

    CommandRunner(Invocation inv, CliEnvironment env, Console console) {
        this.inv = inv;
        this.env = env;
        this.console = console;
        this.out = env.out();
    }

    ExitStatus run() {
        inv.warnings().forEach(console::warn);
        if (inv.mode() instanceof Mode.ShareDesktop d) {
            throw new UsageException(ExitStatus.NOT_SUPPORTED, "desktop sharing (-D " + d.desktop() + ") is not supported yet");
        }
        Optional<String> display = env.getenv("DISPLAY");
        if (inv.graphics() && display.isEmpty()) {
            throw new UsageException(ExitStatus.PROXY,
                    "no X display for the graphics proxy: DISPLAY is not set (set it, or run headless with --no-graphics)");
        }
        try (X2GoClient client = X2GoClient.builder().config(inv.backendConfig()).progress(console).listener(console)
                .display(display.orElse(null)).graphics(inv.graphics()).sessionsRoot(env.home().resolve(".x2go"))
                .build()) {
            if (inv.mode() instanceof Mode.ListProfiles) {
                List<SessionProfile> all = profiles(client).all();
                out.print(inv.json() ? Formats.profilesJson(all) : Formats.profileTable(all));
                return ExitStatus.OK;
            }
            Optional<ProfileSessionParameters> profile = inv.profile().map(name -> {
                SessionProfile p = profiles(client).resolve(name).orElseThrow(() -> new UsageException(
                        ExitStatus.PROFILE, "no such session profile of name: " + name + " (in " + inv.clientRoot() + ")"));
                return ProfileConverter.convert(p);
            });
            ConnectOptions options = inv.connectOptions(profile, promptPassword());
            String profileId = profile.flatMap(ProfileSessionParameters::profileId).orElse(ADHOC_PROFILE_ID);
            String profileName = profile.map(ProfileSessionParameters::profileName)
                    .orElse(options.username() + "@" + options.host() + ":" + options.port());
            options = connect(client, profileId, profileName, options);
            if (inv.cleanSessions()) {
                cleanSessions(client, profileId);
            }
            TerminalParams params = inv.terminalParams(profile.map(ProfileSessionParameters::terminalParams)
                    .orElseGet(() -> TerminalParams.builder().build()));
            Mode mode = inv.mode();
            if (mode instanceof Mode.ListSessions) {
                return listSessions(client, profileId, options);
            } else if (mode instanceof Mode.ListDesktops) {
                return listDesktops(client, profileId);
            } else if (mode instanceof Mode.Suspend s) {
                return act(client, profileId, options, s.sessionName(), true);
            } else if (mode instanceof Mode.Terminate t) {
                return act(client, profileId, options, t.sessionName(), false);
            } else if (mode instanceof Mode.NewSession n) {
                return attach(client, profileId, options, params, null, n.tryResume());
            } else if (mode instanceof Mode.Resume r) {
                return attach(client, profileId, options, params, r.sessionName(), false);
            }
            throw new IllegalStateException("unhandled mode " + mode);
        }
    }

    /**
     * Connects, as pyhoca-cli does with {@code --auth-attempts}: on a terminal, keyboard-interactive prompts
     * and key passphrases are asked there, and a refused login asks for a key passphrase (an encrypted key
     * without one) or a password, up to N attempts in all. Without a terminal, or with 0, one attempt.
     *
     * @return the options of the successful attempt (with what was typed)
     */
    private ConnectOptions connect(X2GoClient client, String profileId, String profileName, ConnectOptions options) {
        java.io.Console c = System.console();
        int attempts = inv.authAttempts();
        if (c == null || attempts == 0) {
            client.connect(profileId, profileName, options);
            return options;
        }
        ConnectOptions current = options.prompter().isPresent() ? options
                : options.toBuilder().prompter(new TerminalPrompter(c)).build();
        for (int i = 1;; i++) {
            try {
                client.connect(profileId, profileName, current);
                return current;
            } catch (X2GoPasswordRequiredException e) {
                if (i >= attempts) {
                    throw e;
                }
                console.warn(SafeText.excerpt(e.getMessage()));
                char[] p = c.readPassword("Passphrase for the private key: ");
                if (p == null) {
                    throw e;
                }
                current = current.toBuilder().passphrase(new String(p)).build();
                java.util.Arrays.fill(p, '\0');
            } catch (X2GoAuthenticationException e) {
                if (i >= attempts) {
                    throw e;
                }
                console.warn(SafeText.excerpt(e.getMessage()));
                char[] p = c.readPassword("Password for %s: ", SafeText.visible(current.username() + "@" + current.host()));
                if (p == null) {
                    throw e;
                }
                current = current.toBuilder().password(new String(p)).build();
                java.util.Arrays.fill(p, '\0');
            }
        }
    }

    /** Asks keyboard-interactive prompts and key passphrases on the terminal; server texts are escaped. */
    private static final class TerminalPrompter implements AuthPrompter {
        private final java.io.Console c;

        TerminalPrompter(java.io.Console c) {
            this.c = c;
        }

        @Override
        public Optional<List<String>> keyboardInteractive(Stage stage, String user, String name, String instruction,
                                                          List<Prompt> prompts) {
            String head = (name + " " + instruction).strip();
            c.format("(%s %s)%s%n", stage.label(), SafeText.visible(user), head.isEmpty() ? "" : " " + SafeText.excerpt(head));
            List<String> answers = new ArrayList<>();
            for (Prompt p : prompts) {
                String text = SafeText.excerpt(p.text(), 200);
                if (p.echo()) {
                    String line = c.readLine("%s", text);
                    if (line == null) {
                        return Optional.empty();
                    }
                    answers.add(line);
                } else {
                    char[] pw = c.readPassword("%s", text);
                    if (pw == null) {
                        return Optional.empty();
                    }
                    answers.add(new String(pw));
                    java.util.Arrays.fill(pw, '\0');
                }
            }
            return Optional.of(answers);
        }

        @Override
        public Optional<char[]> passphrase(Stage stage, java.nio.file.Path key) {
            return Optional.ofNullable(c.readPassword("Passphrase for key %s (%s): ", SafeText.visible(key.toString()),
                    stage.label()));
        }
    }

    private SessionProfiles profiles(X2GoClient client) {
        return client.backend(SessionProfilesProvider.class).open(inv.clientRoot());
    }

    private Optional<String> promptPassword() {
        if (!inv.needsPasswordPrompt()) {
            return Optional.empty();
        }
        java.io.Console c = System.console();
        if (c == null) {
            throw new UsageException(ExitStatus.USAGE, "--force-password without --password needs a terminal to ask for the password");
        }
        char[] pw = c.readPassword("Password: ");
        if (pw == null || pw.length == 0) {
            throw new UsageException(ExitStatus.AUTHENTICATION, "no password given");
        }
        return Optional.of(new String(pw));
    }

    // ------------------------------------------------------------------ lists

    private ExitStatus listSessions(X2GoClient client, String profileId, ConnectOptions options) {
        SessionList list = client.listSessions(profileId);
        list.skippedLines().forEach(l -> LOG.debug("skipped session list line: {}", SafeText.excerpt(l)));
        out.print(inv.json() ? Formats.sessionsJson(options, list) : Formats.sessionTable(list));
        return ExitStatus.OK;
    }

    private ExitStatus listDesktops(X2GoClient client, String profileId) {
        List<String> desktops = client.listDesktops(profileId);
        out.print(inv.json() ? Formats.desktopsJson(desktops) : Formats.desktopList(desktops));
        return ExitStatus.OK;
    }

    private void cleanSessions(X2GoClient client, String profileId) {
        for (SessionInfo s : client.listSessions(profileId).sessions()) {
            if (s.isSuspended()) {
                console.note("cleaning up suspended session " + s.name());
                client.terminateSession(client.sessionByName(profileId, s.name()));
            }
        }
    }

    // ------------------------------------------------------------------ -S / -T

    private ExitStatus act(X2GoClient client, String profileId, ConnectOptions options, String name, boolean suspend) {
        SessionList list = client.listSessions(profileId);
        List<String> names = new ArrayList<>();
        if (name.equals("ALL")) {
            list.sessions().forEach(s -> names.add(s.name()));
        } else if (list.byName(name).isPresent()) {
            names.add(name);
        } else {
            throw new UsageException(suspend ? ExitStatus.SUSPEND_UNAVAILABLE : ExitStatus.TERMINATE_UNAVAILABLE,
                    "session " + name + " not available on X2Go server [" + options.host() + "]:" + options.port());
        }
        List<Object> done = new ArrayList<>();
        for (String n : names) {
            UUID uuid = client.sessionByName(profileId, n);
            if (suspend) {
                client.suspendSession(uuid);
            } else {
                client.terminateSession(uuid);
            }
            String outcome = suspend ? "suspended" : "terminated";
            if (inv.json()) {
                done.add(result(n, outcome));
            } else {
                out.println("X2Go session " + Formats.cell(n) + " has been " + outcome);
            }
        }
        if (inv.json()) {
            out.println(Json.write(Map.of("sessions", done)));
        }
        return ExitStatus.OK;
    }

    private static Map<String, Object> result(String session, String outcome) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("session", session);
        m.put("outcome", outcome);
        return m;
    }

    // ------------------------------------------------------------------ -N / -R

    /** Why an attached session ends. */
    private enum End { CTRL_C, SUSPENDED_ELSEWHERE, TERMINATED_ELSEWHERE, CONNECTION_LOST }

    @SuppressWarnings("try") // the handle only has to stay installed while the session is attached
    private ExitStatus attach(X2GoClient client, String profileId, ConnectOptions options, TerminalParams params,
                              String resumeName, boolean tryResume) {
        AtomicReference<End> end = new AtomicReference<>();
        AtomicReference<EventCause> endCause = new AtomicReference<>();
        CountDownLatch wake = new CountDownLatch(1);
        AtomicReference<UUID> mine = new AtomicReference<>();
        List<Path> share = inv.shareFolders();
        if (!share.isEmpty()) {
            // -F replaces the profile's folders, as pyhoca-cli's share_local_folders; the client shares them when
            // the session runs (its SFTP server's keys are made while the agent starts)
            params = params.toBuilder().shareFolders(share.stream()
                    .map(f -> new TerminalParams.FolderShare(f, false)).toList()).build();
        }
        client.addListener(new SessionListener() {
            @Override
            public void onFolderShareFailed(UUID sessionUuid, String profileName, String sessionName, Path folder,
                                            X2GoFolderSharingException failure) {
                console.warn("folder " + SafeText.visible(folder.toString()) + " not shared (" + failure.reason()
                        + "): " + SafeText.excerpt(failure.getMessage()));
            }

            @Override
            public void dispatch(SessionEvent e) {
                if (e.sessionUuid().equals(mine.get()) && e.cause() != EventCause.BY_THIS_CLIENT) {
                    if (e.kind() == SessionEvent.Kind.SUSPENDED || e.kind() == SessionEvent.Kind.TERMINATED) {
                        if (end.compareAndSet(null, e.kind() == SessionEvent.Kind.SUSPENDED ? End.SUSPENDED_ELSEWHERE
                                : End.TERMINATED_ELSEWHERE)) {
                            endCause.set(e.cause());
                        }
                        wake.countDown();
                    }
                }
            }
        });
        try (InterruptSource.Handle ctrlC = env.interrupts().onInterrupt(() -> {
            if (end.compareAndSet(null, End.CTRL_C)) {
                console.note("Ctrl-C: " + (inv.terminateOnCtrlC() ? "terminating" : "suspending") + " the session");
            }
            wake.countDown();
        })) {
            UUID uuid;
            String verb;
            if (resumeName != null) {
                String name = pickToResume(client.listSessions(profileId), resumeName).orElseThrow(() -> new UsageException(
                        ExitStatus.RESUME_UNAVAILABLE, "requested session " + resumeName + " not available on X2Go server ["
                        + options.host() + "]:" + options.port()));
                uuid = client.resumeSession(profileId, name, params);
                verb = "resumed";
            } else {
                Optional<String> candidate = tryResume ? resumable(client.listSessions(profileId), params.command())
                        : Optional.empty();
                if (candidate.isPresent()) {
                    console.note("resuming session " + candidate.get() + " (--try-resume)");
                    uuid = client.resumeSession(profileId, candidate.get(), params);
                    verb = "resumed";
                } else {
                    uuid = client.startSession(profileId, params);
                    verb = "started";
                }
            }
            mine.set(uuid);
            noteShares(client, uuid, share);
            print(client, uuid);
            String name = client.summary(uuid).map(SessionSummary::sessionName).orElse("?");
            if (inv.json()) {
                out.println(Json.write(result(name, verb)));
            } else {
                out.println("X2Go session " + Formats.cell(name) + " has been " + verb);
            }
            out.flush();
            console.note("press Ctrl-C to " + (inv.terminateOnCtrlC() ? "terminate" : "suspend") + " the session");
            waitForEnd(client, profileId, uuid, end, wake);
            return finish(client, uuid, name, end.get(), endCause.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitStatus.INTERRUPTED;
        }
    }

    /**
     * -F as pyhoca-cli: the folders were shared when the session came up; a folder that could not be shared was
     * reported by the listener, and the session runs on.
     */
    private void noteShares(X2GoClient client, UUID uuid, List<Path> requested) {
        if (requested.isEmpty()) {
            return;
        }
        List<Path> shared = client.sharedFolders(uuid);
        for (Path folder : requested) {
            if (shared.contains(folder)) {
                console.note("shared folder " + SafeText.visible(folder.toString()));
            }
        }
        if (shared.isEmpty() && !client.summary(uuid).map(SessionSummary::master).orElse(false)) {
            console.warn("no folder shared: the session is not the master session of its profile");
        }
    }

    /** --printing as pyhoca-cli: a spool that cannot be shared is reported; the session runs on. */
    private void print(X2GoClient client, UUID uuid) {
        inv.printAction().ifPresent(action -> {
            try {
                Path spool = client.enablePrinting(uuid, action);
                console.note("printing to this client (" + action.actionName() + "), spool "
                        + SafeText.visible(spool.toString()));
            } catch (X2GoFolderSharingException e) {
                console.warn("printing not available (" + e.reason() + "): " + SafeText.excerpt(e.getMessage()));
            }
        });
    }

    private void waitForEnd(X2GoClient client, String profileId, UUID uuid, AtomicReference<End> end,
                            CountDownLatch wake) throws InterruptedException {
        Duration poll = inv.pollInterval();
        while (!wake.await(poll.toMillis(), TimeUnit.MILLISECONDS)) {
            try {
                client.listSessions(profileId); // reconciles the registry: events for changes made elsewhere
            } catch (X2GoException e) {
                LOG.debug("status poll failed: {}", SafeText.excerpt(String.valueOf(e)));
                end.compareAndSet(null, End.CONNECTION_LOST);
                return;
            }
            SessionState state = client.summary(uuid).map(SessionSummary::state).orElse(SessionState.TERMINATED);
            if (state == SessionState.TERMINATED || state == SessionState.SUSPENDED) {
                // the registry's event (which names who did it) is delivered on its notification thread
                // right after the state changed: give it a moment to arrive before deciding without it
                wake.await(EVENT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                end.compareAndSet(null, state == SessionState.TERMINATED ? End.TERMINATED_ELSEWHERE : End.SUSPENDED_ELSEWHERE);
                return;
            }
            if (state == SessionState.DISCONNECTED) {
                end.compareAndSet(null, End.CONNECTION_LOST);
                return;
            }
        }
    }

    private ExitStatus finish(X2GoClient client, UUID uuid, String name, End end, EventCause cause) {
        String who = cause == null ? "elsewhere" : Console.describe(cause);
        switch (end) {
            case CTRL_C -> {
                String outcome;
                if (inv.terminateOnCtrlC()) {
                    client.terminateSession(uuid);
                    outcome = "terminated";
                } else {
                    client.suspendSession(uuid);
                    outcome = "suspended";
                }
                report(name, outcome, "X2Go session " + name + " has been " + outcome);
                return ExitStatus.OK;
            }
            case SUSPENDED_ELSEWHERE -> {
                report(name, "suspended elsewhere", "X2Go session " + name + " has been suspended " + who);
                return ExitStatus.OK;
            }
            case TERMINATED_ELSEWHERE -> {
                report(name, "terminated elsewhere", "X2Go session " + name + " has terminated (" + who + ")");
                return ExitStatus.OK;
            }
            case CONNECTION_LOST -> throw new X2GoControlSessionException(
                    "lost the connection to the server while attached to session " + name);
        }
        return ExitStatus.FAILURE;
    }

    private void report(String name, String outcome, String text) {
        if (inv.json()) {
            out.println(Json.write(result(name, outcome)));
        } else {
            out.println(SafeText.visible(text));
        }
    }

    /** {@code -R NAME}, {@code NEWEST} or {@code OLDEST} (by the creation time in the name). */
    static Optional<String> pickToResume(SessionList list, String wanted) {
        if (wanted.equals("NEWEST") || wanted.equals("OLDEST")) {
            Comparator<SessionInfo> byTime = Comparator.comparingLong(s -> SessionNames.timestampToken(s.name())
                    .map(CommandRunner::parseLong).orElse(0L));
            return (wanted.equals("NEWEST") ? list.sessions().stream().max(byTime) : list.sessions().stream().min(byTime))
                    .map(SessionInfo::name);
        }
        return list.byName(wanted).map(SessionInfo::name);
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0L;
        }
    }

    /** {@code --try-resume}: the first suspended, else running, session whose name carries the same command. */
    static Optional<String> resumable(SessionList list, String command) {
        String wanted = command.contains("/") ? command.substring(command.lastIndexOf('/') + 1) : command;
        Optional<SessionInfo> suspended = list.sessions().stream().filter(SessionInfo::isSuspended)
                .filter(s -> Formats.commandOf(s.name()).map(c -> c.equalsIgnoreCase(wanted)).orElse(false)).findFirst();
        if (suspended.isPresent()) {
            return suspended.map(SessionInfo::name);
        }
        return list.sessions().stream().filter(SessionInfo::isRunning)
                .filter(s -> Formats.commandOf(s.name()).map(c -> c.equalsIgnoreCase(wanted)).orElse(false))
                .findFirst().map(SessionInfo::name);
    }
}
