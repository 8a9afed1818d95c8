package org.x2go.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceConfigurationError;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.x2go.api.BackendKind;
import org.x2go.api.Backends;
import org.x2go.api.X2GoBackendException;
import org.x2go.api.X2GoException;
import org.x2go.api.X2GoProxyException;
import org.x2go.spi.BackendConfig;
import org.x2go.spi.GraphicsProxy;
import org.x2go.spi.NamedProvider;
import org.x2go.spi.ProxyProvider;
import org.x2go.spi.ProxyRequest;

/** Plugins cannot break the host: only the selected provider matters; each gets its own configuration. */
class BackendPluginSafetyTest {

    /** A proxy provider with a fixed name. */
    public abstract static class NamedProxy implements ProxyProvider {
        private final String name;

        NamedProxy(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public GraphicsProxy start(ProxyRequest request) {
            throw new UnsupportedOperationException();
        }
    }

    /** Its constructor throws, as a plugin whose configuration is missing might. */
    public static final class BrokenProxy extends NamedProxy {
        public BrokenProxy() {
            super("BROKEN");
            throw new IllegalStateException("boom: plugin not set up");
        }
    }

    /** One of two providers named TWIN. */
    public static final class TwinA extends NamedProxy {
        public TwinA() {
            super("twin");
        }
    }

    /** The other one named TWIN. */
    public static final class TwinB extends NamedProxy {
        public TwinB() {
            super("TWIN");
        }
    }

    /** Takes the reserved name. */
    public static final class CalledDefault extends NamedProxy {
        public CalledDefault() {
            super("Default");
        }
    }

    /** Records the configuration it receives and returns a configured copy. */
    public static final class ConfigurableProxy extends NamedProxy implements BackendConfig.Configurable<ProxyProvider> {
        final BackendConfig config;

        public ConfigurableProxy() {
            this(null);
        }

        ConfigurableProxy(BackendConfig config) {
            super("CONF");
            this.config = config;
        }

        @Override
        public ProxyProvider configure(BackendConfig c) {
            if (c.get("fail").isPresent()) {
                throw new IllegalArgumentException("fail was asked for");
            }
            return new ConfigurableProxy(c);
        }
    }

    private static Map<String, String> allFake() {
        Map<String, String> m = new HashMap<>();
        for (BackendKind k : BackendKind.selectable()) {
            m.put(k.propertyName(), "fake");
        }
        return m;
    }

