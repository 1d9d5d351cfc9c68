package dev.uoom.model;

/**
 * The memory counters of {@code /proc/PID/status}, in kB. A process has them only while it has an address
 * space ({@code mm}): kernel threads and zombies do not.
 *
 * @param vmSizeKb {@code VmSize}: the address space ({@code total_vm})
 * @param rssAnonKb {@code RssAnon}: resident anonymous memory
 * @param rssFileKb {@code RssFile}: resident file mappings
 * @param rssShmemKb {@code RssShmem}: resident shared memory
 * @param vmSwapKb {@code VmSwap}: swapped-out anonymous memory
 * @param vmPteKb {@code VmPTE}: page tables
 */
public record ProcMemory(long vmSizeKb, long rssAnonKb, long rssFileKb, long rssShmemKb, long vmSwapKb,
        long vmPteKb) {

    /** {@code RssAnon + RssFile + RssShmem}: what the kernel's {@code get_mm_rss()} counts. */
    public long rssKb() {
        return rssAnonKb + rssFileKb + rssShmemKb;
    }
}
