public import Analysis

extension TemplateValue {
    /// An interval as a template record: `value`, `lower`, `upper` in `style`, and the flags
    /// `below_zero` (the whole interval below 0) and `above_zero` (the whole interval above 0)
    /// that gate a sentence claiming a direction of a paired change.
    public static func interval(_ ci: ConfidenceInterval, _ style: NumberStyle) -> TemplateValue {
        .record([
            "value": .number(ci.estimate, style), "lower": .number(ci.lower, style), "upper": .number(ci.upper, style),
            "below_zero": .flag(ci.upper < 0), "above_zero": .flag(ci.lower > 0),
        ])
    }
}
