package org.x2go.backend.plain;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Vector;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.api.AuthPrompter;
import org.x2go.api.AuthPrompter.Stage;
import org.x2go.api.ConnectOptions;
import org.x2go.api.HostKeyPolicy;
import org.x2go.api.HttpProxy;
import org.x2go.api.JumpHost;
import org.x2go.api.KnownHosts;
import org.x2go.api.X2GoAuthenticationException;
import org.x2go.api.X2GoHostKeyException;
import org.x2go.api.SafeText;
import org.x2go.api.X2GoPasswordRequiredException;
import org.x2go.api.X2GoSshException;
import org.x2go.api.X2GoTimeOutException;
import org.x2go.backend.plain.internal.JschAlgorithms;
import org.x2go.backend.plain.internal.JschRemoteShell;
import org.x2go.spi.RemoteShell;
import org.x2go.spi.SshTransport;

import com.jcraft.jsch.AgentIdentityRepository;
import com.jcraft.jsch.AgentProxyException;
import com.jcraft.jsch.ChannelDirectTCPIP;
import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.Identity;
import com.jcraft.jsch.IdentityRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchProxyException;
import com.jcraft.jsch.Proxy;
import com.jcraft.jsch.ProxyHTTP;
import com.jcraft.jsch.SSHAgentConnector;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SocketFactory;
import com.jcraft.jsch.UIKeyboardInteractive;
import com.jcraft.jsch.UnixDomainSocketFactory;
import com.jcraft.jsch.UserInfo;

/**
 * The {@code JSCH} SSH transport (default), on com.github.mwiede:jsch.
 *
 * <p>Host keys are checked by {@link KnownHosts} (hashed and {@code [host]:port} entries; strict unless
 * the caller opted in to {@link org.x2go.api.HostKeyPolicy#ACCEPT_NEW}); host-key algorithms already
 * recorded for the host are preferred in negotiation. Authentication tries {@code gssapi-with-mic} (when asked;
 * JGSS finds the ticket cache through {@code KRB5CCNAME} or a JAAS entry), the key files (encrypted ones
 * unlocked with the passphrase or the {@link AuthPrompter}, whose bytes are wiped after use), the agent
 * ({@code useAgent} and {@code SSH_AUTH_SOCK}), keyboard-interactive (the prompter, else the password for a
 * single hidden prompt), then the password. With keys and no password the login skips the {@code none} request
 * (it only asks for the server's methods), and with key files only it signs at once instead of asking first
 * whether a key would do: two round trips fewer per connect. JSch's algorithm availability checks are made
 * once per JVM ({@link JschAlgorithms}).
 *
 * <p>A {@link JumpHost} is logged in to first (its own keys, agent, password and host-key check), and the
 * server's SSH stream runs in a {@code direct-tcpip} channel of that session: no local port is opened, and
 * there is no direct connection when the jump host fails. An {@link HttpProxy} carries the first hop with
 * {@code CONNECT} (JSch's {@code ProxyHTTP}, optional basic auth). Failures name the stage (jump host or
 * target) and the methods tried. With {@code forwardAgent} remote commands get the agent (only the agent's
 * keys, never the key files). No environment variables are
 * sent, no compression, {@code TCP_NODELAY} is set, keep-alive as configured. A command's output is bounded by
 * {@link ConnectOptions#maxCommandOutput()}: past it the channel is closed and the call fails. Stateless and
 * thread-safe: every {@link #connect} builds its own {@link JSch} instance.
 */
public final class JschTransport implements SshTransport {
    private static final Logger LOG = LoggerFactory.getLogger(JschTransport.class);

    private final Supplier<Optional<String>> agentSocket;

    /** Creates the transport (ServiceLoader entry point); the agent is found through {@code SSH_AUTH_SOCK}. */
    public JschTransport() {
        this(() -> Optional.ofNullable(System.getenv("SSH_AUTH_SOCK")).filter(s -> !s.isBlank()));
    }

    /** @param agentSocket where the SSH agent listens, if anywhere (tests inject their own agent) */
    JschTransport(Supplier<Optional<String>> agentSocket) {
        this.agentSocket = agentSocket;
    }

