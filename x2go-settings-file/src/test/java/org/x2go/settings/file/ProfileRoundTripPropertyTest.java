package org.x2go.settings.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.x2go.api.IniValues;
import org.x2go.api.ProfileSchema;
import org.x2go.api.SessionProfile;
import org.x2go.api.X2GoProfileException;

/**
 * Every profile field type survives save and reload through the real {@code sessions} file exactly, and no value
 * injects a profile or a key: after the reload the file holds exactly the profiles and keys that were written.
 */
class ProfileRoundTripPropertyTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-02T03:04:05.000006Z"), ZoneOffset.UTC);
    private static Path root;

    @BeforeContainer
    static void makeRoot() throws IOException {
        root = Files.createTempDirectory("profile-property");
    }

    @AfterContainer
    static void removeRoot() {
        PropertyDirs.delete(root);
    }

    /** key → typed value (Boolean, Integer, List, Map of exports, String), as a caller would set it. */
    @Provide
    Arbitrary<Map<String, Object>> typedProfile() {
        List<Arbitrary<Map.Entry<String, Object>>> fields = new ArrayList<>();
        for (ProfileSchema.Key k : ProfileSchema.keys()) {
            if (k.name().equals("name")) {
                continue;
            }
            Arbitrary<Object> value = switch (k.type()) {
                case BOOL -> Arbitraries.of(true, false).map(b -> b);
                case INT -> Arbitraries.integers().map(i -> i);
                case LIST -> PropertyDirs.listElement().list().ofMinSize(1).ofMaxSize(4).map(l -> l);
                case EXPORTS -> Combinators.combine(
                        Arbitraries.strings().alpha().numeric().withChars("äß/ ._-").ofMinLength(1).ofMaxLength(12)
                                .map(s -> "/" + s.strip() + "x"), Arbitraries.of(true, false))
                        .as(Map::entry).list().ofMaxSize(3).map(l -> {
                            Map<String, Boolean> m = new LinkedHashMap<>();
                            l.forEach(e -> m.put(e.getKey(), e.getValue()));
                            return m;
                        });
                case STRING -> PropertyDirs.listElement().map(s -> s);
            };
            fields.add(value.map(v -> Map.entry(k.name(), v)));
        }
        // a random subset of the schema's keys
        return Arbitraries.subsetOf(fields).flatMap(chosen -> Combinators.combine(new ArrayList<>(chosen)).as(entries -> {
            Map<String, Object> m = new LinkedHashMap<>();
            entries.forEach(e -> m.put(e.getKey(), e.getValue()));
            return m;
        }));
    }

    @Property(tries = 150)
    void everyTypedFieldSurvivesSaveAndReloadExactly(@ForAll("typedProfile") Map<String, Object> typed) {
        Path dir = PropertyDirs.fresh(root);
        try {
            Map<String, String> values = new LinkedHashMap<>();
            typed.forEach((k, v) -> values.put(k, IniValues.formatProfileValue(k, v)));
            IniSessionProfiles ps = FileProfilesProvider.open(dir.resolve("sessions"), CLOCK, "tester");
            SessionProfile created = ps.create("P", values);
            ps.save();
            SessionProfile back = FileProfilesProvider.open(dir.resolve("sessions"), CLOCK, "tester")
                    .byId(created.id()).orElseThrow();
            assertThat(back.values()).isEqualTo(created.values());
            typed.forEach((k, v) -> {
                switch (ProfileSchema.typeOf(k)) {
                    case BOOL -> assertThat(back.bool(k)).as(k).isEqualTo(v);
                    case INT -> assertThat(back.integer(k)).as(k).isEqualTo(v);
                    case LIST -> assertThat(back.list(k)).as(k).isEqualTo(v);
                    case EXPORTS -> assertThat(back.exports()).as(k).isEqualTo(v);
                    case STRING -> assertThat(back.text(k)).as(k).isEqualTo(v);
                }
            });
        } finally {
            PropertyDirs.delete(dir);
        }
    }

    @Provide
    Arbitrary<Map<String, String>> rawValues() {
        Arbitrary<String> stringKey = Arbitraries.of(ProfileSchema.keys().stream()
                .filter(k -> k.type() == ProfileSchema.ValueType.STRING && !k.name().equals("name"))
                .map(ProfileSchema.Key::name).toList());
        Arbitrary<String> anyKey = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, stringKey),
                net.jqwik.api.Tuple.of(1, PropertyDirs.text()));
        return Arbitraries.maps(anyKey, PropertyDirs.text()).ofMaxSize(4)
                .filter(m -> m.keySet().stream().allMatch(k -> !ProfileSchema.key(k).isPresent()
                        || ProfileSchema.typeOf(k) == ProfileSchema.ValueType.STRING) && !m.containsKey("name"));
    }

    @Property(tries = 200)
    void anyTextRoundTripsExactlyOrIsRefusedAndNothingIsInjected(@ForAll("rawValues") Map<String, String> values,
            @ForAll("nameText") String name) {
        Path dir = PropertyDirs.fresh(root);
        try {
            Path f = dir.resolve("sessions");
            IniSessionProfiles ps = FileProfilesProvider.open(f, CLOCK, "tester");
            SessionProfile keep = ps.create("keep", Map.of("host", "h"));
            ps.save();
            byte[] before = Files.readAllBytes(f);
            SessionProfile created;
            try {
                created = ps.create(name, values);
            } catch (X2GoProfileException refused) {
                ps.save();
                assertThat(Files.readAllBytes(f)).as("a refused profile writes nothing").isEqualTo(before);
                return;
            }
            ps.save();
            IniSessionProfiles again = FileProfilesProvider.open(f, CLOCK, "tester");
            assertThat(again.all()).extracting(SessionProfile::id).containsExactly(keep.id(), created.id());
            SessionProfile back = again.byId(created.id()).orElseThrow();
            assertThat(back.values()).as("exactly the keys and values written").isEqualTo(created.values());
            assertThat(back.name()).isEqualTo(name);
            Set<String> expectedKeys = new LinkedHashSet<>(values.keySet());
            expectedKeys.addAll(ProfileSchema.defaults("tester").keySet());
            assertThat(back.values().keySet()).isEqualTo(expectedKeys);
            assertThat(again.byId(keep.id()).orElseThrow().values()).isEqualTo(keep.values());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            PropertyDirs.delete(dir);
        }
    }

    @Provide
    Arbitrary<String> nameText() {
        return PropertyDirs.text().filter(n -> !n.isBlank() && !n.equals("keep"));
    }
}
