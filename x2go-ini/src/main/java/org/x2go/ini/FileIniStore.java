package org.x2go.ini;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link IniStore} backed by a file; see {@link IniStore#save()} for the write protocol.
 *
 * <ul>
 *   <li>Reading never creates or changes anything: a missing file reads as the normalised empty document.
 *       Only a write creates the file, its mode-0700 directory and the lock file
 *       ({@link IniStore.WhenMissing#CREATE_ON_OPEN} writes once when the store is opened).</li>
 *   <li>When the file is a symbolic link (say into a dotfiles repository), writes go through to the end of
 *       the link chain (at most {@value #MAX_SYMLINKS} links): the temporary file is made in the target's
 *       directory and renamed over the target, so the link stays a link.</li>
 *   <li>The lock is the file {@code .<name>.lock} next to that target (the target is replaced on every write,
 *       so it cannot carry the lock; every path to one file takes the same lock), plus a per-target lock
 *       inside this JVM because {@link FileChannel#lock()} is per process.</li>
 *   <li>A file larger than {@value #MAX_FILE_BYTES} bytes is refused, not read into memory.</li>
 * </ul>
 */
final class FileIniStore implements IniStore {
    private static final Logger LOG = LoggerFactory.getLogger(FileIniStore.class);
    /** Process-wide by nature: file locks are held per JVM, so threads of one JVM must queue here first. */
    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
    private static final long LOCK_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** Symbolic links followed from the configured path before giving up (Linux's own limit). */
    static final int MAX_SYMLINKS = 40;
    /** The largest ini file read: x2goclient's files are a few kilobytes; this bounds a hostile one. */
    static final int MAX_FILE_BYTES = 16 * 1024 * 1024;

    private final Path file;
    private final Consumer<IniDocument> normaliser;
    private final ErrorFactory errors;
    private IniDocument doc;
    /** The file content as last read or written by us; null when the file did not exist. */
    private byte[] lastBytes;

    /**
     * @param file       the ini file
     * @param normaliser fills defaults after each read
     * @param errors     the area's exception
     * @param whenMissing whether a missing file is written at once or on the first save with changes
     */
    FileIniStore(Path file, Consumer<IniDocument> normaliser, ErrorFactory errors, WhenMissing whenMissing) {
        this.file = file.toAbsolutePath().normalize();
        this.normaliser = normaliser;
        this.errors = errors;
        reload();
        if (lastBytes == null && whenMissing == WhenMissing.CREATE_ON_OPEN) {
            create();
        }
    }

    /** Writes the normalised empty document, unless another process created the file meanwhile. */
    private void create() {
        Path target = target();
        createDirectories(target.getParent());
        locked(target, () -> {
            byte[] disk = readIfExists(target);
            if (disk != null) {
                doc = parse(disk);
                lastBytes = disk;
                return;
            }
            byte[] out = doc.serialize().getBytes(StandardCharsets.UTF_8);
            write(target, out);
            lastBytes = out;
            LOG.info("Created {}", file);
        });
    }

    private void createDirectories(Path dir) {
        try {
            createDirectoriesPrivately(dir);
        } catch (IOException e) {
            throw errors.create("Cannot create directory " + dir + ": " + e, e);
        }
    }

    private static void createDirectoriesPrivately(Path dir) throws IOException {
        if (dir == null || Files.isDirectory(dir)) {
            return;
        }
        createDirectoriesPrivately(dir.getParent());
        try {
            if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
    }

    @Override
    public IniDocument document() {
        return doc;
    }

    @Override
    public String source() {
        return file.toString();
    }

    /** {@inheritDoc} A missing file reads as the normalised empty document; nothing is created. */
    @Override
    public void reload() {
        byte[] bytes = readIfExists(file);
        if (bytes == null) {
            IniDocument d = new IniDocument();
            normalise(d);
            doc = d;
        } else {
            doc = parse(bytes);
        }
        lastBytes = bytes;
    }

    @Override
    public boolean save() {
        if (!doc.isDirty()) {
            return false;
        }
        Path target = target();
        createDirectories(target.getParent());
        locked(target, () -> {
            byte[] disk = readIfExists(target);
            IniDocument result;
            if (disk == null || Arrays.equals(disk, lastBytes)) {
                result = doc; // unchanged, or still (or again) missing: our document is the whole truth
            } else {
                // another writer changed (or created) the file since we read it: apply our changes on top of theirs
                result = parse(disk);
                doc.replayOnto(result);
                LOG.info("{} changed on disk since it was read; merged this process's changes into it", file);
            }
            byte[] out = result.serialize().getBytes(StandardCharsets.UTF_8);
            write(target, out);
            result.clearJournal();
            doc = result;
            lastBytes = out;
        });
        return true;
    }

    /**
     * @return the file that is really read and replaced: the end of the chain of symbolic links starting at
     *         the configured path (the path itself when it is not a link, or does not exist)
     */
    Path target() {
        Path p = file;
        for (int i = 0; i <= MAX_SYMLINKS; i++) {
            if (!Files.isSymbolicLink(p)) {
                return p;
            }
            Path link;
            try {
                link = Files.readSymbolicLink(p);
            } catch (IOException e) {
                throw errors.create("Cannot read the symbolic link " + p + ": " + e, e);
            }
            // relative to the link's directory; not normalised, since '..' after a linked directory differs
            p = p.getParent().resolve(link);
        }
        throw errors.create("Cannot write " + file + ": more than " + MAX_SYMLINKS
                + " symbolic links (a loop?); the file is unchanged", null);
    }

    private IniDocument parse(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw errors.create("Cannot read " + file + ": not UTF-8 text (" + e + ")", e);
        }
        IniDocument d;
        try {
            d = IniDocument.parse(text, file.toString());
        } catch (IniSyntaxException e) {
            throw errors.create(e.getMessage(), e);
        }
        normalise(d);
        return d;
    }

    private void normalise(IniDocument d) {
        try {
            d.withoutJournal(() -> normaliser.accept(d));
        } catch (IllegalArgumentException e) {
            // e.g. a value derived from the file's own text that cannot be stored again
            throw errors.create(file + ": " + e.getMessage(), e);
        }
    }

    /** @return the bytes, or null when the file (or the target of a dangling link) does not exist */
    private byte[] readIfExists(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw errors.create("Cannot read " + file + ": larger than " + MAX_FILE_BYTES
                        + " bytes, which is not an x2goclient ini file", null);
            }
            return bytes;
        } catch (NoSuchFileException e) {
            return null;
        } catch (AccessDeniedException e) {
            throw errors.create("Cannot read " + file + ": permission denied", e);
        } catch (IOException e) {
            throw errors.create("Cannot read " + file + ": " + e, e);
        }
    }

    private void write(Path target, byte[] out) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
            copyPermissions(target, tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(out);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
        } catch (IOException e) {
            throw errors.create("Cannot write " + file + " (the previous content is unchanged): " + e, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    LOG.warn("Cannot delete temporary file {}: {}", tmp, e.toString());
                }
            }
        }
    }

    private static void copyPermissions(Path target, Path tmp) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        if (view != null && Files.exists(target)) {
            Files.setPosixFilePermissions(tmp, view.readAttributes().permissions());
        }
    }

    private void locked(Path target, Runnable action) {
        Path lockFile = target.resolveSibling("." + target.getFileName() + ".lock");
        ReentrantLock jvm = JVM_LOCKS.computeIfAbsent(lockKey(target), k -> new ReentrantLock());
        long deadline = System.nanoTime() + LOCK_TIMEOUT_NANOS;
        try {
            if (!jvm.tryLock(LOCK_TIMEOUT_NANOS, TimeUnit.NANOSECONDS)) {
                throw errors.create("Timed out waiting for the lock on " + file, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw errors.create("Interrupted while waiting for the lock on " + file, e);
        }
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = ch.tryLock();
            while (lock == null) {
                if (System.nanoTime() - deadline > 0) {
                    throw errors.create("Timed out waiting for " + lockFile + " (held by another process)", null);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                lock = ch.tryLock();
            }
            try {
                action.run();
            } finally {
                lock.release();
            }
        } catch (IOException e) {
            throw errors.create("Cannot lock " + lockFile + ": " + e, e);
        } finally {
            jvm.unlock();
        }
    }

    /** One key per real file, whichever path (link, linked directory, '..') led to it. */
    private static Path lockKey(Path target) {
        try {
            return target.getParent().toRealPath().resolve(target.getFileName());
        } catch (IOException e) {
            return target.toAbsolutePath().normalize();
        }
    }
}
