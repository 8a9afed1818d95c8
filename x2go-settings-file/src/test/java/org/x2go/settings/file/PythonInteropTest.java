package org.x2go.settings.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.x2go.api.IniValues;
import org.x2go.api.ProfileSchema;
import org.x2go.api.SessionProfile;

/**
 * Interoperability with python-x2go: {@code interop/python-sessions.ini} was written once by python-x2go 0.6.1.3
 * ({@code interop/generate_python_sessions.py}, committed output). We read, modify and write it; python-x2go
 * must read our file back with the same values.
 */
class PythonInteropTest {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final String OFFICE = "20261122001109492256";
    static final String TERMINAL = "20261122001109494257";

    @TempDir
    Path dir;

    private String resource(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/interop/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private IniSessionProfiles loadPythonFile() throws IOException {
        Path f = dir.resolve("sessions");
        Files.writeString(f, resource("python-sessions.ini"));
        return FileProfilesProvider.open(f, Clock.systemUTC(), "root");
    }

    @Test
    void pythonWrittenFileIsReproducedByteForByte() throws Exception {
        IniSessionProfiles ps = loadPythonFile();
        assertThat(ps.serialize()).isEqualTo(resource("python-sessions.ini"));
        assertThat(ps.all()).extracting(SessionProfile::name).containsExactly("Office KDE", "Terminal");
    }

    @Test
    void profileCreatedByUsIsByteIdenticalToPythonsAddProfile() throws Exception {
        String python = resource("python-sessions.ini");
        IniSessionProfiles ps = MemoryProfilesProvider.create("mem", Clock.systemUTC(), "root");
        Map<String, Object> office = new LinkedHashMap<>();
        office.put("host", "srv1.example.org,srv2.example.org");
        office.put("user", "alice");
        office.put("sshport", 2222);
        office.put("command", "KDE");
        office.put("rootless", false);
        office.put("width", 1280);
        office.put("height", 1024);
        office.put("speed", 4);
        Map<String, Boolean> export = new LinkedHashMap<>();
        export.put("/home/alice/Documents", true);
        export.put("/home/alice/Music", false);
        office.put("export", export);
        office.put("sound", true);
        office.put("layout", "de");
        office.put("type", "pc105/de");
        office.put("setdpi", true);
        office.put("dpi", 120);
        Map<String, Object> term = new LinkedHashMap<>();
        term.put("host", "term.example.org");
        term.put("command", "TERMINAL");
        term.put("rootless", true);
        term.put("maxdim", true);
        term.put("usesshproxy", true);
        term.put("sshproxyhost", "jump.example.org");
        term.put("applications", List.of("WWWBROWSER", "TERMINAL"));
        term.put("mimeboxextensions", "pdf,odt");
        String a = ps.create("Office KDE", encode(office)).id();
        String b = ps.create("Terminal", encode(term)).id();
        String ours = ps.serialize().replace(a, OFFICE).replace(b, TERMINAL);
        assertThat(ours).isEqualTo(python);
    }

    private static Map<String, String> encode(Map<String, Object> typed) {
        Map<String, String> m = new LinkedHashMap<>();
        typed.forEach((k, v) -> m.put(k, IniValues.formatProfileValue(k, v)));
        return m;
    }

    @Test
    @Tag("interop")
    void pythonX2goReadsBackTheFileWeModified() throws Exception {
        requirePythonX2go();
        IniSessionProfiles ps = loadPythonFile();
        ps.set(OFFICE, "host", List.of("srv3.example.org", "srv4.example.org"));
        Map<String, Boolean> export = new LinkedHashMap<>();
        export.put("/srv/a", true);
        export.put("/srv/with space", false);
        ps.set(OFFICE, "export", export);
        ps.set(OFFICE, "sound", false);
        ps.set(OFFICE, "dpi", 144);
        ps.rename(OFFICE, "Office Plasma");
        ps.set(TERMINAL, "fullscreen", true);
        ps.set(TERMINAL, "applications", List.of("A", "B C"));
        // no "%": python-x2go cannot read it back
        ps.set(TERMINAL, "rdpoptions", "-u X2GO_USER -p X2GO_PASSWORD -z");
        ps.create("Created by Java", Map.of("host", "j.example.org", "command", "XFCE", "sshport", "2022"));
        ps.save();

        Path script = dir.resolve("read_profiles.py");
        Files.writeString(script, resource("read_profiles.py"));
        Map<String, Map<String, String>> python = runPython(script, dir.resolve("sessions"));

        IniSessionProfiles ours = FileProfilesProvider.open(dir.resolve("sessions"), Clock.systemUTC(), "root");
        assertThat(python.keySet()).containsExactlyInAnyOrderElementsOf(
                ours.all().stream().map(SessionProfile::id).toList());
        for (SessionProfile p : ours.all()) {
            Map<String, String> py = python.get(p.id());
            assertThat(py.get("__name__")).isEqualTo(p.name());
            for (ProfileSchema.Key k : ProfileSchema.keys()) {
                assertThat(py.get(k.name())).as("profile %s key %s", p.name(), k.name()).isEqualTo(json(p, k));
            }
        }
        assertThat(python.get(OFFICE).get("host")).isEqualTo("[\"srv3.example.org\", \"srv4.example.org\"]");
        assertThat(python.get(OFFICE).get("export")).isEqualTo("{\"/srv/a\": true, \"/srv/with space\": false}");
        assertThat(python.get(OFFICE).get("name")).isEqualTo("\"Office Plasma\"");
    }

    /** Our typed value in python's {@code json.dumps(sort_keys=True)} form. */
    private static String json(SessionProfile p, ProfileSchema.Key k) {
        return switch (k.type()) {
            case BOOL -> Boolean.toString(p.bool(k.name()));
            case INT -> Integer.toString(p.integer(k.name()));
            case LIST -> {
                List<String> items = new ArrayList<>();
                p.list(k.name()).forEach(s -> items.add(str(s)));
                yield "[" + String.join(", ", items) + "]";
            }
            case EXPORTS -> {
                List<String> items = new ArrayList<>();
                new TreeMap<>(p.exports()).forEach((f, on) -> items.add(str(f) + ": " + on));
                yield "{" + String.join(", ", items) + "}";
            }
            case STRING -> str(p.text(k.name()));
        };
    }

    private static String str(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static Map<String, Map<String, String>> runPython(Path script, Path sessions) throws Exception {
        Path err = sessions.resolveSibling("python.err");
        Process proc = new ProcessBuilder(PYTHON.toString(), script.toString(), sessions.toString())
                .redirectError(err.toFile()).start();
        byte[] out = proc.getInputStream().readAllBytes();
        assertThat(proc.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(proc.exitValue()).as("python exit status; stderr: %s", Files.readString(err)).isZero();
        Map<String, Map<String, String>> result = new LinkedHashMap<>();
        for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\\|", 3);
            if (f[0].equals("ID")) {
                result.computeIfAbsent(f[1], i -> new LinkedHashMap<>()).put("__name__", f[2]);
            } else {
                result.computeIfAbsent(f[0], i -> new LinkedHashMap<>()).put(f[1], f[2]);
            }
        }
        return result;
    }

    private static void requirePythonX2go() throws Exception {
        String reason = null;
        if (!Files.isExecutable(PYTHON)) {
            reason = PYTHON + " is not installed";
        } else {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import x2go").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                reason = "python3-x2go is not installed (import x2go failed)";
            }
        }
        if (reason != null) {
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true but " + reason);
            }
            Assumptions.abort(reason);
        }
    }
}
