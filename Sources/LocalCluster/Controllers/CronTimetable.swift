import Foundation

/// A standard five-field cron schedule (minute hour day-of-month month day-of-week, with `*`,
/// `*/n`, `a-b`, `a-b/n` and lists) or a descriptor such as `@hourly`, evaluated in UTC.
struct CronTimetable: Sendable {
    private let minutes: Set<Int>, hours: Set<Int>, days: Set<Int>, months: Set<Int>, weekdays: Set<Int>
    private let anyDay: Bool, anyWeekday: Bool

    init?(_ text: String) {
        let descriptors = ["@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *",
                           "@weekly": "0 0 * * 0", "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *"]
        let fields = (descriptors[text.trimmingCharacters(in: .whitespaces)] ?? text).split(separator: " ").map(String.init)
        guard fields.count == 5,
              let minutes = Self.field(fields[0], 0...59), let hours = Self.field(fields[1], 0...23),
              let days = Self.field(fields[2], 1...31), let months = Self.field(fields[3], 1...12),
              let weekdays = Self.field(fields[4].replacingOccurrences(of: "7", with: "0"), 0...6) else { return nil }
        (self.minutes, self.hours, self.days, self.months, self.weekdays) = (minutes, hours, days, months, weekdays)
        anyDay = fields[2] == "*" || fields[2] == "?"
        anyWeekday = fields[4] == "*" || fields[4] == "?"
    }

    /// The first scheduled minute strictly after `date` (searching up to about four years).
    func next(after date: Date) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var candidate = Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 60).rounded(.down) * 60 + 60)
        for _ in 0..<(4 * 366 * 24 * 60) {
            let parts = calendar.dateComponents([.minute, .hour, .day, .month, .weekday], from: candidate)
            let dayMatches = days.contains(parts.day!), weekdayMatches = weekdays.contains(parts.weekday! - 1)
            // As in cron: when both day fields are restricted, either may match.
            let dayOK = anyDay && anyWeekday ? true : anyDay ? weekdayMatches : anyWeekday ? dayMatches : (dayMatches || weekdayMatches)
            if months.contains(parts.month!) && dayOK && hours.contains(parts.hour!) && minutes.contains(parts.minute!) {
                return candidate
            }
            candidate += 60
        }
        return nil
    }

    private static func field(_ text: String, _ range: ClosedRange<Int>) -> Set<Int>? {
        var values = Set<Int>()
        for part in text.split(separator: ",") {
            let pieces = part.split(separator: "/", maxSplits: 1)
            let step = pieces.count == 2 ? Int(pieces[1]) : 1
            guard let step, step > 0 else { return nil }
            var low = range.lowerBound, high = range.upperBound
            if pieces[0] != "*" && pieces[0] != "?" {
                let bounds = pieces[0].split(separator: "-", maxSplits: 1).compactMap { Int($0) }
                guard !bounds.isEmpty else { return nil }
                low = bounds[0]
                high = bounds.count == 2 ? bounds[1] : (pieces.count == 2 ? range.upperBound : bounds[0])
            }
            guard range.contains(low), range.contains(high), low <= high else { return nil }
            values.formUnion(stride(from: low, through: high, by: step))
        }
        return values.isEmpty ? nil : values
    }
}
