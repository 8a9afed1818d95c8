package org.x2go.backend.plain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.x2go.api.PublishedApplication;
import org.x2go.api.X2GoProtocolException;
import org.x2go.api.X2GoTerminalSessionException;
import org.x2go.backend.plain.internal.Framing;
import org.x2go.backend.plain.internal.Outputs;
import org.x2go.backend.plain.internal.PublishedApps;

/** TV-13 framing and answers, TV-24 resume ports, x2gogetapps. */
class OutputsTest {

    @Test
    void tv13NoiseBeforeAndAfterTheMarkersIsDropped() {
        String out = "motd noise from .bashrc\nX2GODATABEGIN:id\nX2GO_LIST_SHADOWSESSIONS\nX2GO_PUBLISHED_APPLICATIONS\n\n"
                + "X2GO_TELEKINESIS\nX2GODATAEND:id\ntrailing noise\n";
        String body = Framing.extract(out, "id", "features");
        assertThat(Outputs.features(body)).containsExactly("X2GO_LIST_SHADOWSESSIONS", "X2GO_PUBLISHED_APPLICATIONS",
                "X2GO_TELEKINESIS");
    }

    @Test
    void crlfIsRemovedAndLocaleWarningBlockIsFiltered() {
        String out = "X2GODATABEGIN:id\r\nperl: warning: Setting locale failed.\r\nperl: warning: Please check that "
                + "your locale settings:\r\n\tLANGUAGE = (unset),\r\n\tLC_ALL = (unset),\r\n\tLANG = \"en_US.UTF-8\"\r\n"
                + "    are supported and installed on your system.\r\nperl: warning: Falling back to the standard locale "
                + "(\"C\").\r\nX2GO_A\r\nX2GODATAEND:id\r\n";
        assertThat(Framing.extract(out, "id", "features")).isEqualTo("X2GO_A\n");
        String squeezed = "X2GODATABEGIN:id\nperl:warning:Settinglocalefailed.\nperl:warning:Pleasecheck\n\tLANG=x\n"
                + "aresupported\nperl:warning:Fallingbacktothestandardlocale(\"C\").\nline\nX2GODATAEND:id\n";
        assertThat(Framing.extract(squeezed, "id", "list")).isEqualTo("line\n");
    }

    @Test
    void missingMarkersAreErrorsNamingTheCommand() {
        assertThatThrownBy(() -> Framing.extract("noise only\n", "id", "x2golistsessions"))
                .isInstanceOf(X2GoProtocolException.class).hasMessageContaining("X2GODATABEGIN:id")
                .hasMessageContaining("x2golistsessions");
        assertThatThrownBy(() -> Framing.extract("X2GODATABEGIN:id\npartial\n", "id", "x"))
                .isInstanceOf(X2GoProtocolException.class).hasMessageContaining("X2GODATAEND:id");
        // a marker of another call does not count
        assertThatThrownBy(() -> Framing.extract("X2GODATABEGIN:other\nX2GODATAEND:other\n", "id", "x"))
                .isInstanceOf(X2GoProtocolException.class);
    }

    @Test
    void tv13VersionsAndHome() {
        assertThat(Outputs.versions("x2goserver: 4.1.0.3\nx2goserver-extensions: 4.1.0.3\nnot a version line\n"))
                .isEqualTo(Map.of("x2goserver", "4.1.0.3", "x2goserver-extensions", "4.1.0.3"));
        assertThat(Outputs.home("/home/alice\n")).isEqualTo("/home/alice");
        assertThat(Outputs.home("\n")).isEmpty();
    }

    @Test
    void tv14DesktopsDropTheEmptyEntryFixedQ20() {
        assertThat(Outputs.nonBlankLines("alice@:50\nbob@:51.0\n")).containsExactly("alice@:50", "bob@:51.0");
        assertThat(Outputs.nonBlankLines("\n")).isEmpty();
    }

