package org.x2go.backend.sshj.internal;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import net.schmizz.sshj.common.Buffer;

/**
 * A minimal SSH agent client (draft-miller-ssh-agent): list the keys, sign with one. sshj has none. Every
 * call opens its own connection to the socket, so the client is thread-safe and holds no resources.
 */
public final class AgentClient {
    private static final int FAILURE = 5;
    private static final int REQUEST_IDENTITIES = 11;
    private static final int IDENTITIES_ANSWER = 12;
    private static final int SIGN_REQUEST = 13;
    private static final int SIGN_RESPONSE = 14;
    /** An agent's answer is small; a longer one means a broken or hostile peer. */
    private static final int MAX_MESSAGE = 256 * 1024;
    /** Bounds the list: nobody has more keys in an agent. */
    private static final int MAX_KEYS = 1024;

    /** One key the agent holds. @param blob the public key blob @param comment its comment */
    public record Key(byte[] blob, String comment) {
        /** @return the key type, e.g. {@code ssh-ed25519} */
        public String type() {
            try {
                return new Buffer.PlainBuffer(blob).readString();
            } catch (Buffer.BufferException e) {
                return "unknown";
            }
        }
    }

    private final Path socket;

    /** @param socket the agent's Unix domain socket */
    public AgentClient(Path socket) {
        this.socket = socket;
    }

    /** @return the agent's socket */
    public Path socket() {
        return socket;
    }

    /**
     * @return the agent's keys, in its order
     * @throws IOException when the agent cannot be reached or answers nonsense
     */
    public List<Key> keys() throws IOException {
        Buffer.PlainBuffer ans = call(new Buffer.PlainBuffer().putByte((byte) REQUEST_IDENTITIES));
        try {
            int type = ans.readByte();
            if (type != IDENTITIES_ANSWER) {
                throw new IOException("SSH agent at " + socket + " answered type " + type + " to a key list request");
            }
            long n = ans.readUInt32();
            if (n > MAX_KEYS) {
                throw new IOException("SSH agent at " + socket + " lists " + n + " keys (at most " + MAX_KEYS + ")");
            }
            List<Key> keys = new ArrayList<>();
            for (long i = 0; i < n; i++) {
                keys.add(new Key(ans.readBytes(), ans.readString()));
            }
            return keys;
        } catch (Buffer.BufferException e) {
            throw new IOException("SSH agent at " + socket + " sent a malformed key list", e);
        }
    }

    /**
     * @param key   the key's blob
     * @param data  what to sign
     * @param flags {@code 2} for rsa-sha2-256, {@code 4} for rsa-sha2-512, else 0
     * @return the SSH signature blob (algorithm name and signature)
     * @throws IOException when the agent refuses or cannot be reached
     */
    public byte[] sign(byte[] key, byte[] data, int flags) throws IOException {
        Buffer.PlainBuffer req = new Buffer.PlainBuffer().putByte((byte) SIGN_REQUEST).putBytes(key).putBytes(data)
                .putUInt32(flags);
        Buffer.PlainBuffer ans = call(req);
        try {
            int type = ans.readByte();
            if (type == FAILURE) {
                throw new IOException("SSH agent at " + socket + " refused to sign");
            }
            if (type != SIGN_RESPONSE) {
                throw new IOException("SSH agent at " + socket + " answered type " + type + " to a sign request");
            }
            return ans.readBytes();
        } catch (Buffer.BufferException e) {
            throw new IOException("SSH agent at " + socket + " sent a malformed signature", e);
        }
    }

    private Buffer.PlainBuffer call(Buffer.PlainBuffer msg) throws IOException {
        byte[] body = msg.getCompactData();
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer out = ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).flip();
            while (out.hasRemaining()) {
                ch.write(out);
            }
            ByteBuffer len = readFully(ch, 4);
            int n = len.getInt();
            if (n < 1 || n > MAX_MESSAGE) {
                throw new IOException("SSH agent at " + socket + " sent a message of " + n + " bytes");
            }
            ByteBuffer in = readFully(ch, n);
            return new Buffer.PlainBuffer(in.array());
        }
    }

    private ByteBuffer readFully(SocketChannel ch, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                throw new IOException("SSH agent at " + socket + " closed the connection");
            }
        }
        return b.flip();
    }
}
