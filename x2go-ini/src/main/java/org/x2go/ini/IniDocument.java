package org.x2go.ini;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

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
     * indented continuation lines with a newline.
     *
     * @param text   the file content
     * @param source the file name for messages
     * @return the document
     * @throws IniSyntaxException naming source, line and key for a line outside a section, a line without
     *                            {@code =}/{@code :}, an empty key, an empty section name or a duplicate
     *                            section or key
     */
    public static IniDocument parse(String text, String source) {
        IniDocument doc = new IniDocument();
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String[] lines = t.split("\r\n|\n|\r", -1);
        Section current = null;
        Entry last = null;
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
                last.value = last.value + "\n" + s;
                continue;
            }
            if (s.startsWith("[")) {
                if (!s.endsWith("]") || s.length() < 3) {
                    throw new IniSyntaxException(source, lineNo, null, "bad section header: " + s);
                }
                String name = s.substring(1, s.length() - 1);
                if (doc.sections.containsKey(name)) {
                    throw new IniSyntaxException(source, lineNo, null, "duplicate section [" + name + "]");
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
                throw new IniSyntaxException(source, lineNo, null, "neither 'key = value' nor a section: " + s);
            }
            String key = s.substring(0, cut).strip();
            String value = s.substring(cut + 1).strip();
            if (key.isEmpty()) {
                throw new IniSyntaxException(source, lineNo, null, "empty key: " + s);
            }
            if (current == null) {
                throw new IniSyntaxException(source, lineNo, key, "key outside any [section]");
            }
            if (current.entries.containsKey(key)) {
                throw new IniSyntaxException(source, lineNo, key, "duplicate key in [" + current.name + "]");
            }
            last = new Entry(key, value, lineNo);
            current.entries.put(key, last);
            current.nodes.add(last);
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
     */
    public void addSection(String section) {
        requireName(section);
        if (!sections.containsKey(section)) {
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
     */
    public void set(String section, String key, String value) {
        requireName(section);
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (key.isBlank() || key.contains("=") || key.contains(":") || key.contains("\n") || key.startsWith("[")
                || key.startsWith("#") || key.startsWith(";") || !key.equals(key.strip())) {
            throw new IllegalArgumentException("Key cannot be stored in an ini file: '" + key + "'");
        }
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
                target.set(s.section(), s.key(), s.value());
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

    private static void requireName(String section) {
        Objects.requireNonNull(section, "section");
        if (section.isEmpty() || section.contains("\n") || section.contains("\r")) {
            throw new IllegalArgumentException("Section name cannot be stored in an ini file: '" + section + "'");
        }
    }
}
