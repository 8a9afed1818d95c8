package org.x2go.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An SSH jump host (bastion, OpenSSH's {@code -J}, x2goclient's {@code usesshproxy} with {@code sshproxytype=SSH}):
 * the transport first logs in here, then opens a {@code direct-tcpip} channel to the X2Go server and runs the
 * server's SSH session inside it. The jump host's own key is verified like the server's; authentication on the
 * jump host uses only what is given here (keys, agent, password, and the {@link ConnectOptions#prompter()} for
 * keyboard-interactive prompts and key passphrases). A transport never falls back to a direct connection.
 *
 * @param host          host name or address of the jump host
 * @param port          its SSH port (default 22)
 * @param username      the user on the jump host
 * @param password      password on the jump host, if any
 * @param privateKeys   key files to offer to the jump host, in order
 * @param useAgent      whether to offer the SSH agent's keys to the jump host
 * @param knownHosts    known_hosts file for the jump host's key; empty = the target's
 * @param hostKeyPolicy policy for the jump host's key; empty = the target's
 */
public record JumpHost(String host, int port, String username, Optional<String> password, List<Path> privateKeys,
                       boolean useAgent, Optional<Path> knownHosts, Optional<HostKeyPolicy> hostKeyPolicy) {

    /** Validates every field; the message names the bad one. */
    public JumpHost {
        Objects.requireNonNull(host, "jump host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("jump host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("jump host port out of range 1..65535: " + port);
        }
        Objects.requireNonNull(username, "jump host username");
        if (username.isBlank()) {
            throw new IllegalArgumentException("jump host username must not be blank");
        }
        password = Objects.requireNonNullElse(password, Optional.empty());
        privateKeys = List.copyOf(Objects.requireNonNullElse(privateKeys, List.of()));
        knownHosts = Objects.requireNonNullElse(knownHosts, Optional.empty());
        hostKeyPolicy = Objects.requireNonNullElse(hostKeyPolicy, Optional.empty());
    }

    /**
     * @param host     jump host
     * @param port     its SSH port
     * @param username user on the jump host
     * @return a jump host with no credentials yet (add them with the {@code with...} methods)
     */
    public static JumpHost of(String host, int port, String username) {
        return new JumpHost(host, port, username, Optional.empty(), List.of(), false, Optional.empty(),
                Optional.empty());
    }

    /**
     * Parses OpenSSH's {@code -J} syntax {@code [user@]host[:port]} ({@code [v6addr]:port} for IPv6).
     *
     * @param spec        the text
     * @param defaultUser the user when the text names none
     * @return the jump host (port 22 unless given)
     * @throws IllegalArgumentException naming the bad text
     */
    public static JumpHost parse(String spec, String defaultUser) {
        Objects.requireNonNull(spec, "jump host");
        String s = spec.strip();
        if (s.contains(",")) {
            throw new IllegalArgumentException("only one jump host is supported: '" + SafeText.visible(spec) + "'");
        }
        String user = defaultUser;
        int at = s.lastIndexOf('@');
        if (at >= 0) {
            user = s.substring(0, at);
            s = s.substring(at + 1);
        }
        String host = s;
        int port = 22;
        try {
            if (s.startsWith("[")) {
                int end = s.indexOf(']');
                if (end < 0) {
                    throw new IllegalArgumentException("missing ']'");
                }
                host = s.substring(1, end);
                String rest = s.substring(end + 1);
                if (rest.startsWith(":")) {
                    port = Integer.parseInt(rest.substring(1));
                } else if (!rest.isEmpty()) {
                    throw new IllegalArgumentException("text after ']'");
                }
            } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
                host = s.substring(0, s.indexOf(':'));
                port = Integer.parseInt(s.substring(s.indexOf(':') + 1));
            }
            return of(host, port, user);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad jump host '" + SafeText.visible(spec) + "' (expected [user@]host[:port]): "
                    + e.getMessage(), e);
        }
    }

    /** @param pw the password on the jump host @return a copy with it */
    public JumpHost withPassword(String pw) {
        return new JumpHost(host, port, username, Optional.ofNullable(pw), privateKeys, useAgent, knownHosts, hostKeyPolicy);
    }

    /** @param keys the key files for the jump host @return a copy with them */
    public JumpHost withPrivateKeys(List<Path> keys) {
        return new JumpHost(host, port, username, password, keys, useAgent, knownHosts, hostKeyPolicy);
    }

    /** @param agent whether to offer the agent's keys @return a copy with it */
    public JumpHost withAgent(boolean agent) {
        return new JumpHost(host, port, username, password, privateKeys, agent, knownHosts, hostKeyPolicy);
    }

    /** @param file known_hosts for the jump host @param policy its policy @return a copy with them */
    public JumpHost withHostKeyCheck(Path file, HostKeyPolicy policy) {
        return new JumpHost(host, port, username, password, privateKeys, useAgent, Optional.of(file),
                Optional.of(policy));
    }

    /** Hides the password. */
    @Override
    public String toString() {
        return "JumpHost[" + username + "@" + KnownHosts.hostToken(host, port) + ", keys=" + privateKeys
                + ", password=" + (password.isPresent() ? "***" : "none") + ", agent=" + useAgent + "]";
    }
}
