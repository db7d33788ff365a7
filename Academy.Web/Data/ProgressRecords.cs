namespace Academy.Web.Data;

/// <summary>A lesson an employee has read. Keyed by module and lesson number, so a new version of the
/// module keeps what was read.</summary>
public sealed class LessonView
{
    public string EmployeeId { get; set; } = "";
    public string ModuleId { get; set; } = "";
    public int LessonNumber { get; set; }
    public DateTimeOffset FirstReadAt { get; set; }

    /// <summary>Moved on only when a refresher asks for the lesson to be read again, so a plain re-read writes nothing.</summary>
    public DateTimeOffset ReadAt { get; set; }
}

/// <summary>A module completed on a given version. Each refresher adds a row with the next <see cref="Sequence"/>,
/// so the history is kept and two racing requests cannot both complete the same cycle.</summary>
public sealed class ModuleCompletion
{
    public int Id { get; set; }
    public string EmployeeId { get; set; } = "";
    public string ModuleId { get; set; } = "";
    public int Sequence { get; set; }
    public int ModuleVersion { get; set; }
    public decimal? Score { get; set; }
    public DateTimeOffset CompletedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
}
