package dev.uoom.api;

import dev.uoom.model.ProtectedProcess;
import dev.uoom.model.QueueEntry;
import dev.uoom.nativeio.Errno;
import dev.uoom.nativeio.ErrnoException;
import dev.uoom.nativeio.OomProtectDevice;
import dev.uoom.nativeio.PidFd;
import dev.uoom.parse.ProtectionStatusParser;
import dev.uoom.paths.ProcPaths;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * OOM kill protection: a protected process has {@code oom_score_adj} -1000, so the OOM killer never takes it,
 * not even from the candidate queue. uoom saves the value it had and restores it on unprotect and on module
 * unload; children forked later inherit the protection.
 * <p>
 * Protecting needs what writing {@code /proc/PID/oom_score_adj} needs: CAP_SYS_RESOURCE, and CAP_DAC_OVERRIDE
 * for another user's process; unprotecting oneself is always allowed. Calls that name a pid go through a
 * pidfd, so a pid recycled during the call is never mistaken for the process; {@link #protect(QueueEntry)}
 * also checks, through {@link LiveProcess}, that the pid still names the process seen before. Obtain one from
 * {@link Uoom#protection()}.
 *
 * <pre>{@code
 * OomProtection protection = Uoom.open().protection();
 * protection.protectSelf();
 * try (OomProtection.Hold hold = protection.hold(worker)) {
 *     // worker is protected until here
 * }
 * }</pre>
 */
public final class OomProtection {
    private final ProcPaths paths;
    private final String device;

    /**
     * What the module says of one process.
     *
     * @param savedAdj what unprotecting restores, if it is protected
     */
    public record State(int pid, boolean protectedNow, int adj, OptionalInt savedAdj) {
    }

    OomProtection(ProcPaths paths, String device) {
        this.paths = Objects.requireNonNull(paths, "paths");
        this.device = Objects.requireNonNull(device, "device");
    }

    /** Protects the calling process (the 2006 {@code OOMSETPROTECTCMD}). */
    public void protectSelf() throws UoomException {
        try (OomProtectDevice dev = open()) {
            dev.setSelf(true);
        } catch (ErrnoException e) {
            throw failure("protect", ProcessHandle.current().pid(), e);
        }
    }

    /** Drops the calling process's protection, restoring its saved value; always allowed. */
    public void unprotectSelf() throws UoomException {
        try (OomProtectDevice dev = open()) {
            dev.setSelf(false);
        } catch (ErrnoException e) {
            throw failure("unprotect", ProcessHandle.current().pid(), e);
        }
    }

    /** Protects {@code pid} until it is unprotected or the module is unloaded. */
    public void protect(int pid) throws UoomException {
        set(pid, true);
    }

    /**
     * Protects the process {@code seen} names, as {@link #protect(int)}, unless it exited or its pid now names
     * another process: for a process seen some time before, such as in a scan.
     *
     * @return false if it exited or its pid was reused; nothing is protected then
     */
    public boolean protect(QueueEntry seen) throws UoomException {
        Optional<LiveProcess> live = LiveProcess.open(seen);
        if (live.isEmpty()) {
            return false;
        }
        try (LiveProcess p = live.get(); OomProtectDevice dev = open()) {
            dev.set(p.pidfd(), true, false);
            return true;
        } catch (ErrnoException e) {
            if (Errno.ESRCH.is(e.errno())) {
                return false;
            }
            throw failure("protect", seen.pid(), e);
        }
    }

    /** Unprotects {@code pid}, restoring the value it had before. */
    public void unprotect(int pid) throws UoomException {
        set(pid, false);
    }

    /** Whether {@code pid} is protected, its {@code oom_score_adj}, and what unprotecting would restore. */
    public State query(int pid) throws UoomException {
        try (OomProtectDevice dev = open(); PidFd pidfd = PidFd.open(pid)) {
            OomProtectDevice.State s = dev.get(pidfd);
            return new State(pid, s.protectedNow(), s.adj(),
                    s.saved() ? OptionalInt.of(s.savedAdj()) : OptionalInt.empty());
        } catch (ErrnoException e) {
            throw failure("query", pid, e);
        }
    }

    /**
     * Protects {@code pid} while the returned hold is open (try-with-resources); closing it restores the saved
     * value. The hold keeps a {@code /dev/oom_protect} descriptor open.
     */
    public Hold hold(int pid) throws UoomException {
        OomProtectDevice dev = open();
        try (PidFd pidfd = PidFd.open(pid)) {
            dev.set(pidfd, true, true);
            return new Hold(pid, dev);
        } catch (ErrnoException e) {
            try {
                dev.close();
            } catch (ErrnoException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw failure("protect", pid, e);
        }
    }

    /** {@link #hold(int)} for the calling process. */
    public Hold holdSelf() throws UoomException {
        return hold((int) ProcessHandle.current().pid());
    }

    /** Every process whose {@code oom_score_adj} is -1000 now, from {@code /proc/oom_kill_protection/status}. */
    public List<ProtectedProcess> list() throws UoomException {
        return ModuleFiles.read(paths.oomKillProtectionStatus(), ProtectionStatusParser::parse);
    }

    /** Protection held by an open {@code /dev/oom_protect}; {@link #close} ends it. */
    public static final class Hold implements AutoCloseable {
        private final int pid;
        private final OomProtectDevice dev;

        private Hold(int pid, OomProtectDevice dev) {
            this.pid = pid;
            this.dev = dev;
        }

        /** The protected process. */
        public int pid() {
            return pid;
        }

        /** Ends the protection: the module restores the saved value when the descriptor closes. */
        @Override
        public void close() throws UoomException {
            try {
                dev.close();
            } catch (ErrnoException e) {
                throw new UoomException("cannot end the hold on pid " + pid + ": " + e.getMessage(), e.errno(), e);
            }
        }
    }

    private void set(int pid, boolean protect) throws UoomException {
        try (OomProtectDevice dev = open(); PidFd pidfd = PidFd.open(pid)) {
            dev.set(pidfd, protect, false);
        } catch (ErrnoException e) {
            throw failure(protect ? "protect" : "unprotect", pid, e);
        }
    }

    private OomProtectDevice open() throws UoomException {
        try {
            return OomProtectDevice.open(device);
        } catch (ErrnoException e) {
            if (Errno.ENOENT.is(e.errno())) {
                throw new ModuleNotLoadedException(Path.of(device), e);
            }
            throw new UoomException("cannot open " + device + ": " + Errno.describe(e.errno()), e.errno(), e);
        }
    }

    private static UoomException failure(String what, long pid, ErrnoException e) {
        String why;
        if (Errno.EPERM.is(e.errno())) {
            why = (what.equals("unprotect") ? "unprotecting another process" : "protecting")
                    + " needs CAP_SYS_RESOURCE, and CAP_DAC_OVERRIDE for another user's process";
        } else if (Errno.ESRCH.is(e.errno())) {
            why = "no such process";
        } else if (Errno.EBUSY.is(e.errno())) {
            why = "another open /dev/oom_protect holds its protection";
        } else {
            why = e.getMessage();
        }
        return new UoomException("cannot " + what + " pid " + pid + ": " + why, e.errno(), e);
    }
}
