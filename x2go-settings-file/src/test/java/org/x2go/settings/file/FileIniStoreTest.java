package org.x2go.settings.file;

import org.x2go.ini.IniDocument;
import org.x2go.ini.IniStore;
import org.x2go.ini.IniSyntaxException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.x2go.api.X2GoClientSettingsException;
import org.x2go.api.X2GoProfileException;

/**
 * The ini store as the settings and profiles use it (their normalisers and exceptions). The store's own mechanics
 * (atomic replacement, failed writes, merging another writer's changes, locks, links) are tested in x2go-ini.
 */
class FileIniStoreTest {
    @TempDir
    Path dir;

    private IniStore settingsStore(Path file) {
        return IniStore.file(file, IniClientSettings.DEFAULTS::fill, X2GoClientSettingsException::new);
    }

    @Test
    void loadingAnExistingFileNeverRewritesIt() throws Exception {
        Path f = dir.resolve("settings");
        Files.writeString(f, "[General]\nautoresume=true\n");
        IniStore s = settingsStore(f);
        assertThat(s.save()).isFalse();
        assertThat(Files.readString(f)).isEqualTo("[General]\nautoresume=true\n");
        assertThat(s.document().get("LDAP", "port")).contains("389");
    }

    @Test
    void brokenFileIsReportedWithFileLineAndKeyAndLeftUntouched() throws Exception {
        Path f = dir.resolve("settings");
        byte[] broken = "[General]\nautoresume=1\nclientport\n".getBytes(StandardCharsets.UTF_8);
        Files.write(f, broken);
        assertThatThrownBy(() -> settingsStore(f)).isInstanceOf(X2GoClientSettingsException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("line 3");
        assertThat(Files.readAllBytes(f)).isEqualTo(broken);
    }

    @Test
    void nonUtf8FileIsReportedNotGuessed() throws Exception {
        Path f = dir.resolve("settings");
        Files.write(f, new byte[] {'[', 'a', ']', '\n', 'k', '=', (byte) 0xff, '\n'});
        assertThatThrownBy(() -> settingsStore(f)).isInstanceOf(X2GoClientSettingsException.class)
                .hasMessageContaining("not UTF-8");
    }

    @Test
    void manyThreadsWithTheirOwnStoresLoseNoProfile() throws Exception {
        Path f = dir.resolve("sessions");
        int threads = 4;
        int each = 10;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int tn = t;
                futures.add(pool.submit(() -> {
                    IniSessionProfiles p = FileProfilesProvider.open(f, Clock.systemUTC(), "tester");
                    go.await();
                    for (int i = 0; i < each; i++) {
                        p.create("t" + tn + "-" + i, Map.of());
                        p.save();
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> fu : futures) {
                fu.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        IniSessionProfiles all = FileProfilesProvider.open(f, Clock.systemUTC(), "tester");
        assertThat(all.all()).hasSize(threads * each);
    }

    @Test
    void twoProcessesWritingNeverTearTheFileAndLoseNothing() throws Exception {
        Path f = dir.resolve("sessions");
        Files.writeString(f, "");
        int count = 15;
        Process p1 = child(f, "a", count);
        Process p2 = child(f, "b", count);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int reads = 0;
        // read concurrently while both write: every snapshot must parse (never torn, never truncated)
        while ((p1.isAlive() || p2.isAlive()) && System.nanoTime() < deadline) {
            String text = Files.readString(f);
            IniDocument.parse(text, f.toString());
            assertThat(text.isEmpty() || text.endsWith("\n\n")).as("complete file: %s", text).isTrue();
            reads++;
            p1.waitFor(5, TimeUnit.MILLISECONDS);
        }
        assertThat(p1.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p2.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p1.exitValue()).as(new String(p1.getErrorStream().readAllBytes())).isZero();
        assertThat(p2.exitValue()).as(new String(p2.getErrorStream().readAllBytes())).isZero();
        assertThat(reads).isPositive();
        IniSessionProfiles all = FileProfilesProvider.open(f, Clock.systemUTC(), "tester");
        assertThat(all.all()).hasSize(2 * count);
        for (int i = 0; i < count; i++) {
            assertThat(all.byName("a" + i)).isPresent();
            assertThat(all.byName("b" + i)).isPresent();
        }
    }

    private static Process child(Path file, String prefix, int count) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", TwoWriterMain.class.getName(), file.toString(), prefix,
                Integer.toString(count)).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    @Test
    void missingFileIsCreatedInA0700Directory() throws Exception {
        Path f = dir.resolve("a").resolve(".x2goclient").resolve("settings");
        settingsStore(f);
        assertThat(Files.exists(f)).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f.getParent()))).isEqualTo("rwx------");
    }

    @Test
    void profileFileWithABadValueNamesFileLineProfileAndKey() throws Exception {
        Path f = dir.resolve("sessions");
        Files.writeString(f, "[p1]\nname=x\nfullscreen=maybe\n");
        assertThatThrownBy(() -> FileProfilesProvider.open(f, Clock.systemUTC(), "u"))
                .isInstanceOf(X2GoProfileException.class)
                .hasMessageContaining(f.toString() + " line 3 profile [p1] key 'fullscreen': Not a boolean: maybe");
        assertThat(Files.readString(f)).isEqualTo("[p1]\nname=x\nfullscreen=maybe\n");
    }

    @Test
    void unreadableFileIsReported() throws Exception {
        Path f = dir.resolve("sessions");
        Files.createDirectory(f);
        assertThatThrownBy(() -> FileProfilesProvider.open(f, Clock.systemUTC(), "u"))
                .isInstanceOf(X2GoProfileException.class).hasMessageContaining(f.toString());
        assertThat(new File(f.toString()).isDirectory()).isTrue();
    }
}
