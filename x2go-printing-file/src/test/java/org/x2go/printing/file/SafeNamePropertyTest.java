package org.x2go.printing.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever title the server sends, PDFSAVE's file name is one plain, visible, bounded file name. */
class SafeNamePropertyTest {

    @Provide
    Arbitrary<String> titles() {
        // weighted towards the characters that matter: separators, dots, controls, bidi, surrogates, non-ASCII
        Arbitrary<Character> special = Arbitraries.of('/', '\\', '.', ':', ' ', '\n', '\r', '\t', '\u0000', '\u001b',
                '\u007f', '\u0085', '\u200b', '\u202e', '\u2028', '\ud83d', '\udda8', '\u00e9', '\ufeff');
        Arbitrary<Character> any = Arbitraries.chars();
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, special), net.jqwik.api.Tuple.of(2, any))
                .list().ofMaxSize(400).map(cs -> {
                    StringBuilder b = new StringBuilder();
                    cs.forEach(b::append);
                    return b.toString();
                });
    }

    @Property(tries = 500)
    void savedNameIsAPlainVisibleBoundedPdfName(@ForAll("titles") String title) {
        String name = PrintActionHandler.safeName(title);
        assertThat(name).doesNotContain("/", "\\").doesNotStartWith(".").isNotEqualTo(".pdf");
        assertThat(name.toLowerCase(java.util.Locale.ROOT)).endsWith(".pdf");
        assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(PrintActionHandler.MAX_NAME_BYTES + 4);
        name.codePoints().forEach(c -> {
            int t = Character.getType(c);
            assertThat(t).as("type of U+%04X in %s", c, name).isNotIn((int) Character.CONTROL, (int) Character.FORMAT,
                    (int) Character.SURROGATE, (int) Character.LINE_SEPARATOR, (int) Character.PARAGRAPH_SEPARATOR);
        });
        assertThat(name).isEqualTo(name.strip());
    }
}
