namespace Academy.Web.Data;

/// <summary>One export of a completion report, kept for the audit list: who took which employees' data, when, and how much.</summary>
public sealed class ExportRecord
{
    public long Id { get; set; }
    public string? EmployeeId { get; set; }

    /// <summary>Copied at export, so the audit still names the person after their account is gone.</summary>
    public string EmployeeName { get; set; } = "";
    public DateTimeOffset At { get; set; }

    /// <summary><c>csv</c> or <c>xlsx</c>.</summary>
    public string Format { get; set; } = "";

    /// <summary>The report's query string, as the filter form sent it.</summary>
    public string Filter { get; set; } = "";

    /// <summary>Employee rows written; null until the file has been written in full.</summary>
    public int? Rows { get; set; }
}
