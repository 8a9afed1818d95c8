package org.x2go.backend.mina;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.keyboard.UserInteraction;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.Property;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.kex.KeyExchangeFactory;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.forward.ForwardingFilter;
import org.apache.sshd.server.forward.TcpForwardingFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.api.AuthPrompter;
import org.x2go.api.AuthPrompter.Stage;
import org.x2go.api.ConnectOptions;
import org.x2go.api.KnownHosts;
import org.x2go.api.SafeText;
import org.x2go.api.X2GoAuthenticationException;
import org.x2go.api.X2GoHostKeyException;
import org.x2go.api.X2GoPasswordRequiredException;
import org.x2go.api.X2GoSshException;
import org.x2go.api.X2GoTimeOutException;
import org.x2go.backend.mina.internal.MinaRemoteShell;
import org.x2go.spi.RemoteShell;
import org.x2go.spi.SshTransport;

/**
 * The {@code MINA} SSH transport, on the Apache MINA SSHD client, selected by {@code x2go.backend.ssh=MINA}.
 *
 * <p>Built for many connections in one JVM: the I/O is non-blocking, and all connections of one transport
 * instance share one {@link SshClient} and so one small pool of I/O threads (processors + 1) and one timer; a
 * connection costs no thread of its own, and a command's caller waits on events, not on a poll.
 *
 * <p>Same behaviour as the other transports: host keys checked by {@link KnownHosts} (strict unless
 * {@link org.x2go.api.HostKeyPolicy#ACCEPT_NEW}), key files (encrypted ones unlocked with the passphrase or the
 * {@link AuthPrompter}), keyboard-interactive (the prompter gets each challenge; without one, the password
 * answers a single hidden prompt), then the password; no environment variables, {@code TCP_NODELAY}, keep-alive
 * as configured, local and reverse port forwards, SFTP, a command's output bounded by
 * {@link ConnectOptions#maxCommandOutput()} and every call ended
 * at its timeout. Limitations (the connect fails at once, naming the transports that can): no jump host, no
 * HTTP proxy, no agent forwarding, no Kerberos; SSH agent keys are not offered. Thread-safe.
 */
public final class MinaTransport implements SshTransport {
    private static final Logger LOG = LoggerFactory.getLogger(MinaTransport.class);
    /** The host-key check of one connection, handed to the shared verifier through the connection context. */
    private static final AttributeKey<HostKeyCheck> HOST_KEY_CHECK = new AttributeKey<>();

    private volatile SshClient client;

    /** Creates the transport (ServiceLoader entry point); cheap, the client starts on first connect. */
    public MinaTransport() {
    }

    /** @return {@code MINA} */
    @Override
    public String name() {
        return "MINA";
    }

