/// Cuts a byte stream into newline-terminated lines; a watch sends one JSON event per line,
/// and chunks from the network break lines anywhere.
struct LineSplitter {
    private var pending: [UInt8] = []

    mutating func append(_ chunk: [UInt8]) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var start = 0
        for index in chunk.indices where chunk[index] == UInt8(ascii: "\n") {
            if pending.isEmpty {
                lines.append(Array(chunk[start..<index]))
            } else {
                pending += chunk[start..<index]
                lines.append(pending)
                pending = []
            }
            start = index + 1
        }
        pending += chunk[start...]
        return lines.filter { !$0.isEmpty }
    }
}
