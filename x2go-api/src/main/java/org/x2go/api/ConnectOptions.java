package org.x2go.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach and authenticate to one X2Go server over SSH. Immutable; build with {@link #builder(String, String)}.
 *
 * <p>Authentication order: Kerberos (if {@code gssapi}), the given private keys, then the SSH agent (if allowed),
 * then keyboard-interactive and the password.
 *
 * @param host              host name or loopback address
 * @param port              SSH port (default 22)
 * @param username          the remote user, required
 * @param password          password, if any
 * @param privateKeys       private key files to offer, in order
 * @param passphrase        passphrase for encrypted keys, if any
 * @param useAgent          whether to ask the SSH agent ({@code SSH_AUTH_SOCK}) for keys
 * @param knownHosts        the OpenSSH {@code known_hosts} file used to verify the host key
 * @param hostKeyPolicy     what to do with unknown keys; {@link HostKeyPolicy#STRICT} by default
 * @param connectTimeout    time limit for TCP connect plus SSH handshake and authentication
 * @param commandTimeout    time limit for one remote command (python: 20 s)
 * @param keepAliveInterval interval of SSH keep-alive messages (python: 5 s); zero disables them
 * @param maxCommandOutput  most bytes one remote command may send, stdout and stderr together, before the
 *                          transport stops reading, closes that command's channel and fails the call
 *                          ({@link #DEFAULT_MAX_COMMAND_OUTPUT} by default)
 * @param jumpHost          an SSH jump host to go through; never bypassed (a failure there fails the connect)
 * @param httpProxy         an HTTP CONNECT proxy for the first hop (the jump host if any, else the server)
 * @param prompter          answers keyboard-interactive prompts and key passphrases; without one,
 *                          keyboard-interactive is answered with the {@link #password()} if a single
 *                          non-echoing prompt asks, and encrypted keys need {@link #passphrase()}
 * @param forwardAgent      whether remote commands get the SSH agent forwarded (needs {@code useAgent} and an agent)
 * @param gssapi            whether to try {@code gssapi-with-mic} (Kerberos ticket cache) first on the server
 * @param agentSocket       the SSH agent's socket; empty = {@code SSH_AUTH_SOCK} (a gateway passes each user's own)
 */
public record ConnectOptions(String host, int port, String username, Optional<String> password,
                             List<Path> privateKeys, Optional<String> passphrase, boolean useAgent,
                             Path knownHosts, HostKeyPolicy hostKeyPolicy, Duration connectTimeout,
                             Duration commandTimeout, Duration keepAliveInterval, long maxCommandOutput,
                             Optional<JumpHost> jumpHost, Optional<HttpProxy> httpProxy,
                             Optional<AuthPrompter> prompter, boolean forwardAgent, boolean gssapi,
                             Optional<Path> agentSocket) {

    /**
     * Default {@link #maxCommandOutput()}: 64 MiB per command, stdout and stderr together. Generous: the
     * list of 100,000 sessions is about 18 MB; it only stops a server that never stops writing.
     */
    public static final long DEFAULT_MAX_COMMAND_OUTPUT = 64L * 1024 * 1024;

    /** Validates every field; the message names the bad one. */
    public ConnectOptions {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range 1..65535: " + port);
        }
        Objects.requireNonNull(username, "username");
        if (username.isBlank()) {
            throw new IllegalArgumentException("username must not be blank");
        }
        password = Objects.requireNonNullElse(password, Optional.empty());
        privateKeys = List.copyOf(Objects.requireNonNullElse(privateKeys, List.of()));
        passphrase = Objects.requireNonNullElse(passphrase, Optional.empty());
        Objects.requireNonNull(knownHosts, "knownHosts");
        Objects.requireNonNull(hostKeyPolicy, "hostKeyPolicy");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(commandTimeout, "commandTimeout");
        Objects.requireNonNull(keepAliveInterval, "keepAliveInterval");
        if (keepAliveInterval.isNegative()) {
            throw new IllegalArgumentException("keepAliveInterval must not be negative: " + keepAliveInterval);
        }
        if (maxCommandOutput < 1) {
            throw new IllegalArgumentException("maxCommandOutput must be positive: " + maxCommandOutput);
        }
        jumpHost = Objects.requireNonNullElse(jumpHost, Optional.empty());
        httpProxy = Objects.requireNonNullElse(httpProxy, Optional.empty());
        prompter = Objects.requireNonNullElse(prompter, Optional.empty());
        agentSocket = Objects.requireNonNullElse(agentSocket, Optional.empty());
    }

    /**
     * The options without jump host, proxy, prompter, agent forwarding or Kerberos (the constructor before
     * those existed).
     *
     * @param host              host name or loopback address
     * @param port              SSH port
     * @param username          the remote user
     * @param password          password, if any
     * @param privateKeys       private key files to offer, in order
     * @param passphrase        passphrase for encrypted keys, if any
     * @param useAgent          whether to ask the SSH agent for keys
     * @param knownHosts        the OpenSSH {@code known_hosts} file
     * @param hostKeyPolicy     what to do with unknown keys
     * @param connectTimeout    time limit for connect, handshake and authentication
     * @param commandTimeout    time limit for one remote command
     * @param keepAliveInterval interval of SSH keep-alive messages; zero disables them
     * @param maxCommandOutput  most bytes one remote command may send
     */
    public ConnectOptions(String host, int port, String username, Optional<String> password,
                          List<Path> privateKeys, Optional<String> passphrase, boolean useAgent,
                          Path knownHosts, HostKeyPolicy hostKeyPolicy, Duration connectTimeout,
                          Duration commandTimeout, Duration keepAliveInterval, long maxCommandOutput) {
        this(host, port, username, password, privateKeys, passphrase, useAgent, knownHosts, hostKeyPolicy,
                connectTimeout, commandTimeout, keepAliveInterval, maxCommandOutput, Optional.empty(),
                Optional.empty(), Optional.empty(), false, false, Optional.empty());
    }

    /**
     * The options with the default {@link #DEFAULT_MAX_COMMAND_OUTPUT} (the constructor before that limit existed).
     *
     * @param host              host name or loopback address
     * @param port              SSH port
     * @param username          the remote user
     * @param password          password, if any
     * @param privateKeys       private key files to offer, in order
     * @param passphrase        passphrase for encrypted keys, if any
     * @param useAgent          whether to ask the SSH agent for keys
     * @param knownHosts        the OpenSSH {@code known_hosts} file
     * @param hostKeyPolicy     what to do with unknown keys
     * @param connectTimeout    time limit for connect, handshake and authentication
     * @param commandTimeout    time limit for one remote command
     * @param keepAliveInterval interval of SSH keep-alive messages; zero disables them
     */
    public ConnectOptions(String host, int port, String username, Optional<String> password,
                          List<Path> privateKeys, Optional<String> passphrase, boolean useAgent,
                          Path knownHosts, HostKeyPolicy hostKeyPolicy, Duration connectTimeout,
                          Duration commandTimeout, Duration keepAliveInterval) {
        this(host, port, username, password, privateKeys, passphrase, useAgent, knownHosts, hostKeyPolicy,
                connectTimeout, commandTimeout, keepAliveInterval, DEFAULT_MAX_COMMAND_OUTPUT);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }

    /** Hides the password and passphrase. */
    @Override
    public String toString() {
        return "ConnectOptions[" + username + "@" + host + ":" + port + ", keys=" + privateKeys
                + ", password=" + (password.isPresent() ? "***" : "none") + ", agent=" + useAgent
                + ", knownHosts=" + knownHosts + ", policy=" + hostKeyPolicy
                + jumpHost.map(j -> ", via " + j).orElse("") + httpProxy.map(p -> ", via " + p).orElse("")
                + (forwardAgent ? ", forwardAgent" : "") + (gssapi ? ", gssapi" : "") + "]";
    }

    /**
     * @param host     server host
     * @param username remote user
     * @return a builder with python-x2go's defaults (port 22, ~/.ssh/known_hosts, strict keys,
     *         20 s timeouts, 5 s keep-alive, 64 MiB command output)
     */
    public static Builder builder(String host, String username) {
        return new Builder(host, username);
    }

    /** @return a builder initialised from this instance */
    public Builder toBuilder() {
        Builder b = new Builder(host, username).port(port).useAgent(useAgent).knownHosts(knownHosts)
                .hostKeyPolicy(hostKeyPolicy).connectTimeout(connectTimeout).commandTimeout(commandTimeout)
                .keepAliveInterval(keepAliveInterval).maxCommandOutput(maxCommandOutput)
                .jumpHost(jumpHost.orElse(null)).httpProxy(httpProxy.orElse(null)).prompter(prompter.orElse(null))
                .forwardAgent(forwardAgent).gssapi(gssapi).agentSocket(agentSocket.orElse(null));
        password.ifPresent(b::password);
        passphrase.ifPresent(b::passphrase);
        privateKeys.forEach(b::privateKey);
        return b;
    }

    /** Mutable builder for {@link ConnectOptions}; every field can be changed. Not thread-safe. */
    public static final class Builder {
        private String host;
        private String username;
        private int port = 22;
        private String password;
        private final List<Path> keys = new ArrayList<>();
        private String passphrase;
        private boolean useAgent;
        private Path knownHosts = Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
        private HostKeyPolicy hostKeyPolicy = HostKeyPolicy.STRICT;
        private Duration connectTimeout = Duration.ofSeconds(20);
        private Duration commandTimeout = Duration.ofSeconds(20);
        private Duration keepAliveInterval = Duration.ofSeconds(5);
        private long maxCommandOutput = DEFAULT_MAX_COMMAND_OUTPUT;
        private JumpHost jumpHost;
        private HttpProxy httpProxy;
        private AuthPrompter prompter;
        private boolean forwardAgent;
        private boolean gssapi;
        private Path agentSocket;

        private Builder(String host, String username) {
            this.host = host;
            this.username = username;
        }

        /** @param host the server @return this */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** @param username the remote user @return this */
        public Builder username(String username) {
            this.username = username;
            return this;
        }

        /** Removes every private key given so far. @return this */
        public Builder clearPrivateKeys() {
            keys.clear();
            return this;
        }

        /** @param jump the jump host, {@code null} for none @return this */
        public Builder jumpHost(JumpHost jump) {
            this.jumpHost = jump;
            return this;
        }

        /** @param proxy the HTTP CONNECT proxy, {@code null} for none @return this */
        public Builder httpProxy(HttpProxy proxy) {
            this.httpProxy = proxy;
            return this;
        }

        /** @param prompter answers keyboard-interactive prompts and passphrases, {@code null} for none @return this */
        public Builder prompter(AuthPrompter prompter) {
            this.prompter = prompter;
            return this;
        }

        /** @param forward whether to forward the SSH agent to remote commands @return this */
        public Builder forwardAgent(boolean forward) {
            this.forwardAgent = forward;
            return this;
        }

        /** @param socket the SSH agent's socket, {@code null} for {@code SSH_AUTH_SOCK} @return this */
        public Builder agentSocket(Path socket) {
            this.agentSocket = socket;
            return this;
        }

        /** @param gssapi whether to try Kerberos ({@code gssapi-with-mic}) on the server @return this */
        public Builder gssapi(boolean gssapi) {
            this.gssapi = gssapi;
            return this;
        }

        /** @param port SSH port @return this */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** @param password the password, {@code null} for none @return this */
        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /** @param key a private key file to offer @return this */
        public Builder privateKey(Path key) {
            keys.add(Objects.requireNonNull(key, "key"));
            return this;
        }

        /** @param passphrase passphrase of encrypted keys, {@code null} for none @return this */
        public Builder passphrase(String passphrase) {
            this.passphrase = passphrase;
            return this;
        }

        /** @param useAgent whether to use the SSH agent @return this */
        public Builder useAgent(boolean useAgent) {
            this.useAgent = useAgent;
            return this;
        }

        /** @param knownHosts the known_hosts file @return this */
        public Builder knownHosts(Path knownHosts) {
            this.knownHosts = knownHosts;
            return this;
        }

        /** @param policy what to do with unknown host keys @return this */
        public Builder hostKeyPolicy(HostKeyPolicy policy) {
            this.hostKeyPolicy = policy;
            return this;
        }

        /** @param timeout connect + handshake + auth limit @return this */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /** @param timeout per-command limit @return this */
        public Builder commandTimeout(Duration timeout) {
            this.commandTimeout = timeout;
            return this;
        }

        /** @param interval keep-alive interval, zero to disable @return this */
        public Builder keepAliveInterval(Duration interval) {
            this.keepAliveInterval = interval;
            return this;
        }

        /**
         * @param bytes most bytes one command may send (stdout and stderr together) before the call fails
         *              with {@link X2GoControlSessionException}; default {@link #DEFAULT_MAX_COMMAND_OUTPUT}
         * @return this
         */
        public Builder maxCommandOutput(long bytes) {
            this.maxCommandOutput = bytes;
            return this;
        }

        /** @return the validated options */
        public ConnectOptions build() {
            return new ConnectOptions(host, port, username, Optional.ofNullable(password), keys,
                    Optional.ofNullable(passphrase), useAgent, knownHosts, hostKeyPolicy, connectTimeout,
                    commandTimeout, keepAliveInterval, maxCommandOutput, Optional.ofNullable(jumpHost),
                    Optional.ofNullable(httpProxy), Optional.ofNullable(prompter), forwardAgent, gssapi,
                    Optional.ofNullable(agentSocket));
        }
    }
}
