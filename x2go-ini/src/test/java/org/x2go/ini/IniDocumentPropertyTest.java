package org.x2go.ini;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple3;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Any section name, key or value (any UTF-16 text: control characters, line breaks, brackets, unpaired
 * surrogates, supplementary characters) is either stored so that reading the file gives back exactly what
 * was written, and nothing else, or refused with {@link IllegalArgumentException} before anything changes.
 */
class IniDocumentPropertyTest {
    private static final String BASE = "# kept\n[p1]\nname = one\nhost = h\n\n[settings]\nk = v\n";

    private static Path dir;
    private static final AtomicInteger FILES = new AtomicInteger();

    @BeforeContainer
    static void makeDir() throws IOException {
        dir = Files.createTempDirectory("ini-property");
    }

    @AfterContainer
    static void removeDir() throws IOException {
        if (dir != null) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Text that stresses the ini syntax: structural characters, every kind of line break, any char at all. */
    @Provide
    Arbitrary<String> text() {
        Arbitrary<String> structural = Arbitraries.strings()
                .withChars("[]=:#; \t\r\n\u000b\f\u001c\u0085\u2028\u2029\u00a0\u3000\ufeff\u0000\u001b\u007fab")
                .ofMaxLength(6);
        Arbitrary<String> anyChar = Arbitraries.strings().withCharRange('\u0000', '\uffff').ofMaxLength(4);
        Arbitrary<String> word = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(6);
        Arbitrary<String> supplementary = Arbitraries.integers().between(0x10000, 0x10FFFF)
                .map(cp -> new String(Character.toChars(cp)));
        Arbitrary<String> piece = Arbitraries.frequencyOf(Tuple.of(4, word), Tuple.of(3, structural),
                Tuple.of(2, anyChar), Tuple.of(1, supplementary));
        return piece.list().ofMaxSize(4).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<List<Tuple3<String, String, String>>> changes() {
        Arbitrary<String> section = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.of("p1", "settings")),
                Tuple.of(3, text()));
        Arbitrary<String> key = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.of("name", "host", "k")),
                Tuple.of(3, text()));
        return Combinators.combine(section, key, text()).as(Tuple::of).list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 400)
    void everySetRoundTripsExactlyOrIsRefusedBeforeAnythingChanges(@ForAll("changes") List<Tuple3<String, String, String>> changes) {
        IniDocument doc = IniDocument.parse(BASE, "f");
        Map<String, Map<String, String>> expected = model(doc);
        for (Tuple3<String, String, String> c : changes) {
            String before = doc.serialize();
            boolean dirty = doc.isDirty();
            try {
                doc.set(c.get1(), c.get2(), c.get3());
            } catch (IllegalArgumentException refused) {
                assertThat(doc.serialize()).as("a refused change leaves the document as it was").isEqualTo(before);
                assertThat(doc.isDirty()).isEqualTo(dirty);
                continue;
            }
            expected.computeIfAbsent(c.get1(), s -> new LinkedHashMap<>()).put(c.get2(), c.get3());
        }
        assertThat(model(doc)).isEqualTo(expected);
        assertSurvivesAFile(doc, expected);
    }

    @Property(tries = 300)
    void everySectionNameRoundTripsOrIsRefused(@ForAll("text") String name) {
        IniDocument doc = IniDocument.parse(BASE, "f");
        String before = doc.serialize();
        try {
            doc.addSection(name);
        } catch (IllegalArgumentException refused) {
            assertThat(doc.serialize()).isEqualTo(before);
            assertThat(doc.isDirty()).isFalse();
            return;
        }
        java.util.Set<String> expected = new java.util.LinkedHashSet<>(List.of("p1", "settings", name));
        assertThat(IniDocument.parse(doc.serialize(), "f").sections()).containsExactlyElementsOf(expected);
    }

    @Property(tries = 300)
    void requireStorableAgreesWithSet(@ForAll("text") String section, @ForAll("text") String key,
            @ForAll("text") String value) {
        IniDocument doc = IniDocument.parse(BASE, "f");
        boolean storable;
        try {
            doc.requireStorable(section, key, value);
            storable = true;
        } catch (IllegalArgumentException e) {
            storable = false;
        }
        assertThat(doc.isDirty()).isFalse();
        boolean set;
        try {
            doc.set(section, key, value);
            set = true;
        } catch (IllegalArgumentException e) {
            set = false;
        }
        assertThat(set).isEqualTo(storable);
    }

    /** Lines made of ini syntax and noise: whatever parses serialises back to the same sections and values. */
    @Provide
    Arbitrary<String> iniText() {
        Arbitrary<String> key = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(3);
        Arbitrary<String> line = Arbitraries.frequencyOf(
                Tuple.of(3, text().map(t -> "[" + t + "]")),
                Tuple.of(5, Combinators.combine(key, Arbitraries.of(" = ", "=", ": "), text()).as((k, d, v) -> k + d + v)),
                Tuple.of(2, Combinators.combine(Arbitraries.of("  ", "\t", " "), text()).as(String::concat)),
                Tuple.of(1, Combinators.combine(Arbitraries.of("#", ";", "  #"), text()).as(String::concat)),
                Tuple.of(1, text()));
        return Combinators.combine(line.list().ofMaxSize(10), Arbitraries.of("\n", "\r\n", "\r"))
                .as((lines, eol) -> String.join(eol, lines));
    }

    @Property(tries = 400)
    void whateverParsesSerialisesBackToTheSameModel(@ForAll("iniText") String text) {
        IniDocument doc;
        try {
            doc = IniDocument.parse(text, "f");
        } catch (IniSyntaxException e) {
            assertThat(e.getMessage()).startsWith("f line ").doesNotContain("\u001b").doesNotContain("\r");
            return;
        }
        IniDocument again = IniDocument.parse(doc.serialize(), "f");
        assertThat(model(again)).isEqualTo(model(doc));
        assertThat(again.serialize()).isEqualTo(doc.serialize());
    }

    /** Through the real file store: save, then a fresh store on the file sees exactly the same model. */
    private static void assertSurvivesAFile(IniDocument doc, Map<String, Map<String, String>> expected) {
        Path f = dir.resolve("f" + FILES.incrementAndGet());
        IniStore store = IniStore.file(f, d -> { }, IllegalStateException::new, IniStore.WhenMissing.CREATE_ON_SAVE);
        for (Map.Entry<String, Map<String, String>> s : expected.entrySet()) {
            store.document().addSection(s.getKey());
            s.getValue().forEach((k, v) -> store.document().set(s.getKey(), k, v));
        }
        store.save();
        IniStore reread = IniStore.file(f, d -> { }, IllegalStateException::new, IniStore.WhenMissing.CREATE_ON_SAVE);
        assertThat(model(reread.document())).isEqualTo(expected);
        try {
            byte[] bytes = Files.readAllBytes(f);
            assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(store.document().serialize());
            Files.delete(f);
            Files.deleteIfExists(f.resolveSibling("." + f.getFileName() + ".lock"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        assertThat(IniDocument.parse(doc.serialize(), "f").sections()).containsExactlyElementsOf(expected.keySet());
    }

    private static Map<String, Map<String, String>> model(IniDocument doc) {
        Map<String, Map<String, String>> m = new LinkedHashMap<>();
        for (String s : doc.sections()) {
            m.put(s, new LinkedHashMap<>(doc.entries(s)));
        }
        return m;
    }
}
