import Foundation
import Testing
@testable import KaternText

/// A warm-up started before the command line is parsed guesses the booklet's language; the
/// build takes it only when the guess was right, and otherwise gets the patterns of its own
/// language (a wrong guess never gives another language's hyphenation).
@Suite(.serialized) struct ShaperWarmupTests {
    @Test func aRightGuessIsTakenWithItsPatterns() {
        ShaperWarmup.startEarly(first: nil) { "nl" }
        let taken = ShaperWarmup.take(language: "nl", first: nil)
        #expect(taken.language == "nl")
        #expect(taken.patterns() != nil)
        // Taken once: the next build starts its own.
        let next = ShaperWarmup.take(language: "nl", first: nil)
        #expect(next !== taken)
        #expect(next.patterns() != nil)
    }

    @Test func aWrongGuessIsNotTaken() {
        ShaperWarmup.startEarly(first: nil) { "nl" }
        let taken = ShaperWarmup.take(language: "xx", first: nil)
        #expect(taken.language == "xx")
        #expect(taken.patterns() == nil)  // no dictionary for "xx", never Dutch's

        ShaperWarmup.startEarly(first: nil) { nil }
        let dutch = ShaperWarmup.take(language: "nl", first: nil)
        #expect(dutch.language == "nl")
        #expect(dutch.patterns() != nil)
    }

    @Test func withoutAnEarlyStartAWarmupIsMade() {
        let made = ShaperWarmup.take(language: "nl", first: nil)
        #expect(made.language == "nl")
        #expect(made.patterns() != nil)
    }

    @Test func firstRunsOnTheWarmupThreadBeforeThePatterns() {
        final class Flag: @unchecked Sendable { var ran = false }
        let flag = Flag()
        ShaperWarmup.startEarly(first: { flag.ran = true }) { "nl" }
        let taken = ShaperWarmup.take(language: "nl", first: nil)
        _ = taken.patterns()
        #expect(flag.ran)
    }
}