    @Test
    void tv24ResumePorts() {
        Outputs.ResumePorts p = Outputs.resumePorts("gr_port=40001\nsound_port=30002\nfs_port=40003\n", "", "s");
        assertThat(p.graphics()).isEqualTo(40001);
        assertThat(p.sound()).isEqualTo(OptionalInt.of(30002));
        assertThat(p.sshfs()).isEqualTo(OptionalInt.of(40003));
        assertThat(p.tekiCtrl()).isEmpty();
    }

    @Test
    void tv24NonNumericPortIsATerminalExceptionFixedQ38() {
        assertThatThrownBy(() -> Outputs.resumePorts("gr_port=abc\n", "", "s"))
                .isInstanceOf(X2GoTerminalSessionException.class).hasMessageContaining("gr_port").hasMessageContaining("abc");
        assertThatThrownBy(() -> Outputs.resumePorts("", "session s terminated\n", "s"))
                .isInstanceOf(X2GoTerminalSessionException.class).hasMessageContaining("session s terminated");
    }

    @Test
    void publishedApplicationsFromRealServerOutput() {
        String out = "<desktop>\nName[de]=Vim\nName=Vim\nComment[de]=Textdateien bearbeiten\nComment=Edit text files\n"
                + "Exec=vim %F\nTerminal=true\n<icon>\niVBORw0KGgo\nAAAA\n\n</icon>\nCategories=Utility;TextEditor;\n"
                + "</desktop>\n<desktop>\nName=XTerm\nComment=standard terminal emulator\nExec=xterm\nTerminal=false\n"
                + "Categories=System;TerminalEmulator;\n</desktop>\n<desktop>\nName=NoExec\n</desktop>\n";
        List<PublishedApplication> apps = PublishedApps.parse(out);
        assertThat(apps).hasSize(2);
        PublishedApplication vim = apps.get(0);
        assertThat(vim.exec()).isEqualTo("vim");
        assertThat(vim.terminal()).isTrue();
        assertThat(vim.categories()).containsExactly("Utility", "TextEditor");
        assertThat(vim.iconBase64()).contains("iVBORw0KGgoAAAA");
        assertThat(vim.comment(Locale.GERMANY)).isEqualTo("Textdateien bearbeiten");
        assertThat(vim.name(Locale.JAPAN)).isEqualTo("Vim");
        assertThat(apps.get(1).iconBase64()).isEmpty();
        assertThat(apps.get(1).terminal()).isFalse();
    }

    @Test
    void resumePortsTakeOnlyTheKnownKeysAndAllFive() {
        Outputs.ResumePorts p = Outputs.resumePorts("noise\n=1\nfoo=x\n gr_port = 40001 \nsound_port=1\nfs_port=2\n"
                + "tekictrl_port=3\ntekidata_port=4\ngr_port\n", "", "s");
        assertThat(p).isEqualTo(new Outputs.ResumePorts(40001, OptionalInt.of(1), OptionalInt.of(2), OptionalInt.of(3),
                OptionalInt.of(4)));
        assertThatThrownBy(() -> Outputs.resumePorts("gr_port=\n", "", "s")).hasMessageContaining("bad gr_port: ''");
    }

