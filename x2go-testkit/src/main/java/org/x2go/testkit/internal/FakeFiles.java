package org.x2go.testkit.internal;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The fake server's file system: a real temporary directory standing for {@code /}. Every path a
 * client names is mapped below it and can never escape it.
 *
 * @param root the directory standing for {@code /}
 */
public record FakeFiles(Path root) {

    /**
     * @param path a remote path, absolute or relative to {@code home}; {@code ~} expands to home
     * @param home the remote home directory
     * @return the local file standing for it
     */
    public Path resolve(String path, String home) {
        String p = path;
        if (p.equals("~") || p.startsWith("~/")) {
            p = home + p.substring(1);
        }
        if (!p.startsWith("/")) {
            p = home + "/" + p;
        }
        Path local = root.resolve(p.substring(1)).normalize();
        if (!local.startsWith(root)) {
            // ../ beyond the fake root stays at the root, as on a real /
            return root;
        }
        return local;
    }

    /**
     * Deletes a file or directory tree; a missing file is fine.
     *
     * @param p the local path
     * @throws IOException when deletion fails
     */
    public void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        Files.walkFileTree(p, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
