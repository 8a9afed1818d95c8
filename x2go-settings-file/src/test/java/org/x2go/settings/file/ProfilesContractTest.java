package org.x2go.settings.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.x2go.api.SessionProfile;
import org.x2go.api.X2GoProfileException;

/** The same CRUD rules for the FILE and MEMORY profile stores. */
class ProfilesContractTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-02T03:04:05.000006Z"), ZoneOffset.UTC);

    @TempDir
    static Path shared;

    static Stream<Arguments> stores() {
        Function<Path, IniSessionProfiles> file = d -> FileProfilesProvider.open(d.resolve("sessions"), CLOCK, "tester");
        Function<Path, IniSessionProfiles> mem = d -> MemoryProfilesProvider.create("mem", CLOCK, "tester");
        return Stream.of(Arguments.of("FILE", file), Arguments.of("MEMORY", mem));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void createReadUpdateRenameDelete(String kind, Function<Path, IniSessionProfiles> factory, @TempDir Path d) {
        IniSessionProfiles ps = factory.apply(d);
        SessionProfile p = ps.create("One", Map.of("host", "h1", "sshport", "2222"));
        assertThat(p.id()).isEqualTo("20250102030405000006");
        assertThat(p.values()).containsEntry("name", "One").containsEntry("host", "h1").containsEntry("user", "tester")
                .containsEntry("sshport", "2222");
        assertThat(ps.byId(p.id())).contains(p);
        assertThat(ps.byName("One")).contains(p);

        SessionProfile u = ps.set(p.id(), "host", List.of("h2", "h3"));
        assertThat(u.id()).isEqualTo(p.id());
        assertThat(u.hosts()).containsExactly("h2", "h3");

        SessionProfile r = ps.rename(p.id(), "Uno");
        assertThat(r.id()).isEqualTo(p.id());
        assertThat(ps.byName("One")).isEmpty();
        assertThat(ps.byName("Uno")).isPresent();

        SessionProfile two = ps.create("Two", Map.of());
        assertThatThrownBy(() -> ps.rename(two.id(), "Uno")).isInstanceOf(X2GoProfileException.class);
        assertThatThrownBy(() -> ps.create("Uno", Map.of())).isInstanceOf(X2GoProfileException.class)
                .hasMessageContaining("already used");
        assertThatThrownBy(() -> ps.create("  ", Map.of())).isInstanceOf(X2GoProfileException.class);
        assertThatThrownBy(() -> ps.create("Bad", Map.of("sshport", "x"))).isInstanceOf(X2GoProfileException.class)
                .hasMessageContaining("sshport");
        assertThat(ps.byName("Bad")).isEmpty();
        assertThatThrownBy(() -> ps.update(p.id(), Map.of("fullscreen", "maybe")))
                .isInstanceOf(X2GoProfileException.class).hasMessageContaining("fullscreen");
        assertThatThrownBy(() -> ps.update("nope", Map.of())).isInstanceOf(X2GoProfileException.class)
                .hasMessageContaining("nope");
        assertThatThrownBy(() -> ps.create("Multi\nline", Map.of())).isInstanceOf(X2GoProfileException.class);

        ps.delete(two.id());
        assertThat(ps.all()).extracting(SessionProfile::name).containsExactly("Uno");
        assertThatThrownBy(() -> ps.delete(two.id())).isInstanceOf(X2GoProfileException.class);
        ps.save();
        assertThat(ps.all()).extracting(SessionProfile::name).containsExactly("Uno");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void reloadDiscardsUnsavedChanges(String kind, Function<Path, IniSessionProfiles> factory, @TempDir Path d) {
        IniSessionProfiles ps = factory.apply(d);
        ps.create("Kept", Map.of());
        ps.save();
        ps.create("Dropped", Map.of());
        ps.reload();
        assertThat(ps.all()).extracting(SessionProfile::name).containsExactly("Kept");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void snapshotsAreImmutable(String kind, Function<Path, IniSessionProfiles> factory, @TempDir Path d) {
        IniSessionProfiles ps = factory.apply(d);
        SessionProfile p = ps.create("P", Map.of());
        assertThatThrownBy(() -> p.values().put("host", "x")).isInstanceOf(UnsupportedOperationException.class);
        ps.set(p.id(), "host", "changed");
        assertThat(p.values()).containsEntry("host", "server.mydomain");
    }
}