    @Test
    void strictDecimalNumbers() {
        assertThat(Outputs.decimal(" -12 ")).isEqualTo(-12L);
        assertThat(Outputs.decimal("0")).isZero();
        assertThat(Outputs.decimal("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(Outputs.decimalInt("2147483647")).isEqualTo(Integer.MAX_VALUE);
        assertThat(Outputs.decimalInt("-2147483648")).isEqualTo(Integer.MIN_VALUE);
        for (String bad : new String[] {"", " ", "-", "+1", "1-", "0x1", "\u0663", "1 2", "/", ":", "2147483648",
            "-2147483649", "99999999999999999999"}) {
            assertThatThrownBy(() -> Outputs.decimalInt(bad)).as(bad).isInstanceOf(NumberFormatException.class);
        }
    }

    @Test
    void localeWarningBlockIsSearchedOnlyEightLinesFar() {
        String start = "perl: warning: Setting locale failed.\n";
        String end = "perl: warning: Falling back to the standard locale (\"C\").\n";
        // end marker 8 lines after the start: the block (start..end) is dropped
        String eight = "X2GODATABEGIN:id\n" + start + "a\n".repeat(7) + end + "body\nX2GODATAEND:id\n";
        assertThat(Framing.extract(eight, "id", "c")).isEqualTo("body\n");
        // 9 lines after: not a locale block, everything is kept
        String nine = "X2GODATABEGIN:id\n" + start + "a\n".repeat(8) + end + "X2GODATAEND:id\n";
        assertThat(Framing.extract(nine, "id", "c")).isEqualTo(start + "a\n".repeat(8) + end);
        // a start line without an end line is kept, also at the very end of the output
        assertThat(Framing.extract("X2GODATABEGIN:id\n" + start + "X2GODATAEND:id\n", "id", "c")).isEqualTo(start);
        // an end line before the start line does not close it
        assertThat(Framing.extract("X2GODATABEGIN:id\n" + end + start + "x\ny\nX2GODATAEND:id\n", "id", "c"))
                .isEqualTo(end + start + "x\ny\n");
    }

    @Test
    void anEndMarkerGluedToTheLastLineEndsTheBody() {
        assertThat(Framing.extract("X2GODATABEGIN:id\nlastX2GODATAEND:id\n", "id", "c")).isEqualTo("last");
        assertThat(Framing.extract("X2GODATABEGIN:id\r\nX2GODATAEND:id", "id", "c")).isEmpty();
    }

    @Test
    void publishedApplicationsWithCrlfAndStrayLines() {
        String out = "stray\r\n</desktop>\r\n<desktop>\r\nName=A\r\n=x\r\nnoequals\r\nExec=a %u\r\n</desktop>\r\n"
                + "<desktop>\r\nExec=b\r\n</desktop>\r\n<desktop>\r\nName=C\r\nExec= %F\r\n</desktop>\r\n"
                + "<desktop>\r\nName=D\r\nExec=d\r\nName[de=x\r\nComment[fr]=c\r\nCategories=;;X;\r\n</icon>\r\n"
                + "<icon>\r\n</icon>\r\n</desktop>\r\n";
        List<PublishedApplication> apps = PublishedApps.parse(out);
        assertThat(apps).extracting(PublishedApplication::name).containsExactly("A", "D");
        assertThat(apps.get(0).exec()).isEqualTo("a");
        assertThat(apps.get(1).categories()).containsExactly("X");
        assertThat(apps.get(1).iconBase64()).isEmpty();
        assertThat(apps.get(1).comment(Locale.FRENCH)).isEqualTo("c");
        assertThat(apps.get(1).name(Locale.GERMAN)).isEqualTo("D");
        assertThat(apps.get(1).localizedNames()).isEmpty();
        assertThat(apps.get(1).localizedComments()).isEqualTo(Map.of("fr", "c"));
    }

    @Test
    void aSkippedPublishedApplicationNamesWhatItLacks() {
        try (CapturedStderr err = new CapturedStderr()) {
            assertThat(PublishedApps.parse("<desktop>\nExec=b\n</desktop>\n")).isEmpty();
            assertThat(err.text()).contains("x2gogetapps entry skipped: no Name= (entry: Exec=b)");
        }
        try (CapturedStderr err = new CapturedStderr()) {
            assertThat(PublishedApps.parse("<desktop>\nName=A\n</desktop>\n<desktop>\n</desktop>\n")).isEmpty();
            assertThat(err.text()).contains("x2gogetapps entry skipped: no Exec= (entry: Name=A)")
                    .contains("no Name= (entry: )");
        }
    }
}
