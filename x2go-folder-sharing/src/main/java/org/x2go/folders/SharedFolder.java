package org.x2go.folders;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A folder that a {@link FolderShareServer} serves.
 *
 * @param folder     the local folder, absolute and normalised, as the server's {@code sshfs} asks for it
 * @param realFolder the folder with every symbolic link resolved: nothing outside it is ever served
 * @param readOnly   whether every request that would change the folder is refused
 */
public record SharedFolder(Path folder, Path realFolder, boolean readOnly) {

    /** Checks the paths. */
    public SharedFolder {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(realFolder, "realFolder");
        if (!folder.isAbsolute() || !realFolder.isAbsolute()) {
            throw new IllegalArgumentException("shared folder paths must be absolute: " + folder + ", " + realFolder);
        }
    }

    /** @return the path the server's {@code x2gomountdirs} is given: the folder as a string */
    public String servedPath() {
        return folder.toString();
    }
}
