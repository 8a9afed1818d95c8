package org.x2go.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.client.session.forward.ExplicitPortForwardingTracker;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.x2go.api.ConnectOptions;
import org.x2go.api.HostKeyPolicy;
import org.x2go.api.X2GoAuthenticationException;
import org.x2go.api.X2GoControlSessionException;
import org.x2go.api.X2GoFwTunnelException;
import org.x2go.api.X2GoHostKeyException;
import org.x2go.api.X2GoSftpException;
import org.x2go.api.X2GoSshException;
import org.x2go.api.X2GoTimeOutException;
import org.x2go.spi.CommandResult;
import org.x2go.spi.PortForward;
import org.x2go.spi.RemoteShell;
import org.x2go.spi.SftpSession;
import org.x2go.spi.SshTransport;
import org.x2go.testkit.internal.KeyFiles;

/**
 * A small SshTransport on MINA's client, used only to prove that {@code RemoteShellCompatibilityKit}
 * can be passed (the project's real transports are JSch and sshj).
 */
final class MinaSshTransport implements SshTransport {

    @Override
    public String name() {
        return "MINA-TEST";
    }

    @Override
    public RemoteShell connect(ConnectOptions o) {
        SshClient client = SshClient.setUpDefaultClient();
        // MINA's client refuses the server's forwarded-tcpip channels by default: allow those (reverse forwards)
        client.setForwardingFilter(org.apache.sshd.server.forward.ForwardingFilter.asForwardingFilter(null, null,
                new org.apache.sshd.server.forward.TcpForwardingFilter() {
                    @Override
                    public boolean canListen(SshdSocketAddress address, org.apache.sshd.common.session.Session session) {
                        return true;
                    }

                    @Override
                    public boolean canConnect(Type type, SshdSocketAddress address,
                                              org.apache.sshd.common.session.Session session) {
                        return type == Type.Forwarded;
                    }
                }));
        AtomicReference<X2GoHostKeyException> rejected = new AtomicReference<>();
        client.setServerKeyVerifier((session, addr, key) -> {
            try {
                verify(o, key);
                return true;
            } catch (X2GoHostKeyException e) {
                rejected.set(e);
                return false;
            }
        });
        client.start();
        ClientSession session = null;
        try {
            session = client.connect(o.username(), o.host(), o.port()).verify(o.connectTimeout()).getSession();
            for (Path p : o.privateKeys()) {
                session.addPublicKeyIdentity(KeyFiles.readKeyPair(p));
            }
            o.password().ifPresent(session::addPasswordIdentity);
            session.auth().verify(o.connectTimeout());
            return new Shell(client, session, o);
        } catch (IOException | RuntimeException e) {
            if (session != null) {
                session.close(true);
            }
            client.stop();
            if (rejected.get() != null) {
                throw rejected.get();
            }
            if (e instanceof X2GoSshException x) {
                throw x;
            }
            String m = String.valueOf(e.getMessage());
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof java.util.concurrent.TimeoutException || c instanceof java.net.SocketTimeoutException
                        || String.valueOf(c.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("timeout")) {
                    throw new org.x2go.api.X2GoTimeOutException("connect to " + o.host() + ":" + o.port()
                            + " timed out after " + o.connectTimeout().toMillis() + " ms", e);
                }
            }
            if (m.contains("No more authentication methods") || m.contains("authentication")) {
                throw new X2GoAuthenticationException("authentication failed for " + o.username(), e);
            }
            throw new X2GoSshException("cannot connect to " + o.host() + ":" + o.port() + ": " + m, e);
        }
    }

    private static void verify(ConnectOptions o, PublicKey key) {
        String where = o.port() == 22 ? o.host() : "[" + o.host() + "]:" + o.port();
        boolean known = false;
        try {
            List<String> lines = Files.exists(o.knownHosts()) ? Files.readAllLines(o.knownHosts()) : List.of();
            for (String line : lines) {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] parts = t.split("\\s+", 2);
                if (parts.length < 2 || !List.of(parts[0].split(",")).contains(where)) {
                    continue;
                }
                known = true;
                PublicKey k = PublicKeyEntry.parsePublicKeyEntry(parts[1]).resolvePublicKey(null, null,
                        PublicKeyEntryResolver.IGNORING);
                if (k != null && KeyUtils.compareKeys(k, key)) {
                    return;
                }
            }
            String type = KeyUtils.getKeyType(key);
            String fp = KeyFiles.fingerprint(key);
            if (known) {
                throw new X2GoHostKeyException(o.host(), o.port(), type, fp, X2GoHostKeyException.Reason.CHANGED);
            }
            if (o.hostKeyPolicy() != HostKeyPolicy.ACCEPT_NEW) {
                throw new X2GoHostKeyException(o.host(), o.port(), type, fp, X2GoHostKeyException.Reason.UNKNOWN);
            }
            String existing = Files.exists(o.knownHosts()) ? Files.readString(o.knownHosts()) : "";
            String sep = existing.isEmpty() || existing.endsWith("\n") ? "" : "\n";
            Files.writeString(o.knownHosts(), sep + KeyFiles.knownHostsLine(o.host(), o.port(), key) + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new X2GoHostKeyException(o.host(), o.port(), "?", "SHA256:?", X2GoHostKeyException.Reason.UNKNOWN);
        }
    }

    private static final class Shell implements RemoteShell {
        private final SshClient client;
        private final ClientSession session;
        private final ConnectOptions o;

        Shell(SshClient client, ClientSession session, ConnectOptions o) {
            this.client = client;
            this.session = session;
            this.o = o;
        }

        @Override
        public CommandResult exec(String command, Duration timeout) {
            if (!isConnected()) {
                throw new X2GoControlSessionException("not connected: " + command);
            }
            java.util.concurrent.atomic.AtomicLong budget = new java.util.concurrent.atomic.AtomicLong(
                    o.maxCommandOutput());
            java.util.concurrent.atomic.AtomicBoolean overflow = new java.util.concurrent.atomic.AtomicBoolean();
            AtomicReference<ChannelExec> channel = new AtomicReference<>();
            Runnable onOverflow = () -> {
                overflow.set(true);
                ChannelExec c = channel.get();
                if (c != null) {
                    c.close(true);
                }
            };
            Bounded out = new Bounded(budget, onOverflow);
            Bounded err = new Bounded(budget, onOverflow);
            long deadline = System.nanoTime() + timeout.toNanos();
            try (ChannelExec ch = session.createExecChannel(command)) {
                channel.set(ch);
                ch.setOut(out);
                ch.setErr(err);
                ch.open().verify(timeout);
                Set<ClientChannelEvent> ev = ch.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout);
                if (overflow.get()) {
                    throw new X2GoControlSessionException("output of '" + command + "' exceeds maxCommandOutput "
                            + o.maxCommandOutput() + " bytes");
                }
                if (ev.contains(ClientChannelEvent.TIMEOUT)) {
                    ch.close(true);
                    throw new X2GoTimeOutException("command timed out after " + timeout.toMillis() + " ms: "
                            + command);
                }
                Integer status = ch.getExitStatus();
                if (status == null) {
                    throw new X2GoControlSessionException("connection closed during: " + command);
                }
                return new CommandResult(out.text(), err.text(), status);
            } catch (IOException | RuntimeException e) {
                if (e instanceof X2GoTimeOutException || e instanceof X2GoControlSessionException) {
                    throw (RuntimeException) e;
                }
                if (System.nanoTime() - deadline >= 0) {
                    throw new X2GoTimeOutException("command timed out after " + timeout.toMillis() + " ms: "
                            + command);
                }
                throw new X2GoControlSessionException("command failed: " + command + ": " + e, e);
            }
        }

        /** Keeps bytes while a budget shared by stdout and stderr lasts; past it, calls the overflow action. */
        private static final class Bounded extends OutputStream {
            private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
            private final java.util.concurrent.atomic.AtomicLong budget;
            private final Runnable onOverflow;

            Bounded(java.util.concurrent.atomic.AtomicLong budget, Runnable onOverflow) {
                this.budget = budget;
                this.onOverflow = onOverflow;
            }

            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) {
                if (budget.addAndGet(-len) < 0) {
                    onOverflow.run();
                    return;
                }
                buf.write(b, off, len);
            }

            synchronized String text() {
                return buf.toString(StandardCharsets.UTF_8);
            }
        }

        @Override
        public org.x2go.spi.RemoteForward forwardRemote(int serverPort, InetSocketAddress localTarget) {
            return new org.x2go.spi.AbstractRemoteForward(serverPort, localTarget) {
                private final SshdSocketAddress remote = new SshdSocketAddress("127.0.0.1", serverPort);

                {
                    open();
                }

                @Override
                protected void request() {
                    try {
                        session.startRemotePortForwarding(remote,
                                new SshdSocketAddress(localTarget.getHostString(), localTarget.getPort()));
                    } catch (IOException e) {
                        throw new X2GoFwTunnelException("server refused port " + serverPort + ": " + e.getMessage(), e);
                    }
                }

                @Override
                protected void cancel() {
                    try {
                        session.stopRemotePortForwarding(remote);
                    } catch (IOException e) {
                        // the connection is gone: so is the forward
                    }
                }
            };
        }

        @Override
        public PortForward forwardLocal(InetSocketAddress bind, String remoteHost, int remotePort) {
            try {
                ExplicitPortForwardingTracker t = session.createLocalPortForwardingTracker(
                        new SshdSocketAddress(bind.getHostString(), bind.getPort()),
                        new SshdSocketAddress(remoteHost, remotePort));
                SshdSocketAddress b = t.getBoundAddress();
                InetSocketAddress local = new InetSocketAddress(b.getHostName(), b.getPort());
                return new PortForward() {
                    @Override
                    public InetSocketAddress localAddress() {
                        return local;
                    }

                    @Override
                    public void close() {
                        try {
                            t.close();
                        } catch (IOException e) {
                            // already closed
                        }
                    }
                };
            } catch (IOException e) {
                throw new X2GoFwTunnelException("cannot forward " + bind + ": " + e.getMessage(), e);
            }
        }

        @Override
        public SftpSession openSftp() {
            SftpClient sftp;
            try {
                sftp = SftpClientFactory.instance().createSftpClient(session);
            } catch (IOException e) {
                throw new X2GoSftpException("no sftp: " + e.getMessage(), e);
            }
            return new SftpSession() {
                @Override
                public void write(String remotePath, byte[] content) {
                    try (OutputStream os = sftp.write(remotePath)) {
                        os.write(content);
                    } catch (IOException e) {
                        throw new X2GoSftpException("write " + remotePath + ": " + e.getMessage(), e);
                    }
                }

                @Override
                public byte[] read(String remotePath) {
                    try (InputStream is = sftp.read(remotePath)) {
                        return is.readAllBytes();
                    } catch (IOException e) {
                        throw new X2GoSftpException("read " + remotePath + ": " + e.getMessage(), e);
                    }
                }

                @Override
                public void remove(String remotePath) {
                    try {
                        sftp.remove(remotePath);
                    } catch (IOException e) {
                        throw new X2GoSftpException("remove " + remotePath + ": " + e.getMessage(), e);
                    }
                }

                @Override
                public void close() {
                    try {
                        sftp.close();
                    } catch (IOException e) {
                        // closing twice
                    }
                }
            };
        }

        @Override
        public boolean isConnected() {
            return session.isOpen() && session.isAuthenticated();
        }

        @Override
        public String host() {
            return o.host();
        }

        @Override
        public int port() {
            return o.port();
        }

        @Override
        public String username() {
            return o.username();
        }

        @Override
        public void close() {
            session.close(true);
            client.stop();
        }
    }

}
