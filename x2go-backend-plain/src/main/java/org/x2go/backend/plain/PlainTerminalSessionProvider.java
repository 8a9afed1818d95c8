package org.x2go.backend.plain;

import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.api.AgentInfo;
import org.x2go.api.SafeText;
import org.x2go.api.SessionInfo;
import org.x2go.api.SessionNames;
import org.x2go.api.TerminalParams;
import org.x2go.api.X2GoDesktopSharingDeniedException;
import org.x2go.api.X2GoTerminalSessionException;
import org.x2go.backend.plain.internal.Outputs;
import org.x2go.backend.plain.internal.PlainTerminalSession;
import org.x2go.spi.CommandResult;
import org.x2go.spi.ControlSession;
import org.x2go.spi.TerminalSession;
import org.x2go.spi.TerminalSessionProvider;

/**
 * The PLAIN terminal backend (spec §8): {@code x2gostartagent}, {@code x2goresume-session},
 * {@code x2goruncommand}, suspend and terminate, with the command lines of {@link X2GoCommands}.
 * Stateless and thread-safe.
 */
public final class PlainTerminalSessionProvider implements TerminalSessionProvider {
    private static final Logger LOG = LoggerFactory.getLogger(PlainTerminalSessionProvider.class);
    private static final String FEATURE_KDRIVE = "X2GOKDRIVE_BASE_SUPPORT";

    private final PlainSessionInfoParser parser = new PlainSessionInfoParser();

    /** Creates the provider (ServiceLoader entry point). */
    public PlainTerminalSessionProvider() {
    }

    /** @return {@code PLAIN} */
    @Override
    public String name() {
        return "PLAIN";
    }

    /**
     * Starts an agent (R-TRM-5): normalise the type, check that the command exists on the server, run
     * {@code x2gostartagent} and parse its answer.
     *
     * @param control the profile's control session
     * @param params  session parameters
     * @return the started session; call {@link TerminalSession#runCommand()} once the proxy is up
     * @throws X2GoDesktopSharingDeniedException when the desktop owner refused a shadow session
     * @throws X2GoTerminalSessionException      when the command is missing, a feature is missing, or the server answers garbage
     */
    @Override
    public TerminalSession start(ControlSession control, TerminalParams params) {
        Objects.requireNonNull(control, "control");
        SessionTypeRules.Kind kind = SessionTypeRules.normalise(Objects.requireNonNull(params, "params"));
        warnAboutUnknownPack(params);
        if (kind.type().equals("K") && !control.features().contains(FEATURE_KDRIVE)) {
            throw new X2GoTerminalSessionException("KDrive session requested but the server lacks " + FEATURE_KDRIVE);
        }
        if (kind.type().equals("P") && !control.features().contains("X2GO_PUBLISHED_APPLICATIONS")) {
            throw new X2GoTerminalSessionException(
                    "Published applications requested but the server lacks X2GO_PUBLISHED_APPLICATIONS");
        }
        Optional<String> check = X2GoCommands.commandCheck(kind.command());
        if (check.isPresent() && !control.run(check.get()).stdout().contains("OK")) {
            throw new X2GoTerminalSessionException("Command not available on the server: "
                    + SafeText.excerpt(kind.command()));
        }
        CommandResult r = control.run(X2GoCommands.startAgent(params, kind));
        if (r.stderr().contains("ACCESS DENIED") && kind.command().contains("XSHAD")) {
            throw new X2GoDesktopSharingDeniedException("Desktop sharing denied for "
                    + SafeText.excerpt(kind.command()) + ": " + SafeText.excerpt(r.stderr().strip()));
        }
        AgentInfo agent;
        try {
            agent = parser.parseAgent(r.stdout());
        } catch (X2GoTerminalSessionException e) {
            throw new X2GoTerminalSessionException(e.getMessage() + (r.stderr().isBlank() ? ""
                    : "; stderr: '" + SafeText.excerpt(r.stderr().strip()) + "'"), e);
        }
        LOG.info("Started session {} (display {}, type {})", SafeText.excerpt(agent.sessionName()), agent.display(),
                SafeText.excerpt(kind.type()));
        return new PlainTerminalSession(control, agent, params, kind);
    }

    /**
     * Resumes a session (R-TRM-6): looks it up in a fresh list (an unknown name is an error, python sent
     * an empty name, Q-29), runs {@code x2goresume-session} and takes the ports it returns.
     *
     * @param control     the profile's control session
     * @param sessionName the session to resume
     * @param params      session parameters
     * @return the resumed session with the returned ports
     * @throws X2GoTerminalSessionException when the session is unknown, or the server gives no (valid) ports
     */
    @Override
    public TerminalSession resume(ControlSession control, String sessionName, TerminalParams params) {
        Objects.requireNonNull(control, "control");
        Objects.requireNonNull(params, "params");
        if (sessionName == null || sessionName.isBlank()) {
            throw new X2GoTerminalSessionException("Cannot resume: no session name given");
        }
        SessionInfo info = control.listSessions().byName(sessionName).orElseThrow(
                () -> new X2GoTerminalSessionException("Cannot resume " + SafeText.excerpt(sessionName)
                        + ": the server does not list it"));
        warnAboutUnknownPack(params);
        CommandResult r = control.run(X2GoCommands.resume(sessionName, params));
        Outputs.ResumePorts ports = Outputs.resumePorts(r.stdout(), r.stderr(), sessionName);
        AgentInfo agent = new AgentInfo(info.display(), info.cookie(), info.agentPid(), sessionName,
                ports.graphics(), ports.sound().orElse(info.soundPort()), ports.sshfs().orElse(info.sshfsPort()),
                ports.tekiCtrl().orElse(info.tekiCtrlPort()), ports.tekiData().orElse(info.tekiDataPort()));
        String type = SessionNames.sessionType(sessionName).map(t -> String.valueOf(t.letter()))
                .orElse(String.valueOf(params.sessionType().letter()));
        LOG.info("Resumed session {} (graphics port {})", SafeText.excerpt(sessionName), agent.graphicsPort());
        return new PlainTerminalSession(control, agent, params, new SessionTypeRules.Kind(type, params.command()));
    }

    private static void warnAboutUnknownPack(TerminalParams params) {
        if (!SessionTypeRules.isKnownPack(params.pack())) {
            LOG.warn("Pack method '{}' is not one of the NX methods (R-DEF-6); the server may reject it",
                    SafeText.excerpt(params.pack()));
        }
    }
}
