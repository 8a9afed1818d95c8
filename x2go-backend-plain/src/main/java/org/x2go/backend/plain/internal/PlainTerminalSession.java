package org.x2go.backend.plain.internal;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.api.AgentInfo;
import org.x2go.api.SafeText;
import org.x2go.api.SessionNames;
import org.x2go.api.TerminalParams;
import org.x2go.api.X2GoTerminalSessionException;
import org.x2go.backend.plain.SessionTypeRules;
import org.x2go.backend.plain.X2GoCommands;
import org.x2go.spi.CommandResult;
import org.x2go.spi.ControlSession;
import org.x2go.spi.TerminalSession;

/**
 * One started or resumed PLAIN session. Thread-safe: the agent facts are immutable, the state is guarded.
 */
public final class PlainTerminalSession implements TerminalSession {
    private static final Logger LOG = LoggerFactory.getLogger(PlainTerminalSession.class);

    private enum State { ACTIVE, SUSPENDED, TERMINATED }

    private final ControlSession control;
    private final AgentInfo agent;
    private final TerminalParams params;
    private final SessionTypeRules.Kind kind;
    private final FolderMounts folders;
    private State state = State.ACTIVE;
    private boolean closed;

    /**
     * @param control the control session
     * @param agent   the agent facts
     * @param params  the session parameters
     * @param kind    the normalised type and command
     */
    public PlainTerminalSession(ControlSession control, AgentInfo agent, TerminalParams params,
                                SessionTypeRules.Kind kind) {
        this.control = Objects.requireNonNull(control, "control");
        this.agent = Objects.requireNonNull(agent, "agent");
        this.params = Objects.requireNonNull(params, "params");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.folders = new FolderMounts(control, agent);
    }

    @Override
    public AgentInfo agent() {
        return agent;
    }

    /** @return the remote session directory {@code <home>/.x2go/C-<name>} */
    public String remoteContainer() {
        return control.remoteHome() + "/.x2go/C-" + agent.sessionName();
    }

    @Override
    public void runCommand() {
        requireActive("run the command of");
        String cmd = kind.command().strip();
        if (cmd.contains("XSHAD") || cmd.equals("XDMCP") || kind.type().equals("S")) {
            LOG.debug("session {}: no command to run for {}", name(), SafeText.excerpt(cmd));
            return;
        }
        if (cmd.isEmpty()) {
            cmd = kind.type().equals("P") ? "PUBLISHED" : "TERMINAL";
        }
        cmd = X2GoCommands.rewriteMacros(cmd, control.shell().username(), Optional.empty());
        String type = SessionNames.sessionType(agent.sessionName()).map(t -> String.valueOf(t.letter()))
                .orElse(kind.type());
        String line = X2GoCommands.runCommand(agent, cmd, params.sound(), type,
                params.sound() == TerminalParams.SoundSystem.PULSE ? remoteContainer() : "", Map.of());
        CommandResult r = control.run(line);
        if (!r.stderr().isBlank()) {
            LOG.warn("x2goruncommand for {}: {}", name(), SafeText.excerpt(r.stderr().strip()));
        }
        setKeyboard();
    }

    private void setKeyboard() {
        String kbType = params.kbType();
        if ("null/null".equals(kbType) || "auto".equals(kbType)) {
            return;
        }
        X2GoCommands.setKeyboard(agent.display(), params.kbLayout(), params.kbVariant()).ifPresent(line -> {
            CommandResult r = control.run(line);
            if (!r.stderr().isBlank()) {
                LOG.warn("setxkbmap for {} failed: {}", name(), SafeText.excerpt(r.stderr().strip()));
            }
        });
    }

    @Override
    public void mountFolder(org.x2go.spi.FolderMount mount) {
        requireActive("share a folder with");
        folders.mount(mount);
    }

    @Override
    public void unmountFolders(Optional<String> folder) {
        requireActive("unshare folders of");
        folders.unmount(folder);
    }

    @Override
    public void suspend() {
        requireActive("suspend");
        control.suspend(agent.sessionName());
        synchronized (this) {
            state = State.SUSPENDED;
        }
    }

    @Override
    public void terminate() {
        synchronized (this) {
            if (state == State.TERMINATED) {
                return;
            }
        }
        control.terminate(agent.sessionName());
        synchronized (this) {
            state = State.TERMINATED;
        }
    }

    private synchronized void requireActive(String what) {
        if (closed || state != State.ACTIVE) {
            throw new X2GoTerminalSessionException("Cannot " + what + " session " + name() + ": it is "
                    + (closed ? "closed" : state.name().toLowerCase(java.util.Locale.ROOT)));
        }
    }

    /** The session name as logs and messages show it (it came from the server). */
    private String name() {
        return SafeText.excerpt(agent.sessionName());
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
