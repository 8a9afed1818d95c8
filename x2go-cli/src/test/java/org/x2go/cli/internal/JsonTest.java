package org.x2go.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writesNestedValuesInMapOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", 1);
        m.put("a", List.of(true, false));
        m.put("n", null);
        m.put("o", Optional.empty());
        m.put("p", Optional.of("x"));
        m.put("d", 1.5);
        assertThat(Json.write(m)).isEqualTo("{\"b\":1,\"a\":[true,false],\"n\":null,\"o\":null,\"p\":\"x\",\"d\":1.5}");
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertThat(Json.write("a\"b\\c\nd\te\u0001f\u2028"))
                .isEqualTo("\"a\\\"b\\\\c\\nd\\te\\u0001f\\u2028\"");
    }

    @Test
    void terminalControlsAndLoneSurrogatesAreEscapedExactly() {
        assertThat(Json.write("a\u007fb\u009bc\u202ed\u2066e\ufefff\ud800g\udc00h\ud83d\ude00"))
                .isEqualTo("\"a\\u007fb\\u009bc\\u202ed\\u2066e\\ufefff\\ud800g\\udc00h\ud83d\ude00\"");
    }

    @Test
    void shellMetacharactersAndUnicodePassThrough() {
        assertThat(Json.write("$(rm -rf /); `x` | ü")).isEqualTo("\"$(rm -rf /); `x` | ü\"");
    }

    @Test
    void emptyContainers() {
        assertThat(Json.write(Map.of())).isEqualTo("{}");
        assertThat(Json.write(List.of())).isEqualTo("[]");
        assertThat(Json.write(Arrays.asList((Object) null))).isEqualTo("[null]");
    }

    @Test
    void enumsAreStrings() {
        assertThat(Json.write(Map.of("k", Thread.State.NEW))).isEqualTo("{\"k\":\"NEW\"}");
    }

    @Test
    void rejectsValuesWithoutJsonForm() {
        assertThatThrownBy(() -> Json.write(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> Json.write(new Object())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object");
    }
}
