namespace Academy.Web.Data;

public enum ImportStatus
{
    /// <summary>Uploaded and previewed; nothing written.</summary>
    Uploaded,
    Queued,
    Running,
    Applied,
    Failed,
}

/// <summary>An HR file, kept in the database between its preview and its apply (any node can apply it, and nothing lies
/// on a node's disk), then as the import history.</summary>
public sealed class EmployeeImportFile
{
    public int Id { get; set; }
    public string FileName { get; set; } = "";
    public byte[] Content { get; set; } = [];

    /// <summary>Each column's <see cref="Academy.Domain.People.ImportField"/> name, or null for an ignored column, as JSON.</summary>
    public string ColumnsJson { get; set; } = "[]";

    public bool DeactivateMissing { get; set; }
    public string UploadedById { get; set; } = "";
    public DateTimeOffset UploadedAt { get; set; }
    public ImportStatus Status { get; set; }
    public DateTimeOffset? AppliedAt { get; set; }
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Deactivated { get; set; }
    public int Unchanged { get; set; }

    /// <summary>Why the apply failed, for HR to read.</summary>
    public string? Error { get; set; }
}
