package dev.uoom.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.uoom.model.PressureEvent;
import dev.uoom.policy.PolicyKind;
import dev.uoom.policy.Rule;
import dev.uoom.policy.RulesPolicy;

class DaemonConfigTest {
    /** The example shipped next to the systemd unit. */
    private static final Path EXAMPLE = Path.of("systemd/daemon.yaml");

    @TempDir
    Path dir;

    private static DaemonConfig parse(String yaml) throws ConfigException {
        return DaemonConfig.parse(yaml, "test.yaml");
    }

    private static String problem(String yaml) {
        return assertThrows(ConfigException.class, () -> parse(yaml)).getMessage();
    }

    @Test
    void emptyFileMeansDefaults() throws ConfigException {
        DaemonConfig config = parse("");

        assertEquals(DaemonConfig.defaults(), config);
        assertEquals(PolicyKind.MODERN, config.policy());
        assertEquals(16, config.queueLength());
        assertEquals(Duration.ofSeconds(5), config.rerankInterval());
        assertEquals(OptionalInt.of(-900), config.selfOomScoreAdj());
        assertTrue(config.mlock());
        assertTrue(config.psi());
        assertEquals("some 150000 1000000", config.psiTrigger());
        assertEquals("modern", config.createPolicy().name());
    }

    @Test
    void loadsTheShippedExample() throws ConfigException {
        DaemonConfig config = DaemonConfig.load(EXAMPLE);

        assertEquals(PolicyKind.RULES, config.policy());
        assertEquals(PolicyKind.MODERN, config.basePolicy());
        assertEquals(5, config.rules().size());
        assertEquals("exclude name =~ /^(sshd|systemd-journal|systemd-logind|dbus-daemon)$/",
                config.rules().get(0).toString());
        assertEquals(Rule.Field.UID, config.rules().get(4).field());
        RulesPolicy policy = assertInstanceOf(RulesPolicy.class, config.createPolicy());
        assertEquals("modern", policy.base().name());
    }

    @Test
    void readsEveryKey() throws ConfigException {
        DaemonConfig config = parse("""
                policy: rules
                base-policy: classic
                rules:
                  - {action: prefer, cmdline: 'stress-ng'}
                  - action: Avoid
                    cgroup: ^/system\\.slice/
                queue-length: 32
                rerank-interval: 0.5
                protect-self:
                  oom-score-adj: keep
                  mlock: false
                psi:
                  enabled: false
                  trigger: full 200000 2000000
                """);

        assertEquals(PolicyKind.CLASSIC, config.basePolicy());
        assertEquals(List.of("prefer cmdline =~ /stress-ng/", "avoid cgroup =~ /^/system\\.slice//"),
                config.rules().stream().map(Rule::toString).toList());
        assertEquals(32, config.queueLength());
        assertEquals(Duration.ofMillis(500), config.rerankInterval());
        assertEquals(OptionalInt.empty(), config.selfOomScoreAdj());
        assertFalse(config.mlock());
        assertFalse(config.psi());
        assertEquals("full 200000 2000000", config.psiTrigger());
        assertEquals(2_000_000, config.psiWindowMicros());
    }

    @Test
    void uidMayBeANumber() throws ConfigException {
        assertEquals("^1000$", parse("policy: rules\nrules:\n  - {action: avoid, uid: ^1000$}\n").rules().get(0)
                .pattern().pattern());
        assertEquals("0", parse("policy: rules\nrules:\n  - {action: avoid, uid: 0}\n").rules().get(0).pattern()
                .pattern());
    }

    @Test
    void boundsTheInterval() {
        assertEquals("test.yaml: rerank-interval must be 0.5 to 60 seconds, got 0.1 s",
                problem("rerank-interval: 0.1\n"));
        assertEquals("test.yaml: rerank-interval must be 0.5 to 60 seconds, got 61 s",
                problem("rerank-interval: 61\n"));
        assertEquals("test.yaml: rerank-interval must be 0.5 to 60 seconds, got -1 s",
                problem("rerank-interval: -1\n"));
        assertEquals("test.yaml: rerank-interval must be 0.5 to 60 seconds, got 0 s",
                problem("rerank-interval: 0\n"));
    }

    @Test
    void boundsQueueLengthAndAdjustment() {
        assertEquals("test.yaml: queue-length must be 1 to 4096, got 0", problem("queue-length: 0\n"));
        assertEquals("test.yaml: protect-self.oom-score-adj must be -1000 to 1000 or \"keep\", got -1001",
                problem("protect-self: {oom-score-adj: -1001}\n"));
        assertEquals("test.yaml: protect-self.oom-score-adj must be -1000 to 1000 or \"keep\", got \"low\"",
                problem("protect-self: {oom-score-adj: low}\n"));
    }

