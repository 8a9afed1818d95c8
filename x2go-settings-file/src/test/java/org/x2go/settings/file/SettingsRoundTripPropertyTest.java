package org.x2go.settings.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.x2go.api.X2GoClientSettingsException;
import org.x2go.ini.IniDocument;
import org.x2go.spi.ClientSettings;

/**
 * Settings of every type survive save and reload through the real {@code settings} file exactly; any section,
 * key or text either does too, adding exactly that one key, or is refused and the file stays as it was.
 */
class SettingsRoundTripPropertyTest {
    private static Path root;

    @BeforeContainer
    static void makeRoot() throws IOException {
        root = Files.createTempDirectory("settings-property");
    }

    @AfterContainer
    static void removeRoot() {
        PropertyDirs.delete(root);
    }

    @Provide
    Arbitrary<Object> typedValue() {
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.of(true, false).map(b -> b)),
                Tuple.of(1, Arbitraries.integers().map(i -> i)),
                Tuple.of(1, PropertyDirs.listElement().list().ofMinSize(2).ofMaxSize(4).map(l -> l)),
                Tuple.of(1, PropertyDirs.listElement().map(s -> s)));
    }

    @Property(tries = 150)
    void typedValuesSurviveSaveAndReloadExactly(@ForAll("typedValue") Object value) {
        Path dir = PropertyDirs.fresh(root);
        try {
            ClientSettings s = new FileSettingsProvider().open(dir);
            s.set("General", "typed", value);
            s.set("LDAP", "port", 1 + Math.floorMod(value.hashCode(), 65535));
            s.save();
            ClientSettings back = new FileSettingsProvider().open(dir);
            assertThat(back.getInt("LDAP", "port")).isEqualTo(1 + Math.floorMod(value.hashCode(), 65535));
            if (value instanceof Boolean b) {
                assertThat(back.getBoolean("General", "typed")).isEqualTo(b);
            } else if (value instanceof Integer i) {
                assertThat(back.getInt("General", "typed")).isEqualTo(i);
            } else if (value instanceof List<?> l) {
                assertThat(back.getList("General", "typed")).isEqualTo(l);
            } else {
                assertThat(back.get("General", "typed")).contains((String) value);
            }
        } finally {
            PropertyDirs.delete(dir);
        }
    }

    @Provide
    Arbitrary<String> section() {
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.of("General", "LDAP", "trayicon")),
                Tuple.of(2, PropertyDirs.text()));
    }

    @Property(tries = 200)
    void anyTextRoundTripsOrIsRefusedAndNothingIsInjected(@ForAll("section") String section,
            @ForAll("text") String key, @ForAll("text") String value) {
        Path dir = PropertyDirs.fresh(root);
        try {
            ClientSettings s = new FileSettingsProvider().open(dir);
            Path f = dir.resolve(FileSettingsProvider.FILE_NAME);
            byte[] before = Files.readAllBytes(f);
            Set<String> sectionsBefore = new LinkedHashSet<>(s.sections());
            try {
                s.set(section, key, value);
            } catch (X2GoClientSettingsException refused) {
                s.save();
                assertThat(Files.readAllBytes(f)).isEqualTo(before);
                return;
            }
            s.save();
            ClientSettings back = new FileSettingsProvider().open(dir);
            assertThat(back.get(section, key)).contains(value);
            Set<String> expected = new LinkedHashSet<>(sectionsBefore);
            expected.add(section);
            assertThat(back.sections()).isEqualTo(expected);
            IniDocument was = IniDocument.parse(new String(before, StandardCharsets.UTF_8), "before");
            IniDocument now = IniDocument.parse(Files.readString(f), "after");
            for (String sec : now.sections()) {
                Set<String> keys = new LinkedHashSet<>(was.keys(sec));
                if (sec.equals(section)) {
                    keys.add(key);
                }
                assertThat(now.keys(sec)).as("keys of [%s]", sec).containsExactlyElementsOf(keys);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            PropertyDirs.delete(dir);
        }
    }

    @Provide
    Arbitrary<String> text() {
        return PropertyDirs.text();
    }
}