    /** @return {@code JSCH} */
    @Override
    public String name() {
        return "JSCH";
    }

    @Override
    public RemoteShell connect(ConnectOptions o) {
        Optional<String> sock = o.agentSocket().map(Path::toString).or(agentSocket);
        Session jumpSession = null;
        Proxy firstHopProxy = o.httpProxy().map(JschTransport::httpProxy).orElse(null);
        if (o.jumpHost().isPresent()) {
            JumpHost j = o.jumpHost().get();
            Hop jump = new Hop(Stage.JUMP_HOST, j.host(), j.port(), j.username(), j.password(), j.privateKeys(),
                    Optional.empty(), j.useAgent(), j.knownHosts().orElse(o.knownHosts()),
                    j.hostKeyPolicy().orElse(o.hostKeyPolicy()), false);
            jumpSession = open(jump, o, firstHopProxy, sock);
            firstHopProxy = new JumpProxy(jumpSession, jump);
        }
        Hop target = new Hop(Stage.TARGET, o.host(), o.port(), o.username(), o.password(), o.privateKeys(),
                o.passphrase(), o.useAgent(), o.knownHosts(), o.hostKeyPolicy(), o.gssapi());
        Session session;
        try {
            session = open(target, o, firstHopProxy, sock);
        } catch (RuntimeException e) {
            if (jumpSession != null) {
                jumpSession.disconnect();
            }
            throw e;
        }
        if (o.forwardAgent()) {
            // forward the agent only, never the key files this client read
            Optional<IdentityRepository> agent = agent(sock, o, target);
            if (agent.isEmpty()) {
                session.disconnect();
                throw new X2GoAuthenticationException("Agent forwarding to " + where(target)
                        + " was asked for but no SSH agent is reachable (SSH_AUTH_SOCK)");
            }
            session.setIdentityRepository(agent.get());
        }
        LOG.debug("JSch connected to {}{}", where(target), o.jumpHost().map(j -> " via " + j).orElse(""));
        return new JschRemoteShell(session, o);
    }

    /** One SSH login: the jump host or the target. */
    private record Hop(Stage stage, String host, int port, String user, Optional<String> password, List<Path> keys,
                       Optional<String> passphrase, boolean useAgent, Path knownHosts, HostKeyPolicy policy,
                       boolean gssapi) {
    }

    private Session open(Hop hop, ConnectOptions o, Proxy proxy, Optional<String> sock) {
        KnownHosts knownHosts = KnownHosts.of(hop.knownHosts(), hop.policy());
        VerifyingRepository repo = new VerifyingRepository(knownHosts, hop.host(), hop.port());
        JSch jsch = new JSch();
        jsch.setInstanceLogger(new Slf4jBridge());
        jsch.setHostKeyRepository(repo);
        Identities ids = addIdentities(jsch, hop, o, sock);
        boolean lockedKey = ids.lockedKey();
        Session session;
        try {
            session = jsch.getSession(hop.user(), hop.host(), hop.port());
        } catch (JSchException e) {
            throw new X2GoSshException("Cannot set up SSH session to " + where(hop) + ": " + e.getMessage(), e);
        }
        int connectMs = (int) Math.min(Integer.MAX_VALUE, o.connectTimeout().toMillis());
        session.setConfig("StrictHostKeyChecking", "yes");
        session.setConfig("PreferredAuthentications",
                (hop.gssapi() ? "gssapi-with-mic," : "") + "publickey,keyboard-interactive,password");
        // once per JVM instead of a throw-away key pair per checked key exchange at every connect
        JschAlgorithms.apply(session);
        if (!hop.gssapi() && hop.password().isEmpty() && (ids.files() > 0 || ids.agent())) {
            // the "none" request only asks the server which methods it accepts, a round trip before the key
            // is offered; with keys and no password the order is the same without it (publickey, then
            // keyboard-interactive through the prompter), and a server that refuses a method says so
            session.setConfig("enable_auth_none", "no");
        }
        if (!ids.agent()) {
            // with key files only, sign at once instead of asking first whether the key would do (a round
            // trip per key): the signature is cheap and the server counts a refused key the same either way.
            // Agent keys keep the question, since an agent may ask its user to confirm every signature.
            session.setConfig("enable_pubkey_auth_query", "no");
        }
        session.setConfig("compression.s2c", "none");
        session.setConfig("compression.c2s", "none");
        session.setConfig("server_host_key", preferKnown(JSch.getConfig("server_host_key"),
                knownHosts.knownKeyTypes(hop.host(), hop.port())));
        hop.password().ifPresent(session::setPassword);
        Prompts prompts = new Prompts(hop, o.prompter());
        session.setUserInfo(prompts);
        session.setSocketFactory(new NoDelaySocketFactory(connectMs));
        if (proxy != null) {
            session.setProxy(proxy);
        }
        try {
            if (!o.keepAliveInterval().isZero()) {
                session.setServerAliveInterval((int) Math.min(Integer.MAX_VALUE, o.keepAliveInterval().toMillis()));
                session.setServerAliveCountMax(3);
            }
            session.connect(connectMs);
        } catch (JSchException e) {
            session.disconnect();
            throw map(e, hop, o, repo, lockedKey, prompts);
        }
        return session;
    }

