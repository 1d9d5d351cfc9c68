package dev.uoom.paths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.uoom.Fixtures;

class CgroupPathsTest {

    @Test
    void findsTheVersionFromTheFiles() {
        assertEquals(CgroupPaths.Version.V2, new CgroupPaths(Fixtures.cgroupDir("v2-box")).version());
        assertEquals(CgroupPaths.Version.V1, new CgroupPaths(Fixtures.cgroupDir("v1-box")).version());
    }

    @Test
    void aDirectoryWithoutMemoryFilesIsNotAMemcg(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CgroupPaths(dir).version());

        assertTrue(e.getMessage().contains("not a memory cgroup"), e.getMessage());
    }

    @Test
    void relativeNamesAreUnderTheCgroupRoot() {
        assertEquals(Path.of("/sys/fs/cgroup/box"), CgroupPaths.of("box").dir());
        assertEquals(Path.of("/sys/fs/cgroup/a/b"), CgroupPaths.of("/a/b").dir());
        Path existing = Fixtures.cgroupDir("v2-box");
        assertEquals(existing, CgroupPaths.of(existing.toString()).dir());
    }

    @Test
    void hardLimitFileDependsOnTheVersion() {
        CgroupPaths p = new CgroupPaths(Path.of("/g"));
        assertEquals(Path.of("/g/memory.max"), p.hardLimit(CgroupPaths.Version.V2));
        assertEquals(Path.of("/g/memory.limit_in_bytes"), p.hardLimit(CgroupPaths.Version.V1));
    }
}
