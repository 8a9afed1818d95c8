package org.x2go.proxy.nx3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.io.TempDir;
import org.x2go.spi.ProxyProvider;
import org.x2go.spi.RemoteShell;
import org.x2go.testkit.FakeX2GoServer;
import org.x2go.testkit.tck.ProxyProviderCompatibilityKit;

/**
 * NX3 against the testkit's proxy kit, without a display: {@code nxproxy} is the stub script
 * {@link FakeNxproxy} (it draws nothing, so it needs none), and the SSH connection is {@link FakeShell},
 * whose forward is a real local listening socket that does not reach the server (this module has no SSH
 * transport to test with). So the kit's "tunnel leads to the agent" test is skipped here; TUNNEL runs it
 * over JSCH, and {@code Nx3ProxyRealServerTest} covers it with the real nxproxy and server.
 */
class Nx3ProxyKitTest extends ProxyProviderCompatibilityKit {

    @TempDir
    Path stubs;

    @Override
    protected ProxyProvider provider() {
        try {
            FakeNxproxy stub = FakeNxproxy.create(Files.createDirectories(stubs.resolve("nxproxy")),
                    FakeNxproxy.Mode.WAIT_FOR_TERM);
            return new Nx3ProxyProvider(stub.executable, ProcessLauncher.system(), Duration.ofSeconds(2));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected RemoteShell shell(FakeX2GoServer server) {
        return new FakeShell(FakeX2GoServer.HOST);
    }

    @Override
    protected boolean tunnelReachesTheServer() {
        return false;
    }

    @Override
    protected Optional<ProxyProvider> providerThatCannotStart() {
        return Optional.of(new Nx3ProxyProvider(stubs.resolve("no-such-nxproxy"), ProcessLauncher.system(),
                Duration.ofSeconds(2)));
    }
}
