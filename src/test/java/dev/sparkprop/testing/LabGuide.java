package dev.sparkprop.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's "Lab guide" section, read the way the tests that run it need it: labs, their
 * command blocks, the commands as shell words, and the output each block promises.
 *
 * <p>The guide keeps to these rules (the tests fail when it does not):
 * <ul>
 *   <li>the section runs from {@code ## Lab guide} to the next {@code ## } heading, and each lab
 *       starts with {@code ### Lab N: title};
 *   <li>a {@code ```bash} block holds commands, one per line; a trailing backslash continues a
 *       line, {@code #} starts a comment, {@code NAME=value} words before the program set its
 *       environment;
 *   <li>a {@code ```scala} block directly under a bash block is what that block's command reads
 *       on stdin: the Scala lab types it into {@code jobs/sparkprop.sh shell};
 *   <li>a {@code ```text} block directly under a bash block (or its scala block) is what that block prints to stdout:
 *       its lines appear in the output in that order, {@code …} stands for any text within a line,
 *       and a line that is only {@code …} for any lines. What changes from run to run (speeds,
 *       times, the BLAS description, the model's path) is compared as a placeholder
 *       ({@link #mask}).
 * </ul>
 */
public final class LabGuide {

    /** Where in the README the guide starts. */
    public static final String HEADING = "## Lab guide";

    private static final Pattern LAB_HEADING = Pattern.compile("### Lab (\\d+): (.+)");
    private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*");
    /** A picture or page under out/ named in a lab's text or commands. */
    private static final Pattern NAMED_FILE = Pattern.compile("out/[\\w.-]+/[\\w.-]+\\.(?:png|html)");
    /** Where the guide's pictures are kept: {@code src/docs/labs/DIR/FILE.png} is a copy of the run's {@code out/DIR/FILE.png}. */
    public static final String PICTURES = "src/docs/labs/";
    /** A picture the guide shows, as a Markdown image. */
    private static final Pattern SHOWN_PICTURE = Pattern.compile("!\\[[^\\]]*\\]\\((" + PICTURES + "[\\w.-]+/[\\w.-]+\\.png)\\)");

    /** Values that differ between runs of the same command, with the placeholder each becomes. */
    private static final List<Map.Entry<Pattern, String>> VOLATILE = List.of(
            Map.entry(Pattern.compile("[\\d,]+ ex/s"), "# ex/s"),
            Map.entry(Pattern.compile("elapsed [\\d.]+s"), "elapsed #s"),
            Map.entry(Pattern.compile("ETA [\\d.]+s"), "ETA #s"),
            Map.entry(Pattern.compile("\"(seconds|examples_per_second|\\w+_seconds)\":[-\\d.Ee]+"), "\"$1\":#"),
            Map.entry(Pattern.compile("\"(model|blas)\":\"[^\"]*\""), "\"$1\":#"),
            Map.entry(Pattern.compile("; BLAS .*"), "; BLAS #"));

    /**
     * One lab.
     *
     * @param markdown the lab's text without its text blocks: prose and commands
     */
    public record Lab(int number, String title, String markdown, List<Block> blocks) {
    }

    /**
     * One bash block.
     *
     * @param script the block's text as a shell would read it
     * @param input the scala block under it, its command's stdin (empty when there is none)
     * @param expected the lines of the text block under it (empty when there is none)
     */
    public record Block(String script, List<Command> commands, String input, List<String> expected) {
    }

    /**
     * One command line.
     *
     * @param text the line as written (continuations joined)
     * @param environment the {@code NAME=value} words before the program
     * @param program the first word after them, e.g. {@code jobs/sparkprop.sh} or {@code jobs/train.sh}
     * @param arguments the words after the program, quotes removed
     */
    public record Command(String text, Map<String, String> environment, String program, List<String> arguments) {
    }

    private LabGuide() {
    }

    /** The labs of the guide in {@code readme}, in order. */
    public static List<Lab> read(Path readme) throws IOException {
        List<String> lines = Files.readAllLines(readme);
        int start = lines.indexOf(HEADING);
        if (start < 0) {
            throw new AssertionError(readme + " has no '" + HEADING + "' section");
        }
        List<LabBuilder> labs = new ArrayList<>();
        for (int n = start + 1; n < lines.size() && !lines.get(n).startsWith("## "); n++) {
            String line = lines.get(n);
            Matcher heading = LAB_HEADING.matcher(line);
            LabBuilder lab = labs.isEmpty() ? null : labs.get(labs.size() - 1);
            if (heading.matches()) {
                labs.add(new LabBuilder(Integer.parseInt(heading.group(1)), heading.group(2)));
            } else if (line.startsWith("```")) {
                if (lab == null) {
                    throw new AssertionError("README line " + (n + 1) + ": a code block before the first '### Lab N:'");
                }
                int end = closingFence(lines, n);
                lab.addBlock(line.substring(3).strip(), lines.subList(n + 1, end), n + 1);
                n = end;
            } else if (lab != null) {
                lab.addProse(line);
            }
        }
        return labs.stream().map(LabBuilder::build).toList();
    }

    private static int closingFence(List<String> lines, int open) {
        for (int n = open + 1; n < lines.size(); n++) {
            if (lines.get(n).equals("```")) {
                return n;
            }
        }
        throw new AssertionError("README line " + (open + 1) + ": code block never closed");
    }

    /** Collects one lab while the README is read. */
    private static final class LabBuilder {
        private final int number;
        private final String title;
        private final StringBuilder markdown = new StringBuilder();
        private final List<Block> blocks = new ArrayList<>();
        /** True from a bash block's end until a text block or prose follows it. */
        private boolean afterBash;

        LabBuilder(int number, String title) {
            this.number = number;
            this.title = title;
        }

        void addProse(String line) {
            markdown.append(line).append('\n');
            afterBash &= line.isBlank();
        }

        void addBlock(String language, List<String> body, int lineNumber) {
            if (language.equals("bash")) {
                String script = String.join("\n", body);
                blocks.add(new Block(script, commands(script), "", List.of()));
                markdown.append("```bash\n").append(script).append("\n```\n");
                afterBash = true;
            } else if (language.equals("scala") && afterBash && blocks.get(blocks.size() - 1).input().isEmpty()) {
                Block bash = blocks.remove(blocks.size() - 1);
                String input = String.join("\n", body) + "\n";
                blocks.add(new Block(bash.script(), bash.commands(), input, List.of()));
                markdown.append("```scala\n").append(input).append("```\n");
            } else if (language.equals("text") && afterBash) {
                Block bash = blocks.remove(blocks.size() - 1);
                blocks.add(new Block(bash.script(), bash.commands(), bash.input(), List.copyOf(body)));
                afterBash = false;
            } else {
                throw new AssertionError("README line " + lineNumber + ": Lab " + number + " has a ```" + language
                        + " block here; the guide holds ```bash blocks, each optionally followed directly by one"
                        + " ```text block (a ```scala block between them is the command's stdin)");
            }
        }

        Lab build() {
            return new Lab(number, title, markdown.toString(), List.copyOf(blocks));
        }
    }

    /** The commands of a bash block: continuations joined, comments and blank lines dropped. */
    static List<Command> commands(String script) {
        List<Command> commands = new ArrayList<>();
        for (String line : script.replace("\\\n", " ").split("\n")) {
            List<String> words = words(line);
            Map<String, String> environment = new LinkedHashMap<>();
            int first = 0;
            while (first < words.size() && ASSIGNMENT.matcher(words.get(first)).matches()) {
                String word = words.get(first++);
                environment.put(word.substring(0, word.indexOf('=')), word.substring(word.indexOf('=') + 1));
            }
            if (first < words.size()) {
                commands.add(new Command(line.strip().replaceAll("\\s+", " "), environment, words.get(first),
                        List.copyOf(words.subList(first + 1, words.size()))));
            }
        }
        return commands;
    }

    /**
     * Splits a line into words as the shell does for the guide's commands: single and double quotes
     * group (and are removed), a backslash escapes the next character, {@code #} at the start of a
     * word comments out the rest. No expansion: {@code $PWD} stays as written.
     */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else if (c == '#' && word == null) {
                break;
            } else {
                word = word == null ? new StringBuilder() : word;
                if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '\\' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            }
        }
        if (quote != 0) {
            throw new AssertionError("unclosed " + quote + " in: " + line);
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    /** True for a block that starts a standalone cluster: the block LabGuideIT runs, with bash. */
    public static boolean isClusterBlock(Block block) {
        return block.commands().stream().anyMatch(command -> command.program().equals("jobs/cluster-up.sh"));
    }

    /** True for a block that types its scala block into {@code jobs/sparkprop.sh shell}: ShellLabIT runs it. */
    public static boolean isShellBlock(Block block) {
        return block.commands().stream().anyMatch(command -> command.program().equals("jobs/sparkprop.sh")
                && !command.arguments().isEmpty() && command.arguments().get(0).equals("shell"));
    }

    /** True for a command that works only with a standalone cluster up (or is one of its scripts). */
    public static boolean needsCluster(Command command) {
        return command.program().startsWith("jobs/cluster-") || command.environment().containsKey("SPARK_HOME")
                || command.environment().containsKey("SPARKPROP_SUBMIT_ARGS") || command.text().contains("spark://");
    }

    /** The pictures and pages under out/ that a lab's text or commands name. */
    public static Set<String> namedFiles(Lab lab) {
        Set<String> files = new LinkedHashSet<>();
        Matcher matcher = NAMED_FILE.matcher(lab.markdown());
        while (matcher.find()) {
            files.add(matcher.group());
        }
        return files;
    }

    /**
     * The pictures a lab shows ({@code ![...](src/docs/labs/DIR/FILE.png)}), each a copy kept in the
     * project of the picture a command of the guide writes to {@code out/DIR/FILE.png}.
     */
    public static Set<String> shownPictures(Lab lab) {
        Set<String> files = new LinkedHashSet<>();
        Matcher matcher = SHOWN_PICTURE.matcher(lab.markdown());
        while (matcher.find()) {
            files.add(matcher.group(1));
        }
        return files;
    }

    /**
     * Fails unless every line of {@code expected} (a text block) matches a line of {@code stdout},
     * in the same order, after {@link #mask}; {@code …} matches any text, a line of only {@code …}
     * or blank matches nothing in particular.
     */
    public static void assertShows(List<String> expected, String stdout, String what) {
        List<String> actual = stdout.lines().map(LabGuide::mask).toList();
        int next = 0;
        for (String line : expected) {
            if (line.isBlank() || line.strip().equals("…")) {
                continue;
            }
            Pattern pattern = pattern(mask(line));
            int found = next;
            while (found < actual.size() && !pattern.matcher(actual.get(found)).matches()) {
                found++;
            }
            if (found == actual.size()) {
                fail(what + ": the README shows\n  " + line + "\nbut no such line follows line " + next
                        + " of the output (compared as: " + mask(line) + ")\n--- output ---\n" + stdout);
            }
            next = found + 1;
        }
    }

    /** The line with what changes between runs replaced by placeholders, trailing spaces cut. */
    public static String mask(String line) {
        String masked = line.stripTrailing();
        for (Map.Entry<Pattern, String> rule : VOLATILE) {
            masked = rule.getKey().matcher(masked).replaceAll(rule.getValue());
        }
        return masked;
    }

    private static Pattern pattern(String expectedLine) {
        StringBuilder regex = new StringBuilder();
        String[] parts = expectedLine.split("…", -1);
        for (int i = 0; i < parts.length; i++) {
            regex.append(i == 0 ? "" : ".*").append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString());
    }
}
