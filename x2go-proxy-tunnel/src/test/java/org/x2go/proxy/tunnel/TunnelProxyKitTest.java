package org.x2go.proxy.tunnel;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.x2go.backend.plain.JschTransport;
import org.x2go.spi.ProxyProvider;
import org.x2go.spi.RemoteShell;
import org.x2go.testkit.FakeX2GoServer;
import org.x2go.testkit.tck.ProxyProviderCompatibilityKit;

/**
 * TUNNEL against the testkit's proxy kit over JSCH, in {@link TunnelOptions.Attach#NONE} mode (the tunnel
 * only: no Xvfb or nxproxy needed, so it runs on any build machine; the kit attaches its own client through
 * the tunnel). HEADLESS mode with the real binaries is {@code TunnelProxyFakeServerTest}'s business. The
 * failing configuration is HEADLESS with an nxproxy that does not exist.
 */
class TunnelProxyKitTest extends ProxyProviderCompatibilityKit {

    private static TunnelOptions options(TunnelOptions.Attach attach, Path nxproxy) {
        TunnelOptions d = TunnelOptions.defaults();
        return new TunnelOptions(attach, nxproxy, d.xvfb(), d.screen(), Duration.ofSeconds(5), Duration.ofSeconds(1));
    }

    @Override
    protected ProxyProvider provider() {
        return new TunnelProxyProvider(options(TunnelOptions.Attach.NONE, TunnelOptions.defaults().nxproxy()));
    }

    @Override
    protected RemoteShell shell(FakeX2GoServer server) {
        return new JschTransport().connect(server.connectOptions().build());
    }

    @Override
    protected Optional<ProxyProvider> providerThatCannotStart() {
        return Optional.of(new TunnelProxyProvider(options(TunnelOptions.Attach.HEADLESS,
                sessionsRoot.resolve("no-such-nxproxy"))));
    }
}
