package dev.uoom.daemon;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import com.google.re2j.PatternSyntaxException;

import dev.uoom.model.ProcessSnapshot;
import dev.uoom.policy.Policies;
import dev.uoom.policy.Policy;
import dev.uoom.policy.PolicyKind;
import dev.uoom.policy.Rule;

/**
 * The daemon's configuration, normally {@code /etc/uoom/daemon.yaml}. Every key is optional:
 * <pre>
 * policy: rules                # modern (default), classic or rules
 * base-policy: modern          # what the rules policy orders by: modern (default) or classic
 * rules:                       # only with policy: rules; the first matching rule wins
 *   - action: exclude          # prefer, avoid or exclude
 *     name: '^sshd$'           # exactly one of name, cmdline, cgroup, uid: an RE2 regular expression
 *   - action: prefer
 *     cmdline: 'java .*-jar batch\.jar'
 * queue-length: 16             # how many processes to queue, 1 to 4096; capped at the module's queue_max
 * rerank-interval: 5           # seconds between re-rankings without pressure, 0.5 to 60
 * protect-self:
 *   oom-score-adj: -900        # used only without /dev/oom_protect (which gives -1000): written to
 *                              # /proc/self/oom_score_adj at start; "keep" leaves the score alone either way
 *   mlock: true                # mlockall(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)
 * psi:
 *   enabled: true              # re-rank when /proc/pressure/memory crosses the trigger
 *   trigger: some 150000 1000000   # stall and window in microseconds
 * notify: ...                  # /dev/oom_notify levels, and on-critical: see {@link PressureConfig}
 * protect:                     # processes to protect from the OOM killer (oom_score_adj -1000)
 *   - name: '^sshd$'           # exactly one of name, cmdline, cgroup, uid each; no action
 * </pre>
 *
 * @param policy the ranking policy
 * @param basePolicy what {@link PolicyKind#RULES} orders by; {@link PolicyKind#MODERN} or
 *        {@link PolicyKind#CLASSIC}
 * @param rules the rules of {@link PolicyKind#RULES}; empty for the other policies
 * @param queueLength how many processes to write to {@code /proc/oom}
 * @param rerankInterval the longest time between two rankings
 * @param selfOomScoreAdj the daemon's own {@code oom_score_adj} when {@code /dev/oom_protect} is absent; empty to
 *        leave the score alone, even with the device
 * @param mlock whether to lock the daemon's memory
 * @param psi whether to register a PSI trigger
 * @param psiTrigger the trigger, {@code some|full STALL_US WINDOW_US}
 * @param pressure the {@code notify} and {@code on-critical} keys: reactions to {@code /dev/oom_notify} levels
 * @param protect matchers of the processes to protect through {@code /dev/oom_protect}
 */
