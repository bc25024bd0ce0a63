import EventLog
import Foundation
import Testing

@Suite("Log times")
struct TemporalTests {
    @Test(arguments: [
        ("2024-01-01T00:00:38.726Z", Int64(1_704_067_238_726)),
        ("2024-01-01", 1_704_067_200_000),
        ("2024-02-29T12:00:00Z", 1_709_208_000_000),
        ("2024-01-01T01:00:00+01:00", 1_704_067_200_000),
        ("2023-12-31T19:00:00.5-05:00", 1_704_067_200_500),
        ("1970-01-01T00:00:00Z", 0),
        ("1969-12-31T23:59:59.999Z", -1),
    ])
    func parsesISO8601(text: String, milliseconds: Int64) {
        #expect(LogTime.parse(text) == milliseconds)
    }

    @Test(arguments: ["2025-02-29", "2024-13-01", "2024-01-32", "2024-1-1", "yesterday", "2024-01-01T25:00:00Z", "2024-01-01T10:00:00", ""])
    func rejectsWhatIsNotAnInstant(text: String) {
        #expect(LogTime.parse(text) == nil)
    }

    @Test(arguments: [Int64(1_704_067_238_726), 0, -1, 951_782_400_000, 253_402_300_799_999])
    func formatsCanonically(milliseconds: Int64) {
        #expect(LogTime.parse(LogTime.format(milliseconds)) == milliseconds)
    }

    @Test func formatsTheExampleExactly() {
        #expect(LogTime.format(1_704_067_238_726) == "2024-01-01T00:00:38.726Z")
        #expect(LogTime.format(-1) == "1969-12-31T23:59:59.999Z")
    }
}
