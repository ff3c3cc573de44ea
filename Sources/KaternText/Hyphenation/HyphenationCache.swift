import CHyphen
import CZlib
import Foundation

/// libhyphen's loaded patterns (its state machine, `HyphenDict` in hyphen.h) kept in a file, so
/// that a build reads them back in well under a millisecond instead of parsing the dictionary
/// (about 10 ms for Dutch's 16,000 patterns), as fontconfig keeps its font scans.
///
/// The file is named by the dictionary's path, size and modification time and by this format
/// (a dictionary replaced by a package upgrade gets a new one), in a folder of this user's that
/// no one else may write (`FontSet.privateCacheFolder`). It is written whole under a temporary
/// name and renamed; a file that is cut short, damaged (its CRC-32 differs) or not of this
/// format is not used, and the dictionary is parsed again.
///
/// What it reads back is one block of memory laid out as libhyphen's own structures (the
/// levels, their states, transitions and strings), so libhyphen hyphenates with it unchanged;
/// it is let go with `free`, not `hnj_hyphen_free`.
enum HyphenationCache {
    static let magic = Array("KHYPHEN1".utf8)

    /// The cached patterns of the dictionary at `path`, or nil (no cache yet, or not usable).
    static func load(dictionary path: String) -> UnsafeMutablePointer<HyphenDict>? {
        // A regular file of this user's, of a dictionary's size at most (Dutch's is 466 KiB), read whole.
        guard let file = file(for: path) else { return nil }
        let fd = open(file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == getuid(), info.st_size <= maximumSize else { return nil }
        var data = [UInt8](repeating: 0, count: Int(info.st_size))
        let count = data.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard count == data.count else { return nil }
        return decode(data)
    }

    /// The largest cache file read (a dictionary's patterns take well under a megabyte).
    static let maximumSize = 32 << 20

    /// Keeps `dictionary` (just parsed from `path`) for the next process. Failing to write is
    /// not an error: the next build parses the dictionary again.
    static func store(_ dictionary: UnsafeMutablePointer<HyphenDict>, dictionary path: String) {
        guard cacheable(dictionary), let file = file(for: path) else { return }
        let temporary = file + ".\(getpid()).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(encode(dictionary)), attributes: [.posixPermissions: 0o600]) else { return }
        if rename(temporary, file) != 0 { unlink(temporary) }
    }

    /// The cache file for the dictionary at `path` (nil: no private cache folder).
    static func file(for path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
        let modified = info.st_mtimespec
        #else
        let modified = info.st_mtim
        #endif
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        let layout = [MemoryLayout<HyphenDict>.stride, MemoryLayout<HyphenState>.stride, MemoryLayout<HyphenTrans>.stride]
        let key = "\(String(decoding: magic, as: UTF8.self))|\(path)|\(info.st_size)|\(modified.tv_sec).\(modified.tv_nsec)|\(layout)"
        for byte in key.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("katern-hyphen-\(getuid())").path
        guard let folder = FontSet.privateCacheFolder(String(hash, radix: 16), base: base) else { return nil }
        return folder + "/patterns.bin"
    }

    // MARK: The format

    /// The levels of a dictionary (libhyphen chains a second level for compound words).
    private static func levels(_ dictionary: UnsafeMutablePointer<HyphenDict>) -> [UnsafeMutablePointer<HyphenDict>] {
        var levels: [UnsafeMutablePointer<HyphenDict>] = []
        var next: UnsafeMutablePointer<HyphenDict>? = dictionary
        while let level = next, levels.count < 64 {
            levels.append(level)
            next = level.pointee.nextlevel
        }
        return levels
    }

    /// Whether the cache keeps this dictionary: not one with non-standard breaks (replacements
    /// such as German's "ck" -> "k-k"; Dutch has none), whose offsets libhyphen uses as they are
    /// written, unchecked: such a dictionary is parsed in each process, as before.
    static func cacheable(_ dictionary: UnsafeMutablePointer<HyphenDict>) -> Bool {
        levels(dictionary).allSatisfy { level in
            UnsafeBufferPointer(start: level.pointee.states, count: Int(level.pointee.num_states)).allSatisfy { $0.repl == nil }
        }
    }

    /// The NOHYPHEN strings: `nohyphenl + 1` strings, each ended by a NUL (libhyphen's layout).
    private static func noHyphenBytes(_ level: HyphenDict) -> [UInt8] {
        guard let start = level.nohyphen else { return [] }
        var bytes: [UInt8] = []
        var at = start
        for _ in 0...max(0, Int(level.nohyphenl)) {
            let length = strlen(at)
            bytes += UnsafeRawBufferPointer(start: at, count: length + 1)
            at += length + 1
        }
        return bytes
    }

    /// Header: magic, CRC-32 of the rest, then the number of levels, states, transitions and
    /// string bytes (the block to allocate); then each level: its four minimums, NOHYPHEN,
    /// `utf8`, `cset`, and its states (match, replacement, replacement index and cut, fallback
    /// state, transitions).
    static func encode(_ dictionary: UnsafeMutablePointer<HyphenDict>) -> [UInt8] {
        var body: [UInt8] = []
        func int(_ value: Int) { withUnsafeBytes(of: Int32(truncatingIfNeeded: value).littleEndian) { body += $0 } }
        func string(_ pointer: UnsafeMutablePointer<CChar>?) {
            guard let pointer else { int(-1); return }
            let length = strlen(pointer)
            int(length)
            body += UnsafeRawBufferPointer(start: pointer, count: length)
        }
        let all = levels(dictionary)
        var states = 0, transitions = 0, strings = 0
        for level in all.map(\.pointee) {
            states += Int(level.num_states)
            strings += noHyphenBytes(level).count
            for state in UnsafeBufferPointer(start: level.states, count: Int(level.num_states)) {
                transitions += Int(state.num_trans)
                if let match = state.match { strings += strlen(match) + 1 }
                if let repl = state.repl { strings += strlen(repl) + 1 }
            }
        }
        int(all.count); int(states); int(transitions); int(strings)
        for level in all.map(\.pointee) {
            body += [level.lhmin, level.rhmin, level.clhmin, level.crhmin].map { UInt8(bitPattern: $0) }
            let noHyphen = noHyphenBytes(level)
            int(level.nohyphen == nil ? -1 : noHyphen.count)
            body += noHyphen
            int(Int(level.nohyphenl))
            int(Int(level.utf8))
            withUnsafeBytes(of: level.cset) { body += $0 }
            int(Int(level.num_states))
            for state in UnsafeBufferPointer(start: level.states, count: Int(level.num_states)) {
                string(state.match)
                string(state.repl)
                body += [UInt8(bitPattern: state.replindex), UInt8(bitPattern: state.replcut)]
                int(Int(state.fallback_state))
                int(Int(state.num_trans))
                for transition in UnsafeBufferPointer(start: state.trans, count: Int(state.num_trans)) {
                    body.append(UInt8(bitPattern: transition.ch))
                    int(Int(transition.new_state))
                }
            }
        }
        var out = magic
        withUnsafeBytes(of: UInt32(checksum(body)).littleEndian) { out += $0 }
        return out + body
    }

    private static func checksum(_ bytes: [UInt8]) -> UInt {
        bytes.withUnsafeBufferPointer { UInt(crc32(0, $0.baseAddress, uInt($0.count))) }
    }

    /// Reads little-endian values, nil past the end.
    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var at: Int
        mutating func byte() -> UInt8? {
            guard at < bytes.count else { return nil }
            defer { at += 1 }
            return bytes[at]
        }
        mutating func int() -> Int? {
            guard at + 4 <= bytes.count else { return nil }
            defer { at += 4 }
            return Int(Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: Int32.self)))
        }
        mutating func take(_ count: Int) -> UnsafeRawBufferPointer? {
            guard count >= 0, at + count <= bytes.count else { return nil }
            defer { at += count }
            return UnsafeRawBufferPointer(rebasing: bytes[at..<at + count])
        }
    }

    /// Whether a level's states are a trie as libhyphen's parser builds it: each state but the
    /// first reached by one transition, its match no longer than its depth and one, its fallback a
    /// shallower state (libhyphen follows fallbacks until -1, and writes a match's digits before
    /// the letters that reached it: a cycle would never end, a longer match would write outside
    /// the word).
    private static func wellFormed(_ states: UnsafeMutableBufferPointer<HyphenState>) -> Bool {
        var parent = [Int](repeating: -1, count: states.count)
        for (index, state) in states.enumerated() {
            for transition in UnsafeBufferPointer(start: state.trans, count: Int(state.num_trans)) {
                let target = Int(transition.new_state)
                guard target != 0, parent[target] == -1 else { return false }
                parent[target] = index
            }
        }
        // Which states' letters start with the word's '.' (libhyphen puts one before each word).
        var fromDot = [Bool](repeating: false, count: states.count)
        for transition in UnsafeBufferPointer(start: states[0].trans, count: Int(states[0].num_trans)) where transition.ch == CChar(UInt8(ascii: ".")) {
            fromDot[Int(transition.new_state)] = true
        }
        var depth = [Int](repeating: -1, count: states.count)
        depth[0] = 0
        var path: [Int] = []
        for index in states.indices where depth[index] < 0 {
            var at = index
            while depth[at] < 0 {
                guard parent[at] >= 0, path.count < states.count else { return false }
                path.append(at)
                at = parent[at]
            }
            var known = depth[at], dot = fromDot[at]
            for state in path.reversed() {
                known += 1
                depth[state] = known
                dot = dot || fromDot[state]
                fromDot[state] = dot
            }
            path.removeAll(keepingCapacity: true)
        }
        for (index, state) in states.enumerated() {
            // A match is written from where its letters start, less one (the digit before the
            // first letter); the word's '.' has nothing before it.
            if let match = state.match, strlen(match) > depth[index] + (fromDot[index] ? 0 : 1) { return false }
            let fallback = Int(state.fallback_state)
            guard fallback == -1 ? index == 0 : depth[fallback] < depth[index] else { return false }
        }
        return true
    }

    /// The dictionary `data` holds, in one block (`free` lets it go), or nil when `data` is not
    /// a whole, undamaged file of this format whose states all lead to states of their level.
    static func decode(_ data: [UInt8]) -> UnsafeMutablePointer<HyphenDict>? {
        data.withUnsafeBytes { decode($0) }
    }

    private static func decode(_ data: UnsafeRawBufferPointer) -> UnsafeMutablePointer<HyphenDict>? {
        guard data.count >= magic.count + 4, data.prefix(magic.count).elementsEqual(magic) else { return nil }
        var reader = Reader(bytes: data, at: magic.count)
        guard let sum = reader.int(), let rest = UnsafeRawBufferPointer(rebasing: data[reader.at...]).baseAddress,
              UInt32(truncatingIfNeeded: sum) == UInt32(truncatingIfNeeded: crc32(0, rest.assumingMemoryBound(to: UInt8.self), uInt(data.count - reader.at))) else { return nil }
        guard let levelCount = reader.int(), let stateCount = reader.int(), let transitionCount = reader.int(), let stringBytes = reader.int(),
              (1...64).contains(levelCount), stateCount >= levelCount, transitionCount >= 0, stringBytes >= 0,
              stateCount + transitionCount + stringBytes <= data.count else { return nil }
        let dictSize = levelCount * MemoryLayout<HyphenDict>.stride
        let statesSize = stateCount * MemoryLayout<HyphenState>.stride
        let transSize = transitionCount * MemoryLayout<HyphenTrans>.stride
        guard let raw = calloc(1, dictSize + statesSize + transSize + stringBytes) else { return nil }
        var ok = false
        defer { if !ok { free(raw) } }
        let dicts = raw.bindMemory(to: HyphenDict.self, capacity: levelCount)
        let states = (raw + dictSize).bindMemory(to: HyphenState.self, capacity: stateCount)
        let transitions = (raw + dictSize + statesSize).bindMemory(to: HyphenTrans.self, capacity: transitionCount)
        let strings = (raw + dictSize + statesSize + transSize).bindMemory(to: CChar.self, capacity: stringBytes)
        var statesUsed = 0, transitionsUsed = 0, stringsUsed = 0

        /// `count` bytes (and a NUL) copied into the strings; nil for -1.
        func copy(_ count: Int, terminate: Bool) -> UnsafeMutablePointer<CChar>?? {
            if count == -1 { return .some(nil) }
            let needed = count + (terminate ? 1 : 0)
            guard count >= 0, stringsUsed + needed <= stringBytes, let bytes = reader.take(count) else { return nil }
            let target = strings + stringsUsed
            if count > 0 { UnsafeMutableRawPointer(target).copyMemory(from: bytes.baseAddress!, byteCount: count) }
            if terminate { target[count] = 0 }
            stringsUsed += needed
            return .some(target)
        }

        for index in 0..<levelCount {
            let level = dicts + index
            guard let minimums = reader.take(4), let noHyphenLength = reader.int(),
                  let noHyphen = copy(noHyphenLength, terminate: false),
                  let noHyphenCount = reader.int(), let utf8 = reader.int(),
                  let cset = reader.take(MemoryLayout.size(ofValue: level.pointee.cset)),
                  let count = reader.int(), count >= 1, statesUsed + count <= stateCount else { return nil }
            // NOHYPHEN: `noHyphenCount + 1` strings, each ended by a NUL, in exactly its bytes.
            if let noHyphen {
                // (An empty one would make libhyphen write before the word.)
                let bytes = UnsafeBufferPointer(start: noHyphen, count: noHyphenLength)
                guard noHyphenLength > 0, bytes[noHyphenLength - 1] == 0, noHyphenCount >= 0, bytes[0] != 0,
                      bytes.filter({ $0 == 0 }).count == noHyphenCount + 1,
                      !zip(bytes.dropFirst(), bytes).contains(where: { $0 == 0 && $1 == 0 }) else { return nil }
            }
            let mins = minimums.map { CChar(bitPattern: $0) }
            level.pointee.lhmin = mins[0]; level.pointee.rhmin = mins[1]
            level.pointee.clhmin = mins[2]; level.pointee.crhmin = mins[3]
            level.pointee.nohyphen = noHyphen
            level.pointee.nohyphenl = Int32(noHyphenCount)
            level.pointee.utf8 = Int32(utf8)
            withUnsafeMutableBytes(of: &level.pointee.cset) { $0.copyMemory(from: cset) }
            level.pointee.num_states = Int32(count)
            level.pointee.states = states + statesUsed
            level.pointee.nextlevel = index + 1 < levelCount ? dicts + index + 1 : nil
            for offset in 0..<count {
                let state = states + statesUsed + offset
                guard let matchLength = reader.int(), let match = copy(matchLength, terminate: true),
                      let replLength = reader.int(), let repl = copy(replLength, terminate: true),
                      let replIndex = reader.byte(), let replCut = reader.byte(),
                      let fallback = reader.int(), (-1..<count).contains(fallback),
                      let transitionsHere = reader.int(), transitionsHere >= 0, transitionsUsed + transitionsHere <= transitionCount else { return nil }
                guard repl == nil else { return nil }  // never written (see `cacheable`)
                state.pointee.match = match
                state.pointee.repl = repl
                state.pointee.replindex = Int8(bitPattern: replIndex)
                state.pointee.replcut = Int8(bitPattern: replCut)
                state.pointee.fallback_state = Int32(fallback)
                state.pointee.num_trans = Int32(transitionsHere)
                state.pointee.trans = transitionsHere == 0 ? nil : transitions + transitionsUsed
                for t in 0..<transitionsHere {
                    guard let ch = reader.byte(), let target = reader.int(), (0..<count).contains(target) else { return nil }
                    transitions[transitionsUsed + t] = HyphenTrans(ch: CChar(bitPattern: ch), new_state: Int32(target))
                }
                transitionsUsed += transitionsHere
            }
            guard wellFormed(UnsafeMutableBufferPointer(start: states + statesUsed, count: count)) else { return nil }
            statesUsed += count
        }
        guard reader.at == data.count, statesUsed == stateCount, transitionsUsed == transitionCount, stringsUsed == stringBytes else { return nil }
        ok = true
        return dicts
    }
}
