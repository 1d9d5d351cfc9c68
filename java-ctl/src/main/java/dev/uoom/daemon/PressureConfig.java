package dev.uoom.daemon;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;

import com.fasterxml.jackson.annotation.JsonProperty;

import com.google.re2j.PatternSyntaxException;

import dev.uoom.model.PressureEvent;
import dev.uoom.model.ProcessSnapshot;
import dev.uoom.nativeio.OomNotifyAbi;
import dev.uoom.nativeio.Signals;
import dev.uoom.policy.Rule;

/**
 * How the daemon reacts to {@code /dev/oom_notify} levels: the {@code notify} and {@code on-critical} keys of
 * the daemon configuration.
 * <pre>
 * notify:
 *   enabled: true              # use /dev/oom_notify when it exists; otherwise (or if false) the PSI trigger
 *   device: /dev/oom_notify
 *   level: low                 # lowest level that wakes the daemon: low, medium, critical or oom
 *   hysteresis: 1              # seconds during which events of the same or a lower level are coalesced
 * on-critical:                 # at CRITICAL and OOM: ask processes to give memory back
 *   signal: SIGUSR1            # sent to every process that matches one entry of match
 *   match:                     # entries like rules, without an action: one of name, cmdline, cgroup, uid
 *     - name: '^cache-server$'
 *   command: 'sync; echo 1 &gt;/proc/sys/vm/drop_caches'   # run with /bin/sh -c
 * </pre>
 * At every level the daemon re-ranks the queue; at OOM it also logs the victim the kernel chose.
 *
 * @param useDevice whether to use the device
 * @param device the device's path
 * @param level the device's threshold
 * @param hysteresis the device's hysteresis
 * @param criticalSignal the signal for matching processes at CRITICAL; empty for none
 * @param criticalMatch who gets {@code criticalSignal}; each rule's action is ignored
 * @param criticalCommand a shell command to run at CRITICAL, or {@code null}
 */
public record PressureConfig(boolean useDevice, Path device, PressureEvent.Level level, Duration hysteresis,
        OptionalInt criticalSignal, List<Rule> criticalMatch, String criticalCommand) {
    /** Coalesce events of one level for 1 s unless configured. */
    public static final Duration DEFAULT_HYSTERESIS = Duration.ofSeconds(1);
    private static final long MAX_HYSTERESIS_MS = 60_000;

    public PressureConfig {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(hysteresis, "hysteresis");
        Objects.requireNonNull(criticalSignal, "criticalSignal");
        criticalMatch = List.copyOf(criticalMatch);
        if (level == PressureEvent.Level.NONE) {
            throw new IllegalArgumentException("notify.level must be low, medium, critical or oom");
        }
        if (hysteresis.isNegative() || hysteresis.toMillis() > MAX_HYSTERESIS_MS) {
            throw new IllegalArgumentException("notify.hysteresis must be 0 to 60 seconds");
        }
        if (criticalSignal.isPresent() && criticalMatch.isEmpty()) {
            throw new IllegalArgumentException("on-critical.signal needs a match list");
        }
        if (criticalSignal.isEmpty() && !criticalMatch.isEmpty()) {
            throw new IllegalArgumentException("on-critical.match needs a signal");
        }
    }

    /** The device if present, LOW and up, 1 s hysteresis, nothing at CRITICAL. */
    public static PressureConfig defaults() {
        return new PressureConfig(true, Path.of(OomNotifyAbi.DEVICE), PressureEvent.Level.LOW, DEFAULT_HYSTERESIS,
                OptionalInt.empty(), List.of(), null);
    }

    /** Whether anything is to be done at CRITICAL. */
    public boolean actsOnCritical() {
        return criticalSignal.isPresent() || criticalCommand != null;
    }

    /** Whether {@code process} is one that {@code on-critical.signal} goes to. */
    public boolean matchesCritical(ProcessSnapshot process) {
        return criticalMatch.stream().anyMatch(r -> r.match(process).isPresent());
    }

    static PressureConfig of(RawNotify notifyKey, RawOnCritical onCritical) {
        PressureConfig d = defaults();
        RawNotify n = notifyKey == null ? new RawNotify(null, null, null, null) : notifyKey;
        RawOnCritical c = onCritical == null ? new RawOnCritical(null, null, null) : onCritical;
        return new PressureConfig(
                n.enabled == null ? d.useDevice() : n.enabled,
                n.device == null ? d.device() : Path.of(n.device.strip()),
                n.level == null ? d.level() : level(n.level),
                n.hysteresis == null ? d.hysteresis() : Duration.ofMillis(Math.round(n.hysteresis * 1000)),
                c.signal == null ? OptionalInt.empty() : OptionalInt.of(signal(c.signal)),
                c.match == null ? List.of() : compile(c.match),
                c.command == null || c.command.isBlank() ? null : c.command);
    }

    private static PressureEvent.Level level(String name) {
        try {
            return PressureEvent.Level.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("notify.level must be low, medium, critical or oom, got \"" + name
                    + "\"", e);
        }
    }

    private static int signal(String name) {
        try {
            return Signals.number(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("on-critical.signal: " + e.getMessage(), e);
        }
    }

    private static List<Rule> compile(List<RawMatch> match) {
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < match.size(); i++) {
            String where = "on-critical.match " + (i + 1) + ": ";
            RawMatch m = match.get(i);
            List<Rule.Field> fields = new ArrayList<>();
            List<String> regexes = new ArrayList<>();
            if (m != null) {
                add(fields, regexes, Rule.Field.NAME, m.name);
                add(fields, regexes, Rule.Field.CMDLINE, m.cmdline);
                add(fields, regexes, Rule.Field.CGROUP, m.cgroup);
                add(fields, regexes, Rule.Field.UID, m.uid);
            }
            if (fields.size() != 1) {
                throw new IllegalArgumentException(where + "needs exactly one of name, cmdline, cgroup, uid");
            }
            try {
                rules.add(Rule.of(Rule.Action.PREFER, fields.get(0), regexes.get(0)));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(where + "invalid regular expression: " + e.getDescription()
                        + " in /" + e.getPattern() + "/", e);
            }
        }
        return rules;
    }

    private static void add(List<Rule.Field> fields, List<String> regexes, Rule.Field field, String regex) {
        if (regex != null) {
            fields.add(field);
            regexes.add(regex);
        }
    }

    /** {@code notify:} as written. */
    record RawNotify(
            @JsonProperty("enabled") Boolean enabled,
            @JsonProperty("device") String device,
            @JsonProperty("level") String level,
            @JsonProperty("hysteresis") Double hysteresis) {
    }

    /** {@code on-critical:} as written. */
    record RawOnCritical(
            @JsonProperty("signal") String signal,
            @JsonProperty("match") List<RawMatch> match,
            @JsonProperty("command") String command) {
    }

    /** One entry of {@code on-critical.match}. */
    record RawMatch(
            @JsonProperty("name") String name,
            @JsonProperty("cmdline") String cmdline,
            @JsonProperty("cgroup") String cgroup,
            @JsonProperty("uid") String uid) {
    }
}
