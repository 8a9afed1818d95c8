package org.x2go.backend.sshj;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.SocketFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.api.AuthPrompter.Stage;
import org.x2go.api.ConnectOptions;
import org.x2go.api.HostKeyPolicy;
import org.x2go.api.JumpHost;
import org.x2go.api.SafeText;
import org.x2go.api.KnownHosts;
import org.x2go.api.X2GoAuthenticationException;
import org.x2go.api.X2GoHostKeyException;
import org.x2go.api.X2GoPasswordRequiredException;
import org.x2go.api.X2GoSshException;
import org.x2go.api.X2GoTimeOutException;
import org.x2go.backend.sshj.internal.AgentAuth;
import org.x2go.backend.sshj.internal.AgentClient;
import org.x2go.backend.sshj.internal.HttpConnectSocketFactory;
import org.x2go.backend.sshj.internal.KeyboardInteractiveAuth;
import org.x2go.backend.sshj.internal.SshjCiphers;
import org.x2go.backend.sshj.internal.SshjRemoteShell;
import org.x2go.spi.RemoteShell;
import org.x2go.spi.SshTransport;

import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.connection.channel.direct.DirectConnection;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthPassword;
import net.schmizz.sshj.userauth.method.AuthPublickey;
import net.schmizz.sshj.userauth.password.PasswordUtils;

/**
 * The {@code SSHJ} SSH transport (com.hierynomus:sshj), selected by {@code x2go.backend.ssh=SSHJ}.
 *
 * <p>Same behaviour as the JSch transport: host keys checked by {@link KnownHosts} (strict unless
 * {@link org.x2go.api.HostKeyPolicy#ACCEPT_NEW}), known key types preferred in negotiation, key files
 * then password, no environment variables, no compression, {@code TCP_NODELAY}, keep-alive as configured.
 * A command's output is bounded by {@link ConnectOptions#maxCommandOutput()}, and every call returns within
 * its timeout even when sshj's reader thread stalls.
 *
 * <p>Authentication: key files (encrypted ones unlocked with the passphrase or the
 * {@link org.x2go.api.AuthPrompter}; the arrays are wiped after the login), the SSH agent's keys (an own agent
 * client: {@link ConnectOptions#agentSocket()} or {@code SSH_AUTH_SOCK}), keyboard-interactive (the prompter gets
 * each challenge whole, with every prompt's echo flag; without one, the password answers a single hidden
 * prompt), then the password. A {@link JumpHost} is logged in to first and the server's SSH stream runs in a
 * {@code direct-tcpip} channel of it (never a direct connection); an {@link org.x2go.api.HttpProxy} carries the
 * first hop with {@code CONNECT}. Failures name the stage (jump host or target) and the methods tried.
 * Limitations (the connect fails at once, naming the JSCH transport as the alternative): no agent forwarding
 * ({@code forwardAgent}), no Kerberos ({@code gssapi}). Thread-safe; the only state is the sshj configuration,
 * built once on first use.
 */
