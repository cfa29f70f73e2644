import Foundation
public import Tensor

/// Writes F32 tensors and metadata in the safetensors format (see `SafetensorsHeader` for the
/// layout), byte for byte the same for the same tensors and metadata.
///
/// ```
/// header = {"__metadata__":{…},"a":{"dtype":"F32","shape":[…],"data_offsets":[b,e]},…}
///          + spaces so that 8 + N is a multiple of 8
/// data   = the tensors' FP32 elements, little-endian, one after another
/// ```
/// Determinism: tensors are laid out in ascending name order (UTF-8 bytes) and the header's keys
/// are sorted (Foundation's `.sortedKeys`), no whitespace inside the JSON; `__metadata__` is left
/// out when empty. The
/// padding keeps the data section 8-byte aligned, as the reference writer does.
public enum SafetensorsWriter {
    /// The file image of `tensors` and `metadata`.
    /// - Complexity: O(total elements).
    public static func encode(_ tensors: [String: Tensor], metadata: [String: String] = [:]) -> [UInt8] {
        let names = tensors.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        var members: [String: Any] = [:]
        if !metadata.isEmpty { members["__metadata__"] = metadata }
        var offset = 0
        for name in names {
            let t = tensors[name]!
            let end = offset + 4 * t.count
            members[name] = ["dtype": "F32", "shape": t.shape, "data_offsets": [offset, end]] as [String: Any]
            offset = end
        }
        // Foundation writes the header: strings, integers and arrays only, so nothing depends
        // on how it prints a double; sorted keys make it the same bytes for the same input.
        // Safe: every member is a string, an integer, or an array or object of them.
        let json = try! JSONSerialization.data(withJSONObject: members, options: [.sortedKeys, .withoutEscapingSlashes])
        var header = [UInt8](json)
        header += [UInt8](repeating: 0x20, count: (8 - (8 + header.count) % 8) % 8)
        var bytes = [UInt8]()
        bytes.reserveCapacity(8 + header.count + offset)
        var length = UInt64(header.count).littleEndian
        withUnsafeBytes(of: &length) { bytes += $0 }
        bytes += header
        for name in names {
            tensors[name]!.storage.withUnsafeBufferPointer { values in
                #if _endian(little)
                bytes += UnsafeRawBufferPointer(values)
                #else
                for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes += $0 } }
                #endif
            }
        }
        return bytes
    }

    /// Writes the file image atomically (a temporary file in the same directory, flushed, then
    /// renamed over `path`), so a reader sees the previous file or the new one, never a part.
    /// - Throws: `SafetensorsError` of kind `unwritable`, naming the path and the system's reason.
    public static func write(_ tensors: [String: Tensor], metadata: [String: String] = [:], to path: String) throws(SafetensorsError) {
        do {
            try FileBytes.writeAtomically(encode(tensors, metadata: metadata), to: path)
        } catch let error as FileError {
            throw SafetensorsError(path: path, kind: .unwritable, detail: error.problem)
        } catch {
            throw SafetensorsError(path: path, kind: .unwritable, detail: "\(error)")
        }
    }

}
