package org.x2go.backend.sshj.internal;

import java.io.IOException;

import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.method.AbstractAuthMethod;

/** {@code publickey} authentication with one key of the SSH agent, signed by the agent. */
public final class AgentAuth extends AbstractAuthMethod {
    private final AgentClient agent;
    private final AgentClient.Key key;

    /** @param agent the agent @param key one of its keys */
    public AgentAuth(AgentClient agent, AgentClient.Key key) {
        super("publickey");
        this.agent = agent;
        this.key = key;
    }

    @Override
    protected SSHPacket buildReq() throws UserAuthException {
        String type = key.type();
        // RSA keys sign with SHA-2 (the agent is told by flag); other types sign as their own type
        String alg = type.equals("ssh-rsa") ? "rsa-sha2-512" : type;
        int flags = type.equals("ssh-rsa") ? 4 : 0;
        SSHPacket req = super.buildReq().putBoolean(true).putString(alg).putBytes(key.blob());
        byte[] toSign = new Buffer.PlainBuffer().putString(params.getTransport().getSessionID()).putBuffer(req)
                .getCompactData();
        try {
            return req.putBytes(agent.sign(key.blob(), toSign, flags));
        } catch (IOException e) {
            throw new UserAuthException("SSH agent did not sign with key " + key.comment() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "agent key " + key.type() + " " + key.comment();
    }
}