    @Test
    void namesUnknownKeysWithLine() {
        assertEquals("test.yaml:2: unknown key \"queue-lenght\"; known keys: base-policy, notify, on-critical, policy, "
                + "protect, protect-self, psi, queue-length, rerank-interval, rules", problem("policy: modern\nqueue-lenght: 3\n"));
    }

    @Test
    void namesUnknownNestedKeyAtItsLine() {
        assertEquals("test.yaml:3: unknown key \"mlok\"; known keys: mlock, oom-score-adj",
                problem("policy: modern\nprotect-self:\n  mlok: true\n"));
    }

    @Test
    void commentsAloneMeanDefaults() throws ConfigException {
        assertEquals(DaemonConfig.defaults(), parse("# nothing set\n\n"));
    }

    @Test
    void reportsYamlSyntaxErrorWithLine() {
        String message = problem("policy: modern\nrules: 'open\n");

        assertTrue(message.matches("(?s)test\\.yaml:[23]:\\d+: .*quoted scalar.*"), message);
    }

    @Test
    void reportsWrongTypes() {
        assertTrue(problem("queue-length: many\n").startsWith("test.yaml:1:15: "), problem("queue-length: many\n"));
    }

    @Test
    void checksPolicyAndRulesTogether() {
        assertEquals("test.yaml: rules are set but policy is modern; use policy: rules",
                problem("rules:\n  - {action: avoid, name: x}\n"));
        assertEquals("test.yaml: policy rules needs at least one rule", problem("policy: rules\n"));
        assertEquals("test.yaml: unknown policy \"newest\"; expected modern, classic or rules",
                problem("policy: newest\n"));
        assertEquals("test.yaml: base-policy must be modern or classic", problem("base-policy: rules\n"));
    }

    @Test
    void checksEachRule() {
        assertEquals("test.yaml: rule 1: needs exactly one of name, cmdline, cgroup, uid; got [name, uid]",
                problem("policy: rules\nrules:\n  - {action: avoid, name: x, uid: '0'}\n"));
        assertEquals("test.yaml: rule 1: needs exactly one of name, cmdline, cgroup, uid; got none",
                problem("policy: rules\nrules:\n  - {action: avoid}\n"));
        assertEquals("test.yaml: rule 2: unknown action \"kill\"; expected prefer, avoid or exclude",
                problem("policy: rules\nrules:\n  - {action: avoid, name: x}\n  - {action: kill, name: y}\n"));
        assertEquals("test.yaml: rule 1: needs an action: prefer, avoid or exclude",
                problem("policy: rules\nrules:\n  - {name: x}\n"));
        assertTrue(problem("policy: rules\nrules:\n  - {action: avoid, name: '('}\n")
                .startsWith("test.yaml: rule 1: invalid regular expression: missing closing ) in /(/"));
    }

    @Test
    void rejectsDuplicateKeysAndFloatsForIntegers() {
        assertTrue(problem("queue-length: 3\nqueue-length: 4\n").contains("Duplicate field 'queue-length'"),
                problem("queue-length: 3\nqueue-length: 4\n"));
        assertEquals("test.yaml:1:15: Cannot coerce Floating-point value (3.5) to `java.lang.Integer` value",
                problem("queue-length: 3.5\n"));
    }

    @Test
    void checksPsiTrigger() {
        assertEquals("test.yaml: psi.trigger must be \"some|full STALL_US WINDOW_US\", got \"some 10%\"",
                problem("psi: {trigger: some 10%}\n"));
        assertEquals("test.yaml: psi.trigger: the stall must be 1 to the window (1000000) microseconds, got 2000000",
                problem("psi: {trigger: some 2000000 1000000}\n"));
        assertEquals("test.yaml: psi.trigger: the stall must be 1 to the window (1000000) microseconds, got 0",
                problem("psi: {trigger: full 0 1000000}\n"));
        assertEquals("test.yaml: psi.trigger: the window must be 500000 to 10000000 microseconds (0.5 to 10 s), "
                + "got 100000", problem("psi: {trigger: some 50000 100000}\n"));
        assertEquals("test.yaml: psi.trigger: the window must be 500000 to 10000000 microseconds (0.5 to 10 s), "
                + "got 12000000", problem("psi: {trigger: some 50000 12000000}\n"));
        // The kernel's bounds themselves are accepted.
        DaemonConfig.checkPsiTrigger("t", "some 1 500000");
        DaemonConfig.checkPsiTrigger("t", "full 10000000 10000000");
    }

