package org.x2go.settings.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.x2go.api.NxPack;
import org.x2go.api.ProfileConverter;
import org.x2go.api.ProfileSchema;
import org.x2go.api.ProfileSessionParameters;
import org.x2go.api.SessionNames;
import org.x2go.api.SessionProfile;
import org.x2go.api.SessionType;

/** TV-50 and R-CNV-3 / R-PRF-2 / R-PRF-9 checks of the x2go-api helpers this module owns. */
class HelpersVectorsTest {

    @Test
    void tv50ColourDepthCompatibility() {
        assertThat(NxPack.isColourDepthCompatible(24, 32)).isTrue();
        assertThat(NxPack.isColourDepthCompatible(16, 24)).isFalse();
        assertThat(NxPack.isColourDepthCompatible(0, 8)).isTrue();
        assertThat(NxPack.isColourDepthCompatible(17, 16)).isTrue();
        assertThat(SessionNames.colourDepth("alice-50-1700000000_stDKDE_dp32")).hasValue(32);
        assertThat(SessionNames.colourDepth("n_stDKDE_dp24")).hasValue(24);
    }

    @Test
    void tv50PackValidation() {
        assertThat(NxPack.isValid("16m-jpeg-9")).isTrue();
        assertThat(NxPack.isValid("16m-jpeg")).isFalse();
        assertThat(NxPack.isValid("64k-png")).isTrue();
        assertThat(NxPack.isValid("64k-png-9")).isFalse();
        assertThat(NxPack.all()).hasSize(136).isSorted();
    }

    @Test
    void profileDefaultsHaveEveryKeyOfTheSpecInPythonsOrder() {
        assertThat(ProfileSchema.keys()).hasSize(69);
        assertThat(ProfileSchema.keys().get(0).name()).isEqualTo("autologin");
        assertThat(ProfileSchema.keys().get(68).name()).isEqualTo("kdrive");
        Map<String, String> d = ProfileSchema.defaults("bob");
        assertThat(d).containsEntry("user", "bob").containsEntry("host", "server.mydomain")
                .containsEntry("export", "").containsEntry("rdpoptions", "-u X2GO_USER -p X2GO_PASSWORD")
                .containsEntry("icon", ":icons/128x128/x2gosession.png").containsEntry("sndport", "4713")
                .containsEntry("speed", "2").containsEntry("autologin", "1").containsEntry("kdrive", "0");
        assertThat(ProfileSchema.typeOf("export")).isEqualTo(ProfileSchema.ValueType.EXPORTS);
        assertThat(ProfileSchema.typeOf("unknown")).isEqualTo(ProfileSchema.ValueType.STRING);
    }

    @Test
    void adHocSessionInheritsConvertedDefaults() {
        ProfileSessionParameters p = ProfileConverter.defaults("bob");
        assertThat(p.profileId()).isEmpty();
        assertThat(p.params()).containsEntry("username", "bob").containsEntry("cmd", "TERMINAL")
                .containsEntry("geometry", "800x600").containsEntry("pack", "16m-jpeg-9").containsEntry("link", "adsl")
                .containsEntry("snd_system", "none").containsEntry("session_type", "application");
        assertThat(p.terminalParams().sessionType()).isEqualTo(SessionType.ROOTLESS);
        assertThat(p.terminalParams().command()).isEqualTo("TERMINAL");
    }

    @Test
    void sessionTypeFollowsTheTerminalsNormalisation() {
        assertThat(type(Map.of("published", "1", "command", ""))).isEqualTo(SessionType.PUBLISHED);
        assertThat(type(Map.of("command", "RDP", "fullscreen", "1"))).isEqualTo(SessionType.DESKTOP);
        assertThat(type(Map.of("command", "RDP"))).isEqualTo(SessionType.ROOTLESS);
        assertThat(type(Map.of("command", "/usr/bin/startkde"))).isEqualTo(SessionType.DESKTOP);
        assertThat(type(Map.of("command", "GNOME", "kdrive", "1"))).isEqualTo(SessionType.KDRIVE);
        assertThat(type(Map.of("command", "xterm", "rootless", "0"))).isEqualTo(SessionType.DESKTOP);
    }

    private static SessionType type(Map<String, String> v) {
        return ProfileConverter.convert(new SessionProfile("i", "n", v), "u").terminalParams().sessionType();
    }

    @Test
    void metaTypes() {
        assertThat(meta(Map.of("command", "RDP", "rdpserver", "w"))).isEqualTo("RDP/proxy");
        assertThat(meta(Map.of("command", "RDP", "rdpserver", "w", "host", ""))).isEqualTo("RDP/direct");
        assertThat(meta(Map.of("host", ""))).isEqualTo("not supported");
        assertThat(meta(Map.of("published", "1", "command", "KDE"))).isEqualTo("KDE + Published Applications");
        assertThat(meta(Map.of("published", "1", "command", "xterm"))).isEqualTo("Published Applications");
        assertThat(meta(Map.of("rootless", "0", "command", "startxfce4x"))).isEqualTo("CUSTOM Desktop");
        assertThat(meta(Map.of("rootless", "0", "command", "startkde"))).isEqualTo("KDE Desktop");
    }

    private static String meta(Map<String, String> v) {
        return ProfileConverter.metaType(new SessionProfile("i", "n", v));
    }
}
