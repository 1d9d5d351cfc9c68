package dev.uoom.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.google.re2j.PatternSyntaxException;
import org.junit.jupiter.api.Test;

import dev.uoom.Fixtures;
import dev.uoom.model.ProcessSnapshot;
import dev.uoom.model.SystemSnapshot;
import dev.uoom.policy.Rule.Action;
import dev.uoom.policy.Rule.Field;

class RulesPolicyTest {
    private static final SystemSnapshot SNAPSHOT = Fixtures.snapshot();

    private static List<Integer> order(Rule... rules) {
        return order(Policies.modern(), rules);
    }

    private static List<Integer> order(Policy base, Rule... rules) {
        return Ranking.of(new RulesPolicy(base, List.of(rules)), SNAPSHOT).queue().stream()
                .map(r -> r.process().pid()).toList();
    }

    private static Score score(int pid, Rule... rules) {
        return new RulesPolicy(Policies.modern(), List.of(rules)).score(SNAPSHOT.process(pid).orElseThrow(), SNAPSHOT);
    }

    @Test
    void withoutMatchesKeepsBaseOrder() {
        assertEquals(List.of(15918, 15920, 15924, 15916, 15922, 15917, 15919, 15923),
                order(Rule.of(Action.PREFER, Field.NAME, "^nothing$")));
    }

    @Test
    void preferQueuesFirstInBaseOrder() {
        assertEquals(List.of(15920, 15924, 15918, 15916, 15922, 15917, 15919, 15923),
                order(Rule.of(Action.PREFER, Field.NAME, "^python3$")));
    }

    @Test
    void ordersByTheChosenBasePolicy() {
        assertEquals(List.of(15916, 15918, 15920, 15924, 15922, 15917, 15919, 15923),
                order(Policies.classic(), Rule.of(Action.PREFER, Field.NAME, "^bash$")));
    }

    @Test
    void avoidQueuesLast() {
        assertEquals(List.of(15920, 15924, 15916, 15919, 15918, 15922, 15917, 15923),
                order(Rule.of(Action.AVOID, Field.NAME, "^sleep$")));
    }

    @Test
    void excludeRemoves() {
        Ranking ranking = Ranking.of(new RulesPolicy(Policies.modern(),
                List.of(Rule.of(Action.EXCLUDE, Field.CGROUP, "^/user\\.slice/batch\\.slice/"))), SNAPSHOT);

        assertTrue(ranking.queue().stream().noneMatch(r -> r.process().pid() == 15920));
        Ranked excluded = ranking.excluded().stream().filter(r -> r.process().pid() == 15920).findFirst().orElseThrow();
        assertEquals(675, excluded.score().value());
        assertEquals(new Term("rule", "rule 1: exclude cgroup =~ /^/user\\.slice/batch\\.slice// matched "
                + "\"/user.slice/batch.slice/job.scope\"", "never queued", 80338),
                excluded.score().terms().get(excluded.score().terms().size() - 1));
    }

    @Test
    void matchesTheFullCommandLineNotTheComm() {
        // "time.sleep(3000)" appears only past the 15 bytes of comm.
        Score score = score(15920, Rule.of(Action.PREFER, Field.CMDLINE, "bytearray\\(300<<20\\); import time"));

        assertEquals(Placement.PREFERRED, score.placement());
        assertEquals(Placement.NORMAL, score(15924, Rule.of(Action.PREFER, Field.CMDLINE,
                "bytearray\\(300<<20\\)")).placement());
        assertEquals(Placement.NORMAL, score(15920, Rule.of(Action.PREFER, Field.NAME, "import")).placement());
    }

    @Test
    void matchesAnyCgroupPath() {
        assertEquals(Placement.AVOIDED, score(15917, Rule.of(Action.AVOID, Field.CGROUP, "^/sandbox$")).placement());
    }

    @Test
    void matchesRealUid() {
        assertEquals(List.of(15922), order(Rule.of(Action.PREFER, Field.UID, "^1000$")).subList(0, 1));
        assertEquals(Placement.NORMAL, score(15918, Rule.of(Action.PREFER, Field.UID, "^1000$")).placement());
    }

    @Test
    void firstMatchingRuleWins() {
        Score score = score(15917, Rule.of(Action.AVOID, Field.NAME, "^sleep$"),
                Rule.of(Action.PREFER, Field.CMDLINE, "sleep"));

        assertEquals(Placement.AVOIDED, score.placement());
        assertEquals("rule 1: avoid name =~ /^sleep$/ matched \"sleep\"",
                score.terms().get(score.terms().size() - 1).value());
    }

    @Test
    void rulesCannotRescueWhatTheKernelNeverKills() {
        Score score = score(4242, Rule.of(Action.PREFER, Field.NAME, "^sshd$"));

        assertTrue(score.excluded());
        assertEquals(1, score.terms().size());
    }

    @Test
    void explainsNoMatch() {
        Score score = score(15919, Rule.of(Action.PREFER, Field.NAME, "^x$"));

        assertEquals(new Term("rule", "no rule matched", "no change", 405),
                score.terms().get(score.terms().size() - 1));
        assertEquals(666, score.value());
    }

    @Test
    void ruleShowsAsWritten() {
        Rule rule = Rule.of(Action.PREFER, Field.CMDLINE, "java .*batch");

        assertEquals("prefer cmdline =~ /java .*batch/", rule.toString());
        assertEquals(Optional.of("x java -jar batch.jar"),
                rule.match(Processes.process(5).cmdline("x", "java", "-jar", "batch.jar").build()));
    }

    @Test
    void documentedExampleRuleIsLinearOnAMebibyteCommandLine() {
        // Any user controls their own argv: "java " a million times over makes a backtracking engine quadratic.
        String[] args = new String[(1 << 20) / 5];
        Arrays.fill(args, "java");
        ProcessSnapshot p = Processes.process(5).cmdline(args).build();
        Rule rule = Rule.of(Action.PREFER, Field.CMDLINE, "java .*-jar batch\\.jar");

        Optional<String> match = assertTimeoutPreemptively(Duration.ofMillis(500), () -> rule.match(p));

        assertEquals(Optional.empty(), match);
    }

    @Test
    void exponentialBacktrackingExpressionIsLinear() {
        // A backtracking engine takes 2^n steps here; 30 characters already take seconds.
        String name = "a".repeat(ProcessSnapshot.CMDLINE_LIMIT - 1) + "!";
        ProcessSnapshot p = Processes.process(5).cmdline(name).build();
        Rule rule = Rule.of(Action.PREFER, Field.CMDLINE, "^(a+)+$");

        assertEquals(Optional.empty(), assertTimeoutPreemptively(Duration.ofMillis(500), () -> rule.match(p)));
        assertEquals(Optional.of("aa"), Rule.of(Action.PREFER, Field.CMDLINE, "^(a+)+$")
                .match(Processes.process(6).cmdline("aa").build()));
    }

    @Test
    void rejectsInvalidRegex() {
        assertThrows(PatternSyntaxException.class, () -> Rule.of(Action.AVOID, Field.NAME, "("));
    }

    @Test
    void uidRuleMatchesUnsignedUid() {
        ProcessSnapshot p = Processes.process(9).uid(3000000000L, 3000000000L).build();

        assertEquals(Optional.of("3000000000"), Rule.of(Action.AVOID, Field.UID, "^3000000000$").match(p));
    }
}
