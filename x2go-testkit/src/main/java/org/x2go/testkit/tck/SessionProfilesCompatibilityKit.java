package org.x2go.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.x2go.api.SessionProfile;
import org.x2go.api.X2GoProfileException;
import org.x2go.spi.SessionProfiles;
import org.x2go.spi.SessionProfilesProvider;

/**
 * Compatibility kit for {@link SessionProfilesProvider} and the {@link SessionProfiles} it opens
 * (spec §5): stable IDs, unique names, typed errors, round trips, thread safety. A subclass provides
 * the provider; an in-memory store also overrides {@link #persists()}:
 *
 * <pre>{@code
 * class FileProfilesKitTest extends SessionProfilesCompatibilityKit {
 *     @Override protected SessionProfilesProvider provider() { return new FileProfilesProvider(); }
 * }
 * }</pre>
 */
public abstract class SessionProfilesCompatibilityKit {

    /** A fresh client configuration directory ({@code ~/.x2goclient}) per test. */
    @TempDir
    protected Path clientRoot;

    /** @return the provider under test */
    protected abstract SessionProfilesProvider provider();

    /** @return whether saved profiles are read back by the next {@code open} of the same directory */
    protected boolean persists() {
        return true;
    }

    private SessionProfiles open() {
        return provider().open(clientRoot);
    }

    /** The name configuration selects the provider by. */
    @Test
    void nameIsSelectable() {
        ProviderNames.assertSelectable(provider());
    }

    /** A fresh directory has no profiles. */
    @Test
    void freshDirectoryHasNoProfiles() {
        assertEquals(List.of(), open().all());
    }

    /** A created profile is found by ID, by name and by {@code resolve}, with its values. */
    @Test
    void createdProfileIsFoundByIdAndName() {
        SessionProfiles ps = open();
        SessionProfile p = ps.create("Office", Map.of("host", "office.example", "sshport", "2222"));
        assertFalse(p.id().isBlank(), "id");
        assertEquals("Office", p.name());
        assertEquals("office.example", p.text("host"));
        assertEquals(2222, p.integer("sshport"));
        assertEquals(p, ps.byId(p.id()).orElseThrow());
        assertEquals(p, ps.byName("Office").orElseThrow());
        assertEquals(p, ps.resolve("Office").orElseThrow());
        assertEquals(p, ps.resolve(p.id()).orElseThrow());
        assertTrue(ps.byName("Nope").isEmpty());
        assertTrue(ps.byId("nope").isEmpty());
    }

    /** {@code all()} keeps the stored (creation) order. */
    @Test
    void allKeepsCreationOrder() {
        SessionProfiles ps = open();
        ps.create("B", Map.of());
        ps.create("A", Map.of());
        ps.create("C", Map.of());
        assertEquals(List.of("B", "A", "C"), ps.all().stream().map(SessionProfile::name).collect(Collectors.toList()));
    }

    /** Names are unique: creating or renaming onto a taken name is a profile error, and changes nothing. */
    @Test
    void takenNamesAreRefused() {
        SessionProfiles ps = open();
        ps.create("One", Map.of());
        SessionProfile two = ps.create("Two", Map.of());
        assertThrows(X2GoProfileException.class, () -> ps.create("One", Map.of()));
        assertThrows(X2GoProfileException.class, () -> ps.rename(two.id(), "One"));
        assertEquals("Two", ps.byId(two.id()).orElseThrow().name());
        assertEquals(2, ps.all().size());
    }

    /** Update and rename keep the ID; the old name is free afterwards. */
    @Test
    void updateAndRenameKeepTheId() {
        SessionProfiles ps = open();
        SessionProfile p = ps.create("Old", Map.of("host", "a.example"));
        SessionProfile u = ps.update(p.id(), Map.of("host", "b.example"));
        assertEquals(p.id(), u.id());
        assertEquals("b.example", ps.byId(p.id()).orElseThrow().text("host"));
        SessionProfile r = ps.rename(p.id(), "New");
        assertEquals(p.id(), r.id());
        assertEquals("New", r.name());
        assertTrue(ps.byName("Old").isEmpty());
        assertEquals("b.example", ps.byName("New").orElseThrow().text("host"));
        ps.create("Old", Map.of());
    }

