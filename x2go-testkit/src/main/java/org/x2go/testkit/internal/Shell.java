package org.x2go.testkit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parser for the small subset of POSIX {@code sh} that X2Go clients send: simple commands with
 * single/double quotes, backslash escapes, {@code $VAR}/{@code ${VAR}} expansion, variable
 * assignments, {@code ;}, {@code &}, {@code &&}, {@code ||}, {@code |}, {@code { ...; }} groups and
 * redirections ({@code >}, {@code >>}, {@code <}, {@code 2>&1}, {@code >&2}). Not a general shell:
 * command substitution, globbing, here-documents, functions and control flow are rejected with
 * {@link ShellSyntaxException}.
 */
public final class Shell {

    private Shell() {
    }

    /** One piece of a word: literal text, or a variable whose value is substituted at run time. */
    public sealed interface Segment permits Literal, Var {
    }

    /** @param text literal characters */
    public record Literal(String text) implements Segment {
    }

    /** @param name the variable name */
    public record Var(String name) implements Segment {
    }

    /**
     * One shell word before expansion.
     *
     * @param segments its pieces
     */
    public record Word(List<Segment> segments) {
        /** Copies the segments. */
        public Word {
            segments = List.copyOf(segments);
        }

        /**
         * @param env variables
         * @return the expanded text (unset variables expand to nothing)
         */
        public String expand(Map<String, String> env) {
            StringBuilder b = new StringBuilder();
            for (Segment s : segments) {
                if (s instanceof Literal l) {
                    b.append(l.text());
                } else if (s instanceof Var v) {
                    b.append(env.getOrDefault(v.name(), ""));
                }
            }
            return b.toString();
        }

        /** @return the word's literal text when it has no variables, else null */
        public String literalOrNull() {
            StringBuilder b = new StringBuilder();
            for (Segment s : segments) {
                if (s instanceof Literal l) {
                    b.append(l.text());
                } else {
                    return null;
                }
            }
            return b.toString();
        }
    }

    /** Where a redirection sends a file descriptor. */
    public enum RedirKind {
        /** {@code > file} */
        WRITE,
        /** {@code >> file} */
        APPEND,
        /** {@code < file} */
        READ,
        /** {@code n>&m} */
        DUP
    }

    /**
     * @param fd     the redirected descriptor
     * @param kind   the operator
     * @param target the file name, or the descriptor number for {@link RedirKind#DUP}
     */
    public record Redirect(int fd, RedirKind kind, Word target) {
    }

    /** A parsed command tree. */
    public sealed interface Node permits Simple, Group, Pipeline, AndOr, Sequence {
    }

    /**
     * @param assignments {@code NAME=value} prefixes
     * @param words       command name and arguments
     * @param redirects   redirections in order
     */
    public record Simple(List<Map.Entry<String, Word>> assignments, List<Word> words, List<Redirect> redirects)
            implements Node {
        /** Copies the lists. */
        public Simple {
            assignments = List.copyOf(assignments);
            words = List.copyOf(words);
            redirects = List.copyOf(redirects);
        }
    }

    /**
     * @param body      the {@code { ... }} body
     * @param redirects redirections applied to the whole group
     */
    public record Group(Node body, List<Redirect> redirects) implements Node {
        /** Copies the list. */
        public Group {
            redirects = List.copyOf(redirects);
        }
    }

    /** @param commands commands joined by {@code |} */
    public record Pipeline(List<Node> commands) implements Node {
        /** Copies the list. */
        public Pipeline {
            commands = List.copyOf(commands);
        }
    }

    /**
     * @param left  first command
     * @param and   true for {@code &&}, false for {@code ||}
     * @param right second command
     */
    public record AndOr(Node left, boolean and, Node right) implements Node {
    }

    /**
     * @param items      commands separated by {@code ;}, {@code &} or newlines
     * @param background per item: whether it was terminated by {@code &}
     */
    public record Sequence(List<Node> items, List<Boolean> background) implements Node {
        /** Copies the lists. */
        public Sequence {
            items = List.copyOf(items);
            background = List.copyOf(background);
        }
    }

    // ---------------------------------------------------------------- tokenizer

    private enum Kind { WORD, OP, REDIR }

    private record Token(Kind kind, String op, Word word, int fd) {
        boolean isOp(String o) {
            return kind == Kind.OP && op.equals(o);
        }

        boolean isWord(String w) {
            return kind == Kind.WORD && w.equals(word.literalOrNull());
        }
    }

