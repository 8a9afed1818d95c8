package org.x2go.ini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileIniStoreTest {

    /** The area's exception, to check that every failure is reported through the factory. */
    static final class StoreException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final IniDefaults DEFAULTS = IniDefaults.builder().bool("General", "flag", true)
            .integer("General", "port", 22).text("Other", "name", "x").build();

    @TempDir
    Path dir;

    private static IniStore open(Path file, IniStore.WhenMissing whenMissing) {
        return IniStore.file(file, DEFAULTS::fill, StoreException::new, whenMissing);
    }

    /** Without defaults, so the file holds exactly what the test wrote. */
    private static IniStore plain(Path file) {
        return IniStore.file(file, d -> { }, StoreException::new, IniStore.WhenMissing.CREATE_ON_SAVE);
    }

    private static List<String> names(Path d) throws Exception {
        try (Stream<Path> files = Files.list(d)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    // ---- reads never create anything

    @Test
    void openingAMissingFileToReadCreatesNeitherFileNorDirectoryNorLock() throws Exception {
        Path f = dir.resolve("home").resolve(".x2goclient").resolve("sessions");
        IniStore s = open(f, IniStore.WhenMissing.CREATE_ON_SAVE);
        assertThat(s.document().get("General", "port")).contains("22");
        assertThat(s.document().isDirty()).isFalse();
        s.reload();
        assertThat(s.save()).as("nothing to write").isFalse();
        assertThat(names(dir)).isEmpty();
        assertThat(s.source()).isEqualTo(f.toString());
    }

    @Test
    void theFirstSaveWithChangesCreatesThePrivateDirectoryTheFileAndTheLock() throws Exception {
        Path home = dir.resolve("home");
        Path f = home.resolve(".x2goclient").resolve("sessions");
        IniStore s = open(f, IniStore.WhenMissing.CREATE_ON_SAVE);
        s.document().set("p", "name", "one");
        assertThat(s.save()).isTrue();
        assertThat(Files.readString(f)).isEqualTo("[General]\nflag = 1\nport = 22\n\n[Other]\nname = x\n\n"
                + "[p]\nname = one\n\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f.getParent()))).isEqualTo("rwx------");
        assertThat(names(f.getParent())).containsExactly(".sessions.lock", "sessions");
        assertThat(s.document().isDirty()).isFalse();
        assertThat(s.save()).isFalse();
    }

    @Test
    void aMalformedFileFailsToOpenAndNothingIsCreatedOrChanged() throws Exception {
        Path f = dir.resolve("sessions");
        Files.writeString(f, "[p]\ngarbage\n");
        for (IniStore.WhenMissing w : IniStore.WhenMissing.values()) {
            assertThatThrownBy(() -> open(f, w)).isInstanceOf(StoreException.class)
                    .hasMessageContaining(f + " line 2").hasCauseInstanceOf(IniSyntaxException.class);
        }
        assertThat(names(dir)).containsExactly("sessions");
        assertThat(Files.readString(f)).isEqualTo("[p]\ngarbage\n");
    }

    @Test
    void createOnOpenWritesTheNormalisedEmptyDocumentOnce() throws Exception {
        Path f = dir.resolve("a").resolve("settings");
        IniStore s = open(f, IniStore.WhenMissing.CREATE_ON_OPEN);
        assertThat(Files.readString(f)).isEqualTo("[General]\nflag = 1\nport = 22\n\n[Other]\nname = x\n\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f.getParent()))).isEqualTo("rwx------");
        assertThat(s.save()).isFalse();
        Object inode = Files.readAttributes(f, "unix:ino").get("ino");
        IniStore again = IniStore.file(f, DEFAULTS::fill, StoreException::new);
        assertThat(Files.readAttributes(f, "unix:ino").get("ino")).as("an existing file is not rewritten")
                .isEqualTo(inode);
        assertThat(again.document().get("Other", "name")).contains("x");
    }

    @Test
    void normalisingDoesNotMakeAnExistingFileDirty() throws Exception {
        Path f = dir.resolve("settings");
        Files.writeString(f, "[General]\nflag=0\n");
        IniStore s = open(f, IniStore.WhenMissing.CREATE_ON_OPEN);
        assertThat(s.document().get("General", "port")).contains("22");
        assertThat(s.save()).isFalse();
        assertThat(Files.readString(f)).isEqualTo("[General]\nflag=0\n");
        assertThat(names(dir)).containsExactly("settings");
    }

    @Test
    void reloadDiscardsPendingChangesAndReadsAMissingFileAsEmpty() throws Exception {
        Path f = dir.resolve("settings");
        Files.writeString(f, "[p]\nk=1\n");
        IniStore s = open(f, IniStore.WhenMissing.CREATE_ON_SAVE);
        s.document().set("p", "k", "2");
        s.reload();
        assertThat(s.document().get("p", "k")).contains("1");
        assertThat(s.document().isDirty()).isFalse();
        Files.delete(f);
        s.reload();
        assertThat(s.document().hasSection("p")).isFalse();
        assertThat(s.document().get("General", "flag")).contains("1");
        assertThat(names(dir)).isEmpty();
    }

    // ---- bad files are reported through the area's exception

    @Test
    void nonUtf8AndOversizedFilesAreRefusedNamingTheFile() throws Exception {
        Path f = dir.resolve("settings");
        Files.write(f, new byte[] {'[', 'a', ']', '\n', 'k', '=', (byte) 0xC3, '\n'});
        assertThatThrownBy(() -> open(f, IniStore.WhenMissing.CREATE_ON_SAVE)).isInstanceOf(StoreException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("not UTF-8");
        byte[] big = new byte[FileIniStore.MAX_FILE_BYTES + 1];
        java.util.Arrays.fill(big, (byte) '#');
        Files.write(f, big);
        assertThatThrownBy(() -> open(f, IniStore.WhenMissing.CREATE_ON_SAVE)).isInstanceOf(StoreException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("larger than " + FileIniStore.MAX_FILE_BYTES);
        Files.write(f, java.util.Arrays.copyOf(big, FileIniStore.MAX_FILE_BYTES));
        assertThat(open(f, IniStore.WhenMissing.CREATE_ON_SAVE).document().hasSection("General"))
                .as("exactly the limit is read").isTrue();
    }

    @Test
    void aDirectoryInPlaceOfTheFileIsReported() throws Exception {
        Path f = Files.createDirectory(dir.resolve("settings"));
        assertThatThrownBy(() -> open(f, IniStore.WhenMissing.CREATE_ON_OPEN)).isInstanceOf(StoreException.class)
                .hasMessageContaining("Cannot read " + f);
    }

    @Test
    void aNormaliserRefusingTheFilesTextIsReportedThroughTheAreasException() throws Exception {
        Path f = dir.resolve("sessions");
        Files.writeString(f, "[p]\nname=a\u0001b\n");
        Consumer<IniDocument> renaming = d -> d.set("p", "name", d.get("p", "name").orElseThrow() + " (1)");
        assertThatThrownBy(() -> IniStore.file(f, renaming, StoreException::new)).isInstanceOf(StoreException.class)
                .hasMessageStartingWith(f + ": Value of key 'name' in [p]")
                .hasCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void whenMissingIsRequired() {
        assertThatThrownBy(() -> IniStore.file(dir.resolve("x"), d -> { }, StoreException::new, null))
                .isInstanceOf(NullPointerException.class);
    }

    // ---- atomic writes

    @Test
    void aWriteReplacesTheFileAtomicallyKeepsItsModeAndLeavesNoTemporaryFile() throws Exception {
        Path f = dir.resolve("settings");
        Files.writeString(f, "# mine\n[General]\nflag=0\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        IniStore s = plain(f);
        Object inode = Files.readAttributes(f, "unix:ino").get("ino");
        s.document().set("General", "flag", "1");
        assertThat(s.save()).isTrue();
        assertThat(Files.readAttributes(f, "unix:ino").get("ino")).as("renamed over, not rewritten in place")
                .isNotEqualTo(inode);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-r-----");
        assertThat(Files.readString(f)).isEqualTo("# mine\n\n[General]\nflag = 1\n\n");
        assertThat(names(dir)).containsExactly(".settings.lock", "settings");
    }

    @Test
    void aFailedWriteKeepsThePreviousContentTheChangePendingAndNoTemporaryFile() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("ro"));
        Path f = sub.resolve("settings");
        Files.writeString(f, "[General]\nflag=0\n");
        IniStore s = open(f, IniStore.WhenMissing.CREATE_ON_SAVE);
        s.document().set("General", "flag", "1");
        s.save(); // creates the lock file while the directory is still writable
        s.document().set("General", "flag", "0");
        String before = Files.readString(f);
        boolean immutable = makeUnwritable(sub);
        try {
            assertThatThrownBy(s::save).isInstanceOf(StoreException.class)
                    .hasMessageContaining("Cannot write " + f + " (the previous content is unchanged)");
        } finally {
            if (immutable) {
                assertThat(run("chattr", "-i", sub.toString())).isZero();
            }
            Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("rwx------"));
        }
        assertThat(Files.readString(f)).isEqualTo(before);
        assertThat(s.document().isDirty()).isTrue();
        assertThat(names(sub)).containsExactly(".settings.lock", "settings");
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsReported() throws Exception {
        Path blocker = dir.resolve("blocker");
        IniStore s = open(blocker.resolve("sub").resolve("settings"), IniStore.WhenMissing.CREATE_ON_SAVE);
        Files.writeString(blocker, "a file where a directory should be");
        s.document().set("p", "k", "1");
        assertThatThrownBy(s::save).isInstanceOf(StoreException.class)
                .hasMessageContaining("Cannot create directory " + blocker);
        Path f = dir.resolve("file");
        Files.writeString(f, "x");
        assertThatThrownBy(() -> open(f.resolve("settings"), IniStore.WhenMissing.CREATE_ON_OPEN))
                .isInstanceOf(StoreException.class);
    }

    /** Read-only for normal users; root ignores modes, so there the directory is made immutable instead. */
    private static boolean makeUnwritable(Path d) throws Exception {
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("r-x------"));
        if (!Files.isWritable(d)) {
            return false;
        }
        int rc;
        try {
            rc = run("chattr", "+i", d.toString());
        } catch (java.io.IOException e) {
            rc = -1;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(rc == 0,
                "running as root and 'chattr +i' is unavailable: cannot make a directory unwritable");
        return true;
    }

    private static int run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    @Test
    void anotherWritersChangesAreMergedNotLost() throws Exception {
        Path f = dir.resolve("settings");
        IniStore a = open(f, IniStore.WhenMissing.CREATE_ON_SAVE);
        IniStore b = open(f, IniStore.WhenMissing.CREATE_ON_SAVE);
        a.document().set("A", "k", "a");
        b.document().set("B", "k", "b");
        assertThat(a.save()).isTrue();
        assertThat(b.save()).as("b had not seen a's file, which did not exist when b opened it").isTrue();
        IniStore c = open(f, IniStore.WhenMissing.CREATE_ON_SAVE);
        assertThat(c.document().get("A", "k")).contains("a");
        assertThat(c.document().get("B", "k")).contains("b");
        assertThat(b.document().get("A", "k")).as("b's document now shows the merged file").contains("a");
        c.document().set("A", "k", "c");
        a.document().set("A", "other", "1");
        c.save();
        a.save();
        IniStore d = open(f, IniStore.WhenMissing.CREATE_ON_SAVE);
        assertThat(d.document().entries("A")).containsEntry("k", "c").containsEntry("other", "1");
    }

    @Test
    void aFileDeletedSinceItWasReadIsWrittenAgainWhole() throws Exception {
        Path f = dir.resolve("settings");
        Files.writeString(f, "[p]\nkeep=1\n");
        IniStore s = open(f, IniStore.WhenMissing.CREATE_ON_SAVE);
        Files.delete(f);
        s.document().set("p", "new", "2");
        assertThat(s.save()).isTrue();
        assertThat(open(f, IniStore.WhenMissing.CREATE_ON_SAVE).document().entries("p"))
                .containsEntry("keep", "1").containsEntry("new", "2");
    }

    @Test
    void aFileBrokenByAnotherWriterIsNotOverwritten() throws Exception {
        Path f = dir.resolve("settings");
        IniStore s = open(f, IniStore.WhenMissing.CREATE_ON_OPEN);
        s.document().set("General", "flag", "0");
        Files.writeString(f, "broken\n");
        assertThatThrownBy(s::save).isInstanceOf(StoreException.class).hasMessageContaining("line 1");
        assertThat(Files.readString(f)).isEqualTo("broken\n");
    }

    // ---- the lock

    @Test
    void threadsWithTheirOwnStoresQueueOnTheLockAndLoseNothing() throws Exception {
        Path f = dir.resolve("sessions");
        int threads = 4;
        int each = 10;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String section = "t" + t;
                futures.add(pool.submit(() -> {
                    IniStore s = open(f, IniStore.WhenMissing.CREATE_ON_SAVE);
                    go.await();
                    for (int i = 0; i < each; i++) {
                        s.document().set(section, "k" + i, Integer.toString(i));
                        s.save();
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
        IniDocument all = open(f, IniStore.WhenMissing.CREATE_ON_SAVE).document();
        for (int t = 0; t < threads; t++) {
            assertThat(all.keys("t" + t)).hasSize(each);
        }
    }

    @Test
    void aSaveWaitsWhileAnotherProcessHoldsTheLock() throws Exception {
        Path f = dir.resolve("settings");
        Files.writeString(f, "[p]\nk=1\n");
        IniStore s = plain(f);
        s.document().set("p", "k", "2");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LockHolderMain.class.getName(), dir.resolve(".settings.lock").toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("locked");
            Future<Boolean> saving = pool.submit(s::save);
            assertThatThrownBy(() -> saving.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
            assertThat(Files.readString(f)).as("not written while the other process holds the lock")
                    .isEqualTo("[p]\nk=1\n");
            holder.getOutputStream().close();
            assertThat(saving.get(20, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(f)).isEqualTo("[p]\nk = 2\n\n");
        } finally {
            pool.shutdownNow();
            holder.destroy();
            assertThat(holder.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    // ---- symbolic links

    @Test
    void aSymlinkedFileIsWrittenThroughToItsTargetAndStaysALink() throws Exception {
        Path repo = Files.createDirectory(dir.resolve("dotfiles"));
        Path target = repo.resolve("sessions");
        Files.writeString(target, "[p]\nk=1\n");
        Path client = Files.createDirectory(dir.resolve(".x2goclient"));
        Path link = Files.createSymbolicLink(client.resolve("sessions"), Path.of("..", "dotfiles", "sessions"));
        IniStore s = plain(link);
        assertThat(s.document().get("p", "k")).contains("1");
        s.document().set("p", "k", "2");
        assertThat(s.save()).isTrue();
        assertThat(Files.isSymbolicLink(link)).as("the link is still a link").isTrue();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("..", "dotfiles", "sessions"));
        assertThat(Files.readString(target)).isEqualTo("[p]\nk = 2\n\n");
        assertThat(names(repo)).as("temporary file and lock next to the target").containsExactly(".sessions.lock",
                "sessions");
        assertThat(names(client)).containsExactly("sessions");
        s.document().set("p", "k", "3");
        s.save();
        assertThat(Files.readString(target)).as("later writes also reach the target").isEqualTo("[p]\nk = 3\n\n");
    }

    @Test
    void aChainOfLinksIsFollowedAndAllPathsShareOneLock() throws Exception {
        Path target = dir.resolve("real");
        Files.writeString(target, "[p]\nk=1\n");
        Path middle = Files.createSymbolicLink(dir.resolve("middle"), target);
        Path first = Files.createSymbolicLink(dir.resolve("first"), Path.of("middle"));
        IniStore viaLink = plain(first);
        IniStore direct = plain(target);
        viaLink.document().set("p", "a", "1");
        direct.document().set("p", "b", "2");
        viaLink.save();
        direct.save();
        assertThat(Files.isSymbolicLink(first)).isTrue();
        assertThat(Files.isSymbolicLink(middle)).isTrue();
        assertThat(plain(first).document().entries("p"))
                .containsEntry("a", "1").containsEntry("b", "2");
        assertThat(names(dir)).containsExactly(".real.lock", "first", "middle", "real");
        assertThat(((FileIniStore) viaLink).target()).isEqualTo(target);
    }

    @Test
    void aDanglingLinkReadsAsEmptyAndTheFirstSaveCreatesItsTarget() throws Exception {
        Path repo = dir.resolve("dotfiles");
        Path link = Files.createSymbolicLink(dir.resolve("sessions"), repo.resolve("sessions"));
        IniStore s = plain(link);
        assertThat(s.document().hasSection("p")).isFalse();
        assertThat(Files.exists(repo)).as("reading creates nothing").isFalse();
        s.document().set("p", "k", "1");
        s.save();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(repo.resolve("sessions"))).contains("[p]\nk = 1\n");
    }

    @Test
    void aLinkLoopIsReportedAndNothingIsWritten() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Files.createSymbolicLink(a, b);
        Files.createSymbolicLink(b, a);
        assertThatThrownBy(() -> open(a, IniStore.WhenMissing.CREATE_ON_SAVE)).isInstanceOf(StoreException.class)
                .hasMessageContaining(a.toString());
        assertThatThrownBy(() -> open(a, IniStore.WhenMissing.CREATE_ON_OPEN)).isInstanceOf(StoreException.class);
        assertThat(names(dir)).containsExactly("a", "b");
    }

    @Test
    void aChainLongerThanTheLimitIsRefusedOnWriteAndOneAtTheLimitIsFollowed() throws Exception {
        Path target = dir.resolve("real");
        Path p = target;
        for (int i = 0; i < FileIniStore.MAX_SYMLINKS; i++) {
            p = Files.createSymbolicLink(dir.resolve("l" + i), p.getFileName());
        }
        FileIniStore ok = (FileIniStore) open(p, IniStore.WhenMissing.CREATE_ON_SAVE);
        assertThat(ok.target()).isEqualTo(target);
        // opened while it was no link; one link too many by the time it is written
        Path extra = dir.resolve("extra");
        IniStore s = open(extra, IniStore.WhenMissing.CREATE_ON_SAVE);
        Files.createSymbolicLink(extra, p.getFileName());
        s.document().set("p", "k", "1");
        assertThatThrownBy(s::save).isInstanceOf(StoreException.class)
                .hasMessageContaining("more than " + FileIniStore.MAX_SYMLINKS + " symbolic links");
        assertThat(Files.exists(target)).isFalse();
        assertThat(names(dir)).noneMatch(n -> n.endsWith(".lock") || n.endsWith(".tmp"));
    }
}
