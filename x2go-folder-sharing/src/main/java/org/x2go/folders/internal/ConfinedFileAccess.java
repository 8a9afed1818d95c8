package org.x2go.folders.internal;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.security.Principal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpFileSystemAccessor;
import org.apache.sshd.sftp.server.SftpSubsystemProxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.x2go.api.SafeText;
import org.x2go.folders.SharedFolder;

/**
 * Keeps every SFTP request inside the shared folders.
 *
 * <p>Every path a request names goes through {@link #resolveLocalFilePath}: it must lie inside a shared folder
 * after normalisation, and its nearest existing ancestor (or itself) must still lie inside that folder once
 * symbolic links are resolved, so neither {@code ..} nor a link leads out. Changes to a read-only folder and
 * links pointing out of a folder are refused. The check and the use are not atomic: a local process that
 * swaps a directory for a link between them could still redirect one request; the remote side cannot, since
 * it cannot create such a link.
 */
public final class ConfinedFileAccess implements SftpFileSystemAccessor {
    private static final Logger LOG = LoggerFactory.getLogger(ConfinedFileAccess.class);
    private static final Set<OpenOption> WRITING = Set.of(StandardOpenOption.WRITE, StandardOpenOption.APPEND,
            StandardOpenOption.CREATE, StandardOpenOption.CREATE_NEW, StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.DELETE_ON_CLOSE);

    private final Supplier<List<SharedFolder>> shares;

    /** @param shares the folders served now (an immutable snapshot per call) */
    public ConfinedFileAccess(Supplier<List<SharedFolder>> shares) {
        this.shares = shares;
    }

    @Override
    public Path resolveLocalFilePath(SftpSubsystemProxy subsystem, Path rootDir, String remotePath) throws IOException {
        Path p = SftpFileSystemAccessor.super.resolveLocalFilePath(subsystem, rootDir, remotePath);
        shareOf(p);
        return p;
    }

    /**
     * @param p a path a request names
     * @return the shared folder holding it
     * @throws AccessDeniedException when no shared folder holds it
     */
    SharedFolder shareOf(Path p) throws IOException {
        Path abs = p.toAbsolutePath().normalize();
        SharedFolder best = null;
        for (SharedFolder s : shares.get()) {
            if (abs.startsWith(s.folder()) && (best == null || s.folder().getNameCount() > best.folder().getNameCount())) {
                best = s;
            }
        }
        if (best == null) {
            throw denied(abs, "not inside a shared folder");
        }
        Path existing = abs;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw denied(abs, "no existing ancestor");
        }
        Path real;
        try {
            real = existing.toRealPath();
        } catch (IOException e) {
            // a dangling link: whatever it names does not exist; refuse rather than guess where it leads
            throw denied(abs, "cannot resolve " + existing.getFileName());
        }
        if (!real.startsWith(best.realFolder())) {
            throw denied(abs, "resolves outside the shared folder");
        }
        return best;
    }

    private void requireWritable(Path p) throws IOException {
        if (shareOf(p).readOnly()) {
            throw denied(p, "the shared folder is read-only");
        }
    }

    private static AccessDeniedException denied(Path p, String why) {
        LOG.debug("folder sharing refused {}: {}", SafeText.excerpt(p.toString(), 200), why);
        return new AccessDeniedException(p.toString(), null, why);
    }

    @Override
    public SeekableByteChannel openFile(SftpSubsystemProxy subsystem, FileHandle fileHandle, Path file, String handle,
                                        Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
        if (options.stream().anyMatch(WRITING::contains)) {
            requireWritable(file);
        } else {
            shareOf(file);
        }
        return SftpFileSystemAccessor.super.openFile(subsystem, fileHandle, file, handle, options, attrs);
    }

    @Override
    public void createDirectory(SftpSubsystemProxy subsystem, Path path) throws IOException {
        requireWritable(path);
        SftpFileSystemAccessor.super.createDirectory(subsystem, path);
    }

    @Override
    public void removeFile(SftpSubsystemProxy subsystem, Path path, boolean isDirectory) throws IOException {
        requireWritable(path);
        SftpFileSystemAccessor.super.removeFile(subsystem, path, isDirectory);
    }

    @Override
    public void renameFile(SftpSubsystemProxy subsystem, Path oldPath, Path newPath, Collection<CopyOption> opts)
            throws IOException {
        requireWritable(oldPath);
        requireWritable(newPath);
        SftpFileSystemAccessor.super.renameFile(subsystem, oldPath, newPath, opts);
    }

    @Override
    public void copyFile(SftpSubsystemProxy subsystem, Path src, Path dst, Collection<CopyOption> opts)
            throws IOException {
        shareOf(src);
        requireWritable(dst);
        SftpFileSystemAccessor.super.copyFile(subsystem, src, dst, opts);
    }

    @Override
    public void createLink(SftpSubsystemProxy subsystem, Path link, Path existing, boolean symLink) throws IOException {
        SharedFolder share = shareOf(link);
        if (share.readOnly()) {
            throw denied(link, "the shared folder is read-only");
        }
        for (Path part : existing) {
            if (part.toString().equals("..")) {
                // lexical normalisation and the kernel disagree about ".." after a linked folder: refuse outright
                throw denied(link, "a link target may not contain '..'");
            }
        }
        // the link's target as the file system will read it: relative targets are relative to the link's folder
        Path parent = link.toAbsolutePath().normalize().getParent();
        Path target = existing.isAbsolute() ? existing : parent.resolve(existing);
        Path normal = target.normalize();
        if (!normal.startsWith(share.folder()) || !shareOf(normal).equals(share)) {
            throw denied(link, "a link may not point out of its shared folder");
        }
        SftpFileSystemAccessor.super.createLink(subsystem, link, existing, symLink);
    }

    @Override
    public void setFileAttribute(SftpSubsystemProxy subsystem, Path file, String view, String attribute, Object value,
                                 LinkOption... options) throws IOException {
        requireWritable(file);
        SftpFileSystemAccessor.super.setFileAttribute(subsystem, file, view, attribute, value, options);
    }

    @Override
    public void setFileOwner(SftpSubsystemProxy subsystem, Path file, Principal value, LinkOption... options)
            throws IOException {
        requireWritable(file);
        SftpFileSystemAccessor.super.setFileOwner(subsystem, file, value, options);
    }

    @Override
    public void setGroupOwner(SftpSubsystemProxy subsystem, Path file, Principal value, LinkOption... options)
            throws IOException {
        requireWritable(file);
        SftpFileSystemAccessor.super.setGroupOwner(subsystem, file, value, options);
    }

    @Override
    public void setFilePermissions(SftpSubsystemProxy subsystem, Path file, Set<PosixFilePermission> perms,
                                   LinkOption... options) throws IOException {
        requireWritable(file);
        SftpFileSystemAccessor.super.setFilePermissions(subsystem, file, perms, options);
    }

    @Override
    public void setFileAccessControl(SftpSubsystemProxy subsystem, Path file, List<AclEntry> acl,
                                     LinkOption... options) throws IOException {
        requireWritable(file);
        SftpFileSystemAccessor.super.setFileAccessControl(subsystem, file, acl, options);
    }

    @Override
    public Map<String, ?> readFileAttributes(SftpSubsystemProxy subsystem, Path file, String view,
                                             LinkOption... options) throws IOException {
        shareOf(file);
        return SftpFileSystemAccessor.super.readFileAttributes(subsystem, file, view, options);
    }
}