    /** The typed setter stores values in the file's encoding. */
    @Test
    void typedSetEncodesValues() {
        SessionProfiles ps = open();
        SessionProfile p = ps.create("Typed", Map.of());
        ps.set(p.id(), "host", List.of("h1", "h2"));
        ps.set(p.id(), "fullscreen", true);
        SessionProfile t = ps.byId(p.id()).orElseThrow();
        assertEquals(List.of("h1", "h2"), t.hosts());
        assertTrue(t.bool("fullscreen"));
    }

    /** Unknown IDs and invalid values are profile errors naming what was wrong. */
    @Test
    void unknownIdsAndBadValuesAreProfileErrors() {
        SessionProfiles ps = open();
        SessionProfile p = ps.create("P", Map.of());
        X2GoProfileException unknown = assertThrows(X2GoProfileException.class,
                () -> ps.update("no-such-id", Map.of()));
        assertTrue(unknown.getMessage().contains("no-such-id"), unknown.getMessage());
        assertThrows(X2GoProfileException.class, () -> ps.rename("no-such-id", "X"));
        assertThrows(X2GoProfileException.class, () -> ps.delete("no-such-id"));
        X2GoProfileException bad = assertThrows(X2GoProfileException.class,
                () -> ps.update(p.id(), Map.of("sshport", "not-a-port")));
        assertTrue(bad.getMessage().contains("sshport"), bad.getMessage());
        assertThrows(X2GoProfileException.class, () -> ps.create(" ", Map.of()));
        assertThrows(X2GoProfileException.class, () -> ps.create("Two\nlines", Map.of()));
    }

    /** A deleted profile is gone by ID and by name. */
    @Test
    void deleteRemovesTheProfile() {
        SessionProfiles ps = open();
        SessionProfile p = ps.create("Gone", Map.of());
        ps.delete(p.id());
        assertTrue(ps.byId(p.id()).isEmpty());
        assertTrue(ps.byName("Gone").isEmpty());
        assertEquals(List.of(), ps.all());
    }

    /** Saved profiles come back from a fresh {@code open} with the same IDs, names and values. */
    @Test
    void savedProfilesSurviveReopening() {
        Assumptions.assumeTrue(persists(), "this store does not outlive its open()");
        SessionProfiles ps = open();
        SessionProfile a = ps.create("A", Map.of("host", "a.example"));
        SessionProfile b = ps.create("B", Map.of("sshport", "2200"));
        ps.save();
        SessionProfiles again = open();
        assertEquals(List.of(a.id(), b.id()), again.all().stream().map(SessionProfile::id).collect(Collectors.toList()));
        assertEquals("a.example", again.byName("A").orElseThrow().text("host"));
        assertEquals(2200, again.byName("B").orElseThrow().integer("sshport"));
    }

    /** Concurrent creates all land, each with its own ID. */
    @Test
    void concurrentCreatesGetDistinctIds() throws Exception {
        SessionProfiles ps = open();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<SessionProfile>> made = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String name = "P" + i;
                made.add(pool.submit(() -> ps.create(name, Map.of())));
            }
            Set<String> ids = new HashSet<>();
            for (Future<SessionProfile> f : made) {
                ids.add(f.get(Duration.ofSeconds(20).toMillis(), TimeUnit.MILLISECONDS).id());
            }
            assertEquals(20, ids.size(), "distinct IDs");
            assertEquals(20, ps.all().size());
            assertNotEquals(null, ps.byName("P19").orElse(null));
        } finally {
            pool.shutdownNow();
        }
    }
}