    /** The shared client, started on first use: its I/O threads and timer are daemon threads. */
    private SshClient client() {
        SshClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = SshClient.setUpDefaultClient();
                    c.setServerKeyVerifier(SHARED_VERIFIER);
                    c.setKeyExchangeFactories(preferMlKem(c.getKeyExchangeFactories()));
                    c.setCipherFactories(preferAesGcm(c.getCipherFactories()));
                    c.addSessionListener(KNOWN_KEY_TYPES_FIRST);
                    // the client listens only where forwardLocal asks; a server's forwarded-tcpip channel may only
                    // reach the target of a reverse forward this client registered (MINA looks it up by port);
                    // no agent or X11 channels from the server
                    c.setForwardingFilter(ForwardingFilter.asForwardingFilter(null, null, new TcpForwardingFilter() {
                        @Override
                        public boolean canListen(SshdSocketAddress address, Session session) {
                            return true;
                        }

                        @Override
                        public boolean canConnect(Type type, SshdSocketAddress address, Session session) {
                            return type == Type.Forwarded;
                        }
                    }));
                    CoreModuleProperties.TCP_NODELAY.set(c, true);
                    // control sessions are long-lived and may be quiet for hours
                    CoreModuleProperties.IDLE_TIMEOUT.set(c, Duration.ZERO);
                    pinHotProperties(c);
                    c.start();
                    client = c;
                }
            }
        }
        return c;
    }

    /**
     * MINA's default order puts sntrup761x25519 first: post-quantum, but its pure-Java implementation costs
     * 4-15 times the CPU of curve25519 per connect (measured against OpenSSH 9.2 on loopback: 73-270 ms against
     * 17 ms). The order here is the default transport's (JSch 2.28): ML-KEM-768 hybrid first (post-quantum, cheap;
     * OpenSSH 9.9+), then the classical ones in MINA's order, sntrup761 last.
     */
    static List<KeyExchangeFactory> preferMlKem(List<KeyExchangeFactory> factories) {
        List<KeyExchangeFactory> out = new ArrayList<>(factories);
        out.sort(Comparator.comparingInt(f -> PREFERRED_KEX.equals(f.getName()) ? 0
                : f.getName().startsWith("sntrup") ? 2 : 1));
        return out;
    }

    /**
     * MINA's default order puts chacha20-poly1305 first, which MINA implements in plain Java; AES-GCM runs on the
     * JDK's AES and carry-less-multiply intrinsics. Both are AEAD ciphers of the same strength. The GCM ciphers go
     * first (as in JSch's default order), the rest keep MINA's order.
     */
    static List<NamedFactory<Cipher>> preferAesGcm(List<NamedFactory<Cipher>> factories) {
        List<NamedFactory<Cipher>> out = new ArrayList<>(factories);
        out.sort(Comparator.comparingInt(f -> f.getName().startsWith("aes") && f.getName().contains("-gcm") ? 0 : 1));
        return out;
    }

    /**
     * Properties MINA looks up per packet, per channel or, for every session, once a second (its timeout check).
     * A value not set on the session or the client is looked for among the system properties, which builds a
     * new key string every time: the largest single allocation site of the MINA transport in W6 at 1 000
     * connections (JFR). Each is set on the client to the value MINA resolves now (a system property given at
     * start-up still wins; one set later is not seen), so the look-up ends at the client.
     */
    static final List<Property<?>> HOT_PROPERTIES = List.of(CoreModuleProperties.AUTH_TIMEOUT,
            CoreModuleProperties.DISCONNECT_TIMEOUT, CoreModuleProperties.NIO2_READ_TIMEOUT,
            CoreModuleProperties.NIO2_MIN_WRITE_TIMEOUT, CoreModuleProperties.LIMIT_PACKET_SIZE,
            CoreModuleProperties.MAX_PACKET_SIZE, CoreModuleProperties.WINDOW_SIZE,
            CoreModuleProperties.REQUEST_EXEC_REPLY, CoreModuleProperties.REKEY_BLOCKS_LIMIT,
            CoreModuleProperties.REKEY_BYTES_LIMIT, CoreModuleProperties.REKEY_PACKETS_LIMIT,
            CoreModuleProperties.REKEY_TIME_LIMIT, CoreModuleProperties.IGNORE_MESSAGE_FREQUENCY,
            CoreModuleProperties.IGNORE_MESSAGE_SIZE, CoreModuleProperties.IGNORE_MESSAGE_VARIANCE,
            CoreModuleProperties.CHANNEL_CLOSE_TIMEOUT, CoreModuleProperties.MAX_CONCURRENT_CHANNELS,
            CoreModuleProperties.WAIT_FOR_SPACE_TIMEOUT);

    static void pinHotProperties(SshClient c) {
        HOT_PROPERTIES.forEach(p -> pin(p, c));
    }

    private static <T> void pin(Property<T> p, SshClient c) {
        p.get(c).ifPresent(v -> p.set(c, v));
    }

    /** The key exchange tried first. */
    static final String PREFERRED_KEX = "mlkem768x25519-sha256";

    /** Host-key algorithms whose key type known_hosts already holds for the host are proposed first. */
    private static final SessionListener KNOWN_KEY_TYPES_FIRST = new SessionListener() {
        @Override
        public void sessionNegotiationOptionsCreated(Session session, Map<KexProposalOption, String> proposal) {
            if (session instanceof ClientSession cs && cs.getConnectionContext() != null) {
                HostKeyCheck check = cs.getConnectionContext().getAttribute(HOST_KEY_CHECK);
                String algorithms = proposal.get(KexProposalOption.SERVERKEYS);
                if (check != null && algorithms != null) {
                    proposal.put(KexProposalOption.SERVERKEYS, preferKnown(algorithms, check.knownKeyTypes()));
                }
            }
        }
    };

    /**
     * @param algorithms comma-separated host-key algorithms
     * @param knownTypes key types known_hosts holds for the host
     * @return the algorithms for those key types first (each group in its original order)
     */
    static String preferKnown(String algorithms, List<String> knownTypes) {
        if (knownTypes.isEmpty()) {
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

    private static final ServerKeyVerifier SHARED_VERIFIER = (session, remote, key) -> {
        HostKeyCheck check = ((ClientSession) session).getConnectionContext().getAttribute(HOST_KEY_CHECK);
        return check != null && check.verify(key);
    };

    @Override
    public RemoteShell connect(ConnectOptions o) {
        refuseUnsupported(o);
        String where = o.username() + "@" + KnownHosts.hostToken(o.host(), o.port());
        List<KeyPair> keys = new ArrayList<>();
        boolean lockedKey = loadKeys(o, keys);
        HostKeyCheck check = new HostKeyCheck(KnownHosts.of(o.knownHosts(), o.hostKeyPolicy()), o.host(), o.port());
        Duration timeout = o.connectTimeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        ClientSession session = null;
        try {
            ConnectFuture cf = client().connect(o.username(), o.host(), o.port(),
                    AttributeRepository.ofKeyValuePair(HOST_KEY_CHECK, check));
            session = cf.verify(timeout).getSession();
            if (!o.keepAliveInterval().isZero()) {
                CoreModuleProperties.HEARTBEAT_INTERVAL.set(session, o.keepAliveInterval());
                CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(session, 3);
            }
            keys.forEach(session::addPublicKeyIdentity);
            o.password().ifPresent(session::addPasswordIdentity);
            session.setUserInteraction(new Interaction(o));
            session.auth().verify(remaining(deadline));
            LOG.debug("MINA connected to {}", where);
            return new MinaRemoteShell(session, o);
        } catch (IOException | RuntimeException e) {
            if (session != null) {
                session.close(true);
            }
            throw map(e, o, where, check, lockedKey, deadline);
        }
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
    }

    private static void refuseUnsupported(ConnectOptions o) {
        String what = o.jumpHost().isPresent() ? "jump hosts (use SSHJ or JSCH)"
                : o.httpProxy().isPresent() ? "HTTP proxies (use SSHJ or JSCH)"
                : o.forwardAgent() ? "agent forwarding (use JSCH)"
                : o.gssapi() ? "Kerberos (use JSCH)" : null;
        if (what != null) {
            throw new X2GoSshException("The MINA transport does not support " + what);
        }
        if (o.useAgent()) {
            LOG.debug("MINA transport: SSH agent keys are not offered");
        }
    }

    /** @return whether a key was encrypted and could not be unlocked (then it is not offered) */
    private static boolean loadKeys(ConnectOptions o, List<KeyPair> out) {
        boolean locked = false;
        for (Path key : o.privateKeys()) {
            if (!Files.isReadable(key)) {
                throw new X2GoSshException("Private key file is not readable: " + key);
            }
            Passphrase pass = new Passphrase(o, key);
            try (InputStream in = Files.newInputStream(key)) {
                Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(key.toString()),
                        in, pass);
                if (loaded == null) {
                    throw new X2GoAuthenticationException("Cannot load private key " + key + ": no key found in it");
                }
                loaded.forEach(out::add);
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                if (e instanceof X2GoAuthenticationException a) {
                    throw a;
                }
                if (pass.asked && pass.given) {
                    throw new X2GoPasswordRequiredException("Wrong passphrase for private key " + key, e);
                }
                if (pass.asked) {
                    locked = true;
                    LOG.debug("key {} is encrypted and no passphrase was given; not offered", key);
                    continue;
                }
                throw new X2GoAuthenticationException("Cannot load private key " + key + ": "
                        + SafeText.excerpt(String.valueOf(e.getMessage())), e);
            } finally {
                pass.wipe();
            }
        }
        return locked;
    }

    private static RuntimeException map(Exception e, ConnectOptions o, String where, HostKeyCheck check,
                                        boolean lockedKey, long deadline) {
        if (check.rejection != null) {
            return check.rejection;
        }
        if (e instanceof X2GoSshException x) {
            return x;
        }
        String msg = SafeText.excerpt(String.valueOf(e.getMessage()));
        if (isTimeout(e) || deadline - System.nanoTime() <= 0) {
            return new X2GoTimeOutException("SSH connect to " + where + " timed out after "
                    + o.connectTimeout().toMillis() + " ms: " + msg, e);
        }
        if (msg.toLowerCase(Locale.ROOT).contains("authentication")) {
            if (lockedKey && o.password().isEmpty()) {
                return new X2GoPasswordRequiredException("Authentication of " + where
                        + " failed: a private key is encrypted and no passphrase was given", e);
            }
            return new X2GoAuthenticationException("Authentication of " + where + " failed: " + msg, e);
        }
        return new X2GoSshException("Cannot connect to " + where + ": " + msg, e);
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof TimeoutException || c instanceof java.net.SocketTimeoutException
                    || c instanceof java.nio.channels.InterruptedByTimeoutException) {
                return true;
            }
            if (c instanceof SshException && String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT).contains("timeout")) {
                return true;
            }
        }
        return false;
    }

    /** Delegates host-key decisions to {@link KnownHosts} and keeps the typed rejection. */
    private static final class HostKeyCheck {
        private final KnownHosts knownHosts;
        private final String host;
        private final int port;
        volatile X2GoHostKeyException rejection;

        HostKeyCheck(KnownHosts knownHosts, String host, int port) {
            this.knownHosts = knownHosts;
            this.host = host;
            this.port = port;
        }

        List<String> knownKeyTypes() {
            return knownHosts.knownKeyTypes(host, port);
        }

        boolean verify(PublicKey key) {
            ByteArrayBuffer buf = new ByteArrayBuffer();
            buf.putRawPublicKey(key);
            try {
                knownHosts.verify(host, port, buf.getCompactData());
                return true;
            } catch (X2GoHostKeyException e) {
                rejection = e;
                return false;
            }
        }
    }

    /** The passphrase of one key file: from the options, else asked once of the prompter; wiped after loading. */
    private static final class Passphrase implements FilePasswordProvider {
        private final ConnectOptions o;
        private final Path key;
        private char[] secret;
        boolean asked;
        boolean given;

        Passphrase(ConnectOptions o, Path key) {
            this.o = o;
            this.key = key;
        }

        @Override
        public String getPassword(org.apache.sshd.common.session.SessionContext session, NamedResource resource,
                                  int retryIndex) {
            asked = true;
            if (retryIndex > 0) {
                return null;
            }
            Optional<char[]> p = o.passphrase().map(String::toCharArray)
                    .or(() -> o.prompter().flatMap(pr -> pr.passphrase(Stage.TARGET, key)));
            if (p.isEmpty()) {
                return null;
            }
            given = true;
            secret = p.get();
            return new String(secret);
        }

        void wipe() {
            if (secret != null) {
                Arrays.fill(secret, '\0');
            }
        }
    }

    /** Keyboard-interactive: the prompter, or the password for a single hidden prompt (PAM's). */
    private static final class Interaction implements UserInteraction {
        private final ConnectOptions o;

        Interaction(ConnectOptions o) {
            this.o = o;
        }

        @Override
        public String[] interactive(ClientSession session, String name, String instruction, String lang,
                                    String[] prompt, boolean[] echo) {
            if (o.prompter().isPresent()) {
                List<AuthPrompter.Prompt> prompts = new ArrayList<>();
                for (int i = 0; i < prompt.length; i++) {
                    prompts.add(new AuthPrompter.Prompt(prompt[i], echo != null && i < echo.length && echo[i]));
                }
                return o.prompter().get().keyboardInteractive(Stage.TARGET, o.username(), name, instruction, prompts)
                        .map(a -> a.toArray(new String[0])).orElse(null);
            }
            if (prompt.length == 1 && (echo == null || echo.length == 0 || !echo[0]) && o.password().isPresent()) {
                return new String[] {o.password().get()};
            }
            return null;
        }

        @Override
        public String getUpdatedPassword(ClientSession session, String prompt, String lang) {
            // a server demanding a new password: not supported, the login fails
            return null;
        }

        @Override
        public void serverVersionInfo(ClientSession session, List<String> lines) {
            // nothing to show
        }

        @Override
        public void welcome(ClientSession session, String banner, String lang) {
            LOG.debug("banner of {}: {}", SafeText.visible(String.valueOf(session.getRemoteAddress())),
                    SafeText.excerpt(banner));
        }
    }
}
