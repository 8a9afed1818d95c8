package org.x2go.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.x2go.spi.CommandResult;

/** A test client on MINA's SshClient, verifying the fake's host key. */
final class MinaClient implements AutoCloseable {
    static final Duration T = Duration.ofSeconds(10);
    private final SshClient client;
    final ClientSession session;

    MinaClient(FakeX2GoServer server) throws IOException {
        this(server, server.hostPublicKey());
    }

    MinaClient(FakeX2GoServer server, PublicKey expectedHostKey) throws IOException {
        client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier((s, addr, key) -> KeyUtils.compareKeys(expectedHostKey, key));
        client.start();
        try {
            session = client.connect(server.user(), server.host(), server.port()).verify(T).getSession();
            session.addPublicKeyIdentity(server.clientKeyPair());
            session.auth().verify(T);
        } catch (IOException | RuntimeException e) {
            client.stop();
            throw e;
        }
    }

    CommandResult exec(String command) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ChannelExec ch = session.createExecChannel(command)) {
            ch.setOut(out);
            ch.setErr(err);
            ch.open().verify(T);
            Set<ClientChannelEvent> ev = ch.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), T);
            if (ev.contains(ClientChannelEvent.TIMEOUT)) {
                throw new IOException("timeout running " + command);
            }
            Integer status = ch.getExitStatus();
            if (status == null) {
                throw new IOException("channel closed without exit status: " + command);
            }
            return new CommandResult(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                    status);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            session.close(true);
        } finally {
            client.stop();
        }
    }
}
