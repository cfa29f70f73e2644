/// Every chapter builder of the report, in report order. A new section adds its builder here
/// (and its experiment to `ExperimentRegistry.sections`, and its template to `report/src/`).
public enum ReportChapters {
    /// The builders of the sections' chapters.
    public static let all: [any ChapterBuilder] = [FormatsChapter(), MatmulChapter(), LinregChapter()]

    /// The template of the closing pros-and-cons chapter.
    public static let prosAndConsTemplate = "90-pros-and-cons.md.mustache"
}