public final class SshjTransport implements SshTransport {
    private static final Logger LOG = LoggerFactory.getLogger(SshjTransport.class);
    /**
     * Ends a connect that outlives its timeout. sshj reads the server's identification line with no
     * read timeout, so a port that accepts TCP and never speaks would otherwise hold the caller forever.
     */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "x2go-sshj-connect-watchdog");
        t.setDaemon(true);
        return t;
    });

    /** Built on first connect: sshj's algorithm set-up takes seconds the first time, and the config is reusable. */
    private volatile DefaultConfig config;

    /** Creates the transport (ServiceLoader entry point); cheap, sshj is initialised on first connect. */
    public SshjTransport() {
    }

    private DefaultConfig config() {
        DefaultConfig c = config;
        if (c == null) {
            synchronized (this) {
                c = config;
                if (c == null) {
                    c = new DefaultConfig();
                    c.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
                    c.setCipherFactories(SshjCiphers.preferred(c.getCipherFactories()));
                    config = c;
                }
            }
        }
        return c;
    }

    /** @return {@code SSHJ} */
    @Override
    public String name() {
        return "SSHJ";
    }

    @Override
    public RemoteShell connect(ConnectOptions o) {
        if (o.forwardAgent()) {
            throw new X2GoSshException("The SSHJ transport cannot forward the SSH agent (sshj has no agent-forwarding "
                    + "channel); use the JSCH transport for forwardAgent / -A");
        }
        if (o.gssapi()) {
            throw new X2GoSshException("The SSHJ transport does not do Kerberos (gssapi-with-mic); use the JSCH "
                    + "transport for krblogin");
        }
        SSHClient jumpClient = null;
        Hop target = new Hop(Stage.TARGET, o.host(), o.port(), o.username(), o.password(), o.privateKeys(),
                o.passphrase(), o.useAgent(), o.knownHosts(), o.hostKeyPolicy());
        if (o.jumpHost().isPresent()) {
            JumpHost j = o.jumpHost().get();
            Hop jump = new Hop(Stage.JUMP_HOST, j.host(), j.port(), j.username(), j.password(), j.privateKeys(),
                    Optional.empty(), j.useAgent(), j.knownHosts().orElse(o.knownHosts()),
                    j.hostKeyPolicy().orElse(o.hostKeyPolicy()));
            jumpClient = open(jump, o, null);
        }
        try {
            SSHClient client = open(target, o, jumpClient);
            LOG.debug("sshj connected to {}{}", where(target), o.jumpHost().map(j -> " via " + j).orElse(""));
            SSHClient jc = jumpClient;
            return new SshjRemoteShell(client, o, () -> {
                if (jc != null) {
                    close(jc);
                }
            });
        } catch (RuntimeException e) {
            if (jumpClient != null) {
                close(jumpClient);
            }
            throw e;
        }
    }

    /** One SSH login: the jump host or the target. */
    private record Hop(Stage stage, String host, int port, String user, Optional<String> password, List<Path> keys,
                       Optional<String> passphrase, boolean useAgent, Path knownHosts, HostKeyPolicy policy) {
        String label() {
            return stage.label() + " " + where(this);
        }
    }

    /** Connects and authenticates one hop: directly or via the HTTP proxy when {@code via} is null, else in a channel of {@code via}. */
    private SSHClient open(Hop hop, ConnectOptions o, SSHClient via) {
        KnownHosts knownHosts = KnownHosts.of(hop.knownHosts(), hop.policy());
        Verifier verifier = new Verifier(knownHosts, hop.host(), hop.port());
        SSHClient client = new SSHClient(config());
        int connectMs = (int) Math.min(Integer.MAX_VALUE, o.connectTimeout().toMillis());
        client.setConnectTimeout(connectMs);
        client.getTransport().setTimeoutMs(connectMs);
        client.setSocketFactory(o.httpProxy().isPresent() && via == null
                ? new HttpConnectSocketFactory(o.httpProxy().get()) : new NoDelaySocketFactory());
        client.addHostKeyVerifier(verifier);
        if (!o.keepAliveInterval().isZero()) {
            client.getConnection().getKeepAlive()
                    .setKeepAliveInterval((int) Math.max(1, Math.min(Integer.MAX_VALUE, o.keepAliveInterval().toSeconds())));
        }
        boolean lockedKey = false;
        KeyboardInteractiveAuth kbd = null;
        List<char[]> secrets = new ArrayList<>();
        int agentKeys = -1;
        AtomicBoolean timedOut = new AtomicBoolean();
        try {
            ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
                timedOut.set(true);
                close(client);
            }, connectMs, TimeUnit.MILLISECONDS);
            try {
                if (via == null) {
                    client.connect(hop.host(), hop.port());
                } else {
                    DirectConnection dc;
                    try {
                        dc = via.newDirectConnection(hop.host(), hop.port());
                    } catch (IOException e) {
                        String jump = o.jumpHost().map(j -> j.username() + "@" + KnownHosts.hostToken(j.host(), j.port()))
                                .orElse("?");
                        throw new X2GoSshException("Cannot connect to " + hop.label() + ": jump host " + jump
                                + " did not open a channel to it: " + SafeText.excerpt(String.valueOf(e.getMessage())), e);
                    }
                    client.connectVia(dc);
                }
            } finally {
                watchdog.cancel(false);
            }
            List<AuthMethod> methods = new ArrayList<>();
            for (Path key : hop.keys()) {
                if (!Files.isReadable(key)) {
                    throw new X2GoSshException(hop.label() + ": private key file is not readable: " + key);
                }
                KeyProvider kp = client.loadKeys(key.toString());
                if (isEncrypted(kp)) {
                    char[] p = hop.passphrase().map(String::toCharArray)
                            .or(() -> o.prompter().flatMap(pr -> pr.passphrase(hop.stage(), key))).orElse(null);
                    if (p == null) {
                        lockedKey = true;
                        LOG.debug("key {} is encrypted and no passphrase was given; not offered", key);
                        continue;
                    }
                    secrets.add(p);
                    // sshj blanks the one-off copy once it has read it
                    kp = client.loadKeys(key.toString(), p.clone());
                    if (isEncrypted(kp)) {
                        throw new X2GoPasswordRequiredException(hop.label() + ": wrong passphrase for private key " + key);
                    }
                }
                methods.add(new AuthPublickey(kp));
            }
            if (hop.useAgent()) {
                Optional<Path> sock = o.agentSocket().or(SshjTransport::envAgent);
                if (sock.isPresent()) {
                    AgentClient agent = new AgentClient(sock.get());
                    try {
                        List<AgentClient.Key> keys = agent.keys();
                        agentKeys = keys.size();
                        keys.forEach(k -> methods.add(new AgentAuth(agent, k)));
                    } catch (IOException e) {
                        LOG.warn("SSH agent at {} not usable: {}", SafeText.visible(sock.get().toString()), e.toString());
                        agentKeys = 0;
                    }
                } else {
                    LOG.debug("useAgent set for {} but SSH_AUTH_SOCK is not; no agent keys offered", hop.label());
                }
            }
            kbd = new KeyboardInteractiveAuth(c -> answer(hop, o, c));
            methods.add(kbd);
            hop.password().ifPresent(pw -> methods.add(new AuthPassword(PasswordUtils.createOneOff(pw.toCharArray()))));
            client.auth(hop.user(), methods);
        } catch (UserAuthException e) {
            close(client);
            String tried = methodsTried(hop, agentKeys, kbd);
            if (lockedKey && hop.password().isEmpty()) {
                throw new X2GoPasswordRequiredException("Authentication on " + hop.label()
                        + " failed: a private key is encrypted and no passphrase was given (methods tried: " + tried + ")", e);
            }
            throw new X2GoAuthenticationException("Authentication on " + hop.label() + " failed (methods tried: "
                    + tried + "): " + SafeText.excerpt(String.valueOf(e.getMessage())), e);
        } catch (IOException e) {
            close(client);
            X2GoHostKeyException rejected = verifier.rejection;
            if (rejected != null) {
                throw rejected;
            }
            String msg = SafeText.excerpt(String.valueOf(e.getMessage()));
            if (timedOut.get() || e instanceof SocketTimeoutException || e.getCause() instanceof SocketTimeoutException) {
                throw new X2GoTimeOutException("SSH connect to " + hop.label() + " timed out after " + connectMs
                        + " ms: " + msg, e);
            }
            throw new X2GoSshException("Cannot connect to " + hop.label() + ": " + msg, e);
        } catch (RuntimeException e) {
            close(client);
            if (timedOut.get()) {
                throw new X2GoTimeOutException("SSH connect to " + hop.label() + " timed out after " + connectMs + " ms", e);
            }
            throw e;
        } finally {
            secrets.forEach(c -> Arrays.fill(c, '\0'));
        }
        return client;
    }

    private static Optional<Path> envAgent() {
        return Optional.ofNullable(System.getenv("SSH_AUTH_SOCK")).filter(s -> !s.isBlank()).map(Path::of);
    }

    private static Optional<List<String>> answer(Hop hop, ConnectOptions o, KeyboardInteractiveAuth.Challenge c) {
        if (o.prompter().isPresent()) {
            return o.prompter().get().keyboardInteractive(hop.stage(), hop.user(), c.name(), c.instruction(), c.prompts());
        }
        // PAM's single password prompt: answer it with the password
        if (c.prompts().size() == 1 && !c.prompts().get(0).echo() && hop.password().isPresent()) {
            return Optional.of(List.of(hop.password().get()));
        }
        return Optional.empty();
    }

    private static String methodsTried(Hop hop, int agentKeys, KeyboardInteractiveAuth kbd) {
        List<String> m = new ArrayList<>();
        if (!hop.keys().isEmpty()) {
            m.add("publickey");
        }
        if (hop.useAgent()) {
            m.add(agentKeys < 0 ? "agent (none reachable)" : agentKeys == 0 ? "agent (holds no keys)"
                    : "agent (" + agentKeys + " keys)");
        }
        if (kbd != null && kbd.asked()) {
            m.add("keyboard-interactive");
        }
        if (hop.password().isPresent()) {
            m.add("password");
        }
        return m.isEmpty() ? "none available" : String.join(", ", m);
    }

    private static boolean isEncrypted(KeyProvider kp) {
        try {
            kp.getPrivate();
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static void close(SSHClient client) {
        try {
            client.close();
        } catch (IOException e) {
            LOG.debug("closing a failed connection: {}", e.getMessage());
        }
    }

    private static String where(Hop h) {
        return h.user() + "@" + KnownHosts.hostToken(h.host(), h.port());
    }

    /** Delegates host-key decisions to {@link KnownHosts} and keeps the typed rejection. */
    private static final class Verifier implements HostKeyVerifier {
        private final KnownHosts knownHosts;
        private final String host;
        private final int port;
        volatile X2GoHostKeyException rejection;

        Verifier(KnownHosts knownHosts, String host, int port) {
            this.knownHosts = knownHosts;
            this.host = host;
            this.port = port;
        }

        @Override
        public boolean verify(String ignoredHost, int ignoredPort, PublicKey key) {
            byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
            try {
                knownHosts.verify(host, port, blob);
                return true;
            } catch (X2GoHostKeyException e) {
                rejection = e;
                return false;
            }
        }

        @Override
        public List<String> findExistingAlgorithms(String ignoredHost, int ignoredPort) {
            List<String> out = new ArrayList<>();
            for (String type : knownHosts.knownKeyTypes(host, port)) {
                if (type.equals("ssh-rsa")) {
                    out.addAll(List.of("rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"));
                } else {
                    out.add(type);
                }
            }
            return out;
        }
    }

    /** Unconnected sockets with TCP_NODELAY (sshj connects them with its connect timeout). */
    private static final class NoDelaySocketFactory extends SocketFactory {
        @Override
        public Socket createSocket() throws IOException {
            Socket s = new Socket();
            s.setTcpNoDelay(true);
            return s;
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            throw new UnsupportedOperationException("connected sockets are not used");
        }

        @Override
        public Socket createSocket(String host, int port, java.net.InetAddress localHost, int localPort) {
            throw new UnsupportedOperationException("connected sockets are not used");
        }

        @Override
        public Socket createSocket(java.net.InetAddress host, int port) {
            throw new UnsupportedOperationException("connected sockets are not used");
        }

        @Override
        public Socket createSocket(java.net.InetAddress address, int port, java.net.InetAddress localAddress,
                                   int localPort) {
            throw new UnsupportedOperationException("connected sockets are not used");
        }
    }
}
