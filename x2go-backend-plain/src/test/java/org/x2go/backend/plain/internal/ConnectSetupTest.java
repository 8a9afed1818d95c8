package org.x2go.backend.plain.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which answers of the combined set-up command are understood. */
class ConnectSetupTest {
    private static final String GOOD = "X2GOSETUP:HOME\n/home/a\nX2GOSETUP:STAT\n/home/a 4096 8 41ed\n"
            + "X2GOSETUP:STATUS 0\nX2GOSETUP:FEATURES\nF1\nF2\nX2GOSETUP:END\n";

    @Test
    void aWellFormedAnswerIsUnderstood() {
        ConnectSetup s = ConnectSetup.parse(GOOD).orElseThrow();
        assertThat(s.home()).isEqualTo("/home/a");
        assertThat(s.homeExists()).isTrue();
        assertThat(s.statOutput()).isEqualTo("/home/a 4096 8 41ed");
        assertThat(s.features()).isEqualTo("F1\nF2");
        assertThat(ConnectSetup.parse(GOOD + "\n\n")).isPresent();
    }

    @Test
    void aFailedStatAndAnEmptyFeatureListAreUnderstood() {
        ConnectSetup s = ConnectSetup.parse("X2GOSETUP:HOME\n/h\nX2GOSETUP:STAT\nstat: no\nmore\n"
                + "X2GOSETUP:STATUS 1\nX2GOSETUP:FEATURES\nX2GOSETUP:END").orElseThrow();
        assertThat(s.homeExists()).isFalse();
        assertThat(s.statOutput()).isEqualTo("stat: no\nmore");
        assertThat(s.features()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "X2GOSETUP:HOME\n/home/a\n",
        // a section missing, doubled, out of order, or after the end
        "X2GOSETUP:HOME\n/home/a\nX2GOSETUP:STAT\nX2GOSETUP:STATUS 0\nX2GOSETUP:END\n",
        "X2GOSETUP:HOME\n/home/a\nX2GOSETUP:STAT\nX2GOSETUP:STATUS 0\nX2GOSETUP:FEATURES\nF\n",
        "X2GOSETUP:HOME\n/home/a\nX2GOSETUP:STAT\nX2GOSETUP:FEATURES\nX2GOSETUP:STATUS 0\nX2GOSETUP:END\n",
        "X2GOSETUP:HOME\n/home/a\nX2GOSETUP:STAT\nX2GOSETUP:STATUS 0\nX2GOSETUP:FEATURES\nX2GOSETUP:HOME\nX2GOSETUP:END\n",
        "X2GOSETUP:HOME\n/home/a\nX2GOSETUP:STAT\nX2GOSETUP:STATUS 0\nX2GOSETUP:FEATURES\nX2GOSETUP:END\nF\n",
        "noise\nX2GOSETUP:HOME\n/home/a\nX2GOSETUP:STAT\nX2GOSETUP:STATUS 0\nX2GOSETUP:FEATURES\nX2GOSETUP:END\n",
        // two home lines, a home with a blank, a status that is no number, a shell that did not expand $?
        "X2GOSETUP:HOME\n/a\n/b\nX2GOSETUP:STAT\nX2GOSETUP:STATUS 0\nX2GOSETUP:FEATURES\nX2GOSETUP:END\n",
        "X2GOSETUP:HOME\n/home/a b\nX2GOSETUP:STAT\nX2GOSETUP:STATUS 0\nX2GOSETUP:FEATURES\nX2GOSETUP:END\n",
        "X2GOSETUP:HOME\n/home/a\nX2GOSETUP:STAT\nX2GOSETUP:STATUS x\nX2GOSETUP:FEATURES\nX2GOSETUP:END\n",
        "X2GOSETUP:HOME\n/home/a\nX2GOSETUP:STAT\nX2GOSETUP:STATUS $?\nX2GOSETUP:FEATURES\nX2GOSETUP:END\n",
        "X2GOSETUP:HOME\n/home/a\nX2GOSETUP:STAT\nX2GOSETUP:STATUS\nX2GOSETUP:FEATURES\nX2GOSETUP:END\n",
        "X2GOSETUP:HOME\n/home/a\nX2GOSETUP:STAT\nX2GOSETUP:STATUS 0\nX2GOSETUP:FEATURES\nX2GOSETUP:END 2\n"})
    void anythingElseIsNotUnderstood(String answer) {
        assertThat(ConnectSetup.parse(answer)).isEqualTo(Optional.empty());
    }
}