    private static Proxy httpProxy(HttpProxy p) {
        ProxyHTTP h = new ProxyHTTP(p.host(), p.port());
        p.username().ifPresent(u -> h.setUserPasswd(u, p.password().orElse("")));
        return h;
    }

    /** What {@link #addIdentities} offered: key files, whether the agent, whether a key stayed locked. */
    private record Identities(int files, boolean agent, boolean lockedKey) {
    }

    private static Identities addIdentities(JSch jsch, Hop hop, ConnectOptions o, Optional<String> agentSock) {
        for (Path key : hop.keys()) {
            if (!Files.isReadable(key)) {
                throw new X2GoSshException(hop.stage().label() + " " + where(hop) + ": private key file is not readable: "
                        + key);
            }
            try {
                jsch.addIdentity(key.toString(), (byte[]) null);
            } catch (JSchException e) {
                throw new X2GoAuthenticationException(hop.stage().label() + " " + where(hop)
                        + ": cannot load private key " + key + ": " + e.getMessage(), e);
            }
        }
        boolean locked = false;
        List<Identity> ids = new ArrayList<>();
        List<Identity> loaded = new ArrayList<>(jsch.getIdentityRepository().getIdentities());
        for (int i = 0; i < loaded.size(); i++) {
            Identity id = loaded.get(i);
            if (id.isEncrypted() && !unlock(id, hop, hop.keys().get(i), o)) {
                // JSch would otherwise ask its UserInfo for the passphrase at auth time; we decide up front
                locked = true;
                LOG.debug("{} key {} is encrypted and no passphrase unlocked it; not offered", hop.stage().label(),
                        hop.keys().get(i));
                continue;
            }
            ids.add(id);
        }
        Optional<IdentityRepository> agent = hop.useAgent() ? agent(agentSock, o, hop) : Optional.empty();
        jsch.setIdentityRepository(new CombinedIdentities(ids, agent.orElse(null)));
        return new Identities(ids.size(), agent.isPresent(), locked);
    }

