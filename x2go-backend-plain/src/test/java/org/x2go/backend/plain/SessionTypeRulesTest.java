package org.x2go.backend.plain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.x2go.api.SessionType;
import org.x2go.api.TerminalParams;

/** TV-25: session-type normalisation. */
class SessionTypeRulesTest {

    @ParameterizedTest(name = "{0}/{1} kdrive={2} pub={3} {4} -> {5} {6}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "KDE|application|false|false|800x600|D|KDE",
        "KDE|desktop|true|false|800x600|K|KDE",
        "TERMINAL|application|false|false|800x600|R|TERMINAL",
        "TERMINAL|desktop|false|false|800x600|D|TERMINAL",
        "TERMINAL|desktop|true|false|800x600|K|TERMINAL",
        "xterm|rootless|false|false|800x600|R|xterm",
        "''|application|false|true|800x600|P|PUBLISHED",
        "PUBLISHED|desktop|false|true|800x600|P|PUBLISHED",
        "TERMINAL|application|false|true|800x600|R|TERMINAL",
        "RDP|application|false|false|800x600|R|RDP",
        "RDP|application|false|false|fullscreen|D|RDP",
        "rdesktop -g 1x1|application|false|false|800x600|R|rdesktop -g 1x1",
        "XDMCP|application|false|false|800x600|D|XDMCP",
        "/usr/bin/startxfce4|application|false|false|800x600|R|/usr/bin/startxfce4",
        "/usr/bin/xfce4-session|application|false|false|800x600|D|/usr/bin/xfce4-session",
        "1XSHADbobXSHAD:51|shared|false|false|800x600|S|1XSHADbobXSHAD:51",
        "x|shadow|false|false|800x600|S|x",
        "x|published|false|false|800x600|P|x",
        "x|weird|false|false|800x600|weird|x",
    })
    void tv25(String cmd, String type, boolean kdrive, boolean pub, String geometry, String outType, String outCmd) {
        SessionTypeRules.Kind k = SessionTypeRules.normalise(cmd, type, kdrive, pub, geometry);
        assertThat(k.type()).isEqualTo(outType);
        assertThat(k.command()).isEqualTo(outCmd);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "xfreerdp /v:host|application|R",
        "xfreerdp /v:host|desktop|R",
    })
    void xfreerdpCountsAsRdpFixedQ34(String cmd, String type, String out) {
        assertThat(SessionTypeRules.normalise(cmd, type, false, false, "800x600").type()).isEqualTo(out);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "DESKTOP|KDE|D", "KDRIVE|KDE|K", "KDRIVE|xterm|K", "ROOTLESS|xterm|R", "ROOTLESS|GNOME|D",
        "SHADOW|1XSHADbobXSHAD:51|S", "PUBLISHED|''|P", "PUBLISHED|PUBLISHED|P",
    })
    void typedParameters(SessionType type, String cmd, String out) {
        TerminalParams p = TerminalParams.builder().sessionType(type).command(cmd).build();
        assertThat(SessionTypeRules.normalise(p).type()).isEqualTo(out);
    }

    @org.junit.jupiter.api.Test
    void packMethodsOfRDef6() {
        assertThat(SessionTypeRules.knownPacks()).hasSize(136).contains("16m-jpeg-9", "64k-png", "nopack", "16m-rle-0")
                .doesNotContain("16m-jpeg-%", "16m-jpeg");
        assertThat(SessionTypeRules.isKnownPack("16m-jpeg-9")).isTrue();
        assertThat(SessionTypeRules.isKnownPack("bogus")).isFalse();
    }

    @org.junit.jupiter.api.Test
    void metaCommandsAndGenericTokens() {
        assertThat(SessionTypeRules.isMetaCommand("KDE")).isTrue();
        assertThat(SessionTypeRules.isMetaCommand("startkde")).isFalse();
        assertThat(SessionTypeRules.isGenericToken("TERMINAL")).isTrue();
        assertThat(SessionTypeRules.isGenericToken("KDE")).isFalse();
        assertThat(SessionTypeRules.serverCommand("KDE")).isEqualTo("startkde");
        assertThat(SessionTypeRules.serverCommand(null)).isEmpty();
        assertThat(SessionTypeRules.serverCommand("xterm")).isEqualTo("xterm");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/startkde|R|D", "startkde --x|R|D", "/opt/kde/bin/startkde|R|D", "/opt/startkde/x|R|R", "  mate-session|R|D",
    })
    void aDesktopBinaryGivenByPathOrWithArgumentsMakesADesktop(String cmd, String type, String out) {
        assertThat(SessionTypeRules.normalise(cmd, type, false, false, "800x600").type()).isEqualTo(out);
    }

    @org.junit.jupiter.api.Test
    void nullCommandAndTypeAreEmpty() {
        SessionTypeRules.Kind k = SessionTypeRules.normalise(null, null, false, false, "800x600");
        assertThat(k.type()).isEmpty();
        assertThat(k.command()).isEmpty();
        assertThat(new SessionTypeRules.Kind("R", null).command()).isEmpty();
    }
}
