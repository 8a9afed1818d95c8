package org.x2go.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OutputBudgetTest {

    @Test
    void bytesUpToTheLimitFitAndOneMoreDoesNot() {
        OutputBudget b = new OutputBudget(10);
        assertThat(b.take(4)).isTrue();
        assertThat(b.take(6)).isTrue();
        assertThat(b.exceeded()).isFalse();
        assertThat(b.take(1)).isFalse();
        assertThat(b.exceeded()).isTrue();
        assertThat(b.limit()).isEqualTo(10);
    }

    @Test
    void onceExceededTheBudgetStaysExceeded() {
        OutputBudget b = new OutputBudget(3);
        assertThat(b.take(5)).isFalse();
        assertThat(b.take(0)).isFalse();
        assertThat(b.exceeded()).isTrue();
    }

    @Test
    void aNonPositiveLimitIsRejectedWithTheValue() {
        assertThatThrownBy(() -> new OutputBudget(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0");
        assertThat(new OutputBudget(1).take(1)).isTrue();
    }
}