    /** Unlocks an encrypted key with the given passphrase or the prompter's; the bytes are wiped after use. */
    private static boolean unlock(Identity id, Hop hop, Path key, ConnectOptions o) {
        if (hop.passphrase().isPresent()) {
            byte[] b = hop.passphrase().get().getBytes(StandardCharsets.UTF_8);
            try {
                if (decrypt(id, b)) {
                    return true;
                }
            } finally {
                Arrays.fill(b, (byte) 0);
            }
        }
        if (o.prompter().isEmpty()) {
            return false;
        }
        Optional<char[]> pass = o.prompter().get().passphrase(hop.stage(), key);
        if (pass.isEmpty()) {
            return false;
        }
        char[] c = pass.get();
        byte[] b = null;
        try {
            java.nio.ByteBuffer bb = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(c));
            b = new byte[bb.remaining()];
            bb.get(b);
            Arrays.fill(bb.array(), (byte) 0);
            if (decrypt(id, b)) {
                return true;
            }
            throw new X2GoPasswordRequiredException(hop.stage().label() + " " + where(hop)
                    + ": wrong passphrase for private key " + key);
        } finally {
            Arrays.fill(c, '\0');
            if (b != null) {
                Arrays.fill(b, (byte) 0);
            }
        }
    }

    private static boolean decrypt(Identity id, byte[] pass) {
        try {
            return id.setPassphrase(pass) && !id.isEncrypted();
        } catch (JSchException e) {
            return false;
        }
    }

    private static Optional<IdentityRepository> agent(Optional<String> sock, ConnectOptions o, Hop hop) {
        if (sock.isEmpty() || !Files.exists(Path.of(sock.get()))) {
            LOG.debug("useAgent set for {} but no agent socket exists ({}); no agent keys offered", hop.stage().label(),
                    sock.map(SafeText::visible).orElse("SSH_AUTH_SOCK unset"));
            return Optional.empty();
        }
        try {
            return Optional.of(new AgentIdentityRepository(
                    new SSHAgentConnector(new UnixDomainSocketFactory(), Path.of(sock.get()))));
        } catch (AgentProxyException | RuntimeException e) {
            LOG.warn("SSH agent at {} not usable: {}", SafeText.visible(sock.get()), e.toString());
            return Optional.empty();
        }
    }

    private static RuntimeException map(JSchException e, Hop hop, ConnectOptions o, VerifyingRepository repo,
                                        boolean lockedKey, Prompts prompts) {
        X2GoHostKeyException rejected = repo.rejection;
        if (rejected != null) {
            return rejected;
        }
        if (prompts.failure != null) {
            return prompts.failure;
        }
        String stage = hop.stage().label() + " " + where(hop);
        String msg = SafeText.excerpt(String.valueOf(e.getMessage()));
        if (e instanceof JSchProxyException || msg.startsWith("ProxyHTTP")) {
            return new X2GoSshException("HTTP proxy " + o.httpProxy().map(p -> KnownHosts.hostToken(p.host(), p.port()))
                    .orElse("?") + " did not connect to " + stage + ": " + msg, e);
        }
        if (msg.startsWith("Auth fail") || msg.startsWith("Auth cancel") || msg.startsWith("USERAUTH fail")) {
            if (lockedKey && hop.password().isEmpty()) {
                return new X2GoPasswordRequiredException("Authentication on " + stage
                        + " failed: a private key is encrypted and no passphrase was given (" + msg + ")", e);
            }
            return new X2GoAuthenticationException("Authentication on " + stage + " failed (methods tried: "
                    + methodsTried(hop, prompts) + "): " + msg, e);
        }
        if (e.getCause() instanceof SocketTimeoutException || msg.startsWith("timeout")) {
            return new X2GoTimeOutException("SSH connect to " + stage + " timed out after "
                    + o.connectTimeout().toMillis() + " ms: " + msg, e);
        }
        return new X2GoSshException("Cannot connect to " + stage + ": " + msg, e);
    }

    private static String methodsTried(Hop hop, Prompts prompts) {
        List<String> m = new ArrayList<>();
        if (hop.gssapi()) {
            m.add("gssapi-with-mic");
        }
        if (!hop.keys().isEmpty() || hop.useAgent()) {
            m.add("publickey" + (hop.useAgent() ? " (agent)" : ""));
        }
        if (prompts.keyboardInteractiveAsked) {
            m.add("keyboard-interactive");
        }
        if (hop.password().isPresent()) {
            m.add("password");
        }
        return m.isEmpty() ? "none available" : String.join(", ", m);
    }

    private static String where(Hop h) {
        return h.user() + "@" + KnownHosts.hostToken(h.host(), h.port());
    }

    /** Answers JSch's questions: keyboard-interactive through the prompter (or the password), nothing else. */
    private static final class Prompts implements UserInfo, UIKeyboardInteractive {
        private final Hop hop;
        private final Optional<AuthPrompter> prompter;
        volatile boolean keyboardInteractiveAsked;
        volatile RuntimeException failure;
        private List<String> lastAnswered;

        Prompts(Hop hop, Optional<AuthPrompter> prompter) {
            this.hop = hop;
            this.prompter = prompter;
        }

        @Override
        public String[] promptKeyboardInteractive(String destination, String name, String instruction, String[] prompt,
                                                  boolean[] echo) {
            keyboardInteractiveAsked = true;
            int n = prompt == null ? 0 : prompt.length;
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                texts.add(String.valueOf(prompt[i]));
            }
            if (n == 0) {
                // OpenSSH ends a PAM conversation with an empty challenge: answer it without asking anybody
                return new String[0];
            }
            if (texts.equals(lastAnswered)) {
                // the same challenge right after our answer is JSch retrying a failed attempt: give up
                // (retries are the caller's decision, e.g. the CLI's --auth-attempts)
                return null;
            }
            lastAnswered = texts;
            if (prompter.isPresent()) {
                List<AuthPrompter.Prompt> ps = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    ps.add(new AuthPrompter.Prompt(String.valueOf(prompt[i]), echo != null && i < echo.length && echo[i]));
                }
                try {
                    Optional<List<String>> answers = prompter.get().keyboardInteractive(hop.stage(), hop.user(),
                            String.valueOf(name), String.valueOf(instruction), ps);
                    if (answers.isEmpty() || answers.get().size() != n) {
                        return null;
                    }
                    return answers.get().toArray(new String[0]);
                } catch (RuntimeException e) {
                    failure = e;
                    return null;
                }
            }
            // PAM's single password prompt: answer it with the password, once
            if (n == 1 && hop.password().isPresent() && (echo == null || !echo[0])) {
                return new String[] {hop.password().get()};
            }
            return null;
        }

        @Override
        public String getPassphrase() {
            return null;
        }

        @Override
        public String getPassword() {
            return hop.password().orElse(null);
        }

        @Override
        public boolean promptPassword(String message) {
            return hop.password().isPresent();
        }

        @Override
        public boolean promptPassphrase(String message) {
            return false;
        }

        @Override
        public boolean promptYesNo(String message) {
            return false;
        }

        @Override
        public void showMessage(String message) {
            LOG.info("{} {} says: {}", hop.stage().label(), where(hop), SafeText.excerpt(String.valueOf(message)));
        }
    }

    /** The target's SSH stream inside a {@code direct-tcpip} channel of the jump host's session. */
    private static final class JumpProxy implements Proxy {
        private final Session jump;
        private final Hop hop;
        private ChannelDirectTCPIP channel;
        private InputStream in;
        private OutputStream out;

        JumpProxy(Session jump, Hop hop) {
            this.jump = jump;
            this.hop = hop;
        }

        @Override
        public void connect(SocketFactory ignored, String host, int port, int timeout) throws Exception {
            try {
                channel = (ChannelDirectTCPIP) jump.openChannel("direct-tcpip");
                channel.setHost(host);
                channel.setPort(port);
                in = channel.getInputStream();
                out = channel.getOutputStream();
                channel.connect(timeout);
            } catch (JSchException e) {
                throw new JSchException("jump host " + where(hop) + " did not open a channel to "
                        + KnownHosts.hostToken(host, port) + ": " + e.getMessage(), e);
            }
        }

        @Override
        public InputStream getInputStream() {
            return in;
        }

        @Override
        public OutputStream getOutputStream() {
            return out;
        }

        @Override
        public Socket getSocket() {
            return null;
        }

        @Override
        public void close() {
            if (channel != null) {
                channel.disconnect();
            }
            // the jump session lives exactly as long as the target session that goes through it
            jump.disconnect();
        }
    }

    /** Puts host-key algorithms whose key type known_hosts already holds for this host first. */
    static String preferKnown(String algorithms, List<String> knownTypes) {
        if (algorithms == null || knownTypes.isEmpty()) {
            return algorithms;
        }
        List<String> first = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (String a : algorithms.split(",")) {
            String type = a.startsWith("rsa-sha2-") ? "ssh-rsa" : a;
            (knownTypes.contains(type) ? first : rest).add(a);
        }
        first.addAll(rest);
        return String.join(",", first);
    }

    /** Delegates host-key decisions to {@link KnownHosts} and keeps the typed rejection. */
    private static final class VerifyingRepository implements HostKeyRepository {
        private final KnownHosts knownHosts;
        private final String host;
        private final int port;
        volatile X2GoHostKeyException rejection;

        VerifyingRepository(KnownHosts knownHosts, String host, int port) {
            this.knownHosts = knownHosts;
            this.host = host;
            this.port = port;
        }

        @Override
        public int check(String ignoredJschHost, byte[] key) {
            try {
                knownHosts.verify(host, port, key);
                return OK;
            } catch (X2GoHostKeyException e) {
                rejection = e;
                return e.reason() == X2GoHostKeyException.Reason.UNKNOWN ? NOT_INCLUDED : CHANGED;
            }
        }

        @Override
        public void add(HostKey hostkey, UserInfo ui) {
            // keys are added by KnownHosts.verify under ACCEPT_NEW only
        }

        @Override
        public void remove(String h, String type) {
            // never removes entries from the user's known_hosts
        }

        @Override
        public void remove(String h, String type, byte[] key) {
            // never removes entries from the user's known_hosts
        }

        @Override
        public String getKnownHostsRepositoryID() {
            return knownHosts.file().toString();
        }

        @Override
        public HostKey[] getHostKey() {
            return new HostKey[0];
        }

        @Override
        public HostKey[] getHostKey(String h, String type) {
            return new HostKey[0];
        }
    }

    /** Key files first, then the agent's keys. */
    private static final class CombinedIdentities implements IdentityRepository {
        private final List<Identity> files;
        private final IdentityRepository agent;

        CombinedIdentities(List<Identity> files, IdentityRepository agent) {
            this.files = List.copyOf(files);
            this.agent = agent;
        }

        @Override
        public String getName() {
            return "files+agent";
        }

        @Override
        public int getStatus() {
            return RUNNING;
        }

        @Override
        public Vector<Identity> getIdentities() {
            Vector<Identity> v = new Vector<>(files);
            if (agent == null) {
                return v;
            }
            try {
                v.addAll(agent.getIdentities());
            } catch (RuntimeException e) {
                LOG.warn("SSH agent did not list its keys: {}", e.toString());
            }
            return v;
        }

        @Override
        public boolean add(byte[] identity) {
            return false;
        }

        @Override
        public boolean remove(byte[] blob) {
            return false;
        }

        @Override
        public void removeAll() {
            // read-only view
        }
    }

    /** Plain TCP sockets with TCP_NODELAY and a connect timeout. */
    private static final class NoDelaySocketFactory implements SocketFactory {
        private final int connectMs;

        NoDelaySocketFactory(int connectMs) {
            this.connectMs = connectMs;
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            Socket s = new Socket();
            try {
                s.setTcpNoDelay(true);
                s.connect(new InetSocketAddress(host, port), connectMs);
                return s;
            } catch (IOException e) {
                s.close();
                throw e;
            }
        }

        @Override
        public InputStream getInputStream(Socket socket) throws IOException {
            return socket.getInputStream();
        }

        @Override
        public OutputStream getOutputStream(Socket socket) throws IOException {
            return socket.getOutputStream();
        }
    }

    /** Routes JSch's log to SLF4J (JSch INFO is chatty: logged at DEBUG). */
    private static final class Slf4jBridge implements com.jcraft.jsch.Logger {
        private static final Logger JSCH = LoggerFactory.getLogger("com.jcraft.jsch");

        @Override
        public boolean isEnabled(int level) {
            return level >= WARN ? JSCH.isWarnEnabled() : JSCH.isDebugEnabled();
        }

        @Override
        public void log(int level, String message) {
            if (level >= WARN) {
                JSCH.warn(message);
            } else {
                JSCH.debug(message);
            }
        }
    }
}