    /** The class path plus a services file for ProxyProvider holding the given entries. */
    private static URLClassLoader withProxyServices(Path dir, String... entries) throws IOException {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve(ProxyProvider.class.getName()), String.join("\n", entries) + "\n");
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, BackendPluginSafetyTest.class.getClassLoader());
    }

    private static final String[] TROUBLE = {
        BrokenProxy.class.getName(),
        "com.example.NoSuchProxy",
        FakeProviders.Settings.class.getName(), // a provider, but of another SPI
        TwinA.class.getName(), TwinB.class.getName(),
        CalledDefault.class.getName(),
    };

    @Test
    void brokenMissingWrongSpiDuplicateAndDefaultNamedUnselectedProvidersDoNotBreakTheBuild(@TempDir Path dir)
            throws IOException {
        try (URLClassLoader cl = withProxyServices(dir, TROUBLE);
             X2GoClient c = X2GoClient.builder().backends(Backends.discover(cl)).config(allFake())
                     .systemProperties(new Properties()).graphics(false).build()) {
            assertThat(c.backend(ProxyProvider.class)).isInstanceOf(FakeProviders.Proxy.class);
            assertThat(c.backend(BackendKind.SSH).name()).isEqualTo("FAKE");
        }
    }

    @Test
    void selectingANameTwoProvidersCarryFailsNamingBothClasses(@TempDir Path dir) throws IOException {
        Map<String, String> cfg = allFake();
        cfg.put("x2go.backend.proxy", "twin");
        try (URLClassLoader cl = withProxyServices(dir, TROUBLE)) {
            assertThatThrownBy(() -> X2GoClient.builder().backends(Backends.discover(cl)).config(cfg)
                    .systemProperties(new Properties()).graphics(false).build())
                    .isInstanceOf(X2GoBackendException.class)
                    .hasMessageContaining("Two proxy backends are named TWIN")
                    .hasMessageContaining(TwinA.class.getName())
                    .hasMessageContaining(TwinB.class.getName());
        }
    }

    @Test
    void aSelectionABrokenEntryMightHaveServedFailsWithABackendExceptionNamingTheServicesFileAndClass(
            @TempDir Path dir) throws IOException {
        Map<String, String> cfg = allFake();
        cfg.put("x2go.backend.proxy", "nosuch");
        try (URLClassLoader cl = withProxyServices(dir, TROUBLE)) {
            Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> X2GoClient.builder()
                    .backends(Backends.discover(cl)).config(cfg).systemProperties(new Properties()).graphics(false)
                    .build());
            // an X2GoException, which `catch (X2GoException e)` sees, never a raw ServiceConfigurationError
            assertThat(t).isInstanceOf(X2GoBackendException.class).isInstanceOf(X2GoException.class)
                    .hasMessageContaining("Unknown proxy backend 'NOSUCH'")
                    .hasMessageContaining("com.example.NoSuchProxy")
                    .hasMessageContaining(FakeProviders.Settings.class.getName())
                    .hasMessageContaining("not a subtype")
                    .hasMessageContaining(BrokenProxy.class.getName())
                    .hasMessageContaining("boom: plugin not set up")
                    .hasMessageContaining("named 'default', which is reserved")
                    .hasMessageContaining(dir.resolve("META-INF/services/org.x2go.spi.ProxyProvider").toString());
            assertThat(t).hasCauseInstanceOf(ServiceConfigurationError.class);
        }
    }

    @Test
    void theSelectedProviderReceivesOnlyItsOwnNamespaceWithSystemPropertiesWinning() {
        List<NamedProvider> ps = new ArrayList<>(FakeProviders.all("FAKE"));
        ps.add(new ConfigurableProxy());
        Map<String, String> cfg = allFake();
        cfg.put("x2go.backend.proxy", "conf");
        Properties sys = new Properties();
        sys.setProperty("x2go.proxy.conf.level", "from-system");
        try (X2GoClient c = X2GoClient.builder().backends(Backends.of(ps)).config(cfg).systemProperties(sys)
                .backendOption("x2go.proxy.conf.binary", "/opt/bin/x")
                .backendOption("x2go.proxy.conf.level", "from-builder")
                .backendOption("x2go.proxy.nx3.binary", "/not/mine")
                .backendOption("x2go.ssh.fake.port", "22")
                .display(":5").graphics(true).build()) {
            BackendConfig got = ((ConfigurableProxy) c.backend(ProxyProvider.class)).config;
            assertThat(got.namespace()).isEqualTo("x2go.proxy.conf.");
            assertThat(got.entries()).containsOnly(Map.entry("x2go.proxy.conf.binary", "/opt/bin/x"),
                    Map.entry("x2go.proxy.conf.level", "from-system"));
            assertThat(got.get("binary")).contains("/opt/bin/x");
            assertThat(got.display()).contains(":5");
            assertThat(got.graphics()).isTrue();
        }
    }

    @Test
    void aProviderThatRefusesItsConfigurationFailsTheBuildNamingItself() {
        List<NamedProvider> ps = new ArrayList<>(FakeProviders.all("FAKE"));
        ps.add(new ConfigurableProxy());
        Map<String, String> cfg = allFake();
        cfg.put("x2go.backend.proxy", "conf");
        assertThatThrownBy(() -> X2GoClient.builder().backends(Backends.of(ps)).config(cfg)
                .systemProperties(new Properties()).backendOption("x2go.proxy.conf.fail", "yes").graphics(false).build())
                .isInstanceOf(X2GoBackendException.class)
                .hasMessageContaining("Cannot configure the proxy backend CONF")
                .hasMessageContaining(ConfigurableProxy.class.getName())
                .hasMessageContaining("fail was asked for");
    }

    @Test
    void backendOptionKeysMustBeInAProviderNamespace() {
        X2GoClient.Builder b = X2GoClient.builder();
        for (String bad : new String[] {"x2go.backend.proxy", "x2go.proxy.nx3", "x2go.nosuchkind.a.b",
            "x2go.proxy..binary", "proxy.nx3.binary", "x2go.info.plain.x"}) {
            assertThatThrownBy(() -> b.backendOption(bad, "v")).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad);
        }
        assertThat(b.backendOption("x2go.proxy.nx3.binary", "/usr/bin/nxproxy")).isSameAs(b);
    }

    @Test
    void aGraphicsClientWithoutDisplayBuildsWhenItsProxyNeedsNone() {
        // was: X2GoClientException "No X display" from the client itself, whatever the proxy
        try (X2GoClient c = X2GoClient.builder().backends(Backends.of(FakeProviders.all("FAKE"))).config(allFake())
                .systemProperties(new Properties()).display(null).graphics(true).build()) {
            assertThat(c.backend(ProxyProvider.class)).isInstanceOf(FakeProviders.Proxy.class);
        }
    }

    @Test
    void theProxyDecidesWhetherItNeedsADisplay() {
        AtomicReference<BackendConfig> seen = new AtomicReference<>();
        class NeedsDisplay extends NamedProxy implements BackendConfig.Configurable<ProxyProvider> {
            NeedsDisplay() {
                super("DRAWS");
            }

            @Override
            public ProxyProvider configure(BackendConfig c) {
                seen.set(c);
                if (c.graphics() && c.display().isEmpty()) {
                    throw new X2GoProxyException(X2GoProxyException.Reason.NO_DISPLAY, "no display");
                }
                return this;
            }
        }
        List<NamedProvider> ps = new ArrayList<>(FakeProviders.all("FAKE"));
        ps.add(new NeedsDisplay());
        Map<String, String> cfg = allFake();
        cfg.put("x2go.backend.proxy", "draws");
        assertThatThrownBy(() -> X2GoClient.builder().backends(Backends.of(ps)).config(cfg)
                .systemProperties(new Properties()).display(" ").graphics(true).build())
                .isInstanceOf(X2GoProxyException.class)
                .extracting(e -> ((X2GoProxyException) e).reason()).isEqualTo(X2GoProxyException.Reason.NO_DISPLAY);
        try (X2GoClient c = X2GoClient.builder().backends(Backends.of(ps)).config(cfg)
                .systemProperties(new Properties()).display(null).graphics(false).build()) {
            assertThat(seen.get().graphics()).isFalse();
        }
    }
}
