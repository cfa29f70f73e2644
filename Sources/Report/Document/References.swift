/// A published work the report cites: its key in templates and its entry in the reference list.
///
/// A template cites it as `{{cite.KEY}}`, which becomes `[[n]](#ref-KEY)`; the list is the
/// document's last section, numbered in order of first citation (IEEE style).
public struct Reference: Sendable, Equatable {
    /// The key templates use: letters, digits, `_` and `-` (`llm-int8`).
    public var key: String
    /// The entry as Markdown: authors, title, venue, year, identifier.
    public var entry: String

    /// A reference.
    public init(key: String, entry: String) {
        precondition(TemplateValue.isValidKey(key), "reference key \(key) must use letters, digits, _ and -")
        precondition(!entry.contains("\n"), "reference \(key): the entry is one line")
        self.key = key
        self.entry = entry
    }

    /// The HTML anchor of the entry: `ref-llm-int8`.
    var anchor: String { "ref-\(key)" }
}

/// Every work the report may cite, defined once.
public enum References {
    /// The reference list; each must be cited somewhere in the templates (a test checks both ways).
    public static let all: [Reference] = [
        Reference(key: "ieee754", entry: "IEEE Computer Society, “IEEE Standard for Floating-Point Arithmetic,” IEEE Std 754-2019, 2019. doi:10.1109/IEEESTD.2019.8766229"),
        Reference(key: "ocp-fp8", entry: "Open Compute Project, “OCP 8-bit Floating Point Specification (OFP8),” Revision 1.0, 2023."),
        Reference(key: "kalamkar2019", entry: "D. Kalamkar et al., “A Study of BFLOAT16 for Deep Learning Training,” arXiv:1905.12322, 2019."),
        Reference(key: "jacob2018", entry: "B. Jacob, S. Kligys, B. Chen, M. Zhu, M. Tang, A. Howard, H. Adam and D. Kalenichenko, “Quantization and Training of Neural Networks for Efficient Integer-Arithmetic-Only Inference,” CVPR 2018. arXiv:1712.05877"),
        Reference(key: "nagel2021", entry: "M. Nagel, M. Fournarakis, R. A. Amjad, Y. Bondarenko, M. van Baalen and T. Blankevoort, “A White Paper on Neural Network Quantization,” arXiv:2106.08295, 2021."),
        Reference(key: "qlora", entry: "T. Dettmers, A. Pagnoni, A. Holtzman and L. Zettlemoyer, “QLoRA: Efficient Finetuning of Quantized LLMs,” NeurIPS 2023. arXiv:2305.14314"),
        Reference(key: "lsq", entry: "S. K. Esser, J. L. McKinstry, D. Bablani, R. Appuswamy and D. S. Modha, “Learned Step Size Quantization,” ICLR 2020. arXiv:1902.08153"),
        Reference(key: "llm-int8", entry: "T. Dettmers, M. Lewis, Y. Belkada and L. Zettlemoyer, “LLM.int8(): 8-bit Matrix Multiplication for Transformers at Scale,” NeurIPS 2022. arXiv:2208.07339"),
        Reference(key: "bondarenko2021", entry: "Y. Bondarenko, M. Nagel and T. Blankevoort, “Understanding and Overcoming the Challenges of Efficient Transformer Quantization,” EMNLP 2021. arXiv:2109.12948"),
        Reference(key: "smoothquant", entry: "G. Xiao, J. Lin, M. Seznec, H. Wu, J. Demouth and S. Han, “SmoothQuant: Accurate and Efficient Post-Training Quantization for Large Language Models,” ICML 2023. arXiv:2211.10438"),
        Reference(key: "gptq", entry: "E. Frantar, S. Ashkboos, T. Hoefler and D. Alistarh, “GPTQ: Accurate Post-Training Quantization for Generative Pre-trained Transformers,” arXiv:2210.17323, 2022 (ICLR 2023)."),
        Reference(key: "llama-cpp", entry: "G. Gerganov et al., “llama.cpp: LLM inference in C/C++,” software, <https://github.com/ggml-org/llama.cpp> (GGUF block formats Q8_0, Q4_0)."),
        Reference(key: "horowitz2014", entry: "M. Horowitz, “Computing’s Energy Problem (and what we can do about it),” IEEE ISSCC 2014, pp. 10–14. doi:10.1109/ISSCC.2014.6757323"),
    ]
}