    /**
     * Splits a command line into plain argument strings (no operators allowed), expanding nothing.
     *
     * @param line the line
     * @return its words, quotes removed
     * @throws ShellSyntaxException when the line has operators, variables or unbalanced quotes
     */
    public static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        for (Token t : tokenize(line)) {
            if (t.kind() != Kind.WORD || t.word().literalOrNull() == null) {
                throw new ShellSyntaxException("not a plain word list: " + line);
            }
            out.add(t.word().literalOrNull());
        }
        return out;
    }

    /**
     * Quotes one argument so that {@code sh} reads it back unchanged.
     *
     * @param arg any text
     * @return the argument in single quotes when it needs quoting
     */
    public static String quote(String arg) {
        if (!arg.isEmpty() && arg.matches("[A-Za-z0-9_@%+=:,./-]+")) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    private static List<Token> tokenize(String s) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r') {
                i++;
                continue;
            }
            if (c == '#') {
                while (i < n && s.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '\n') {
                tokens.add(new Token(Kind.OP, ";", null, -1));
                i++;
                continue;
            }
            if (c == ';') {
                if (i + 1 < n && s.charAt(i + 1) == ';') {
                    throw new ShellSyntaxException("unsupported ';;' at offset " + i + " in: " + s);
                }
                tokens.add(new Token(Kind.OP, ";", null, -1));
                i++;
                continue;
            }
            if (c == '&') {
                if (i + 1 < n && s.charAt(i + 1) == '&') {
                    tokens.add(new Token(Kind.OP, "&&", null, -1));
                    i += 2;
                } else if (i + 1 < n && s.charAt(i + 1) == '>') {
                    // &> file: stdout and stderr to file (bash)
                    tokens.add(new Token(Kind.REDIR, "&>", null, 1));
                    i += 2;
                } else {
                    tokens.add(new Token(Kind.OP, "&", null, -1));
                    i++;
                }
                continue;
            }
            if (c == '|') {
                if (i + 1 < n && s.charAt(i + 1) == '|') {
                    tokens.add(new Token(Kind.OP, "||", null, -1));
                    i += 2;
                } else {
                    tokens.add(new Token(Kind.OP, "|", null, -1));
                    i++;
                }
                continue;
            }
            if (c == '(' || c == ')') {
                throw new ShellSyntaxException("unsupported subshell '" + c + "' at offset " + i + " in: " + s);
            }
            if (c == '>' || c == '<') {
                i = redirect(s, i, -1, tokens);
                continue;
            }
            if (Character.isDigit(c)) {
                int j = i;
                while (j < n && Character.isDigit(s.charAt(j))) {
                    j++;
                }
                if (j < n && (s.charAt(j) == '>' || s.charAt(j) == '<')) {
                    i = redirect(s, j, Integer.parseInt(s.substring(i, j)), tokens);
                    continue;
                }
            }
            int[] end = new int[1];
            Word w = word(s, i, end);
            tokens.add(new Token(Kind.WORD, null, w, -1));
            i = end[0];
        }
        return tokens;
    }

    private static int redirect(String s, int i, int fd, List<Token> tokens) {
        char c = s.charAt(i);
        int n = s.length();
        String op;
        if (c == '>') {
            if (i + 1 < n && s.charAt(i + 1) == '>') {
                op = ">>";
            } else if (i + 1 < n && s.charAt(i + 1) == '&') {
                op = ">&";
            } else if (i + 1 < n && s.charAt(i + 1) == '|') {
                op = ">|";
            } else {
                op = ">";
            }
        } else {
            if (i + 1 < n && s.charAt(i + 1) == '<') {
                throw new ShellSyntaxException("unsupported here-document at offset " + i + " in: " + s);
            }
            op = i + 1 < n && s.charAt(i + 1) == '&' ? "<&" : "<";
        }
        int defaultFd = c == '>' ? 1 : 0;
        tokens.add(new Token(Kind.REDIR, op.equals(">|") ? ">" : op, null, fd < 0 ? defaultFd : fd));
        return i + op.length();
    }

    private static boolean isWordEnd(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';' || c == '&' || c == '|' || c == '<'
                || c == '>' || c == '(' || c == ')';
    }

    private static Word word(String s, int start, int[] end) {
        List<Segment> segs = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int i = start;
        int n = s.length();
        while (i < n && !isWordEnd(s.charAt(i))) {
            char c = s.charAt(i);
            switch (c) {
                case '\'' -> {
                    int close = s.indexOf('\'', i + 1);
                    if (close < 0) {
                        throw new ShellSyntaxException("unterminated single quote at offset " + i + " in: " + s);
                    }
                    lit.append(s, i + 1, close);
                    i = close + 1;
                }
                case '"' -> {
                    i++;
                    boolean closed = false;
                    while (i < n) {
                        char d = s.charAt(i);
                        if (d == '"') {
                            closed = true;
                            i++;
                            break;
                        }
                        if (d == '\\' && i + 1 < n && "\"\\$`\n".indexOf(s.charAt(i + 1)) >= 0) {
                            if (s.charAt(i + 1) != '\n') {
                                lit.append(s.charAt(i + 1));
                            }
                            i += 2;
                        } else if (d == '$') {
                            i = variable(s, i, segs, lit);
                        } else if (d == '`') {
                            throw new ShellSyntaxException("unsupported command substitution at offset " + i + " in: " + s);
                        } else {
                            lit.append(d);
                            i++;
                        }
                    }
                    if (!closed) {
                        throw new ShellSyntaxException("unterminated double quote in: " + s);
                    }
                }
                case '\\' -> {
                    if (i + 1 < n) {
                        if (s.charAt(i + 1) != '\n') {
                            lit.append(s.charAt(i + 1));
                        }
                        i += 2;
                    } else {
                        i++;
                    }
                }
                case '$' -> i = variable(s, i, segs, lit);
                case '`' -> throw new ShellSyntaxException("unsupported command substitution at offset " + i + " in: " + s);
                case '*', '?', '[' -> {
                    // a glob character: the fake has no file listing to match against; kept literally,
                    // which is what sh does when nothing matches
                    lit.append(c);
                    i++;
                }
                default -> {
                    lit.append(c);
                    i++;
                }
            }
        }
        if (lit.length() > 0 || segs.isEmpty()) {
            segs.add(new Literal(lit.toString()));
        }
        end[0] = i;
        return new Word(segs);
    }

    private static int variable(String s, int i, List<Segment> segs, StringBuilder lit) {
        int n = s.length();
        int j = i + 1;
        String name;
        if (j < n && s.charAt(j) == '{') {
            int close = s.indexOf('}', j);
            if (close < 0) {
                throw new ShellSyntaxException("unterminated ${ at offset " + i + " in: " + s);
            }
            name = s.substring(j + 1, close);
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new ShellSyntaxException("unsupported parameter expansion ${" + name + "} in: " + s);
            }
            j = close + 1;
        } else if (j < n && s.charAt(j) == '(') {
            throw new ShellSyntaxException("unsupported command substitution at offset " + i + " in: " + s);
        } else if (j < n && (Character.isLetter(s.charAt(j)) || s.charAt(j) == '_')) {
            int k = j;
            while (k < n && (Character.isLetterOrDigit(s.charAt(k)) || s.charAt(k) == '_')) {
                k++;
            }
            name = s.substring(j, k);
            j = k;
        } else if (j < n && "?$!#0123456789".indexOf(s.charAt(j)) >= 0) {
            name = String.valueOf(s.charAt(j));
            j++;
        } else {
            lit.append('$');
            return i + 1;
        }
        if (lit.length() > 0) {
            segs.add(new Literal(lit.toString()));
            lit.setLength(0);
        }
        segs.add(new Var(name));
        return j;
    }

    // ---------------------------------------------------------------- parser

    /**
     * Parses a command line.
     *
     * @param line the line as {@code sh -c} receives it
     * @return its command tree (an empty {@link Sequence} for a blank line)
     * @throws ShellSyntaxException naming the unsupported or malformed part
     */
    public static Node parse(String line) {
        Parser p = new Parser(tokenize(line), line);
        Node n = p.list(false);
        if (p.pos < p.tokens.size()) {
            throw new ShellSyntaxException("unexpected '" + p.describe(p.tokens.get(p.pos)) + "' in: " + line);
        }
        return n;
    }

    private static final class Parser {
        final List<Token> tokens;
        final String line;
        int pos;

        Parser(List<Token> tokens, String line) {
            this.tokens = tokens;
            this.line = line;
        }

        String describe(Token t) {
            return t.kind() == Kind.WORD ? String.valueOf(t.word().literalOrNull()) : t.op();
        }

        Token peek() {
            return pos < tokens.size() ? tokens.get(pos) : null;
        }

        Node list(boolean inGroup) {
            List<Node> items = new ArrayList<>();
            List<Boolean> bg = new ArrayList<>();
            while (true) {
                Token t = peek();
                while (t != null && t.isOp(";")) {
                    pos++;
                    t = peek();
                }
                if (t == null || (inGroup && t.isWord("}"))) {
                    break;
                }
                items.add(andOr());
                t = peek();
                if (t != null && t.isOp("&")) {
                    bg.add(true);
                    pos++;
                } else {
                    bg.add(false);
                    if (t != null && t.isOp(";")) {
                        pos++;
                    } else if (t != null && !(inGroup && t.isWord("}"))) {
                        throw new ShellSyntaxException("unexpected '" + describe(t) + "' in: " + line);
                    }
                }
            }
            return new Sequence(items, bg);
        }

        Node andOr() {
            Node left = pipeline();
            while (true) {
                Token t = peek();
                if (t != null && (t.isOp("&&") || t.isOp("||"))) {
                    pos++;
                    skipNewlines();
                    left = new AndOr(left, t.isOp("&&"), pipeline());
                } else {
                    return left;
                }
            }
        }

        void skipNewlines() {
            // a line break after && or | continues the command; the tokenizer made it a ';'
            while (peek() != null && peek().isOp(";")) {
                pos++;
            }
        }

        Node pipeline() {
            List<Node> cmds = new ArrayList<>();
            cmds.add(command());
            while (peek() != null && peek().isOp("|")) {
                pos++;
                skipNewlines();
                cmds.add(command());
            }
            return cmds.size() == 1 ? cmds.get(0) : new Pipeline(cmds);
        }

        Node command() {
            Token t = peek();
            if (t == null) {
                throw new ShellSyntaxException("missing command at end of: " + line);
            }
            if (t.isWord("{")) {
                pos++;
                Node body = list(true);
                if (peek() == null || !peek().isWord("}")) {
                    throw new ShellSyntaxException("missing '}' in: " + line);
                }
                pos++;
                List<Redirect> redirs = new ArrayList<>();
                while (peek() != null && peek().kind() == Kind.REDIR) {
                    redirs.add(redirect());
                }
                return new Group(body, redirs);
            }
            if (t.kind() == Kind.WORD) {
                String w = t.word().literalOrNull();
                if (w != null && List.of("if", "then", "else", "fi", "for", "while", "until", "do", "done", "case",
                        "esac", "function").contains(w)) {
                    throw new ShellSyntaxException("unsupported shell keyword '" + w + "' in: " + line);
                }
            }
            List<Map.Entry<String, Word>> assigns = new ArrayList<>();
            List<Word> words = new ArrayList<>();
            List<Redirect> redirs = new ArrayList<>();
            while ((t = peek()) != null && t.kind() != Kind.OP) {
                if (t.kind() == Kind.REDIR) {
                    redirs.add(redirect());
                    continue;
                }
                pos++;
                if (words.isEmpty()) {
                    Map.Entry<String, Word> a = assignment(t.word());
                    if (a != null) {
                        assigns.add(a);
                        continue;
                    }
                }
                words.add(t.word());
            }
            if (assigns.isEmpty() && words.isEmpty() && redirs.isEmpty()) {
                throw new ShellSyntaxException("missing command before '" + describe(t) + "' in: " + line);
            }
            return new Simple(assigns, words, redirs);
        }

        Redirect redirect() {
            Token r = tokens.get(pos++);
            Token target = peek();
            if (target == null || target.kind() != Kind.WORD) {
                throw new ShellSyntaxException("missing target of '" + r.op() + "' in: " + line);
            }
            pos++;
            return switch (r.op()) {
                case ">" -> new Redirect(r.fd(), RedirKind.WRITE, target.word());
                case ">>" -> new Redirect(r.fd(), RedirKind.APPEND, target.word());
                case "<" -> new Redirect(r.fd(), RedirKind.READ, target.word());
                case "&>" -> new Redirect(-1, RedirKind.WRITE, target.word());
                default -> new Redirect(r.fd(), RedirKind.DUP, target.word());
            };
        }

        /** A word like {@code NAME=value} whose name part is unquoted literal text. */
        Map.Entry<String, Word> assignment(Word w) {
            if (w.segments().isEmpty() || !(w.segments().get(0) instanceof Literal first)) {
                return null;
            }
            int eq = first.text().indexOf('=');
            if (eq <= 0 || !first.text().substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_]*")) {
                return null;
            }
            List<Segment> value = new ArrayList<>();
            value.add(new Literal(first.text().substring(eq + 1)));
            value.addAll(w.segments().subList(1, w.segments().size()));
            return Map.entry(first.text().substring(0, eq), new Word(value));
        }
    }
}
