package org.x2go.backend.plain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.x2go.api.AgentInfo;
import org.x2go.api.SessionType;
import org.x2go.api.TerminalParams;
import org.x2go.backend.plain.internal.Framing;

/**
 * Runs the built command strings through a real local shell ({@code bash -c}, like the server's login
 * shell, which then runs {@code sh -c}). Stub programs on the PATH record the argv they receive, so the
 * tests prove (a) no input can inject a command and (b) the server receives the same argv as from
 * python-x2go's string for the TV vectors.
 */
class ShellExecutionTest {
    private static final List<String> STUBS = List.of("x2gostartagent", "x2goruncommand", "x2goresume-session",
            "x2gosuspend-session", "x2goterminate-session", "x2golistmounts", "x2gomountdirs", "x2goumount-session",
            "setxkbmap", "stat");

    @TempDir
    Path dir;
    Path stubDir;
    Path marker;

    @BeforeEach
    void stubs() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")) && Files.isExecutable(Path.of("/bin/sh")),
                "needs /bin/bash and /bin/sh");
        stubDir = Files.createDirectories(dir.resolve("bin"));
        marker = dir.resolve("INJECTED");
        String stub = "#!/bin/sh\n"
                + "{ printf 'CMD %s\\n' \"${0##*/}\"; for a in \"$@\"; do printf 'ARG [%s]\\n' \"$a\"; done;\n"
                + "  printf 'ENV XINERAMA=[%s] DPI=[%s] PULSE=[%s] MIMEBOX=[%s] SPOOL=[%s] ICONV=[%s]\\n' "
                + "\"$X2GO_XINERAMA\" \"$X2GODPI\" \"$PULSE_CLIENTCONFIG\" \"$X2GO_MIMEBOX\" \"$X2GO_SPOOLDIR\" "
                + "\"$X2GO_ICONV\"; echo END; } >> \"$STUBLOG\"\n";
        for (String s : STUBS) {
            Path p = stubDir.resolve(s);
            Files.writeString(p, stub);
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** Our frame with only the PATH changed so that the stubs are found instead of real X2Go scripts. */
    private String ours(String inner) {
        return X2GoCommands.frame(inner, "11111111-2222-3333-4444-555555555555")
                .replace("PATH=" + X2GoCommands.FRAME_PATH, "PATH=" + stubDir + ":" + X2GoCommands.FRAME_PATH);
    }

    /** python-x2go's frame (R-CTL-1): the inner command pasted between double quotes unescaped. */
    private String python(String inner) {
        return "echo X2GODATABEGIN:id; PATH=" + stubDir + ":" + X2GoCommands.FRAME_PATH + " sh -c \"" + inner
                + "\"; echo X2GODATAEND:id";
    }

    private record Run(String stdout, String log) {
    }

    private Run run(String script, String logName, int expectedStubCalls) throws Exception {
        Path log = dir.resolve(logName);
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", "-c", script).directory(dir.toFile());
        pb.environment().put("STUBLOG", log.toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("shell finished").isTrue();
        // backgrounded commands (x2goruncommand ... & exit) may log after the shell returned: poll with a deadline
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (countEnds(log) < expectedStubCalls && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        String logText = Files.exists(log) ? Files.readString(log) : "";
        return new Run(new String(out, StandardCharsets.UTF_8), logText);
    }

    private static long countEnds(Path log) throws IOException {
        return Files.exists(log) ? Files.readAllLines(log).stream().filter("END"::equals).count() : 0;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "x; touch INJECTED",
        "$(touch INJECTED)",
        "`touch INJECTED`",
        "a'b; touch INJECTED; echo 'c",
        "a\"; touch INJECTED; echo \"b",
        "line1\ntouch INJECTED",
        "x && touch INJECTED || touch INJECTED",
        "${IFS}touch${IFS}INJECTED",
        "' \"$(touch INJECTED)\" '",
        "\\'; touch INJECTED #",
    })
    void hostileSessionNameArrivesVerbatimAndInjectsNothing(String name) throws Exception {
        Run r = run(ours(X2GoCommands.suspend(name)), "log", 1);
        assertThat(marker).as("marker file created: injection").doesNotExist();
        assertThat(r.log()).startsWith("CMD x2gosuspend-session\nARG [" + name + "]\nENV ");
        assertThat(r.log().split("\nARG ", -1)).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "xterm -e 'touch INJECTED'",
        "xterm; touch INJECTED",
        "$(touch INJECTED)",
        "`touch INJECTED`",
        "xterm -T \"a b\"\ntouch INJECTED",
    })
    void hostileCommandArrivesAsOneArgument(String cmd) throws Exception {
        AgentInfo a = new AgentInfo(56, "c", 4242, "alice-56-1_stRxterm_dp24", 1, 2, 3, -1, -1);
        Run r = run(ours(X2GoCommands.runCommand(a, cmd, TerminalParams.SoundSystem.NONE, "R", "", Map.of())), "log", 1);
        assertThat(marker).doesNotExist();
        assertThat(r.log()).contains("ARG [" + cmd.replace(" ", X2GoCommands.SPACE_CHAR) + "]\nARG [none]\nARG [R]\n");
    }

    @Test
    void hostilePathsInFolderSharingAndHomeAreSafe() throws Exception {
        String path = "/home/a b/$(touch INJECTED)/`touch INJECTED`;'x'";
        run(ours(X2GoCommands.umountSession("s", java.util.Optional.of(path))), "log1", 1);
        Run stat = run(ours(X2GoCommands.homeExists("/home/\"; touch INJECTED; \"")), "log2", 1);
        assertThat(marker).doesNotExist();
        assertThat(Files.readString(dir.resolve("log1"))).contains("ARG [s]\nARG [" + path + "]\n");
        assertThat(stat.log()).contains("ARG [-tL]\nARG [/home/\"; touch INJECTED; \"]\n");
    }

    @Test
    void pythonsFramingIsInjectableOursIsNot() throws Exception {
        // documents Q-21: the same value through python's wrapper runs the injected command
        String name = "x\"; touch INJECTED; echo \"";
        run(python("x2gosuspend-session " + name), "py", 1);
        assertThat(marker).as("python's framing executes injected commands").exists();
        Files.delete(marker);
        run(ours(X2GoCommands.suspend(name)), "java", 1);
        assertThat(marker).doesNotExist();
    }

    @Test
    void unmodifiedFrameReturnsAnyValueVerbatimBetweenTheMarkers() throws Exception {
        String value = "a 'b' \"c\" $HOME `id` $(id) ; & | \\ \n tab\t end";
        String id = "abc-123";
        Run r = run(X2GoCommands.frame(X2GoCommands.command("printf", "%s", value), id), "none", 0);
        assertThat(Framing.extract(r.stdout(), id, "printf")).isEqualTo(value);
        assertThat(marker).doesNotExist();
    }

    @Test
    void remoteHomeIsExpandedByTheRemoteShell() throws Exception {
        Run r = run("HOME=/home/alice; " + X2GoCommands.frame(X2GoCommands.remoteHome(), "h1"), "none", 0);
        assertThat(Framing.extract(r.stdout(), "h1", "echo $HOME")).isEqualTo("/home/alice\n");
    }

    // ---------------------------------------------------------------- same argv as python-x2go (TV vectors)

    private void assertSameArgv(String pythonInner, String javaInner, int calls) throws Exception {
        Run py = run(python(pythonInner), "py.log", calls);
        Run java = run(ours(javaInner), "java.log", calls);
        assertThat(py.log()).as("python's command reached the stubs").contains("CMD ");
        assertThat(java.log()).isEqualTo(py.log());
    }

    @Test
    void tv18StartAndRunCommandGiveTheServerPythonsArgv() throws Exception {
        String name = "alice-50-1700000000_stDKDE_dp24";
        String rc = "/home/alice/.x2go/C-" + name;
        TerminalParams p = TerminalParams.builder().command("KDE").sessionType(SessionType.DESKTOP)
                .sound(TerminalParams.SoundSystem.PULSE).build();
        assertSameArgv("X2GO_XINERAMA=false x2gostartagent 800x600 adsl 16m-jpeg-9 unix-kde-depth_24 null null/null 0 D KDE both",
                X2GoCommands.startAgent(p, SessionTypeRules.normalise(p)), 1);
        Files.delete(dir.resolve("py.log"));
        Files.delete(dir.resolve("java.log"));
        AgentInfo a = new AgentInfo(56, "c", 4242, name, 30001, 30002, 30003, -1, -1);
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("X2GO_MIMEBOX", rc + "/mimebox");
        env.put("X2GO_SPOOLDIR", rc + "/spool");
        assertSameArgv("X2GO_MIMEBOX=" + rc + "/mimebox X2GO_SPOOLDIR=" + rc + "/spool PULSE_CLIENTCONFIG=" + rc
                        + "/.pulse-client.conf setsid x2goruncommand 56 4242 " + name
                        + " 30002 \"startkde\" pulse D 1>/dev/null 2>/dev/null & exit",
                X2GoCommands.runCommand(a, "KDE", TerminalParams.SoundSystem.PULSE, "D", rc, env), 1);
    }

    @Test
    void tv19And24GiveTheServerPythonsArgv() throws Exception {
        TerminalParams p = TerminalParams.builder().geometry("1024x768").link(TerminalParams.Link.LAN)
                .kbType("pc105/de").kbLayout("de").kbVariant("nodeadkeys").dpi(96).xinerama(true)
                .clipboard(TerminalParams.Clipboard.SERVER).command("TERMINAL").build();
        assertSameArgv("X2GO_XINERAMA=true X2GODPI=96 x2gostartagent 1024x768 lan 16m-jpeg-9 unix-kde-depth_24 de "
                + "pc105/de 1 R TERMINAL server", X2GoCommands.startAgent(p, SessionTypeRules.normalise(p)), 1);
        Files.delete(dir.resolve("py.log"));
        Files.delete(dir.resolve("java.log"));
        TerminalParams r = TerminalParams.builder().geometry("maximize").link(TerminalParams.Link.WAN).pack("64k-png")
                .kbType("pc105/us").kbLayout("us").build();
        assertSameArgv("x2goresume-session alice-50-1700000000_stRTERMINAL_dp24 1024x768 wan 64k-png us pc105/us 1 both False",
                X2GoCommands.resume("alice-50-1700000000_stRTERMINAL_dp24", r), 1);
    }

    @Test
    void tv55MountLineGivesTheServerPythonsArgv() throws Exception {
        String n = "alice-50-1700000000_stDKDE_dp24";
        String key = "/home/alice/.x2go/ssh/key.z12345";
        assertSameArgv("export HOSTNAME && x2gomountdirs dir " + n + " 'alice' " + key
                        + " /home/alice/Documents__REVERSESSH_PORT__30003;  rm -f " + dir.resolve("nokey") + " "
                        + dir.resolve("nokey") + ".ident",
                X2GoCommands.mountDirs(X2GoCommands.FolderType.DISK, n, "alice", key, "/home/alice/Documents", 30003,
                        java.util.Optional.empty()).replace("rm -f " + key + " " + key + ".ident",
                        "rm -f " + dir.resolve("nokey") + " " + dir.resolve("nokey") + ".ident"), 1);
    }
}
