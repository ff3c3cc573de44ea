import Foundation
import Testing
@testable import KaternDocument

/// The calendar arithmetic against Foundation's own Gregorian calendar and date formatter (a
/// second implementation), over every day from 1970 to 2100 and random seconds up to 9999.
struct CivilDateTests {
    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    @Test func everyDayAgreesWithFoundation() {
        let end = CivilDate.days(year: 2100, month: 12, day: 31)
        #expect(CivilDate.days(year: 1970, month: 1, day: 1) == 0)
        for day in stride(from: 0, through: end, by: 1) {
            let date = Date(timeIntervalSince1970: TimeInterval(day * 86_400))
            let parts = Self.utc.dateComponents([.year, .month, .day], from: date)
            let mine = CivilDate.date(days: day)
            guard mine.year == parts.year, mine.month == parts.month, mine.day == parts.day else {
                Issue.record("day \(day): \(mine) but Foundation says \(parts)")
                return
            }
            #expect(CivilDate.days(year: mine.year, month: mine.month, day: mine.day) == day)
        }
    }

    @Test func isoAgreesWithAFormatter() {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'"
        var state: UInt64 = 5
        for _ in 0..<5000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let seconds = Int(state >> 30) % 253_402_300_800
            #expect(CivilDate.iso(seconds: seconds) == formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds))))
        }
    }

    @Test func onlyRealDatesAreRead() {
        #expect(CivilDate.seconds(of: "2024-02-29") == 1_709_164_800)
        #expect(CivilDate.seconds(of: "2023-02-29") == nil)
        #expect(CivilDate.seconds(of: "2024-13-01") == nil)
        #expect(CivilDate.seconds(of: "2024-04-31") == nil)
        #expect(CivilDate.seconds(of: "2024-4-01") == nil)
        #expect(CivilDate.seconds(of: "+024-04-01") == nil)
        #expect(CivilDate.seconds(of: "1970-01-01") == 0)
        #expect(CivilDate.exists(year: 2000, month: 2, day: 29) && !CivilDate.exists(year: 1900, month: 2, day: 29))
    }
}
