package org.x2go.api;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class SafeTextPropertyTest {
    @Property
    void visibleOutputHasNoTerminalControls(@ForAll String any) {
        String v = SafeText.visible(any);
        assertThat(v.chars().noneMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x202e || c == 0x2028))
                .as("escaped %s", v).isTrue();
    }
}
