package org.x2go.ini;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

import org.x2go.api.SafeText;

/**
 * The in-memory model of one ini file as x2goclient and python-x2go write it (spec §3).
 *
 * <ul>
 *   <li>Sections and keys keep their order and case; comment lines ({@code #}, {@code ;}) keep their place.</li>
 *   <li>Values are text, read literally: no {@code %} interpolation (Q-7), nothing evaluated (Q-8).</li>
 *   <li>{@link #serialize()} writes {@code [section]}, one {@code key = value} per entry and a blank line after
 *       each section (R-INI-8); values never set by the program are reproduced as read.</li>
 *   <li>Every mutation is journalled, so a save can re-apply this process's changes on top of a file another
 *       process changed meanwhile ({@link #replayOnto(IniDocument)}).</li>
 * </ul>
 * Not thread-safe: owners synchronise.
 */
public final class IniDocument {

    /** A line of a section: an entry or a comment. */
    private abstract static class Node {
    }

    private static final class Entry extends Node {
        final String key;
        String value;
        final int line;

        Entry(String key, String value, int line) {
            this.key = key;
            this.value = value;
            this.line = line;
        }
    }

    private static final class Comment extends Node {
        final String text;

        Comment(String text) {
            this.text = text;
        }
    }

    private static final class Section {
        final String name;
        final List<Node> nodes = new ArrayList<>();
        final Map<String, Entry> entries = new LinkedHashMap<>();

        Section(String name) {
            this.name = name;
        }
    }

    /** One journalled mutation. */
    private sealed interface Op permits SetOp, RemoveKeyOp, RemoveSectionOp, AddSectionOp {
    }

    /** {@code sectionExisted}: the section was there before this change (so it must not be re-created). */
    private record SetOp(String section, String key, String value, boolean sectionExisted) implements Op {
    }

    private record RemoveKeyOp(String section, String key) implements Op {
    }

    private record RemoveSectionOp(String section) implements Op {
    }

    private record AddSectionOp(String section) implements Op {
    }

    private final List<String> preamble = new ArrayList<>();
    private final Map<String, Section> sections = new LinkedHashMap<>();
    private final List<Op> journal = new ArrayList<>();
    private boolean journalling = true;

    /** Creates an empty document. */
    public IniDocument() {
    }

