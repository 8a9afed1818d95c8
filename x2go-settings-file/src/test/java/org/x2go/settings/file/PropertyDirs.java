package org.x2go.settings.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/** Shared helpers of the property tests: a fresh directory per try, and text that stresses the ini syntax. */
final class PropertyDirs {
    private PropertyDirs() {
    }

    static Path fresh(Path parent) {
        try {
            return Files.createTempDirectory(parent, "try");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Any UTF-16 text, weighted towards ini syntax, line breaks, control characters and supplementary characters. */
    static Arbitrary<String> text() {
        Arbitrary<String> structural = Arbitraries.strings()
                .withChars("[]=:#;,\" \t\r\n\u000b\f\u001c\u0085\u2028\u00a0\ufeff\u0000\u001b\u007fab")
                .ofMaxLength(5);
        Arbitrary<String> anyChar = Arbitraries.strings().withCharRange('\u0000', '\uffff').ofMaxLength(4);
        Arbitrary<String> word = Arbitraries.strings().alpha().numeric().withChars("äß漢/.-").ofMinLength(1).ofMaxLength(8);
        Arbitrary<String> supplementary = Arbitraries.integers().between(0x10000, 0x10FFFF)
                .map(cp -> new String(Character.toChars(cp)));
        Arbitrary<String> piece = Arbitraries.frequencyOf(Tuple.of(5, word), Tuple.of(3, structural),
                Tuple.of(2, anyChar), Tuple.of(1, supplementary));
        return piece.list().ofMaxSize(4).map(l -> String.join("", l));
    }

    /** A list element that the comma-list encoding keeps exactly (no comma, no edge blanks, no brackets). */
    static Arbitrary<String> listElement() {
        return Arbitraries.strings().alpha().numeric().withChars("äß漢/.-_@").ofMinLength(1).ofMaxLength(10);
    }
}
