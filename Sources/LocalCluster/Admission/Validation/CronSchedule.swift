/// Whether a CronJob schedule parses, with the error text of the parser kube-apiserver uses
/// (`github.com/robfig/cron/v3` ParseStandard: five fields or an `@descriptor`).
enum CronSchedule {
    private struct Bounds {
        let minimum: Int
        let maximum: Int
        let names: [String: Int]
    }

    private static let fields = [
        Bounds(minimum: 0, maximum: 59, names: [:]),
        Bounds(minimum: 0, maximum: 23, names: [:]),
        Bounds(minimum: 1, maximum: 31, names: [:]),
        Bounds(minimum: 1, maximum: 12, names: ["jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
                                                 "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12]),
        Bounds(minimum: 0, maximum: 6, names: ["sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6]),
    ]

    private static let descriptors: Set<String> = ["@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"]

    /// `nil` when the schedule parses, else the parser's error.
    static func error(in schedule: String) -> String? {
        if schedule.hasPrefix("@") {
            if descriptors.contains(schedule) { return nil }
            if schedule.hasPrefix("@every ") {
                let duration = String(schedule.dropFirst("@every ".count))
                return GoDurationSyntax.isValid(duration) ? nil
                    : "failed to parse duration \(schedule): time: invalid duration \(GoValue.quote(duration))"
            }
            return "unrecognized descriptor: \(schedule)"
        }
        let parts = schedule.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
        guard parts.count == 5 else {
            return "expected exactly 5 fields, found \(parts.count): [\(parts.joined(separator: " "))]"
        }
        for (part, bounds) in zip(parts, fields) {
            for expression in part.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
                if let error = rangeError(expression, bounds) { return error }
            }
        }
        return nil
    }

    /// getRange: `*`, `?`, `n`, `a-b`, each with an optional `/step`.
    private static func rangeError(_ expression: String, _ bounds: Bounds) -> String? {
        let rangeAndStep = expression.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let lowAndHigh = rangeAndStep[0].split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        var start: Int, end: Int
        if lowAndHigh[0] == "*" || lowAndHigh[0] == "?" {
            start = bounds.minimum
            end = bounds.maximum
        } else {
            switch parseIntOrName(lowAndHigh[0], bounds.names) {
            case .failure(let error): return error.text
            case .success(let value): start = value
            }
            switch lowAndHigh.count {
            case 1: end = start
            case 2:
                switch parseIntOrName(lowAndHigh[1], bounds.names) {
                case .failure(let error): return error.text
                case .success(let value): end = value
                }
            default: return "too many hyphens: \(expression)"
            }
        }
        var step = 1
        switch rangeAndStep.count {
        case 1: break
        case 2:
            switch parseInt(rangeAndStep[1]) {
            case .failure(let error): return error.text
            case .success(let value): step = value
            }
            if lowAndHigh.count == 1, lowAndHigh[0] != "*", lowAndHigh[0] != "?" { end = bounds.maximum }
        default: return "too many slashes: \(expression)"
        }
        if start < bounds.minimum { return "beginning of range (\(start)) below minimum (\(bounds.minimum)): \(expression)" }
        if end > bounds.maximum { return "end of range (\(end)) above maximum (\(bounds.maximum)): \(expression)" }
        if start > end { return "beginning of range (\(start)) beyond end of range (\(end)): \(expression)" }
        if step == 0 { return "step of range should be a positive number: \(expression)" }
        return nil
    }

    private struct ParseError: Error { let text: String }

    private static func parseIntOrName(_ text: String, _ names: [String: Int]) -> Result<Int, ParseError> {
        if let named = names[text.lowercased()] { return .success(named) }
        return parseInt(text)
    }

    /// mustParseInt: `strconv.Atoi`, then no negatives.
    private static func parseInt(_ text: String) -> Result<Int, ParseError> {
        guard let number = Int(text) else {
            return .failure(ParseError(text: "failed to parse int from \(text): strconv.Atoi: parsing \(GoValue.quote(text)): invalid syntax"))
        }
        if number < 0 { return .failure(ParseError(text: "negative number (\(number)) not allowed: \(text)")) }
        return .success(number)
    }
}
