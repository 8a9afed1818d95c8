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
import java.util.List;
import java.util.Optional;
import java.util.Vector;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.api.ConnectOptions;
import org.x2go.api.KnownHosts;
import org.x2go.api.X2GoAuthenticationException;
import org.x2go.api.X2GoHostKeyException;
import org.x2go.api.X2GoPasswordRequiredException;
import org.x2go.api.X2GoSshException;
import org.x2go.api.X2GoTimeOutException;
import org.x2go.backend.plain.internal.JschRemoteShell;
import org.x2go.spi.RemoteShell;
import org.x2go.spi.SshTransport;

import com.jcraft.jsch.AgentIdentityRepository;
import com.jcraft.jsch.AgentProxyException;
import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.Identity;
import com.jcraft.jsch.IdentityRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.SSHAgentConnector;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SocketFactory;
import com.jcraft.jsch.UnixDomainSocketFactory;
import com.jcraft.jsch.UserInfo;

/**
 * The {@code JSCH} SSH transport (default), on com.github.mwiede:jsch.
 *
 * <p>Host keys are checked by {@link KnownHosts} (hashed and {@code [host]:port} entries; strict unless
 * the caller opted in to {@link org.x2go.api.HostKeyPolicy#ACCEPT_NEW}); host-key algorithms already
 * recorded for the host are preferred in negotiation. Authentication offers the key files, then the
 * agent ({@code useAgent} and {@code SSH_AUTH_SOCK}), then the password. No environment variables are
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
        KnownHosts knownHosts = KnownHosts.of(o.knownHosts(), o.hostKeyPolicy());
        VerifyingRepository repo = new VerifyingRepository(knownHosts, o.host(), o.port());
        JSch jsch = new JSch();
        jsch.setInstanceLogger(new Slf4jBridge());
        jsch.setHostKeyRepository(repo);
        boolean lockedKey = addIdentities(jsch, o, agentSocket.get());
        Session session;
        try {
            session = jsch.getSession(o.username(), o.host(), o.port());
        } catch (JSchException e) {
            throw new X2GoSshException("Cannot set up SSH session to " + where(o) + ": " + e.getMessage(), e);
        }
        int connectMs = (int) Math.min(Integer.MAX_VALUE, o.connectTimeout().toMillis());
        session.setConfig("StrictHostKeyChecking", "yes");
        session.setConfig("PreferredAuthentications", "publickey,password");
        session.setConfig("compression.s2c", "none");
        session.setConfig("compression.c2s", "none");
        session.setConfig("server_host_key", preferKnown(JSch.getConfig("server_host_key"),
                knownHosts.knownKeyTypes(o.host(), o.port())));
        o.password().ifPresent(session::setPassword);
        session.setUserInfo(null);
        session.setSocketFactory(new NoDelaySocketFactory(connectMs));
        try {
            if (!o.keepAliveInterval().isZero()) {
                session.setServerAliveInterval((int) Math.min(Integer.MAX_VALUE, o.keepAliveInterval().toMillis()));
                session.setServerAliveCountMax(3);
            }
            session.connect(connectMs);
        } catch (JSchException e) {
            session.disconnect();
            throw map(e, o, repo, lockedKey);
        }
        LOG.debug("JSch connected to {}", where(o));
        return new JschRemoteShell(session, o);
    }

    private static boolean addIdentities(JSch jsch, ConnectOptions o, Optional<String> agentSock) {
        byte[] pass = o.passphrase().map(p -> p.getBytes(StandardCharsets.UTF_8)).orElse(null);
        boolean locked = false;
        for (Path key : o.privateKeys()) {
            if (!Files.isReadable(key)) {
                throw new X2GoSshException("Private key file is not readable: " + key);
            }
            try {
                jsch.addIdentity(key.toString(), pass);
            } catch (JSchException e) {
                throw new X2GoAuthenticationException("Cannot load private key " + key + ": " + e.getMessage(), e);
            }
        }
        List<Identity> ids = new ArrayList<>(jsch.getIdentityRepository().getIdentities());
        for (Identity id : ids) {
            locked |= id.isEncrypted();
        }
        String sock = agentSock.orElse(null);
        if (o.useAgent() && sock != null) {
            try {
                AgentIdentityRepository agent = new AgentIdentityRepository(
                        new SSHAgentConnector(new UnixDomainSocketFactory(), Path.of(sock)));
                jsch.setIdentityRepository(new CombinedIdentities(ids, agent));
            } catch (AgentProxyException | RuntimeException e) {
                LOG.warn("SSH agent at {} not usable: {}", sock, e.toString());
            }
        } else if (o.useAgent()) {
            LOG.debug("useAgent set but SSH_AUTH_SOCK is not; no agent keys offered");
        }
        return locked && o.passphrase().isEmpty();
    }

    private static RuntimeException map(JSchException e, ConnectOptions o, VerifyingRepository repo, boolean lockedKey) {
        X2GoHostKeyException rejected = repo.rejection;
        if (rejected != null) {
            return rejected;
        }
        String msg = String.valueOf(e.getMessage());
        if (msg.startsWith("Auth fail") || msg.startsWith("Auth cancel") || msg.startsWith("USERAUTH fail")) {
            if (lockedKey && o.password().isEmpty()) {
                return new X2GoPasswordRequiredException("Authentication of " + where(o)
                        + " failed: a private key is encrypted and no passphrase was given", e);
            }
            return new X2GoAuthenticationException("Authentication of " + where(o) + " failed: " + msg, e);
        }
        if (e.getCause() instanceof SocketTimeoutException || msg.startsWith("timeout")) {
            return new X2GoTimeOutException("SSH connect to " + where(o) + " timed out after "
                    + o.connectTimeout().toMillis() + " ms: " + msg, e);
        }
        return new X2GoSshException("Cannot connect to " + where(o) + ": " + msg, e);
    }

    private static String where(ConnectOptions o) {
        return o.username() + "@" + KnownHosts.hostToken(o.host(), o.port());
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
