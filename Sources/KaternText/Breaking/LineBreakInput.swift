/// A paragraph as the line breaker sees it: one entry per character (the advance of the cluster
/// that starts at it, 0 inside a cluster), which characters are stretchable spaces, and where
/// lines may break. Plain values: built from Pango by `PangoShaper`, or by hand in tests.
public struct LineBreakInput: Sendable, Equatable {
    /// A place where a line may end.
    public struct BreakPoint: Sendable, Equatable {
        /// The character index where the next line starts (spaces before it end the line).
        public var index: Int
        /// Breaking here adds a hyphen at the line's end (a hyphenation point).
        public var hyphenated: Bool
        /// A line must end here (end of paragraph, hard line break).
        public var forced: Bool
        /// The line ends in a hyphen of the text itself ("mond-" of "mond-keelholte").
        public var explicitHyphen: Bool
        public var kind: Kind

        /// Where a break comes from, besides Unicode's rules and hyphenation.
        public enum Kind: Sendable, Equatable {
            case ordinary
            /// Inside a web or e-mail address, at a slash, dot or the like (no hyphen is added).
            case address
            /// Between two letters of a word wider than the line: the last resort before an
            /// overfull line.
            case emergency
        }

        public init(index: Int, hyphenated: Bool = false, forced: Bool = false, explicitHyphen: Bool = false, kind: Kind = .ordinary) {
            self.index = index
            self.hyphenated = hyphenated
            self.forced = forced
            self.explicitHyphen = explicitHyphen
            self.kind = kind
        }

        /// The line ends with a hyphen, drawn or written.
        public var endsWithHyphen: Bool { hyphenated || explicitHyphen }
    }

    public var advances: [Double]
    public var isSpace: [Bool]
    public var breaks: [BreakPoint]
    /// The width of the hyphen drawn at a hyphenation break.
    public var hyphenWidth: Double
    /// How much each letter may be spaced out in a justified line (points, at an adjustment
    /// ratio of 1), to spare the word spaces; 0 for none.
    public var letterStretch: Double = 0

    /// Prefix sums of the advances and of the spaces, for widths in constant time.
    let offsets: [Double]
    let spaceCounts: [Int]
    let spaceWidths: [Double]
    /// Prefix counts of letters: characters that are not spaces and have an advance of their own
    /// (the first character of each cluster; soft hyphens and marks inside clusters do not count).
    let letterCounts: [Int]

    public init(advances: [Double], isSpace: [Bool], breaks: [BreakPoint], hyphenWidth: Double) {
        self.advances = advances
        self.isSpace = isSpace
        self.breaks = breaks
        self.hyphenWidth = hyphenWidth
        var sum = 0.0, count = 0, spaceSum = 0.0
        var offsets = [0.0], spaceCounts = [0], spaceWidths = [0.0], letterCounts = [0]
        var letters = 0
        offsets.reserveCapacity(advances.count + 1)
        spaceCounts.reserveCapacity(advances.count + 1)
        spaceWidths.reserveCapacity(advances.count + 1)
        for (advance, space) in zip(advances, isSpace) {
            sum += advance
            count += space ? 1 : 0
            spaceSum += space ? advance : 0
            letters += !space && advance > 0 ? 1 : 0
            letterCounts.append(letters)
            offsets.append(sum)
            spaceCounts.append(count)
            spaceWidths.append(spaceSum)
        }
        self.offsets = offsets
        self.spaceCounts = spaceCounts
        self.spaceWidths = spaceWidths
        self.letterCounts = letterCounts
    }

    /// Adds breaks inside web and e-mail addresses (tokens with `@`, `/` or starting with
    /// `www.`), where the Chicago Manual of Style puts them: after `//` and `:`, before a single
    /// `/`, `.`, `,`, `-`, `_`, `~`, `?`, `#`, `%` and `@`, before or after `=` and `&`. Each part
    /// keeps at least two characters. No hyphen is drawn at such a break.
    /// Only addresses wider than `minimumWidth` get them (a short one stays whole).
    public mutating func addAddressBreaks(_ characters: [Unicode.Scalar], minimumWidth: Double = 0) {
        guard characters.count == advances.count else { return }
        var existing = Set<Int>()
        var added: [BreakPoint] = []
        var inside = Set<Int>()  // Unicode's own breaks inside addresses ("https://" | "www"), taken out
        var start = 0
        func token(_ range: Range<Int>) {
            guard range.count >= 6 else { return }
            // Only a token with "/", "@" or ":" or one that starts with "www." can be an address:
            // the others are told apart without building a string.
            let slice = characters[range]
            let www = slice.count >= 4 && slice.prefix(3).allSatisfy { $0 == "w" || $0 == "W" } && slice[range.lowerBound + 3] == "."
            guard www || slice.contains(where: { $0 == "/" || $0 == "@" || $0 == ":" }) else { return }
            let text = String(String.UnicodeScalarView(slice))
            guard Self.isAddress(text) else { return }
            for j in (range.lowerBound + 1)..<range.upperBound { inside.insert(j) }
            guard offsets[range.upperBound] - offsets[range.lowerBound] > minimumWidth else { return }
            for j in (range.lowerBound + 2)...(range.upperBound - 2) {
                let before = characters[j - 1], at = characters[j]
                var allowed = false
                if before == "/" && characters[j - 2] == "/" { allowed = at != "/" }
                else if before == ":" && at != "/" { allowed = true }
                else if at == "/" { allowed = before != "/" && before != ":" && characters[j + 1] != "/" }
                else if ".,-_~?#%@".unicodeScalars.contains(at) { allowed = !".,-_~?#%@/".unicodeScalars.contains(before) }
                else if "=&".unicodeScalars.contains(at) || "=&".unicodeScalars.contains(before) { allowed = true }
                if allowed && !existing.contains(j) && advances[j] > 0 {
                    // (`existing` holds only the breaks added here: Unicode's are taken out below.)
                    added.append(BreakPoint(index: j, kind: .address))
                    existing.insert(j)
                }
            }
        }
        for (i, space) in isSpace.enumerated() where space {
            token(start..<i)
            start = i + 1
        }
        token(start..<isSpace.count)
        guard !added.isEmpty || !inside.isEmpty else { return }
        let kept = breaks.filter { $0.forced || !inside.contains($0.index) }
        breaks = (kept + added).sorted { $0.index < $1.index }
    }

