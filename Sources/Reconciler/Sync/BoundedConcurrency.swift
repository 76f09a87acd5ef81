/// Runs work on many items at once, at most `limit` at a time: objects of one sync step are
/// applied concurrently without opening a thousand requests in one go.
enum BoundedConcurrency {
    /// The results, in the order of `items`.
    static func map<Item: Sendable, Result: Sendable>(
        _ items: [Item], limit: Int, _ work: @escaping @Sendable (Item) async -> Result
    ) async -> [Result] {
        guard !items.isEmpty else { return [] }
        return await withTaskGroup(of: (Int, Result).self) { group in
            var results = [Result?](repeating: nil, count: items.count)
            var next = 0
            func startNext() {
                let index = next
                let item = items[index]
                group.addTask { (index, await work(item)) }
                next += 1
            }
            for _ in 0..<min(max(limit, 1), items.count) { startNext() }
            for await (index, result) in group {
                results[index] = result
                if next < items.count { startNext() }
            }
            return results.map { $0! }
        }
    }
}
