/// The three fields of a .npy header dict, parsed from its Python literal.
struct NPYHeader {
    let descr: String
    let fortranOrder: Bool
    let shape: [Int]

    /// Parses `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }` (keys in any order,
    /// either quote, any spacing); `fail` builds the error for a problem.
    init(parsing text: String, fail: (String) -> FileError) throws {
        func value(of key: String) throws -> Substring {
            guard let keyRange = text.firstRange(of: "'\(key)'") ?? text.firstRange(of: "\"\(key)\"") else {
                throw fail("header has no '\(key)'")
            }
            var rest = text[keyRange.upperBound...].drop { $0 == " " }
            guard rest.first == ":" else { throw fail("header has no value for '\(key)'") }
            rest = rest.dropFirst().drop { $0 == " " }
            return rest
        }
        let descrValue = try value(of: "descr")
        guard let quote = descrValue.first, quote == "'" || quote == "\"",
              let end = descrValue.dropFirst().firstIndex(of: quote)
        else { throw fail("'descr' is not a quoted string (structured dtypes are not supported)") }
        descr = String(descrValue[descrValue.index(after: descrValue.startIndex)..<end])

        let orderValue = try value(of: "fortran_order")
        if orderValue.hasPrefix("False") { fortranOrder = false } else if orderValue.hasPrefix("True") {
            fortranOrder = true
        } else { throw fail("'fortran_order' is neither True nor False") }

        let shapeValue = try value(of: "shape")
        guard shapeValue.first == "(", let close = shapeValue.firstIndex(of: ")") else {
            throw fail("'shape' is not a tuple")
        }
        let items = shapeValue[shapeValue.index(after: shapeValue.startIndex)..<close]
            .split(separator: ",").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
        var shape = [Int]()
        for item in items {
            guard let n = Int(item.hasSuffix("L") ? String(item.dropLast()) : item), n >= 0 else {
                throw fail("'shape' has a bad extent '\(item)'")
            }
            shape.append(n)
        }
        self.shape = shape
    }
}

extension Substring {
    func trimmingSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
