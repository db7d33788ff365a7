using System.ComponentModel.DataAnnotations;
using Academy.Domain.Reports;

namespace Academy.Web.Pages.Reports;

/// <summary>The completion report's filter, as the GET form sends it. The same filter drives the matrix, the rollups and
/// the exports, so an export holds exactly what the screen shows.</summary>
public sealed class ReportFilter : IValidatableObject
{
    public string? Department { get; set; }
    public string? Location { get; set; }

    /// <summary>Everyone under this manager, directly or through other managers.</summary>
    public string? ManagerId { get; set; }
    public string? JobRole { get; set; }
    public string? Program { get; set; }
    public string? Module { get; set; }
    public string? Standard { get; set; }
    public TrainingStatus? Status { get; set; }
    public DateOnly? HiredFrom { get; set; }
    public DateOnly? HiredTo { get; set; }

    /// <summary>The screen's program view: one column per program (its status from its modules' cells) instead of one
    /// per module. The exports stay per module.</summary>
    public bool ByProgram { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (HiredFrom > HiredTo)
            yield return new ValidationResult("The hire date range ends before it starts.", [nameof(HiredTo)]);
    }

    /// <summary>The filter as a query string, for the export form, the pages' links and the export audit.</summary>
    public Dictionary<string, string> ToRouteValues()
    {
        var values = new Dictionary<string, string?>
        {
            [nameof(Department)] = Department, [nameof(Location)] = Location, [nameof(ManagerId)] = ManagerId, [nameof(JobRole)] = JobRole,
            [nameof(Program)] = Program, [nameof(Module)] = Module, [nameof(Standard)] = Standard, [nameof(Status)] = Status?.ToString(),
            [nameof(HiredFrom)] = HiredFrom?.ToString("yyyy-MM-dd"), [nameof(HiredTo)] = HiredTo?.ToString("yyyy-MM-dd"),
            [nameof(ByProgram)] = ByProgram ? "true" : null,
        };
        return values.Where(v => !string.IsNullOrEmpty(v.Value)).ToDictionary(v => v.Key, v => v.Value!);
    }

    public string ToQueryString() => string.Join('&', ToRouteValues().Select(v => $"{v.Key}={Uri.EscapeDataString(v.Value)}"));

    /// <summary>The filter a stored query string holds (a scheduled report's); a value that no longer parses is left out,
    /// as the form's binding would.</summary>
    public static ReportFilter FromQueryString(string query)
    {
        var values = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)
            .ToDictionary(v => v.Key, v => v.Value.ToString() is { Length: > 0 } text ? text : null, StringComparer.OrdinalIgnoreCase);
        string? Get(string name) => values.GetValueOrDefault(name);
        static DateOnly? Date(string? text) => DateOnly.TryParseExact(text, "yyyy-MM-dd", out var date) ? date : null;
        return new ReportFilter
        {
            Department = Get(nameof(Department)), Location = Get(nameof(Location)), ManagerId = Get(nameof(ManagerId)), JobRole = Get(nameof(JobRole)),
            Program = Get(nameof(Program)), Module = Get(nameof(Module)), Standard = Get(nameof(Standard)),
            Status = Enum.TryParse<TrainingStatus>(Get(nameof(Status)), out var status) && Enum.IsDefined(status) ? status : null,
            HiredFrom = Date(Get(nameof(HiredFrom))), HiredTo = Date(Get(nameof(HiredTo))),
        };
    }
}
