#if canImport(Glibc)
import Glibc
#endif

/// glibc's malloc gives threads that contend an arena each (up to eight per core) and keeps
/// freed memory in the arena that held it, so a long `mooring run` with Swift's worker threads
/// churning through watch events and passes keeps more resident than it uses. Two arenas serve
/// a 2–4-thread pool as well; with 10,000 tracked objects the run's peak RSS was about a tenth
/// lower (`MALLOC_ARENA_MAX=2`, Benchmarks/live-cache.md). A value the user set in the
/// environment wins: glibc reads it before this runs, and this leaves it alone.
enum MallocArenas {
    static func limit(to count: Int32 = 2) {
        #if canImport(Glibc)
        guard getenv("MALLOC_ARENA_MAX") == nil else { return }
        _ = glibcMallopt(arenaMaxParameter, count)
        #endif
    }

    /// `M_ARENA_MAX` of glibc's `<malloc.h>`, which the Glibc module does not export.
    private static let arenaMaxParameter: Int32 = -8
}

#if canImport(Glibc)
/// glibc's `int mallopt(int param, int value)` (`<malloc.h>`, not in the Glibc module).
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