public record DaemonConfig(PolicyKind policy, PolicyKind basePolicy, List<Rule> rules, int queueLength,
        Duration rerankInterval, OptionalInt selfOomScoreAdj, boolean mlock, boolean psi, String psiTrigger,
        PressureConfig pressure, List<Rule> protect) {
    /** How many processes to queue unless configured. */
    public static final int DEFAULT_QUEUE_LENGTH = 16;
    /** The largest {@code queue-length}: the module's largest {@code max_queue}. */
    public static final int MAX_QUEUE_LENGTH = 4096;
    /** The rerank interval unless configured. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    /** The shortest rerank interval: the shortest PSI window. */
    public static final Duration MIN_INTERVAL = Duration.ofMillis(500);
    /** The longest rerank interval. */
    public static final Duration MAX_INTERVAL = Duration.ofSeconds(60);
    /** The daemon's own {@code oom_score_adj} unless configured: the same as the systemd unit sets. */
    public static final int DEFAULT_SELF_OOM_SCORE_ADJ = -900;
    /** Re-rank when some task stalled on memory for 150 ms within 1 s. */
    public static final String DEFAULT_PSI_TRIGGER = "some 150000 1000000";

    /** {@code some|full STALL WINDOW}, in microseconds. */
    static final Pattern PSI_TRIGGER = Pattern.compile("(some|full) (\\d{1,10}) (\\d{1,10})");
    /** The kernel's bounds on a PSI trigger's window ({@code WINDOW_MIN_US}, {@code WINDOW_MAX_US}). */
    static final long PSI_MIN_WINDOW_US = 500_000;
    static final long PSI_MAX_WINDOW_US = 10_000_000;
    private static final String KEEP = "keep";
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** A configuration with {@link PressureConfig#defaults()}. */
    public DaemonConfig(PolicyKind policy, PolicyKind basePolicy, List<Rule> rules, int queueLength,
            Duration rerankInterval, OptionalInt selfOomScoreAdj, boolean mlock, boolean psi, String psiTrigger) {
        this(policy, basePolicy, rules, queueLength, rerankInterval, selfOomScoreAdj, mlock, psi, psiTrigger,
                PressureConfig.defaults());
    }

    /** A configuration that protects nothing. */
    public DaemonConfig(PolicyKind policy, PolicyKind basePolicy, List<Rule> rules, int queueLength,
            Duration rerankInterval, OptionalInt selfOomScoreAdj, boolean mlock, boolean psi, String psiTrigger,
            PressureConfig pressure) {
        this(policy, basePolicy, rules, queueLength, rerankInterval, selfOomScoreAdj, mlock, psi, psiTrigger,
                pressure, List.of());
    }

    /**
     * @throws IllegalArgumentException if a value breaks a rule above
     */
    public DaemonConfig {
        Objects.requireNonNull(pressure, "pressure");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(basePolicy, "basePolicy");
        rules = List.copyOf(rules);
        protect = List.copyOf(protect);
        Objects.requireNonNull(rerankInterval, "rerankInterval");
        Objects.requireNonNull(selfOomScoreAdj, "selfOomScoreAdj");
        Objects.requireNonNull(psiTrigger, "psiTrigger");
        if (basePolicy == PolicyKind.RULES) {
            throw new IllegalArgumentException("base-policy must be modern or classic");
        }
        if (policy != PolicyKind.RULES && !rules.isEmpty()) {
            throw new IllegalArgumentException("rules are set but policy is " + policy + "; use policy: rules");
        }
        if (policy == PolicyKind.RULES && rules.isEmpty()) {
            throw new IllegalArgumentException("policy rules needs at least one rule");
        }
        if (queueLength < 1 || queueLength > MAX_QUEUE_LENGTH) {
            throw new IllegalArgumentException("queue-length must be 1 to " + MAX_QUEUE_LENGTH + ", got "
                    + queueLength);
        }
        if (rerankInterval.compareTo(MIN_INTERVAL) < 0 || rerankInterval.compareTo(MAX_INTERVAL) > 0) {
            throw new IllegalArgumentException("rerank-interval must be 0.5 to 60 seconds, got "
                    + seconds(rerankInterval));
        }
        if (selfOomScoreAdj.isPresent() && (selfOomScoreAdj.getAsInt() < ProcessSnapshot.OOM_SCORE_ADJ_MIN
                || selfOomScoreAdj.getAsInt() > ProcessSnapshot.OOM_SCORE_ADJ_MAX)) {
            throw new IllegalArgumentException("protect-self.oom-score-adj must be -1000 to 1000 or \"keep\", got "
                    + selfOomScoreAdj.getAsInt());
        }
        checkPsiTrigger("psi.trigger", psiTrigger);
    }

    /** Everything at its default: the modern policy, 16 processes, 5 s, oom_score_adj -900, mlock, PSI. */
    public static DaemonConfig defaults() {
        return new DaemonConfig(PolicyKind.MODERN, PolicyKind.MODERN, List.of(), DEFAULT_QUEUE_LENGTH,
                DEFAULT_INTERVAL, OptionalInt.of(DEFAULT_SELF_OOM_SCORE_ADJ), true, true, DEFAULT_PSI_TRIGGER);
    }

    /**
     * Reads and checks a configuration file.
     *
     * @throws ConfigException if the file cannot be read, is not valid YAML or breaks a rule above
     */
    public static DaemonConfig load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file", e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /**
     * Parses and checks configuration text.
     *
     * @param source the name to show in messages, such as the file name
     * @throws ConfigException if the text is not valid YAML or breaks a rule above
     */
    public static DaemonConfig parse(String yaml, String source) throws ConfigException {
        Raw raw = null;
        try (JsonParser parser = YAML.createParser(yaml)) {
            if (parser.nextToken() != null) {
                raw = YAML.readValue(parser, Raw.class);
            }
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(where(source, keyLine(yaml, e.getPropertyName()), e.getLocation())
                    + "unknown key \"" + e.getPropertyName() + "\"; known keys: "
                    + String.join(", ", e.getKnownPropertyIds().stream().map(Object::toString).sorted().toList()), e);
        } catch (MismatchedInputException e) {
            JsonLocation at = e.getProcessor() instanceof JsonParser p ? p.currentTokenLocation() : e.getLocation();
            // Jackson's hint about its CoercionConfig means nothing to the user.
            throw new ConfigException(where(source, 0, at) + e.getOriginalMessage()
                    .replace(" (but could if coercion was enabled using `CoercionConfig`)", ""), e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(where(source, 0, e.getLocation()) + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigException(source + ": " + e.getMessage(), e);
        }
        try {
            return (raw == null ? new Raw(null, null, null, null, null, null, null, null, null, null) : raw).toConfig();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source + ": " + e.getMessage(), e);
        }
    }

    /** Builds the policy this configuration names. */
    public Policy createPolicy() {
        return Policies.of(policy, basePolicy, rules);
    }

    /** This configuration with another policy, as {@code uoom rank --policy} asks. */
    public DaemonConfig withPolicy(PolicyKind newPolicy) {
        return new DaemonConfig(newPolicy, basePolicy, newPolicy == PolicyKind.RULES ? rules : List.of(),
                queueLength, rerankInterval, selfOomScoreAdj, mlock, psi, psiTrigger, pressure, protect);
    }

    /**
     * Checks a PSI trigger as the kernel does ({@code psi_trigger_create}): a window of 500000 to 10000000
     * microseconds and a stall of 1 to the window.
     *
     * @param what the name to report it under, such as {@code --psi}
     * @throws IllegalArgumentException if the kernel would refuse it with {@code EINVAL}
     */
    public static void checkPsiTrigger(String what, String trigger) {
        Matcher m = PSI_TRIGGER.matcher(trigger);
        if (!m.matches()) {
            throw new IllegalArgumentException(what + " must be \"some|full STALL_US WINDOW_US\", got \"" + trigger
                    + "\"");
        }
        long stall = Long.parseLong(m.group(2));
        long window = Long.parseLong(m.group(3));
        if (window < PSI_MIN_WINDOW_US || window > PSI_MAX_WINDOW_US) {
            throw new IllegalArgumentException(what + ": the window must be " + PSI_MIN_WINDOW_US + " to "
                    + PSI_MAX_WINDOW_US + " microseconds (0.5 to 10 s), got " + window);
        }
        if (stall < 1 || stall > window) {
            throw new IllegalArgumentException(what + ": the stall must be 1 to the window (" + window
                    + ") microseconds, got " + stall);
        }
    }

    /** The PSI trigger's window in microseconds. */
    long psiWindowMicros() {
        Matcher m = PSI_TRIGGER.matcher(psiTrigger);
        if (!m.matches()) {
            throw new IllegalStateException(psiTrigger);
        }
        return Long.parseLong(m.group(3));
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }

    /**
     * The 1-based line where {@code key} is first written as a key, or 0. Records are built after the whole
     * mapping is read, so Jackson reports an unknown key at the end of its mapping.
     */
    static int keyLine(String yaml, String key) {
        Pattern written = Pattern.compile("(?:^|[\\s{,-])" + Pattern.quote(key) + "\\s*:");
        List<String> lines = yaml.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (written.matcher(lines.get(i)).find()) {
                return i + 1;
            }
        }
        return 0;
    }

    private static String where(String source, int line, JsonLocation location) {
        if (line > 0) {
            return source + ":" + line + ": ";
        }
        if (location == null || location.getLineNr() <= 0) {
            return source + ": ";
        }
        return source + ":" + location.getLineNr() + ":" + location.getColumnNr() + ": ";
    }

    /** The file as written; {@code null} for each key left out. */
    private record Raw(
            @JsonProperty("policy") String policy,
            @JsonProperty("base-policy") String basePolicy,
            @JsonProperty("rules") List<RawRule> rules,
            @JsonProperty("queue-length") Integer queueLength,
            @JsonProperty("rerank-interval") Double rerankInterval,
            @JsonProperty("protect-self") RawProtectSelf protectSelf,
            @JsonProperty("psi") RawPsi psi,
            @JsonProperty("notify") PressureConfig.RawNotify notifyKey,
            @JsonProperty("on-critical") PressureConfig.RawOnCritical onCritical,
            @JsonProperty("protect") List<RawRule> protect) {

        DaemonConfig toConfig() {
            DaemonConfig d = defaults();
            RawProtectSelf self = protectSelf == null ? new RawProtectSelf(null, null) : protectSelf;
            RawPsi pressure = psi == null ? new RawPsi(null, null) : psi;
            return new DaemonConfig(
                    policy == null ? d.policy() : PolicyKind.fromName(policy),
                    basePolicy == null ? d.basePolicy() : PolicyKind.fromName(basePolicy),
                    rules == null ? List.of() : compileRules(),
                    queueLength == null ? d.queueLength() : queueLength,
                    rerankInterval == null ? d.rerankInterval() : interval(rerankInterval),
                    self.oomScoreAdj == null ? d.selfOomScoreAdj() : adj(self.oomScoreAdj),
                    self.mlock == null ? d.mlock() : self.mlock,
                    pressure.enabled == null ? d.psi() : pressure.enabled,
                    pressure.trigger == null ? d.psiTrigger() : pressure.trigger.strip(),
                    PressureConfig.of(notifyKey, onCritical),
                    protect == null ? List.of() : compileProtect());
        }

        private List<Rule> compileRules() {
            List<Rule> compiled = new ArrayList<>();
            for (int i = 0; i < rules.size(); i++) {
                RawRule r = rules.get(i);
                if (r == null) {
                    throw new IllegalArgumentException("rule " + (i + 1) + " is empty");
                }
                compiled.add(r.toRule(i + 1));
            }
            return compiled;
        }

        private List<Rule> compileProtect() {
            List<Rule> compiled = new ArrayList<>();
            for (int i = 0; i < protect.size(); i++) {
                RawRule r = protect.get(i);
                if (r == null || r.action() != null) {
                    throw new IllegalArgumentException("protect entry " + (i + 1)
                            + ": needs exactly one of name, cmdline, cgroup, uid, and no action");
                }
                try {
                    // A match-only rule; its action is never used.
                    compiled.add(new RawRule("exclude", r.name(), r.cmdline(), r.cgroup(), r.uid()).toRule(i + 1));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(e.getMessage().replaceFirst("^rule ", "protect entry "), e);
                }
            }
            return compiled;
        }

        private static Duration interval(double seconds) {
            if (!(seconds >= 0 && seconds <= MAX_INTERVAL.toSeconds())) {
                throw new IllegalArgumentException("rerank-interval must be 0.5 to 60 seconds, got "
                        + BigDecimal.valueOf(seconds).stripTrailingZeros().toPlainString() + " s");
            }
            return Duration.ofMillis(Math.round(seconds * 1000));
        }

        private static OptionalInt adj(String value) {
            if (value.strip().equals(KEEP)) {
                return OptionalInt.empty();
            }
            try {
                return OptionalInt.of(Integer.parseInt(value.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("protect-self.oom-score-adj must be -1000 to 1000 or \"keep\", "
                        + "got \"" + value + "\"", e);
            }
        }
    }

    private record RawRule(
            @JsonProperty("action") String action,
            @JsonProperty("name") String name,
            @JsonProperty("cmdline") String cmdline,
            @JsonProperty("cgroup") String cgroup,
            @JsonProperty("uid") String uid) {

        Rule toRule(int number) {
            String where = "rule " + number + ": ";
            if (action == null) {
                throw new IllegalArgumentException(where + "needs an action: prefer, avoid or exclude");
            }
            Rule.Action act;
            try {
                act = Rule.Action.valueOf(action.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + "unknown action \"" + action
                        + "\"; expected prefer, avoid or exclude", e);
            }
            List<Rule.Field> fields = new ArrayList<>();
            List<String> regexes = new ArrayList<>();
            add(fields, regexes, Rule.Field.NAME, name);
            add(fields, regexes, Rule.Field.CMDLINE, cmdline);
            add(fields, regexes, Rule.Field.CGROUP, cgroup);
            add(fields, regexes, Rule.Field.UID, uid);
            if (fields.size() != 1) {
                throw new IllegalArgumentException(where + "needs exactly one of name, cmdline, cgroup, uid; got "
                        + (fields.isEmpty() ? "none" : fields.stream().map(Object::toString).toList()));
            }
            try {
                return Rule.of(act, fields.get(0), regexes.get(0));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(where + "invalid regular expression: " + e.getDescription()
                        + " in /" + e.getPattern() + "/", e);
            }
        }

        private static void add(List<Rule.Field> fields, List<String> regexes, Rule.Field field, String regex) {
            if (regex != null) {
                fields.add(field);
                regexes.add(regex);
            }
        }
    }

    private record RawProtectSelf(
            @JsonProperty("oom-score-adj") String oomScoreAdj,
            @JsonProperty("mlock") Boolean mlock) {
    }

    private record RawPsi(
            @JsonProperty("enabled") Boolean enabled,
            @JsonProperty("trigger") String trigger) {
    }
}
