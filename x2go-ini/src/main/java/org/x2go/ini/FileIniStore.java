package org.x2go.ini;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link IniStore} backed by a file; see {@link IniStore#save()} for the write protocol. The lock is the
 * file {@code .<name>.lock} next to the file (the file itself is replaced on every write, so it cannot carry
 * the lock), plus a per-path lock inside this JVM because {@link FileChannel#lock()} is per process.
 */
final class FileIniStore implements IniStore {
    private static final Logger LOG = LoggerFactory.getLogger(FileIniStore.class);
    /** Process-wide by nature: file locks are held per JVM, so threads of one JVM must queue here first. */
    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
    private static final long LOCK_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final Path file;
    private final Path lockFile;
    private final Consumer<IniDocument> normaliser;
    private final ErrorFactory errors;
    private IniDocument doc;
    /** The file content as last read or written by us; null when the file did not exist. */
    private byte[] lastBytes;

    /**
     * @param file       the ini file
     * @param normaliser fills defaults after each read
     * @param errors     the area's exception
     */
    public FileIniStore(Path file, Consumer<IniDocument> normaliser, ErrorFactory errors) {
        this.file = file.toAbsolutePath().normalize();
        this.lockFile = this.file.resolveSibling("." + this.file.getFileName() + ".lock");
        this.normaliser = normaliser;
        this.errors = errors;
        if (Files.exists(this.file)) {
            reload();
        } else {
            create();
        }
    }

    private void create() {
        try {
            createDirectories(file.getParent());
        } catch (IOException e) {
            throw errors.create("Cannot create directory " + file.getParent() + ": " + e, e);
        }
        locked(() -> {
            byte[] disk = readIfExists();
            if (disk != null) {
                // another process created it meanwhile
                doc = parse(disk);
                lastBytes = disk;
                return;
            }
            IniDocument d = new IniDocument();
            d.withoutJournal(() -> normaliser.accept(d));
            byte[] out = d.serialize().getBytes(StandardCharsets.UTF_8);
            write(out);
            doc = d;
            lastBytes = out;
            LOG.info("Created {}", file);
        });
    }

    private static void createDirectories(Path dir) throws IOException {
        if (dir == null || Files.isDirectory(dir)) {
            return;
        }
        createDirectories(dir.getParent());
        try {
            if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(dir);
            }
        } catch (java.nio.file.FileAlreadyExistsException e) {
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

    @Override
    public void reload() {
        byte[] bytes = readIfExists();
        if (bytes == null) {
            throw errors.create("Cannot read " + file + ": the file does not exist", null);
        }
        doc = parse(bytes);
        lastBytes = bytes;
    }

    @Override
    public boolean save() {
        if (!doc.isDirty()) {
            return false;
        }
        locked(() -> {
            byte[] disk = readIfExists();
            IniDocument target;
            if (disk == null || Arrays.equals(disk, lastBytes)) {
                target = doc;
            } else {
                // another writer changed the file since we read it: apply our changes on top of theirs
                target = parse(disk);
                doc.replayOnto(target);
                LOG.info("{} changed on disk since it was read; merged this process's changes into it", file);
            }
            byte[] out = target.serialize().getBytes(StandardCharsets.UTF_8);
            write(out);
            target.clearJournal();
            doc = target;
            lastBytes = out;
        });
        return true;
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
        d.withoutJournal(() -> normaliser.accept(d));
        return d;
    }

    private byte[] readIfExists() {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (AccessDeniedException e) {
            throw errors.create("Cannot read " + file + ": permission denied", e);
        } catch (IOException e) {
            throw errors.create("Cannot read " + file + ": " + e, e);
        }
    }

    private void write(byte[] out) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile(file.getParent(), "." + file.getFileName() + ".", ".tmp");
            copyPermissions(tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(out);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
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

    private void copyPermissions(Path tmp) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view != null && Files.exists(file)) {
            Set<PosixFilePermission> perms = view.readAttributes().permissions();
            Files.setPosixFilePermissions(tmp, perms);
        }
    }

    private void locked(Runnable action) {
        ReentrantLock jvm = JVM_LOCKS.computeIfAbsent(file, k -> new ReentrantLock());
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
        } catch (FileSystemException e) {
            throw errors.create("Cannot lock " + lockFile + ": " + e, e);
        } catch (IOException e) {
            throw errors.create("Cannot lock " + lockFile + ": " + e, e);
        } finally {
            jvm.unlock();
        }
    }
}
