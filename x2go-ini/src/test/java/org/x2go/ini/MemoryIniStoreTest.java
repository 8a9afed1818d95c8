package org.x2go.ini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.x2go.api.ProfileSchema.ValueType;

class MemoryIniStoreTest {
    private static final IniDefaults DEFAULTS = IniDefaults.builder().bool("A", "on", true).bool("A", "off", false)
            .integer("A", "n", 7).text("B", "t", "text").build();

    @Test
    void startsWithTheDefaultsAndNothingPending() {
        IniStore s = IniStore.memory("mem", DEFAULTS::fill);
        assertThat(s.source()).isEqualTo("mem");
        assertThat(s.document().serialize()).isEqualTo("[A]\non = 1\noff = 0\nn = 7\n\n[B]\nt = text\n\n");
        assertThat(s.save()).isFalse();
    }

    @Test
    void saveKeepsChangesAndReloadDiscardsUnsavedOnes() {
        IniStore s = IniStore.memory("mem", DEFAULTS::fill);
        s.document().set("A", "n", "8");
        assertThat(s.save()).isTrue();
        assertThat(s.document().isDirty()).isFalse();
        assertThat(s.save()).isFalse();
        s.document().set("A", "n", "9");
        s.document().set("C", "x", "y");
        s.reload();
        assertThat(s.document().get("A", "n")).contains("8");
        assertThat(s.document().hasSection("C")).isFalse();
        assertThat(s.document().isDirty()).isFalse();
    }

    @Test
    void reloadRefillsDefaultsRemovedBeforeTheSave() {
        IniStore s = IniStore.memory("mem", DEFAULTS::fill);
        s.document().removeSection("B");
        s.save();
        s.reload();
        assertThat(s.document().get("B", "t")).contains("text");
        assertThat(s.document().isDirty()).as("defaults filled on reload are not a change").isFalse();
    }

    @Test
    void defaultsAreTypedOrderedAndOnlyFillWhatIsMissing() {
        assertThat(DEFAULTS.sections()).containsExactly("A", "B");
        assertThat(DEFAULTS.keys("A").keySet()).containsExactly("on", "off", "n");
        assertThat(DEFAULTS.keys("nope")).isEmpty();
        assertThat(DEFAULTS.get("A", "on")).contains(new IniDefaults.Default(ValueType.BOOL, "1"));
        assertThat(DEFAULTS.get("A", "off")).contains(new IniDefaults.Default(ValueType.BOOL, "0"));
        assertThat(DEFAULTS.get("A", "n")).contains(new IniDefaults.Default(ValueType.INT, "7"));
        assertThat(DEFAULTS.get("B", "t")).contains(new IniDefaults.Default(ValueType.STRING, "text"));
        assertThat(DEFAULTS.get("B", "nope")).isEmpty();
        IniDocument d = IniDocument.parse("[B]\nt = mine\n", "f");
        DEFAULTS.fill(d);
        assertThat(d.entries("B")).isEqualTo(Map.of("t", "mine"));
        assertThat(d.sections()).containsExactly("B", "A");
        assertThatThrownBy(() -> DEFAULTS.keys("A").put("x", new IniDefaults.Default(ValueType.INT, "1")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new IniDefaults.Default(null, "1")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new IniDefaults.Default(ValueType.INT, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void builderEncodesBooleansAndIntegersAsTheFileDoes() {
        IniDefaults d = IniDefaults.builder().bool("S", "yes", true).bool("S", "no", false).integer("S", "n", -3).build();
        IniDocument doc = new IniDocument();
        d.fill(doc);
        assertThat(doc.entries("S")).containsExactly(Map.entry("yes", "1"), Map.entry("no", "0"), Map.entry("n", "-3"));
    }

    @Test
    void aBuilderChangedAfterBuildDoesNotChangeTheTable() {
        IniDefaults.Builder b = IniDefaults.builder().text("S", "a", "1");
        IniDefaults built = b.build();
        b.text("S", "b", "2");
        assertThat(built.keys("S").keySet()).containsExactly("a");
    }
}
