package dev.uoom.policy;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import com.google.re2j.Pattern;

import dev.uoom.model.CgroupEntry;
import dev.uoom.model.ProcessSnapshot;

/**
 * A rule of {@link RulesPolicy}: an action for the processes whose {@link Field} matches a regular
 * expression. The expression matches anywhere in the value ({@link com.google.re2j.Matcher#find()}); anchor
 * it with {@code ^} and {@code $} to match the whole value. Expressions are RE2 (RE2/J): matching takes time
 * linear in the value, whatever the expression, since the value may be a command line that any user chose;
 * RE2 has no backreferences and no lookaround.
 *
 * @param action what to do with a matching process
 * @param field what the expression is matched against
 * @param pattern the expression
 */
public record Rule(Action action, Field field, Pattern pattern) {

    public Rule {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(pattern, "pattern");
    }

    /**
     * Compiles {@code regex}.
     *
     * @throws com.google.re2j.PatternSyntaxException if it is not a valid RE2 expression
     */
    public static Rule of(Action action, Field field, String regex) {
        return new Rule(action, field, Pattern.compile(regex));
    }

    /** What a rule does to the processes it matches. */
    public enum Action {
        /** Queue before every process no rule matched. */
        PREFER(Placement.PREFERRED, "queued before unmatched processes"),
        /** Queue after every process no rule matched. */
        AVOID(Placement.AVOIDED, "queued after unmatched processes"),
        /** Never queue. */
        EXCLUDE(Placement.EXCLUDED, "never queued");

        private final Placement placement;
        private final String effect;

        Action(Placement placement, String effect) {
            this.placement = placement;
            this.effect = effect;
        }

        Placement placement() {
            return placement;
        }

        String effect() {
            return effect;
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What a rule's expression is matched against. */
    public enum Field {
        /** The command name ({@code comm}, at most 15 bytes). */
        NAME(p -> List.of(p.name())),
        /**
         * The command line, arguments joined with single spaces; only its first
         * {@link dev.uoom.model.ProcessSnapshot#CMDLINE_LIMIT} bytes are read.
         */
        CMDLINE(p -> List.of(prefix(p.commandLine()))),
        /** Each cgroup path of {@code /proc/PID/cgroup}, v2 and v1; any one may match. */
        CGROUP(p -> p.cgroups().stream().map(CgroupEntry::path).distinct().toList()),
        /** The real uid, in unsigned decimal. */
        UID(p -> List.of(Long.toString(p.status().uid())));

        private final Function<ProcessSnapshot, List<String>> values;

        Field(Function<ProcessSnapshot, List<String>> values) {
            this.values = values;
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** A snapshot built by hand may hold a longer command line than a scan reads: match the same prefix. */
        private static String prefix(String cmdline) {
            return cmdline.length() <= ProcessSnapshot.CMDLINE_LIMIT ? cmdline
                    : cmdline.substring(0, ProcessSnapshot.CMDLINE_LIMIT);
        }
    }

    /** Whether any of {@code rules} matches the command line, which a scan must then read. */
    public static boolean anyOnCommandLine(java.util.Collection<Rule> rules) {
        return rules.stream().anyMatch(r -> r.field() == Field.CMDLINE);
    }

    /** The value of {@code process} that this rule matches, if it matches. */
    public Optional<String> match(ProcessSnapshot process) {
        return field.values.apply(process).stream().filter(v -> pattern.matcher(v).find()).findFirst();
    }

    /** The rule as written in a configuration file, such as {@code prefer name =~ /^stress/}. */
    @Override
    public String toString() {
        return action + " " + field + " =~ /" + pattern.pattern() + "/";
    }
}
