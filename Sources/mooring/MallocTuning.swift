#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// glibc malloc settings for a long `mooring run`, which otherwise keeps far more resident than
/// it uses (with 10,000 tracked objects: 120 MB of heap in use, 230 MB resident; figures in
/// Benchmarks/live-cache.md). A value the user set in the environment wins: glibc reads
/// `MALLOC_ARENA_MAX` / `MALLOC_MMAP_THRESHOLD_` before this runs, and this leaves them alone.
///
/// - Two arenas: glibc gives threads that contend an arena each (up to eight per core) and
///   keeps freed memory in the arena that held it; two serve Swift's 2–4-thread pool as well.
/// - A fixed mmap threshold (128 KiB): glibc raises its threshold to the size of each large
///   block freed, so after the first pass the arrays and tables of 10,000 entries a pass builds
///   and drops came from the heap, where their pages stayed resident; fixed, each is mapped on
///   its own and unmapped when freed.
/// - `returnFreeMemory` after an environment's pass (at most every `trimInterval`): what the
///   pass freed inside the heap goes back to the system (`malloc_trim`), not only its top.
enum MallocTuning {
    static func configure(arenas: Int32 = 2, mmapThreshold: Int32 = 128 << 10) {
        #if canImport(Glibc)
        if getenv("MALLOC_ARENA_MAX") == nil { _ = glibcMallopt(arenaMaxParameter, arenas) }
        if getenv("MALLOC_MMAP_THRESHOLD_") == nil { _ = glibcMallopt(mmapThresholdParameter, mmapThreshold) }
        #endif
    }

    /// The least time between two `returnFreeMemory` that trim: with a thousand environments
    /// passes end many times a second, and a trim walks the whole heap.
    static let trimInterval = Duration.seconds(2)
    private static let lastTrim = Mutex<ContinuousClock.Instant?>(nil)

    /// Gives the heap's free pages back to the system, unless that was done less than
    /// `trimInterval` ago.
    static func returnFreeMemory() {
        let now = ContinuousClock.now
        let due = lastTrim.withLock { last in
            guard last.map({ now - $0 >= trimInterval }) ?? true else { return false }
            last = now
            return true
        }
        #if canImport(Glibc)
        if due { _ = glibcMallocTrim(0) }
        #endif
    }

    /// `M_ARENA_MAX` and `M_MMAP_THRESHOLD` of glibc's `<malloc.h>`, which the Glibc module does not export.
    private static let arenaMaxParameter: Int32 = -8
    private static let mmapThresholdParameter: Int32 = -3
}

#if canImport(Glibc)
/// glibc's `int mallopt(int param, int value)` (`<malloc.h>`, not in the Glibc module).
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32

/// glibc's `int malloc_trim(size_t pad)` (`<malloc.h>`).
@_silgen_name("malloc_trim")
private func glibcMallocTrim(_ pad: UInt) -> Int32
#endif
