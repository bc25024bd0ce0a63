import Foundation
@testable import PartnerProjections
import Testing

@Suite("UUID text in checkpointed states")
struct UUIDTextTests {
    @Test func formattingEqualsFoundationsLowerCasedText() {
        var ids = (0..<200).map { _ in UUID() }
        ids.append(UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)))
        ids.append(UUID(uuid: (255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255)))
        for id in ids {
            #expect(UUIDText.lowercased(id) == id.uuidString.lowercased())
        }
    }

    @Test func parsingEqualsFoundationsParsing() {
        let id = UUID()
        let texts = [
            id.uuidString, id.uuidString.lowercased(), "E621E1F8-C36C-495A-93FC-0C247A3E6E5F", "e621e1f8-c36c-495a-93fc-0c247a3e6e5f",
            "E621E1F8C36C495A93FC0C247A3E6E5F", "E621E1F8-C36C-495A-93FC-0C247A3E6E5", "E621E1F8-C36C-495A-93FC-0C247A3E6E5G",
            "{E621E1F8-C36C-495A-93FC-0C247A3E6E5F}", "E621E1F8+C36C-495A-93FC-0C247A3E6E5F", "", "not a uuid at all, not at all!!!!!!!",
        ]
        for text in texts {
            #expect(UUIDText.parse(text) == UUID(uuidString: text), "\(text)")
        }
    }
}
