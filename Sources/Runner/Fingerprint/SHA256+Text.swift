import Datasets

extension SHA256 {
    /// Lower-case hex SHA-256 of the UTF-8 bytes of `text`.
    static func hex(ofText text: String) -> String {
        hex(of: hash(Array(text.utf8)))
    }
}
