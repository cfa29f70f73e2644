/// Makes Cairo's SVG deterministic and accessible.
///
/// Cairo names SVG elements with process-wide counters (`glyph0-1`, `clip3`, `surface5`), so the
/// second render of the same figure in one process would differ from the first. Every id is
/// renamed to its family (the leading letters) plus a number counted in order of first
/// appearance in the document, and every reference (`href="#…"`, `url(#…)`) follows. Then a
/// `<title>` and `<desc>` go in as the first children of the root element, with `role="img"`
/// and `aria-labelledby` pointing at them (WAI-ARIA Graphics), which screen readers announce.
enum SVGPostProcessor {
    static func process(_ svg: [UInt8], title: String, description: String) -> String {
        let normalized = normalizeIDs(svg)
        var text = String(decoding: normalized, as: UTF8.self)
        guard let open = text.range(of: "<svg"), let close = text[open.upperBound...].firstIndex(of: ">") else {
            return text
        }
        let accessible = "<title id=\"figure-title\">\(escape(title))</title>\n<desc id=\"figure-desc\">\(escape(description))</desc>\n"
        text.insert(contentsOf: "\n" + accessible, at: text.index(after: close))
        text.insert(contentsOf: " role=\"img\" aria-labelledby=\"figure-title figure-desc\"", at: open.upperBound)
        return text
    }

    /// XML character escaping for text content.
    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }

    private static let prefixes: [[UInt8]] = [Array("id=\"".utf8), Array("href=\"#".utf8), Array("url(#".utf8)]

    private static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F || b == 0x2E
    }

    /// Renames ids in one pass over the bytes.
    static func normalizeIDs(_ svg: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(svg.count)
        var names: [[UInt8]: [UInt8]] = [:]
        var counters: [[UInt8]: Int] = [:]
        var i = 0
        scan: while i < svg.count {
            for prefix in prefixes where svg[i] == prefix[0] && i + prefix.count <= svg.count && svg[i..<(i + prefix.count)].elementsEqual(prefix) {
                out.append(contentsOf: prefix)
                var j = i + prefix.count
                while j < svg.count && isNameByte(svg[j]) { j += 1 }
                let name = Array(svg[(i + prefix.count)..<j])
                if let renamed = names[name] {
                    out.append(contentsOf: renamed)
                } else {
                    let family = Array(name.prefix { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) })
                    let n = counters[family, default: 0]
                    counters[family] = n + 1
                    let renamed = family + Array(String(n).utf8)
                    names[name] = renamed
                    out.append(contentsOf: renamed)
                }
                i = j
                continue scan
            }
            out.append(svg[i])
            i += 1
        }
        return out
    }
}
