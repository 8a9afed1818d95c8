package org.x2go.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.x2go.spi.GraphicsProxy;
import org.x2go.spi.ProxyProvider;
import org.x2go.spi.ProxyRequest;

class BackendsTest {

    /** A proxy provider with a configurable name. */
    public static class NamedProxy implements ProxyProvider {
        private final String name;

        public NamedProxy() {
            this("NX3");
        }

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

    /** Second class with the same default name, for the duplicate check. */
    public static class OtherNx3 extends NamedProxy {
    }

    /** A provider whose constructor fails. */
    public static class BrokenProxy extends NamedProxy {
        public BrokenProxy() {
            throw new IllegalStateException("boom: nxproxy path not configured");
        }
    }

    @Test
    void defaultSelectionIsPythonsPlusJsch() {
        BackendSelection s = BackendSelection.fromConfig(Map.of(), new Properties());
        assertThat(s.name(BackendKind.CONTROL)).isEqualTo("PLAIN");
        assertThat(s.name(BackendKind.TERMINAL)).isEqualTo("PLAIN");
        assertThat(s.name(BackendKind.INFO)).isEqualTo("PLAIN");
        assertThat(s.name(BackendKind.LIST)).isEqualTo("PLAIN");
        assertThat(s.name(BackendKind.PROXY)).isEqualTo("NX3");
        assertThat(s.name(BackendKind.SETTINGS)).isEqualTo("FILE");
        assertThat(s.name(BackendKind.PROFILES)).isEqualTo("FILE");
        assertThat(s.name(BackendKind.PRINTING)).isEqualTo("FILE");
        assertThat(s.name(BackendKind.SSH)).isEqualTo("JSCH");
        assertThat(s).isEqualTo(BackendSelection.defaults());
    }

    @Test
    void configSelectsCaseInsensitivelyAndDefaultKeywordInAnyCase() {
        BackendSelection s = BackendSelection.fromConfig(
                Map.of("x2go.backend.ssh", "sshj", "x2go.backend.proxy", "Default", "x2go.backend.unrelated", "x"),
                new Properties());
        assertThat(s.name(BackendKind.SSH)).isEqualTo("SSHJ");
        assertThat(s.name(BackendKind.PROXY)).isEqualTo("NX3");
    }

    @Test
    void systemPropertyWinsOverConfig() {
        Properties sys = new Properties();
        sys.setProperty("x2go.backend.ssh", "jsch");
        BackendSelection s = BackendSelection.fromConfig(Map.of("x2go.backend.ssh", "SSHJ"), sys);
        assertThat(s.name(BackendKind.SSH)).isEqualTo("JSCH");
    }

    @Test
    void selectIsCaseInsensitive() {
        NamedProxy p = new NamedProxy("NX3");
        Backends b = Backends.of(List.of(p));
        assertThat((ProxyProvider) b.select(BackendKind.PROXY, "nx3")).isSameAs(p);
        assertThat((ProxyProvider) b.select(BackendKind.PROXY, "DEFAULT")).isSameAs(p);
    }

    @Test
    void unknownNameListsKnownNamesAndTheDefaultArtifact() {
        Backends b = Backends.of(List.of(new NamedProxy("NX3"), new NamedProxy("KDRIVE")));
        assertThatThrownBy(() -> b.select(BackendKind.PROXY, "x11"))
                .isInstanceOf(X2GoBackendException.class)
                .hasMessage("Unknown proxy backend 'x11' (x2go.backend.proxy); known: KDRIVE, NX3. The default NX3 is"
                        + " provided by org.x2go:x2go-proxy-nx3; add it (or the artifact of 'x11') to the class path");
    }

    @Test
    void emptyKindSaysNoneOnTheClassPath() {
        Backends b = Backends.of(List.of());
        assertThatThrownBy(() -> b.resolve(BackendSelection.defaults()))
                .isInstanceOf(X2GoBackendException.class)
                .hasMessageContaining("Unknown ssh backend 'JSCH' (x2go.backend.ssh); known: (none on the class path)")
                .hasMessageContaining("org.x2go:x2go-backend-plain")
                .hasMessageContaining("org.x2go:x2go-settings-file");
    }

    @Test
    void duplicateNamesNameBothClasses() {
        assertThatThrownBy(() -> Backends.of(List.of(new NamedProxy("nx3"), new OtherNx3())))
                .isInstanceOf(X2GoBackendException.class)
                .hasMessageContaining("Two proxy backends are named NX3")
                .hasMessageContaining(NamedProxy.class.getName())
                .hasMessageContaining(OtherNx3.class.getName());
    }

    @Test
    void duplicateNamesThroughServiceLoader(@TempDir Path dir) throws IOException {
        try (URLClassLoader cl = loaderWith(dir, NamedProxy.class.getName(), OtherNx3.class.getName())) {
            assertThatThrownBy(() -> Backends.discover(cl))
                    .isInstanceOf(X2GoBackendException.class)
                    .hasMessageContaining(NamedProxy.class.getName())
                    .hasMessageContaining(OtherNx3.class.getName());
        }
    }

    @Test
    void failingConstructorIsReportedWithItsClassName(@TempDir Path dir) throws IOException {
        try (URLClassLoader cl = loaderWith(dir, BrokenProxy.class.getName())) {
            assertThatThrownBy(() -> Backends.discover(cl))
                    .isInstanceOf(X2GoBackendException.class)
                    .hasMessageContaining("Cannot create proxy backend provider " + BrokenProxy.class.getName())
                    .hasMessageContaining("boom: nxproxy path not configured");
        }
    }

    @Test
    void discoveryFindsAServiceLoaderProvider(@TempDir Path dir) throws IOException {
        try (URLClassLoader cl = loaderWith(dir, NamedProxy.class.getName())) {
            Backends b = Backends.discover(cl);
            assertThat(b.providers(BackendKind.PROXY)).containsOnlyKeys("NX3");
            assertThat(b.describe().get(BackendKind.PROXY)).containsExactly("NX3");
            assertThat(b.providers(BackendKind.SSH)).isEmpty();
        }
    }

    @Test
    void blankNameIsRejected() {
        assertThatThrownBy(() -> Backends.of(List.of(new NamedProxy(" "))))
                .isInstanceOf(X2GoBackendException.class).hasMessageContaining("blank name()");
    }

    private static URLClassLoader loaderWith(Path dir, String... classes) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(ProxyProvider.class.getName()), String.join("\n", classes) + "\n");
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, BackendsTest.class.getClassLoader());
    }
}
