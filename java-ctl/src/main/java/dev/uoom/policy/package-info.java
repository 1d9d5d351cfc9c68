/**
 * Ranking policies: which processes the OOM killer should take first, and why.
 * <p>
 * A {@link dev.uoom.policy.Policy} scores one process of a {@link dev.uoom.model.SystemSnapshot} and explains
 * the score term by term; {@link dev.uoom.policy.Ranking} orders a whole snapshot. Policies are pure: they
 * read only the snapshot, so they are tested on fixture snapshots.
 * <ul>
 * <li>{@link dev.uoom.policy.ModernPolicy}: today's {@code oom_badness()}; its score equals
 * {@code /proc/PID/oom_score}.</li>
 * <li>{@link dev.uoom.policy.ClassicPolicy}: the 2.6 kernel's {@code badness()}.</li>
 * <li>{@link dev.uoom.policy.RulesPolicy}: prefer, avoid or exclude processes by regular expression, on top
 * of either.</li>
 * </ul>
 */
package dev.uoom.policy;
