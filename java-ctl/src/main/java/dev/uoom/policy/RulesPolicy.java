package dev.uoom.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.uoom.model.ProcessSnapshot;
import dev.uoom.model.SystemSnapshot;

/**
 * Rules over a base policy: the base policy scores every process; the first rule that matches a process
 * decides where it goes. {@code prefer} queues it before every unmatched process, {@code avoid} after every
 * unmatched one, {@code exclude} never. Within each group the base policy's order holds. A process the base
 * policy excludes stays excluded whatever the rules say.
 * <p>
 * Because the first match wins, list the {@code exclude} rules first when a process could match several.
 */
public final class RulesPolicy implements Policy {
    /** The policy's name. */
    public static final String NAME = "rules";

    private final Policy base;
    private final List<Rule> rules;

    /**
     * @param base the policy that scores processes, usually {@link ModernPolicy}
     * @param rules the rules, first match wins
     */
    public RulesPolicy(Policy base, List<Rule> rules) {
        this.base = Objects.requireNonNull(base, "base");
        this.rules = List.copyOf(rules);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The policy that scores processes. */
    public Policy base() {
        return base;
    }

    /** The rules, in the order they are tried. */
    public List<Rule> rules() {
        return rules;
    }

    @Override
    public boolean readsCommandLine() {
        return base.readsCommandLine() || Rule.anyOnCommandLine(rules);
    }

    @Override
    public Score score(ProcessSnapshot process, SystemSnapshot system) {
        Score score = base.score(process, system);
        if (score.excluded()) {
            return score;
        }
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            Optional<String> matched = rule.match(process);
            if (matched.isPresent()) {
                return score.with(rule.action().placement(), new Term("rule", "rule " + (i + 1) + ": " + rule
                        + " matched \"" + matched.get() + "\"", rule.action().effect(), score.points()));
            }
        }
        return score.with(Placement.NORMAL, new Term("rule", "no rule matched", "no change", score.points()));
    }
}