    /**
     * Parses ini text. Accepts {@code key=value} and {@code key: value} (split at the first {@code =} or
     * {@code :}), strips whitespace around keys and values, keeps {@code #}/{@code ;} comment lines, joins
     * indented continuation lines with a newline. Lines end at {@code \r\n}, {@code \n} or {@code \r}. The
     * work is linear in the length of the text.
     *
     * @param text   the file content
     * @param source the file name for messages
     * @return the document
     * @throws IniSyntaxException naming source, line and key for a line outside a section, a line without
     *                            {@code =}/{@code :}, an empty key, an empty section name or a duplicate
     *                            section or key; the offending text is quoted escaped and shortened
     */
    public static IniDocument parse(String text, String source) {
        IniDocument doc = new IniDocument();
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String[] lines = t.split("\r\n|\n|\r", -1);
        Section current = null;
        Entry last = null;
        // the value of 'last' being extended by continuation lines: one builder, not a new string per line
        StringBuilder continued = null;
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String raw = lines[i];
            String s = raw.strip();
            if (s.isEmpty()) {
                continue;
            }
            if (s.startsWith("#") || s.startsWith(";")) {
                if (current == null) {
                    doc.preamble.add(s);
                } else {
                    current.nodes.add(new Comment(s));
                }
                continue;
            }
            if (last != null && Character.isWhitespace(raw.charAt(0))) {
                if (continued == null) {
                    continued = new StringBuilder(last.value);
                }
                continued.append('\n').append(s);
                continue;
            }
            if (continued != null) {
                last.value = continued.toString();
                continued = null;
            }
            if (s.startsWith("[")) {
                if (!s.endsWith("]") || s.length() < 3) {
                    throw new IniSyntaxException(source, lineNo, null, "bad section header: " + SafeText.excerpt(s, 80));
                }
                String name = s.substring(1, s.length() - 1);
                if (doc.sections.containsKey(name)) {
                    throw new IniSyntaxException(source, lineNo, null,
                            "duplicate section [" + SafeText.excerpt(name, 80) + "]");
                }
                current = new Section(name);
                doc.sections.put(name, current);
                last = null;
                continue;
            }
            int eq = s.indexOf('=');
            int colon = s.indexOf(':');
            int cut = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
            if (cut < 0) {
                throw new IniSyntaxException(source, lineNo, null,
                        "neither 'key = value' nor a section: " + SafeText.excerpt(s, 80));
            }
            String key = s.substring(0, cut).strip();
            String value = s.substring(cut + 1).strip();
            if (key.isEmpty()) {
                throw new IniSyntaxException(source, lineNo, null, "empty key: " + SafeText.excerpt(s, 80));
            }
            if (current == null) {
                throw new IniSyntaxException(source, lineNo, SafeText.excerpt(key, 80), "key outside any [section]");
            }
            if (current.entries.containsKey(key)) {
                throw new IniSyntaxException(source, lineNo, SafeText.excerpt(key, 80),
                        "duplicate key in [" + SafeText.excerpt(current.name, 80) + "]");
            }
            last = new Entry(key, value, lineNo);
            current.entries.put(key, last);
            current.nodes.add(last);
        }
        if (continued != null) {
            last.value = continued.toString();
        }
        return doc;
    }

    /** @return a deep copy, journal included */
    public IniDocument copy() {
        IniDocument c = new IniDocument();
        c.preamble.addAll(preamble);
        for (Section s : sections.values()) {
            Section n = new Section(s.name);
            for (Node node : s.nodes) {
                if (node instanceof Entry e) {
                    Entry ne = new Entry(e.key, e.value, e.line);
                    n.nodes.add(ne);
                    n.entries.put(ne.key, ne);
                } else {
                    n.nodes.add(node);
                }
            }
            c.sections.put(n.name, n);
        }
        c.journal.addAll(journal);
        return c;
    }

    /** @return the section names, in order */
    public List<String> sections() {
        return List.copyOf(sections.keySet());
    }

    /**
     * @param section a section
     * @return whether it exists
     */
    public boolean hasSection(String section) {
        return sections.containsKey(section);
    }

    /**
     * @param section a section
     * @return its keys in order; empty for an unknown section
     */
    public List<String> keys(String section) {
        Section s = sections.get(section);
        return s == null ? List.of() : List.copyOf(s.entries.keySet());
    }

    /**
     * @param section a section
     * @return key → value in order; empty for an unknown section
     */
    public Map<String, String> entries(String section) {
        Section s = sections.get(section);
        Map<String, String> m = new LinkedHashMap<>();
        if (s != null) {
            s.entries.forEach((k, e) -> m.put(k, e.value));
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * @param section a section
     * @param key     a key
     * @return the stored text
     */
    public Optional<String> get(String section, String key) {
        Section s = sections.get(section);
        Entry e = s == null ? null : s.entries.get(key);
        return e == null ? Optional.empty() : Optional.of(e.value);
    }

    /**
     * @param section a section
     * @param key     a key
     * @return the 1-based line it was read from; empty when it was not read from a file
     */
    public OptionalInt line(String section, String key) {
        Section s = sections.get(section);
        Entry e = s == null ? null : s.entries.get(key);
        return e == null || e.line <= 0 ? OptionalInt.empty() : OptionalInt.of(e.line);
    }

    /**
     * Adds an empty section at the end, if missing.
     *
     * @param section the name
     * @throws IllegalArgumentException naming the section when a new section's name cannot be stored (see
     *                                  {@link #requireStorable(String, String, String)}); nothing is changed
     */
    public void addSection(String section) {
        Objects.requireNonNull(section, "section");
        if (!sections.containsKey(section)) {
            requireSectionName(section);
            sections.put(section, new Section(section));
            record(new AddSectionOp(section));
        }
    }

    /**
     * Sets a value: replaces it in place, or appends the key to its section (creating the section at the end).
     *
     * @param section a section
     * @param key     a key
     * @param value   the text
     * @throws IllegalArgumentException naming the section and key when {@link #requireStorable} refuses them;
     *                                  nothing is changed then
     */
    public void set(String section, String key, String value) {
        requireStorable(section, key, value);
        apply(section, key, value);
    }

    /** {@link #set} after its checks (a replayed change was checked when it was made). */
    private void apply(String section, String key, String value) {
        Section s = sections.get(section);
        boolean existed = s != null;
        if (s == null) {
            s = new Section(section);
            sections.put(section, s);
        }
        Entry e = s.entries.get(key);
        if (e == null) {
            e = new Entry(key, value, 0);
            s.entries.put(key, e);
            s.nodes.add(e);
        } else if (e.value.equals(value)) {
            return;
        } else {
            e.value = value;
        }
        record(new SetOp(section, key, value, existed));
    }

    /**
     * Checks, without changing anything, that {@link #set(String, String, String)} can store this value so that
     * {@link #parse} of {@link #serialize()} gives back exactly the same section, key and value, and that no
     * other ini reader (x2goclient's QSettings, python's ConfigParser) sees another structure in it. The rules:
     * <ul>
     *   <li>a value has no control character (C0 including tab, CR and LF, DEL, C1), no unpaired surrogate,
     *       and no leading or trailing whitespace (the parser strips it);</li>
     *   <li>a new key is not empty, has none of the above, no {@code =} or {@code :}, and does not start with
     *       {@code [}, {@code #} or {@code ;};</li>
     *   <li>a new section name is not empty, has none of the above and no {@code [} or {@code ]}.</li>
     * </ul>
     * Sections and keys that already exist (read from the file) are accepted as they are: they were parsed,
     * so they serialise back to themselves.
     *
     * @param section a section
     * @param key     a key
     * @param value   the text
     * @throws IllegalArgumentException naming the section and key (escaped) and the offending character
     */
    public void requireStorable(String section, String key, String value) {
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Section s = sections.get(section);
        if (s == null) {
            requireSectionName(section);
        }
        if (s == null || !s.entries.containsKey(key)) {
            String why = key.isEmpty() ? "it is empty" : unstorable(key);
            if (why == null && (key.indexOf('=') >= 0 || key.indexOf(':') >= 0)) {
                why = "it contains '=' or ':'";
            } else if (why == null && (key.startsWith("[") || key.startsWith("#") || key.startsWith(";"))) {
                why = "it starts with '[', '#' or ';'";
            }
            if (why != null) {
                throw new IllegalArgumentException("Key '" + SafeText.excerpt(key, 80) + "' in ["
                        + SafeText.excerpt(section, 80) + "] cannot be stored in an ini file: " + why);
            }
        }
        String why = unstorable(value);
        if (why != null) {
            throw new IllegalArgumentException("Value of key '" + SafeText.excerpt(key, 80) + "' in ["
                    + SafeText.excerpt(section, 80) + "] cannot be stored in an ini file: " + why);
        }
    }

    private static void requireSectionName(String section) {
        String why = section.isEmpty() ? "it is empty" : unstorable(section);
        if (why == null && (section.indexOf('[') >= 0 || section.indexOf(']') >= 0)) {
            why = "it contains '[' or ']'";
        }
        if (why != null) {
            throw new IllegalArgumentException("Section name [" + SafeText.excerpt(section, 80)
                    + "] cannot be stored in an ini file: " + why);
        }
    }

    /**
     * @return why the text cannot be one line of an ini file and come back unchanged, or null when it can
     */
    private static String unstorable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.getType(c) == Character.CONTROL) {
                return String.format("it contains the control character U+%04X at index %d", (int) c, i);
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++; // a pair: one supplementary character
            } else if (Character.isSurrogate(c)) {
                // UTF-8 cannot encode it: it would be written as '?'
                return String.format("it contains the unpaired surrogate U+%04X at index %d", (int) c, i);
            }
        }
        if (!text.equals(text.strip())) {
            return "it starts or ends with whitespace, which a reader strips";
        }
        return null;
    }

    /**
     * @param section a section
     * @param key     a key
     * @return whether the key existed
     */
    public boolean remove(String section, String key) {
        Section s = sections.get(section);
        Entry e = s == null ? null : s.entries.remove(key);
        if (e == null) {
            return false;
        }
        s.nodes.remove(e);
        record(new RemoveKeyOp(section, key));
        return true;
    }

    /**
     * @param section a section
     * @return whether it existed
     */
    public boolean removeSection(String section) {
        if (sections.remove(section) == null) {
            return false;
        }
        record(new RemoveSectionOp(section));
        return true;
    }

    /** @return whether there are changes not yet saved */
    public boolean isDirty() {
        return !journal.isEmpty();
    }

    /** Forgets the pending changes (after a save). */
    public void clearJournal() {
        journal.clear();
    }

    /**
     * Runs changes that are not journalled: filling defaults after a load, which must not by itself
     * cause a write (R-INI-1).
     *
     * @param change the change
     */
    public void withoutJournal(Runnable change) {
        boolean was = journalling;
        journalling = false;
        try {
            change.run();
        } finally {
            journalling = was;
        }
    }

    /**
     * Applies this document's pending changes to another document (the file as another process left it).
     * A change to a section that existed when it was made, but that the other writer has deleted since,
     * is dropped.
     *
     * @param target the document to change
     */
    public void replayOnto(IniDocument target) {
        for (Op op : journal) {
            if (op instanceof SetOp s) {
                if (s.sectionExisted() && !target.hasSection(s.section())) {
                    continue; // another writer deleted the section: do not resurrect a fragment of it
                }
                // checked when it was made; a key read from our file may be missing from theirs
                target.apply(s.section(), s.key(), s.value());
            } else if (op instanceof RemoveKeyOp r) {
                target.remove(r.section(), r.key());
            } else if (op instanceof RemoveSectionOp r) {
                target.removeSection(r.section());
            } else if (op instanceof AddSectionOp a) {
                target.addSection(a.section());
            }
        }
    }

    /** @return the file text (R-INI-8): {@code [section]}, {@code key = value} lines, a blank line after each section */
    public String serialize() {
        StringBuilder b = new StringBuilder();
        for (String c : preamble) {
            b.append(c).append('\n');
        }
        if (!preamble.isEmpty()) {
            b.append('\n');
        }
        for (Section s : sections.values()) {
            b.append('[').append(s.name).append("]\n");
            for (Node n : s.nodes) {
                if (n instanceof Entry e) {
                    b.append(e.key).append(" = ").append(e.value.replace("\n", "\n\t")).append('\n');
                } else {
                    b.append(((Comment) n).text).append('\n');
                }
            }
            b.append('\n');
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return serialize();
    }

    private void record(Op op) {
        if (journalling) {
            journal.add(op);
        }
    }
}
