namespace Academy.Web.Data;

/// <summary>A trainer's unpublished text for a content file (new or existing). Learners never see it.</summary>
public sealed class ContentDraft
{
    public int Id { get; set; }

    /// <summary>The content path it will publish to, e.g. <c>modules/refunds/refund-rules.quiz.md</c>.</summary>
    public string Path { get; set; } = "";
    public string Markdown { get; set; } = "";

    /// <summary>Bumped at each save. A save that names an older revision was made on a stale copy and is refused,
    /// so two trainers never overwrite each other silently.</summary>
    public int Revision { get; set; }

    /// <summary>The published version the draft started from; null for a new file.</summary>
    public int? BaseNumber { get; set; }
    public string UpdatedBy { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>An image uploaded for a module in the browser, served at <c>/media/{module}/{file}</c>.</summary>
public sealed class ContentMedia
{
    public int Id { get; set; }
    public string ModuleId { get; set; } = "";
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public byte[] Bytes { get; set; } = [];
    public string UploadedBy { get; set; } = "";
    public DateTimeOffset UploadedAt { get; set; }
}