    @Test
    void missingFileIsAConfigError() {
        ConfigException e = assertThrows(ConfigException.class, () -> DaemonConfig.load(dir.resolve("none.yaml")));

        assertEquals(dir.resolve("none.yaml") + ": no such file", e.getMessage());
    }

    @Test
    void loadsFromFile() throws Exception {
        Path file = Files.writeString(dir.resolve("d.yaml"), "policy: classic\n");

        assertEquals(PolicyKind.CLASSIC, DaemonConfig.load(file).policy());
    }

    @Test
    void withPolicySwitchesAndDropsRulesWhenNotRules() throws ConfigException {
        DaemonConfig rules = DaemonConfig.load(EXAMPLE);

        assertEquals(List.of(), rules.withPolicy(PolicyKind.CLASSIC).rules());
        assertEquals("classic", rules.withPolicy(PolicyKind.CLASSIC).createPolicy().name());
        assertEquals(5, rules.withPolicy(PolicyKind.RULES).rules().size());
    }

    @Test
    void notifyAndOnCriticalDefaults() throws ConfigException {
        PressureConfig p = DaemonConfig.parse("policy: modern\n", "test.yaml").pressure();

        assertEquals(PressureConfig.defaults(), p);
        assertEquals(Path.of("/dev/oom_notify"), p.device());
        assertEquals(PressureEvent.Level.LOW, p.level());
        assertFalse(p.actsOnCritical());
    }

    @Test
    void readsNotifyAndOnCritical() throws ConfigException {
        PressureConfig p = DaemonConfig.parse("""
                notify:
                  enabled: true
                  device: /dev/oom_notify_critical
                  level: Critical
                  hysteresis: 0.25
                on-critical:
                  signal: usr1
                  match:
                    - name: '^cache$'
                    - cmdline: 'java .*-Dcache'
                  command: 'sync'
                """, "test.yaml").pressure();

        assertEquals(Path.of("/dev/oom_notify_critical"), p.device());
        assertEquals(PressureEvent.Level.CRITICAL, p.level());
        assertEquals(Duration.ofMillis(250), p.hysteresis());
        assertEquals(OptionalInt.of(10), p.criticalSignal());
        assertEquals(2, p.criticalMatch().size());
        assertEquals("sync", p.criticalCommand());
        assertTrue(p.actsOnCritical());
    }

    @Test
    void onCriticalProblemsAreNamed() {
        assertEquals("test.yaml: on-critical.signal needs a match list",
                problem("on-critical:\n  signal: SIGUSR1\n"));
        assertEquals("test.yaml: on-critical.match 1: needs exactly one of name, cmdline, cgroup, uid",
                problem("on-critical:\n  signal: SIGUSR1\n  match:\n    - name: a\n      uid: '0'\n"));
        assertEquals("test.yaml: notify.level must be low, medium, critical or oom, got \"severe\"",
                problem("notify:\n  level: severe\n"));
        assertEquals("test.yaml: notify.level must be low, medium, critical or oom",
                problem("notify:\n  level: none\n"));
        assertTrue(problem("on-critical:\n  signal: SIGFOO\n  match:\n    - name: a\n")
                .startsWith("test.yaml: on-critical.signal: unknown signal \"SIGFOO\""));
    }

    @Test
    void protectListsMatchersWithoutActions() throws Exception {
        DaemonConfig config = DaemonConfig.parse("""
                protect:
                  - name: '^sshd$'
                  - cmdline: 'watchdog --hw'
                """, "test.yaml");

        assertEquals(2, config.protect().size());
        assertEquals(dev.uoom.policy.Rule.Field.NAME, config.protect().get(0).field());
        assertEquals(dev.uoom.policy.Rule.Field.CMDLINE, config.protect().get(1).field());
        assertEquals(List.of(), DaemonConfig.defaults().protect());
    }

    @Test
    void protectEntryWithAnActionOrTwoFieldsIsRefused() {
        ConfigException action = assertThrows(ConfigException.class,
                () -> DaemonConfig.parse("protect:\n  - action: prefer\n    name: x\n", "test.yaml"));
        assertTrue(action.getMessage().contains("protect entry 1"), action.getMessage());
        ConfigException two = assertThrows(ConfigException.class,
                () -> DaemonConfig.parse("protect:\n  - name: x\n    uid: '0'\n", "test.yaml"));
        assertTrue(two.getMessage().contains("protect entry 1: needs exactly one of"), two.getMessage());
    }
}
