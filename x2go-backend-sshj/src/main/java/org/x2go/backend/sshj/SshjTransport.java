package org.x2go.backend.sshj;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.SocketFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.api.ConnectOptions;
import org.x2go.api.KnownHosts;
import org.x2go.api.X2GoAuthenticationException;
import org.x2go.api.X2GoHostKeyException;
import org.x2go.api.X2GoPasswordRequiredException;
import org.x2go.api.X2GoSshException;
import org.x2go.api.X2GoTimeOutException;
import org.x2go.backend.sshj.internal.SshjRemoteShell;
import org.x2go.spi.RemoteShell;
import org.x2go.spi.SshTransport;

import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.Buffer;
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
 * Limitation: sshj has no SSH-agent client, so {@code useAgent} is logged and ignored. Thread-safe; the
 * only state is the sshj configuration, built once on first use.
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
        KnownHosts knownHosts = KnownHosts.of(o.knownHosts(), o.hostKeyPolicy());
        Verifier verifier = new Verifier(knownHosts, o.host(), o.port());
        SSHClient client = new SSHClient(config());
        int connectMs = (int) Math.min(Integer.MAX_VALUE, o.connectTimeout().toMillis());
        client.setConnectTimeout(connectMs);
        client.getTransport().setTimeoutMs(connectMs);
        client.setSocketFactory(new NoDelaySocketFactory());
        client.addHostKeyVerifier(verifier);
        if (!o.keepAliveInterval().isZero()) {
            client.getConnection().getKeepAlive()
                    .setKeepAliveInterval((int) Math.max(1, Math.min(Integer.MAX_VALUE, o.keepAliveInterval().toSeconds())));
        }
        boolean lockedKey = false;
        AtomicBoolean timedOut = new AtomicBoolean();
        try {
            ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
                timedOut.set(true);
                close(client);
            }, connectMs, TimeUnit.MILLISECONDS);
            try {
                client.connect(o.host(), o.port());
            } finally {
                watchdog.cancel(false);
            }
            List<AuthMethod> methods = new ArrayList<>();
            for (Path key : o.privateKeys()) {
                if (!Files.isReadable(key)) {
                    throw new X2GoSshException("Private key file is not readable: " + key);
                }
                KeyProvider kp = o.passphrase().isPresent()
                        ? client.loadKeys(key.toString(), o.passphrase().get().toCharArray())
                        : client.loadKeys(key.toString());
                if (o.passphrase().isEmpty() && isEncrypted(kp)) {
                    lockedKey = true;
                    LOG.debug("key {} is encrypted and no passphrase was given; not offered", key);
                    continue;
                }
                methods.add(new AuthPublickey(kp));
            }
            if (o.useAgent()) {
                LOG.warn("useAgent is set but the SSHJ transport has no SSH-agent support; use JSCH for agent keys");
            }
            o.password().ifPresent(pw -> methods.add(new AuthPassword(PasswordUtils.createOneOff(pw.toCharArray()))));
            if (methods.isEmpty()) {
                throw lockedKey
                        ? new X2GoPasswordRequiredException("Private key of " + where(o)
                                + " is encrypted and no passphrase was given")
                        : new X2GoAuthenticationException("No key or password to authenticate " + where(o));
            }
            client.auth(o.username(), methods);
        } catch (UserAuthException e) {
            close(client);
            if (lockedKey && o.password().isEmpty()) {
                throw new X2GoPasswordRequiredException("Authentication of " + where(o)
                        + " failed: a private key is encrypted and no passphrase was given", e);
            }
            throw new X2GoAuthenticationException("Authentication of " + where(o) + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            close(client);
            X2GoHostKeyException rejected = verifier.rejection;
            if (rejected != null) {
                throw rejected;
            }
            if (timedOut.get() || e instanceof SocketTimeoutException || e.getCause() instanceof SocketTimeoutException) {
                throw new X2GoTimeOutException("SSH connect to " + where(o) + " timed out after " + connectMs
                        + " ms: " + e.getMessage(), e);
            }
            throw new X2GoSshException("Cannot connect to " + where(o) + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close(client);
            if (timedOut.get()) {
                throw new X2GoTimeOutException("SSH connect to " + where(o) + " timed out after " + connectMs + " ms", e);
            }
            throw e;
        }
        LOG.debug("sshj connected to {}", where(o));
        return new SshjRemoteShell(client, o);
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

    private static String where(ConnectOptions o) {
        return o.username() + "@" + KnownHosts.hostToken(o.host(), o.port());
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
