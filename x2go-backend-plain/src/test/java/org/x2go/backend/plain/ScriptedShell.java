package org.x2go.backend.plain;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.x2go.api.X2GoControlSessionException;
import org.x2go.spi.CommandResult;
import org.x2go.spi.PortForward;
import org.x2go.spi.RemoteShell;
import org.x2go.spi.SftpSession;

/**
 * An in-memory RemoteShell for unit tests: decodes the framed command, records the inner command, and
 * answers with the framed output of a script function (inner command → stdout/stderr).
 */
final class ScriptedShell implements RemoteShell {
    static final String PREFIX_NOISE = "motd noise from .bashrc\n";

    private final Function<String, CommandResult> script;
    final List<String> inner = new ArrayList<>();
    final List<String> framed = new ArrayList<>();
    volatile boolean connected = true;
    volatile RuntimeException failNext;

    ScriptedShell(Function<String, CommandResult> script) {
        this.script = script;
    }

    static CommandResult out(String stdout) {
        return new CommandResult(stdout, "", 0);
    }

    /** Decodes {@code echo X2GODATABEGIN:<id>; PATH=... sh -c '<C>'; echo X2GODATAEND:<id>}. */
    static String[] decode(String framedCommand) {
        String begin = "echo X2GODATABEGIN:";
        int semi = framedCommand.indexOf(';');
        String id = framedCommand.substring(begin.length(), semi);
        String head = "; PATH=/usr/local/bin:/usr/bin:/bin sh -c '";
        String tail = "'; echo X2GODATAEND:" + id;
        if (!framedCommand.startsWith(begin + id + head) || !framedCommand.endsWith(tail)) {
            throw new AssertionError("not a framed command: " + framedCommand);
        }
        String quoted = framedCommand.substring((begin + id + head).length(), framedCommand.length() - tail.length());
        return new String[] {id, quoted.replace("'\\''", "'")};
    }

    @Override
    public synchronized CommandResult exec(String command, Duration timeout) {
        // a scripted failure first: a test may drop the connection together with it
        RuntimeException f = failNext;
        if (f != null) {
            failNext = null;
            throw f;
        }
        if (!connected) {
            throw new X2GoControlSessionException("scripted connection is down");
        }
        framed.add(command);
        String[] d = decode(command);
        inner.add(d[1]);
        CommandResult r = script.apply(d[1]);
        String body = r.stdout().replace("\n", "\r\n");
        return new CommandResult(PREFIX_NOISE + "X2GODATABEGIN:" + d[0] + "\r\n" + body + "X2GODATAEND:" + d[0]
                + "\r\ntrailing noise\n", r.stderr(), 0);
    }

    @Override
    public PortForward forwardLocal(InetSocketAddress bind, String remoteHost, int remotePort) {
        throw new UnsupportedOperationException("not scripted");
    }

    @Override
    public SftpSession openSftp() {
        throw new UnsupportedOperationException("not scripted");
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return 2222;
    }

    @Override
    public String username() {
        return "alice";
    }

    @Override
    public void close() {
        connected = false;
    }
}
