package org.x2go.client;

import java.util.Objects;
import java.util.UUID;

import org.x2go.api.X2GoSessionException;

/**
 * A headless client refused to suspend a session that no NX client has attached to: an X2Go server ends
 * such a session instead of suspending it. Nothing was sent to the server; the session still runs. What
 * to do: select the {@code TUNNEL} proxy backend with graphics on (it keeps the agent attached without a
 * display), or attach an NX client and declare it with {@link X2GoClient#nxClientAttached}, or terminate
 * the session.
 */
public class SessionNeverAttachedException extends X2GoSessionException {
    private static final long serialVersionUID = 1L;

    private final UUID uuid;
    private final String sessionName;

    /**
     * @param message     what happened and what to do
     * @param uuid        the session's record
     * @param sessionName the server session's name
     */
    public SessionNeverAttachedException(String message, UUID uuid, String sessionName) {
        super(message);
        this.uuid = Objects.requireNonNull(uuid, "uuid");
        this.sessionName = Objects.requireNonNull(sessionName, "sessionName");
    }

    /** @return the session's record */
    public UUID uuid() {
        return uuid;
    }

    /** @return the server session's name */
    public String sessionName() {
        return sessionName;
    }
}
