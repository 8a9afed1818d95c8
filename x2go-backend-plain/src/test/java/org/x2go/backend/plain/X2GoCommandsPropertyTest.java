package org.x2go.backend.plain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Quoting through a real {@code /bin/sh}: any text without NUL (and without unpaired surrogates, which have
 * no UTF-8 form) goes through {@link X2GoCommands} and arrives at the program as exactly one argument, byte
 * for byte in UTF-8 — as a quoted argument, inside a whole built command, and inside the framed line the
 * server's login shell gets. NUL and lone surrogates are refused with a clear exception.
 *
 * <p>The shell gets the command bytes on stdin and runs them with {@code sh -c} (a Java process argument
 * would be re-encoded with the JVM's platform charset, which may not be UTF-8). Several strings share one
 * shell run; tries are bounded so the class runs in seconds.
 */
class X2GoCommandsPropertyTest {
    /** Reads the command bytes from stdin (keeping trailing newlines) and runs them like sshd runs a command. */
    private static final String RUNNER = "c=$(cat; printf x); exec /bin/sh -c \"${c%x}\"";
    private static final String ID = "0f0e0d0c-0b0a-0908-0706-050403020100";

    private static Path stubDir;

    @BeforeContainer
    static void stubs() throws IOException {
        stubDir = Files.createTempDirectory("x2go-quote-prop");
        // records its argv NUL-terminated, like the X2Go scripts would receive it
        Path stub = stubDir.resolve("x2goumount-session");
        Files.writeString(stub, "#!/bin/sh\nprintf '%s\\0' \"$@\"\n");
        Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterContainer
    static void removeStubs() throws IOException {
        Files.deleteIfExists(stubDir.resolve("x2goumount-session"));
        Files.deleteIfExists(stubDir);
    }

    /** Characters that matter to a shell, mixed in often. */
    private static final String SPECIAL = "'\"\\$`(){}[]<>|&;*?~#!=%^ \t\n\r-+:,./@";

    @Provide
    Arbitrary<String> shellText() {
        Arbitrary<String> special = Arbitraries.of(SPECIAL.chars().mapToObj(c -> String.valueOf((char) c)).toList());
        Arbitrary<String> snippets = Arbitraries.of("$(id)", "`id`", "'\\''", "${HOME}", "$1", "\\n", "-n", "--",
                "-e", "X2GODATAEND:" + ID, "\r\n", "'", "''", "\\", "é", "日本", "\uD83D\uDE00", "\u202e", "\u001b[2J",
                "\u007f", "\u0085", "\uFEFF", "%s", "\\0");
        Arbitrary<String> ascii = Arbitraries.strings().withCharRange('\u0001', '\u007f').ofMaxLength(6);
        Arbitrary<String> bmp = Arbitraries.strings().withCharRange('\u0001', '\uD7FF').withCharRange('\uE000', '\uFFFF')
                .ofMaxLength(4);
        Arbitrary<String> supplementary = Arbitraries.integers().between(0x10000, 0x10FFFF).map(Character::toString);
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, special), net.jqwik.api.Tuple.of(3, snippets), net.jqwik.api.Tuple.of(3, ascii),
                net.jqwik.api.Tuple.of(2, bmp), net.jqwik.api.Tuple.of(1, supplementary));
        return piece.list().ofMaxSize(12).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<List<String>> batches() {
        return shellText().list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 300)
    void quotedArgumentsArriveAsOneArgumentEachByteForByte(@ForAll("batches") List<String> values) throws Exception {
        StringBuilder cmd = new StringBuilder("printf '%s\\0'");
        for (String v : values) {
            cmd.append(' ').append(X2GoCommands.quote(v));
        }
        assertThat(sh(cmd.toString())).isEqualTo(nulTerminated(values));
    }

    @Property(tries = 150)
    void aWholeBuiltAndFramedCommandDeliversEveryArgumentByteForByte(@ForAll("shellText") String name,
                                                                      @ForAll("shellText") String path) throws Exception {
        Assume.that(!name.isBlank());
        // the line x2goumount-session gets, framed as the login shell receives it, with the stub on the PATH
        String framed = X2GoCommands.frame(X2GoCommands.umountSession(name, Optional.of(path)), ID)
                .replace("PATH=" + X2GoCommands.FRAME_PATH, "PATH=" + stubDir + ":" + X2GoCommands.FRAME_PATH);
        byte[] begin = ("X2GODATABEGIN:" + ID + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] end = ("X2GODATAEND:" + ID + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] args = nulTerminated(List.of(name, path));
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(begin);
        expected.writeBytes(args);
        expected.writeBytes(end);
        assertThat(sh(framed)).isEqualTo(expected.toByteArray());
        // the generic builder and an assignment too
        String printf = X2GoCommands.command("printf", "%s\\0", name, path) + "; "
                + X2GoCommands.assignment("X2GO_PROP", path) + " /bin/sh -c 'printf \"%s\\0\" \"$X2GO_PROP\"'";
        assertThat(sh(printf)).isEqualTo(nulTerminated(List.of(name, path, path)));
    }

    @Property(tries = 200)
    void aNulAnywhereIsRefusedNamingItsPosition(@ForAll("shellText") String text, @ForAll @IntRange(max = 200) int at) {
        int i = boundary(text, at);
        String withNul = text.substring(0, i) + '\0' + text.substring(i);
        int first = withNul.indexOf('\0');
        assertThatThrownBy(() -> X2GoCommands.quote(withNul)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NUL character at index " + first).hasMessageNotContaining("\0");
        assertThatThrownBy(() -> X2GoCommands.command("printf", "x", withNul))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL");
        assertThatThrownBy(() -> X2GoCommands.frame("echo " + withNul, ID)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NUL character at index " + (first + 5));
    }

    @Property(tries = 200)
    void aLoneSurrogateIsRefusedNamingItsPosition(@ForAll("shellText") String text, @ForAll @IntRange(max = 200) int at,
                                                  @ForAll @IntRange(min = 0xD800, max = 0xDFFF) int surrogate) {
        int i = boundary(text, at);
        String s = text.substring(0, i) + (char) surrogate + text.substring(i);
        boolean pairsUp = Character.isHighSurrogate((char) surrogate) ? i < text.length()
                && Character.isLowSurrogate(s.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
        Assume.that(!pairsUp);
        assertThatThrownBy(() -> X2GoCommands.quote(s)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired surrogate U+" + Integer.toHexString(surrogate).toUpperCase())
                .hasMessageContaining("at index " + i);
        assertThatThrownBy(() -> X2GoCommands.frame(s, ID)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired surrogate");
    }

    @Property(tries = 50)
    void aBatchOfLongValuesAlsoArrivesWhole(@ForAll @Size(min = 1, max = 3) List<@IntRange(min = 1, max = 20_000) Integer> lengths,
                                            @ForAll("shellText") String unit) throws Exception {
        Assume.that(!unit.isEmpty());
        List<String> values = new ArrayList<>();
        for (int n : lengths) {
            values.add(unit.repeat(Math.max(1, n / unit.length())));
        }
        StringBuilder cmd = new StringBuilder("printf '%s\\0'");
        values.forEach(v -> cmd.append(' ').append(X2GoCommands.quote(v)));
        assertThat(sh(cmd.toString())).isEqualTo(nulTerminated(values));
    }

    /** A position at most {@code at} that does not split a surrogate pair of the text. */
    private static int boundary(String text, int at) {
        int i = Math.min(at, text.length());
        return i > 0 && i < text.length() && Character.isLowSurrogate(text.charAt(i)) ? i - 1 : i;
    }

    private static byte[] nulTerminated(List<String> values) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String v : values) {
            b.writeBytes(v.getBytes(StandardCharsets.UTF_8));
            b.write(0);
        }
        return b.toByteArray();
    }

    /** Runs the command bytes (UTF-8) with {@code /bin/sh -c} and returns its stdout; stderr must be empty. */
    private static byte[] sh(String command) throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c", RUNNER).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(command.getBytes(StandardCharsets.UTF_8));
        }
        byte[] out;
        byte[] err;
        try (InputStream o = p.getInputStream(); InputStream e = p.getErrorStream()) {
            out = o.readAllBytes();
            err = e.readAllBytes();
        }
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("shell did not finish: " + command);
        }
        assertThat(new String(err, StandardCharsets.UTF_8)).as("stderr of %s", command).isEmpty();
        assertThat(p.exitValue()).as("exit status of %s", command).isZero();
        return out;
    }
}
