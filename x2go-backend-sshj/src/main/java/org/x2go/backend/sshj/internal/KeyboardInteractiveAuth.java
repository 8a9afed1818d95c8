package org.x2go.backend.sshj.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.x2go.api.AuthPrompter;

import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.Message;
import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.method.AbstractAuthMethod;

/**
 * {@code keyboard-interactive} (RFC 4256) that hands each challenge whole (name, instruction, every prompt
 * with its echo flag) to one function, unlike sshj's per-prompt provider.
 */
public final class KeyboardInteractiveAuth extends AbstractAuthMethod {
    /** A challenge with more prompts is refused (a server could otherwise make us allocate without bound). */
    private static final int MAX_PROMPTS = 64;

    /** A challenge as the server sent it. @param name name @param instruction instruction @param prompts prompts */
    public record Challenge(String name, String instruction, List<AuthPrompter.Prompt> prompts) {
    }

    private final Function<Challenge, Optional<List<String>>> answerer;
    private volatile boolean asked;

    /** @param answerer answers a challenge, or empty to give up */
    public KeyboardInteractiveAuth(Function<Challenge, Optional<List<String>>> answerer) {
        super("keyboard-interactive");
        this.answerer = answerer;
    }

    /** @return whether the server sent at least one challenge */
    public boolean asked() {
        return asked;
    }

    @Override
    protected SSHPacket buildReq() throws UserAuthException {
        return super.buildReq().putString("").putString("");
    }

    @Override
    public void handle(Message cmd, SSHPacket buf) throws UserAuthException, TransportException {
        if (cmd != Message.USERAUTH_60) {
            super.handle(cmd, buf);
            return;
        }
        asked = true;
        List<String> answers;
        try {
            String name = buf.readString();
            String instruction = buf.readString();
            buf.readString(); // language tag
            long n = buf.readUInt32();
            if (n > MAX_PROMPTS) {
                throw new UserAuthException("keyboard-interactive challenge with " + n + " prompts (at most "
                        + MAX_PROMPTS + ")");
            }
            List<AuthPrompter.Prompt> prompts = new ArrayList<>();
            for (long i = 0; i < n; i++) {
                prompts.add(new AuthPrompter.Prompt(buf.readString(), buf.readBoolean()));
            }
            // OpenSSH ends a PAM conversation with an empty challenge: answer it without asking anybody
            answers = prompts.isEmpty() && name.isEmpty() && instruction.isEmpty() ? List.of()
                    : answerer.apply(new Challenge(name, instruction, prompts))
                    .filter(a -> a.size() == prompts.size())
                    .orElseThrow(() -> new UserAuthException("keyboard-interactive prompts were not answered"));
        } catch (Buffer.BufferException e) {
            throw new UserAuthException("malformed keyboard-interactive challenge", e);
        }
        SSHPacket resp = new SSHPacket(Message.USERAUTH_INFO_RESPONSE).putUInt32(answers.size());
        for (String a : answers) {
            resp.putSensitiveString(a.toCharArray());
        }
        params.getTransport().write(resp);
    }
}
