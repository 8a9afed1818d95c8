package org.x2go.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SafeTextTest {
    @Test
    void terminalEscapeSequencesBecomeVisible() {
        String hostile = "user-50-1_stRxterm\u001b]0;TITLE\u0007\u001b[31m_dp24";
        assertThat(SafeText.visible(hostile)).isEqualTo("user-50-1_stRxterm\\x1b]0;TITLE\\x07\\x1b[31m_dp24");
    }

    @Test
    void c1ControlsDelBidiAndLoneSurrogatesAreEscaped() {
        assertThat(SafeText.visible("a\u009bb\u007fc\u202ed\ud800e\u2028"))
                .isEqualTo("a\\x9bb\\x7fc\\u202ed\\ud800e\\u2028");
        assertThat(SafeText.visible("\udc00")).isEqualTo("\\udc00");
    }

    @Test
    void plainTextAndPairedSurrogatesAreKept() {
        assertThat(SafeText.visible("Grüße 😀 ok")).isEqualTo("Grüße 😀 ok");
        assertThat(SafeText.visible(null)).isEqualTo("null");
    }

    @Test
    void backslashIsDoubledSoEscapesAreUnambiguous() {
        assertThat(SafeText.visible("\\x1b")).isEqualTo("\\\\x1b");
    }

    @Test
    void excerptCutsLongTextAndSaysHowLongItWas() {
        String big = "x".repeat(10_000_000);
        String e = SafeText.excerpt(big);
        assertThat(e).startsWith("x".repeat(SafeText.DEFAULT_EXCERPT)).endsWith("\u2026 (10000000 chars)");
        assertThat(e.length()).isLessThan(SafeText.DEFAULT_EXCERPT + 30);
        assertThat(SafeText.excerpt("short", 10)).isEqualTo("short");
        assertThat(SafeText.excerpt("abc", 3)).isEqualTo("abc");
        assertThat(SafeText.excerpt("abcd", 3)).isEqualTo("abc\u2026 (4 chars)");
    }

    @Test
    void excerptNeverSplitsASurrogatePair() {
        assertThat(SafeText.excerpt("a😀b", 2)).isEqualTo("a\u2026 (4 chars)");
    }

    @Test
    void excerptRejectsANonPositiveLimit() {
        assertThatThrownBy(() -> SafeText.excerpt("x", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0");
    }
}
