package org.x2go.ini;

import java.util.Optional;

/**
 * An ini file cannot be parsed. Names the file, the line (1-based) and, where known, the key. Areas wrap it
 * in their own exception ({@link org.x2go.api.X2GoClientSettingsException}, ...).
 */
public class IniSyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String key;

    /**
     * @param source the file (or other source) name
     * @param line   1-based line number
     * @param key    the key, or null
     * @param reason what is wrong
     */
    public IniSyntaxException(String source, int line, String key, String reason) {
        super(source + " line " + line + (key == null ? "" : " key '" + key + "'") + ": " + reason);
        this.source = source;
        this.line = line;
        this.key = key;
    }

    /** @return the file name */
    public String source() {
        return source;
    }

    /** @return the 1-based line number */
    public int line() {
        return line;
    }

    /** @return the key, when the error concerns one */
    public Optional<String> key() {
        return Optional.ofNullable(key);
    }
}