    /// A web address (`https://`, `www.`, `domain.tld/path`) or an e-mail address, not a unit
    /// like "mg/kg" or a date like "01/05/2024".
    static func isAddress(_ text: String) -> Bool {
        if text.contains("://") || text.lowercased().hasPrefix("www.") { return true }
        if let at = text.firstIndex(of: "@"), text[text.index(after: at)...].contains("."), at != text.startIndex { return true }
        return text.range(of: #"^[\p{L}0-9-]+(\.[\p{L}0-9-]+)*\.[A-Za-z]{2,}/"#, options: .regularExpression) != nil
    }

    /// Adds breaks inside each stretch between breaks that is wider than `width` (a word, an
    /// address or a glued number longer than the line), so that no line must run into the
    /// margin: first after its no-break spaces (`characters` tells them), and where a piece is
    /// still too wide, between every two of its clusters. The breakers take them only when
    /// nothing else fits.
    public mutating func addEmergencyBreaks(width: Double, characters: [Unicode.Scalar] = []) {
        let glue: Set<Unicode.Scalar> = ["\u{A0}", "\u{202F}", "\u{2007}", "\u{2060}"]
        var added: [BreakPoint] = []
        func split(_ first: Int, _ end: Int) {
            for j in (first + 1)..<end where advances[j] > 0 && !isSpace[j] && !isSpace[j - 1] {
                added.append(BreakPoint(index: j, kind: .emergency))
            }
        }
        var previous = 0
        for point in breaks {
            var end = point.index
            while end > previous && isSpace[end - 1] { end -= 1 }
            var first = previous
            while first < end && isSpace[first] { first += 1 }
            if offsets[end] - offsets[first] > width {
                let glued = characters.count == advances.count
                    ? ((first + 1)..<end).filter { glue.contains(characters[$0 - 1]) } : []
                var start = first
                for cut in glued + [end] {
                    var stop = cut
                    while stop > start && glue.contains(characters[stop - 1]) { stop -= 1 }
                    if offsets[stop] - offsets[start] > width { split(start, stop) }
                    if cut < end { added.append(BreakPoint(index: cut, kind: .emergency)) }
                    start = cut
                }
            }
            previous = point.index
        }
        guard !added.isEmpty else { return }
        breaks = (breaks + added).sorted { $0.index < $1.index }
    }

    /// The line from character `start` up to the break `point`: trailing spaces dropped, a hyphen
    /// added at a hyphenation break.
    public func line(from start: Int, to point: BreakPoint) -> LineBreak {
        var end = point.index
        while end > start && isSpace[end - 1] { end -= 1 }
        var first = start
        while first < end && isSpace[first] { first += 1 }
        let natural = offsets[end] - offsets[first] + (point.hyphenated ? hyphenWidth : 0)
        return LineBreak(start: first, end: end, next: point.index, hyphenated: point.hyphenated, forced: point.forced,
                         naturalWidth: natural, spaces: spaceCounts[end] - spaceCounts[first],
                         spaceWidth: spaceWidths[end] - spaceWidths[first], endsWithHyphen: point.endsWithHyphen,
                         letters: letterCounts[end] - letterCounts[first])
    }
}

/// One line chosen by the breaker: the characters it shows, its natural width and its spaces.
public struct LineBreak: Sendable, Equatable {
    /// First character shown (leading spaces skipped).
    public var start: Int
    /// One past the last character shown (trailing spaces dropped).
    public var end: Int
    /// Where the next line starts.
    public var next: Int
    public var hyphenated: Bool
    /// The line ends the paragraph or at a hard break: it is set ragged, never stretched.
    public var forced: Bool
    public var naturalWidth: Double
    public var spaces: Int
    /// The natural width of the line's word spaces, together.
    public var spaceWidth: Double
    /// The line ends with a hyphen (inserted at a hyphenation point, or one of the text's own).
    public var endsWithHyphen: Bool
    /// Characters other than spaces.
    public var letters: Int = 0
}
